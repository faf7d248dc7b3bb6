// The benchmark's label files: loading, the held-back split, and where restored files live.
// Plain data in, plain data out; no analysis here.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const LABELS_DIR = join(BENCH_DIR, 'labels');
export const FILES_DIR = join(BENCH_DIR, 'files');

export const LANGUAGES = ['python', 'javascript', 'typescript', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin', 'http'];
export const ROLES = ['client-check', 'server-sets', 'constant', 'test-assert', 'retry-config', 'http-file'];
export const KINDS = ['http-status', 'grpc', 'network-error', 'cloud-error', 'vendor-error', 'client-exception', 'jsonrpc', 'websocket', 'sqlstate'];
export const CONFIDENCE = ['high', 'medium', 'low'];
export const SHAPES = ['inline', 'helper', 'other-file', 'range', 'loop', 'recursion', 'callback', 'handler-chain', 'declarative', 'decorator', 'sdk-default', 'server'];
/** Rules a handling label may expect. The last three are scored once the engine has them. */
export const LABEL_RULES = [
  'retryable-treated-as-final',
  'no-retry-on-request',
  'retry-ignores-retry-after',
  'retry-without-backoff',
  'unsafe-retry',
  'non-retryable-retried',
  'missing-retry-after',
  'request-without-timeout',
  'retry-amplification',
  'retry-delay-unit',
];

/** Held-back split: first byte of sha256(lower-case "owner/name") divisible by 3. Nobody picks it. */
export function splitOf(repo) {
  const first = createHash('sha256').update(repo.toLowerCase()).digest()[0];
  return first % 3 === 0 ? 'heldout' : 'dev';
}

export function labelFileName(repo) {
  return repo.replace('/', '__') + '.json';
}

/** Every label file, parsed, with its own file name; a file that does not parse is reported, not thrown. */
export function loadCorpus(only = []) {
  const names = existsSync(LABELS_DIR) ? readdirSync(LABELS_DIR).filter((n) => n.endsWith('.json')).sort() : [];
  const wanted = only.length ? names.filter((n) => only.some((o) => o.endsWith(n))) : names;
  const repos = [];
  const problems = [];
  for (const name of wanted) {
    try {
      const data = JSON.parse(readFileSync(join(LABELS_DIR, name), 'utf8'));
      // (A labeller claims a repository by writing its file first; one without `repo` yet is not a repository.)
      if (typeof data.repo !== 'string' || !data.repo.includes('/')) {
        problems.push(`${name}: no "repo" (owner/name) yet`);
        continue;
      }
      repos.push({ ...data, labelFile: name, split: splitOf(String(data.repo ?? '')) });
    } catch (error) {
      problems.push(`${name}: not valid JSON (${error.message})`);
    }
  }
  return { repos, problems };
}

/** Where a repository's snapshot (bare git directory) is looked for. */
export function mirrorDir(repo) {
  const root = process.env.ECI_MIRROR ?? '/work/.mirror';
  const dir = join(root, repo.replace('/', '+'), 'repo');
  // Most snapshots are bare; a few arrive as a checkout whose git directory is `repo/.git`.
  return existsSync(join(dir, '.git')) ? join(dir, '.git') : dir;
}

/** Where a labelled file is restored to. */
export function restoredPath(repo, path) {
  return join(FILES_DIR, repo.replace('/', '__'), path);
}

export function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

/** Parses `--name value` and `--flag` arguments; the rest are positional. */
export function parseArgs(argv) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        options[a.slice(2)] = next;
        i++;
      } else options[a.slice(2)] = true;
    } else rest.push(a);
  }
  return { options, rest };
}
