/**
 * Loopback HTTP server with scripted behaviours, for proving by execution that the retry helpers
 * retry what they should, when they should. Paths look like `/<run>/<scenario>`; the scenario
 * decides the response from how many requests that path has seen. Every request is recorded.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export type Scenario =
  | '503-then-200'
  | '429-retry-after-seconds'
  | '429-retry-after-date'
  | '429-retry-after-huge'
  | '500-forever'
  | '400'
  | 'reset-then-200'
  | 'post-503-then-200';

export interface RecordedRequest {
  /** performance.now() on arrival, ms. */
  time: number;
  method: string;
  headers: http.IncomingHttpHeaders;
}

export interface ScriptedServer {
  baseUrl: string;
  /** Requests seen on a path, in arrival order. */
  requests(path: string): RecordedRequest[];
  /** For 429-retry-after-date: performance.now() of the instant the HTTP-date named. */
  retryAt(path: string): number | undefined;
  close(): Promise<void>;
}

/** Hard ceiling per path so a runaway client cannot loop forever. */
const MAX_REQUESTS_PER_PATH = 20;

export async function startScriptedServer(): Promise<ScriptedServer> {
  const log = new Map<string, RecordedRequest[]>();
  const retryAtByPath = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const seen = log.get(path) ?? [];
    seen.push({ time: performance.now(), method: req.method ?? '', headers: req.headers });
    log.set(path, seen);
    const n = seen.length; // 1-based attempt number
    const scenario = path.split('/').pop() as Scenario;
    const send = (status: number, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close', ...headers });
      res.end(`status ${status} attempt ${n}\n`);
    };
    req.resume();
    if (n > MAX_REQUESTS_PER_PATH) return send(410);
    switch (scenario) {
      case '503-then-200':
        return n === 1 ? send(503) : send(200);
      case '429-retry-after-seconds':
        return n === 1 ? send(429, { 'Retry-After': '1' }) : send(200);
      case '429-retry-after-date': {
        if (n > 1) return send(200);
        // An HTTP-date has 1 s resolution: name the whole second at least 2 s ahead.
        const targetEpoch = Math.ceil((Date.now() + 2000) / 1000) * 1000;
        retryAtByPath.set(path, performance.now() + (targetEpoch - Date.now()));
        return send(429, { 'Retry-After': new Date(targetEpoch).toUTCString() });
      }
      case '429-retry-after-huge':
        return n === 1 ? send(429, { 'Retry-After': '3600' }) : send(200);
      case '500-forever':
        return send(500);
      case '400':
        return send(400);
      case 'reset-then-200':
        if (n === 1) {
          req.socket.destroy();
          return;
        }
        return send(200);
      case 'post-503-then-200':
        return n === 1 ? send(503) : send(200);
      default:
        return send(404);
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: (path) => log.get(path) ?? [],
    retryAt: (path) => retryAtByPath.get(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
