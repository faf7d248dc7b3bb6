import type { Node } from 'web-tree-sitter';
import type { FileFlow } from './flow/flowModel';
import { enclosingFn } from './flow/flowModel';

/**
 * Front-end code: a JavaScript or TypeScript file that runs in a browser or a mobile app, where a person is waiting
 * on the screen. There a request that hangs is seen and abandoned (the browser and the OS bound it, the user
 * navigates away), and a failed action is shown to the user who acts again: `request-without-timeout` and
 * `no-retry-on-request` speak for services and workers, not for this. Retry structures written here (an interceptor
 * that re-sends, a fetch loop) are still read like any other.
 *
 * Known by the file: a component file (`.tsx`, `.jsx`, `.vue`, `.svelte`), a `'use client'` directive, an import of
 * a UI framework or of a browser-side data layer (React, Vue, Svelte, Angular, Solid, Preact, React Native, Expo,
 * TanStack Query, SWR) or of a browser fetch polyfill, or a read of what only a page has (its storage, cookies and
 * location; a fetch sending its cookies). Functions a framework runs on the server (`getServerSideProps`, `getStaticProps`, Remix's
 * `loader`/`action`) are not front-end code even there.
 */
const UI_IMPORT = /^(react|react-dom|react-native|vue|svelte|@angular\/core|@angular\/common\/http|preact|solid-js|next\/router|next\/navigation|@tanstack\/(react|vue|svelte|solid|angular)-query\w*|swr|expo(-[\w-]+)?)$/;
const COMPONENT_FILE = /\.(tsx|jsx|vue|svelte)$/;
const CLIENT_DIRECTIVE = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/;
/** Fetch polyfills for browsers (`unfetch`, `whatwg-fetch`) and the isomorphic one a page imports to fetch on both sides. */
const BROWSER_FETCH = /^(unfetch|isomorphic-unfetch|whatwg-fetch)$/;
/**
 * What only a browser has: the page's storage, cookies and location read through their globals, or a fetch that
 * sends the page's cookies (`credentials: 'include'`). (`typeof window !== 'undefined'` tests for a browser and
 * is no such read.)
 */
const BROWSER_ONLY = /\b(?:window\.(?:location|localStorage|sessionStorage|document)|document\.(?:cookie|location|getElementById|querySelector)|localStorage\.(?:getItem|setItem)|sessionStorage\.(?:getItem|setItem))\b|\bcredentials\s*:\s*['"](?:include|same-origin)['"]/;
const SERVER_SIDE = /^(getServerSideProps|getStaticProps|getStaticPaths|loader|action|generateMetadata|generateStaticParams|GET|POST|PUT|PATCH|DELETE)$/;

const cache = new WeakMap<FileFlow, boolean>();

export function isFrontEndFile(flow: FileFlow, uri: string): boolean {
  if (!/^(javascript|typescript|tsx)$/.test(flow.grammarName)) return false;
  let answer = cache.get(flow);
  if (answer === undefined) {
    const path = uri.replace(/[?#].*$/, '');
    // (Next.js route handlers and API routes answer requests on the server, whatever the file's extension.)
    const serverRoute = /\/(pages\/api|app\/api)\/|\/route\.(ts|js)$/.test(path);
    answer = !serverRoute && (COMPONENT_FILE.test(path) || CLIENT_DIRECTIVE.test(flow.text) || flow.imports.some((m) => UI_IMPORT.test(m) || BROWSER_FETCH.test(m)) || BROWSER_ONLY.test(flow.text));
    cache.set(flow, answer);
  }
  return answer;
}

/** The code at `node` runs in front of a user: a front-end file, outside the functions a framework runs on the server. */
export function runsInFrontEnd(flow: FileFlow, uri: string, node: Node): boolean {
  if (sameOriginRequest(flow, node)) return true;
  if (!isFrontEndFile(flow, uri)) return false;
  for (let fn = enclosingFn(flow, node); fn; fn = fn.parent) if (fn.name && SERVER_SIDE.test(fn.name)) return false;
  return true;
}

/** A file written for Node: CommonJS exports or requires, `process.env`, or a base URL set on the axios module. */
const NODE_SIDE = /\bmodule\.exports\b|\brequire\(\s*['"]|\bprocess\.env\b|\baxios\.defaults\.baseURL\b/;

const nodeSideFiles = new WeakMap<FileFlow, boolean>();

/** `fetch` and the axios module itself (not an instance, which may carry a baseURL). */
const PAGE_RELATIVE_CLIENT = /^(fetch|window\.fetch|axios(\.(get|post|put|patch|delete|head|request))?)$/;

/**
 * `axios.post("/api/datasets", body)`, `fetch(`/api/items/${id}`)`: a URL relative to the page's origin is only
 * resolved in a browser — on a server, Node's fetch and axios reject it — so the request is the front end's. So is a
 * client built on such a base (`axios.create({ baseURL: "/api/v1" })`, a single-page app's API module): every request
 * it sends goes to the page's own origin.
 */
function sameOriginRequest(flow: FileFlow, node: Node): boolean {
  if (!/^(javascript|typescript|tsx)$/.test(flow.grammarName) || !flow.adapter.calls.has(node.type)) return false;
  // (Node's own module system, its environment, or a base URL given to the axios module make it server code after all.)
  let nodeSide = nodeSideFiles.get(flow);
  if (nodeSide === undefined) nodeSideFiles.set(flow, (nodeSide = NODE_SIDE.test(flow.text)));
  if (nodeSide) return false;
  const callee = flow.adapter.callee(node)?.text.replace(/\s+/g, '') ?? '';
  if (PAGE_RELATIVE_BASE_CLIENT.test(callee)) return pageRelativeBase(flow.adapter.callArguments(node)[0]);
  if (!PAGE_RELATIVE_CLIENT.test(callee)) return false;
  return pageRelative(flow.adapter.callArguments(node)[0]);
}

/** `axios.create({ … })`: a client whose options may give it a base URL. */
const PAGE_RELATIVE_BASE_CLIENT = /^axios\.create$/;

/** A string (or template) naming a path of the page's own origin: `"/api"`, `` `/orgs/${org}/api` `` — not `//host/…`. */
function pageRelative(url: Node | null | undefined): boolean {
  // (The path may be built on: `"/api/datasets/" + id`.)
  while (url?.type === 'binary_expression') url = url.childForFieldName('left');
  return !!url && /^(string|template_string)$/.test(url.type) && /^["'`]\/(?!\/)/.test(url.text);
}

/** An options literal whose `baseURL` is a path of the page's own origin. */
function pageRelativeBase(options: Node | null | undefined): boolean {
  if (options?.type !== 'object') return false;
  const base = options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') === 'baseURL');
  return pageRelative(base?.childForFieldName('value'));
}
