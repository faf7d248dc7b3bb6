/**
 * Program variants for the templates that use an npm library (axios, got), now dev dependencies: built
 * from the templates like the others, written under node_modules/.cache so Node resolves the packages
 * from this repository. got's template bakes its policy into constants (attempts, base, cap, Retry-After
 * cap); the program sets them from argv by replacing those exact lines, and fails loudly when the template
 * no longer has them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { ProgramVariant } from './programs';

const ROOT = path.resolve(__dirname, '..', '..');

const scratch: string[] = [];
process.on('exit', () => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A scratch directory Node resolves this repository's node_modules from (removed when the test process exits). */
export function nodeWorkDir(prefix: string): string {
  const base = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, prefix));
  scratch.push(dir);
  return dir;
}

export function npmPackageMissing(...names: string[]): string | undefined {
  const missing = names.filter((n) => !fs.existsSync(path.join(ROOT, 'node_modules', n, 'package.json')));
  return missing.length ? `npm dev dependencies ${missing.join(', ')} not installed (run npm ci)` : undefined;
}

function helper(id: string): { imports: string[]; helper: string } {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return { imports: t.imports, helper: renderTemplate(t.helper, { snippet: false }) };
}

function replaceOrThrow(text: string, from: RegExp, to: string, what: string): string {
  if (!from.test(text)) throw new Error(`template changed: ${what} not found (${from})`);
  return text.replace(from, to);
}

const ARGS = `const [method, url, attempts, baseMs, capMs, raCapMs, key] = process.argv.slice(2);`;

const AXIOS_MAIN = (ts: boolean) => `${ARGS}
try {
  const response = await axiosWithRetry(
    axios,
    { method, url, headers: key ? { 'Idempotency-Key': key } : {}, data: method === 'POST' ? '{}' : undefined, timeout: 10_000 },
    { maxAttempts: Number(attempts), baseDelayMs: Number(baseMs), maxDelayMs: Number(capMs), retryAfterCapMs: Number(raCapMs) },
  );
  console.log(\`STATUS \${response.status}\`);
} catch (error${ts ? ': unknown' : ''}) {
  if (axios.isAxiosError(error) && error.response) console.log(\`STATUS \${error.response.status}\`);
  else {
    console.log(\`ERROR \${String(error)}\`);
    process.exit(3);
  }
}`;

const GOT_MAIN = (ts: boolean) => `${ARGS}
void attempts; void baseMs; void capMs; void raCapMs;
try {
  const response = await gotWithRetry(url, { method: method${ts ? ' as Method' : ''}, headers: key ? { 'Idempotency-Key': key } : {}, body: method === 'POST' ? '{}' : undefined, timeout: { request: 10_000 } });
  console.log(\`STATUS \${response.statusCode}\`);
} catch (error${ts ? ': any' : ''}) {
  if (error?.response?.statusCode) console.log(\`STATUS \${error.response.statusCode}\`);
  else {
    console.log(\`ERROR \${String(error)}\`);
    process.exit(3);
  }
}`;

function gotPolicyFromArgv(text: string): string {
  let out = replaceOrThrow(text, /const RETRY_MAX_ATTEMPTS = \d+;/, 'const RETRY_MAX_ATTEMPTS = Number(process.argv[4]);', 'RETRY_MAX_ATTEMPTS');
  out = replaceOrThrow(out, /const RETRY_BASE_DELAY_MS = \d+;/, 'const RETRY_BASE_DELAY_MS = Number(process.argv[5]);', 'RETRY_BASE_DELAY_MS');
  out = replaceOrThrow(out, /const RETRY_MAX_DELAY_MS = \d+;/, 'const RETRY_MAX_DELAY_MS = Number(process.argv[6]);', 'RETRY_MAX_DELAY_MS');
  return replaceOrThrow(out, /capMs = 60_000\)/, 'capMs = Number(process.argv[7]))', 'the Retry-After cap default');
}

function variant(library: 'axios' | 'got', ts: boolean): ProgramVariant {
  const id = `retry-${library}${ts ? '-ts' : ''}`;
  const source = () => {
    const { imports, helper: h } = helper(id);
    const body = library === 'got' ? gotPolicyFromArgv(h) : h;
    const extra = library === 'got' && ts ? ["import type { Method } from 'got';"] : [];
    return `${[...imports, ...extra].join('\n')}\n\n${body}\n\n${library === 'got' ? GOT_MAIN(ts) : AXIOS_MAIN(ts)}\n`;
  };
  return {
    name: `node-${library}-${ts ? 'ts' : 'js'}`,
    templateId: id,
    unavailable: async () => npmPackageMissing(library),
    source,
    prepare: async () => {
      const dir = nodeWorkDir(`eci-${library}-`);
      const file = path.join(dir, ts ? 'program.mts' : 'program.mjs');
      fs.writeFileSync(file, source());
      return ts ? { command: process.execPath, args: ['--import', 'tsx', file] } : { command: process.execPath, args: [file] };
    },
  };
}

export const LIBRARY_VARIANTS: ProgramVariant[] = [variant('axios', false), variant('axios', true), variant('got', false), variant('got', true)];
