import type { FileFlow } from './flow/flowModel';

/*
 * Names a JavaScript/TypeScript file gives its HTTP clients: an axios instance (`const http = axios.create(…)`,
 * called as `http(config)`) and fetch itself under another name (`customFetch = fetch`). Read once per file.
 */

/**
 * `name` is bound to `axios.create(…)` in the file (`const http = axios.create({ … })`, `this.api = axios.create()`), or to
 * what a function named for handing one out returns (`const api = getAxiosInstance()`, `= createAxiosClient(token)`).
 */
export function axiosInstance(flow: FileFlow, name: string): boolean {
  let names = axiosInstances.get(flow);
  if (!names) {
    names = boundBefore(flow.text, /=\s*(?:axios\.create|(?:await\s+)?(?:[\w$]+\.)*(?:get|create|make|build|new)_?[Aa]xios\w*)\(/g);
    axiosInstances.set(flow, names);
  }
  return names.has(name);
}

const axiosInstances = new WeakMap<FileFlow, Set<string>>();

/** Names the file binds to the fetch function itself (a parameter's default, a local), not to a call of it. */
export function fetchAliases(flow: FileFlow): Set<string> {
  let names = fetchAliasNames.get(flow);
  if (!names) {
    names = boundBefore(flow.text, /=\s*(?:globalThis\.|window\.)?fetch\b(?![\w$.(\s]*\()/g);
    names.delete('fetch');
    fetchAliasNames.set(flow, names);
  }
  return names;
}

const fetchAliasNames = new WeakMap<FileFlow, Set<string>>();

/**
 * The names bound by each `= value` that `assignment` finds (`const http = …`, `this.api = …`, `doFetch: typeof fetch
 * = …` as a parameter): the identifier just before the `=`, past a type annotation. Only the matches are looked
 * back from, so a long file is scanned once.
 */
function boundBefore(text: string, assignment: RegExp): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(assignment)) {
    if (m.index === 0 || /[=!<>]/.test(text[m.index - 1] ?? '')) continue; // `==`, `!=`, `<=`, `>=`
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    const bound = /([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>[\]| ]+)?\s*$/.exec(before);
    if (bound) names.add(bound[1]);
  }
  return names;
}

/**
 * The names a package is imported as: a default or namespace import (`import request from 'superagent'`,
 * `import * as sa from 'superagent'`) or a require (`const request = require('superagent')`). Read once per file
 * and package.
 */
export function importedAs(flow: FileFlow, pkg: string): ReadonlySet<string> {
  let byPackage = importNames.get(flow);
  if (!byPackage) importNames.set(flow, (byPackage = new Map()));
  let names = byPackage.get(pkg);
  if (!names) byPackage.set(pkg, (names = namesOfImport(flow.text, pkg)));
  return names;
}

const importNames = new WeakMap<FileFlow, Map<string, ReadonlySet<string>>>();

function namesOfImport(text: string, pkg: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes(pkg)) return names;
  const quoted = `['"]${pkg.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}['"]`;
  for (const m of text.matchAll(new RegExp(`\\bimport\\s+(?:\\*\\s+as\\s+)?([A-Za-z_$][\\w$]*)\\s*(?:,\\s*\\{[^}]*\\}\\s*)?from\\s*${quoted}`, 'g'))) names.add(m[1]);
  for (const m of text.matchAll(new RegExp(`\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\(\\s*${quoted}\\s*\\)`, 'g'))) names.add(m[1]);
  return names;
}
