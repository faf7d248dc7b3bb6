/**
 * Generates realistic benchmark inputs: HTTP client and server code in Python, TypeScript, Go and
 * Java, repeated with varied names up to a target line count, and a folder of mixed files of which
 * most contain no status codes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../server/src/service/types';

type Unit = (i: number) => string;

const PY: Unit[] = [
  (i) => `def fetch_item_${i}(session, item_id):\n    r = session.get(f"{BASE}/items/{item_id}", timeout=10)\n    if r.status_code == 429:\n        raise RateLimited(r.headers.get("Retry-After"))\n    if r.status_code == 404:\n        return None\n    r.raise_for_status()\n    return r.json()\n\n`,
  (i) => `@app.get("/orders/${i}")\ndef order_${i}(order_id: str):\n    if not BUCKET.take():\n        raise HTTPException(status_code=429, detail="slow down")\n    return {"id": order_id, "n": ${i}}\n\n`,
  (i) => `def compute_${i}(values):\n    total = 0\n    for index, value in enumerate(values):\n        total += value * ${i % 7 + 1}\n    return total / max(1, len(values))\n\n`,
];
const TS: Unit[] = [
  (i) => `export async function getUser${i}(id: string): Promise<unknown> {\n  const res = await fetch(\`\${BASE}/users/\${id}\`);\n  if (res.status === 503) {\n    throw new Error('unavailable');\n  }\n  if (!res.ok) throw new Error(String(res.status));\n  return res.json();\n}\n\n`,
  (i) => `app.get('/items/${i}', (req, res) => {\n  if (overloaded()) {\n    return res.status(503).json({ error: 'busy' });\n  }\n  res.status(200).json({ id: ${i} });\n});\n\n`,
  (i) => `export function layout${i}(width: number): number {\n  const margin = 16;\n  const columns = Math.floor((width - margin) / 240);\n  return columns * ${i % 5 + 1};\n}\n\n`,
];
const GO: Unit[] = [
  (i) => `func FetchProfile${i}(c *http.Client, id string) ([]byte, error) {\n\tresp, err := c.Get(base + "/profiles/" + id)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\tif resp.StatusCode == http.StatusTooManyRequests {\n\t\treturn nil, fmt.Errorf("rate limited")\n\t}\n\tif resp.StatusCode != 200 {\n\t\treturn nil, fmt.Errorf("status %d", resp.StatusCode)\n\t}\n\treturn io.ReadAll(resp.Body)\n}\n\n`,
  (i) => `func Sum${i}(values []int) int {\n\ttotal := 0\n\tfor _, v := range values {\n\t\ttotal += v * ${i % 9 + 1}\n\t}\n\treturn total\n}\n\n`,
];
const JAVA: Unit[] = [
  (i) => `    public String stock${i}(String sku) throws IOException, InterruptedException {\n        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + sku)).GET().build();\n        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());\n        if (response.statusCode() == 503) {\n            throw new IOException("unavailable");\n        }\n        return response.body();\n    }\n\n`,
  (i) => `    public int area${i}(int width, int height) {\n        int padding = 8;\n        return (width - padding) * (height - padding) + ${i};\n    }\n\n`,
];

const HEADERS: Record<string, [string, string]> = {
  python: ['import requests\nfrom fastapi import FastAPI, HTTPException\n\nBASE = "https://api.example.com"\napp = FastAPI()\n\n', ''],
  typescript: ["import express from 'express';\n\nconst BASE = 'https://api.example.com';\nconst app = express();\n\n", ''],
  go: ['package bench\n\nimport (\n\t"fmt"\n\t"io"\n\t"net/http"\n)\n\nconst base = "https://api.example.com"\n\n', ''],
  java: ['import java.io.IOException;\nimport java.net.URI;\nimport java.net.http.*;\n\npublic class Bench {\n    private static final String BASE = "https://api.example.com/";\n    private final HttpClient http = HttpClient.newHttpClient();\n\n', '}\n'],
};
const UNITS: Record<string, Unit[]> = { python: PY, typescript: TS, go: GO, java: JAVA };
export const EXTENSION: Record<string, string> = { python: 'py', typescript: 'ts', go: 'go', java: 'java' };

/** Source of about `lines` lines in a language, mixing client, server and unrelated code. */
export function generateSource(language: 'python' | 'typescript' | 'go' | 'java', lines: number): string {
  const [head, tail] = HEADERS[language];
  const units = UNITS[language];
  let text = head;
  for (let i = 0; text.split('\n').length < lines; i++) text += units[i % units.length](i);
  return text + tail;
}

/** Plain code with no status codes at all (the common case in a real repository). */
function generatePlain(language: 'python' | 'typescript', i: number): string {
  return language === 'python'
    ? `def helper_${i}(a, b):\n    """Adds things."""\n    return [x + y for x, y in zip(a, b)]\n\n\nclass Model${i}:\n    def __init__(self, name):\n        self.name = name\n`
    : `export function helper${i}(a: number[], b: number[]): number[] {\n  return a.map((x, k) => x + (b[k] ?? 0));\n}\n\nexport class Model${i} {\n  constructor(readonly name: string) {}\n}\n`;
}

/** A folder of `count` files; one in `codeEvery` has HTTP code in it. Returns the folder. */
export function generateFolder(dir: string, count: number, codeEvery = 10): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const languages = ['python', 'typescript', 'go', 'java'] as const;
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    if (i % codeEvery === 0) {
      const language = languages[(i / codeEvery) % languages.length];
      fs.writeFileSync(path.join(sub, `client${i}.${EXTENSION[language]}`), generateSource(language, 120));
    } else {
      const language = i % 2 ? 'python' : 'typescript';
      fs.writeFileSync(path.join(sub, `util${i}.${EXTENSION[language]}`), generatePlain(language, i));
    }
  }
  return dir;
}

export const LANGUAGE_ID: Record<string, LanguageId> = { python: 'python', typescript: 'typescript', go: 'go', java: 'java' };
