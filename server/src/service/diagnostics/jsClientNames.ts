import type { FileFlow } from './flow/flowModel';

/*
 * Names a JavaScript/TypeScript file gives its HTTP clients: an axios instance (`const http = axios.create(…)`,
 * called as `http(config)`) and fetch itself under another name (`customFetch = fetch`). Read once per file.
 */

/** `name` is bound to `axios.create(…)` in the file (`const http = axios.create({ … })`, `this.api = axios.create()`). */
export function axiosInstance(flow: FileFlow, name: string): boolean {
  let names = axiosInstances.get(flow);
  if (!names) {
    names = new Set([...flow.text.matchAll(/(?:^|[^\w$.]|this\.)([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*axios\.create\(/g)].map((m) => m[1]));
    axiosInstances.set(flow, names);
  }
  return names.has(name);
}

const axiosInstances = new WeakMap<FileFlow, Set<string>>();

/** Names the file binds to the fetch function itself (a parameter's default, a local), not to a call of it. */
export function fetchAliases(flow: FileFlow): Set<string> {
  let names = fetchAliasNames.get(flow);
  if (!names) {
    names = new Set([...flow.text.matchAll(/([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>[\]| ]+)?=\s*(?:globalThis\.|window\.)?fetch\b(?![\w$.(\s]*\()/g)].map((m) => m[1]).filter((n) => n !== 'fetch'));
    fetchAliasNames.set(flow, names);
  }
  return names;
}

const fetchAliasNames = new WeakMap<FileFlow, Set<string>>();
