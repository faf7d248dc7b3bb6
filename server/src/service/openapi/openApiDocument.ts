/**
 * Reads one OpenAPI 3.x document (YAML or JSON, both parsed with the `yaml` package for positions) into
 * the list of its operations and their declared responses. The text is data: no custom tags, aliases
 * and node visits are budgeted, only local `#/components/...` $refs are followed (never a file or URL).
 */
import { type Document, type Node as YamlNode, type Pair, isAlias, isMap, isScalar, parseDocument } from 'yaml';
import { TextPositions, jsonDepthExceeds } from '../catalog/catalogValidation';
import type { Range, Severity } from '../types';

export interface OpenApiLimits {
  maxSize: number;
  /** Deepest bracket nesting (flow collections / JSON). */
  maxDepth: number;
  /** Alias (`*anchor`) resolutions per document. */
  maxAliasCount: number;
  maxOperations: number;
  /** Longest chain of $ref hops for one value. */
  maxRefHops: number;
}

export const OPENAPI_LIMITS: OpenApiLimits = { maxSize: 2 * 1024 * 1024, maxDepth: 64, maxAliasCount: 100, maxOperations: 5000, maxRefHops: 16 };

export interface OpenApiResponse {
  /** "429", "4XX" or "default". */
  status: string;
  description?: string;
  /** Header names as declared. */
  headers: string[];
  /** The response key in the spec file. */
  range: Range;
}

export interface OpenApiOperation {
  /** Path or URI of the spec file. */
  location: string;
  /** Upper-case method. */
  method: string;
  /** Path template, e.g. `/users/{id}`. */
  path: string;
  operationId?: string;
  summary?: string;
  responses: OpenApiResponse[];
}

export interface OpenApiProblem {
  message: string;
  range: Range;
  severity: Severity;
  /** Stable id, e.g. `openapi-missing-retry-after`. */
  code: string;
}

export interface OpenApiSpec {
  location: string;
  operations: OpenApiOperation[];
  problems: OpenApiProblem[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const WANTS_RETRY_AFTER = new Set(['429', '503']);

export function readOpenApiDocument(location: string, text: string, limits: OpenApiLimits = OPENAPI_LIMITS): OpenApiSpec {
  const positions = new TextPositions(text);
  const spec: OpenApiSpec = { location, operations: [], problems: [] };
  const problem = (offset: number, length: number, message: string, severity: Severity, code: string): void => {
    spec.problems.push({ message, range: positions.range(offset, length), severity, code });
  };
  if (text.length > limits.maxSize) {
    problem(0, 0, `OpenAPI document not read: ${text.length} characters is over the limit of ${limits.maxSize}.`, 'warning', 'openapi-not-read');
    return spec;
  }
  const deep = jsonDepthExceeds(text, limits.maxDepth);
  if (deep !== undefined) {
    problem(deep, 1, `OpenAPI document not read: nested deeper than ${limits.maxDepth} levels.`, 'warning', 'openapi-not-read');
    return spec;
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { schema: 'core', customTags: [], merge: false, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    problem(0, 0, `OpenAPI document not read: ${error instanceof Error ? error.message : String(error)}`, 'warning', 'openapi-not-read');
    return spec;
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    problem(e.pos[0], e.pos[1] - e.pos[0], `OpenAPI document not read: ${e.message.split('\n')[0]}`, 'warning', 'openapi-not-read');
    return spec;
  }
  const reader = new NodeReader(doc, limits);
  const root = reader.deref(doc.contents);
  const version = reader.scalar(reader.get(root, 'openapi'));
  if (typeof version !== 'string' || !/^3\./.test(version)) {
    problem(0, 0, 'Not read as OpenAPI: only OpenAPI 3.x documents (with an `openapi: 3.x` field) are indexed.', 'information', 'openapi-not-read');
    return spec;
  }
  for (const [pathKey, pathItem] of reader.entries(reader.get(root, 'paths'))) {
    const path = reader.scalar(pathKey);
    if (typeof path !== 'string' || !path.startsWith('/')) continue;
    for (const [methodKey, operation] of reader.entries(pathItem)) {
      const method = String(reader.scalar(methodKey) ?? '').toLowerCase();
      if (!METHODS.includes(method) || !isMap(operation)) continue;
      if (spec.operations.length >= limits.maxOperations) return spec;
      const op: OpenApiOperation = { location, method: method.toUpperCase(), path, responses: [] };
      const operationId = reader.scalar(reader.get(operation, 'operationId'));
      const summary = reader.scalar(reader.get(operation, 'summary'));
      if (typeof operationId === 'string') op.operationId = operationId;
      if (typeof summary === 'string') op.summary = summary;
      for (const [statusKey, response, pair] of reader.entries(reader.get(operation, 'responses'))) {
        const status = String(reader.scalar(statusKey) ?? '').toUpperCase().replace('DEFAULT', 'default');
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) continue;
        const description = reader.scalar(reader.get(response, 'description'));
        const headers = reader.entries(reader.get(response, 'headers')).map(([k]) => String(reader.scalar(k) ?? ''));
        const keyRange = (pair.key as YamlNode | null)?.range ?? [0, 0, 0];
        const entry: OpenApiResponse = { status, headers, range: positions.range(keyRange[0], keyRange[1] - keyRange[0]) };
        if (typeof description === 'string') entry.description = description;
        op.responses.push(entry);
        if (WANTS_RETRY_AFTER.has(status) && !headers.some((h) => h.toLowerCase() === 'retry-after')) {
          spec.problems.push({
            message: `The ${status} response of ${op.method} ${path} declares no Retry-After header: clients cannot tell how long to wait before retrying. Declare \`Retry-After\` under \`headers\` (and send it).`,
            range: entry.range,
            severity: 'information',
            code: 'openapi-missing-retry-after',
          });
        }
      }
      spec.operations.push(op);
    }
  }
  for (const ref of reader.ignoredRefs) problem(ref.offset, ref.length, `$ref "${ref.ref}" is not followed: only local "#/components/..." references are read.`, 'hint', 'openapi-ref-ignored');
  return spec;
}

/** Walks yaml nodes with aliases and local $refs resolved, within budgets. */
class NodeReader {
  private aliases = 0;
  readonly ignoredRefs: Array<{ ref: string; offset: number; length: number }> = [];

  constructor(private readonly doc: Document.Parsed, private readonly limits: OpenApiLimits) {}

  /** Resolves aliases and `$ref`s to the node they stand for; undefined when they lead nowhere allowed. */
  deref(node: unknown, hops = 0): YamlNode | undefined {
    let current = node;
    for (let i = 0; i <= this.limits.maxRefHops; i++) {
      current = this.unalias(current);
      if (!isMap(current)) return (current ?? undefined) as YamlNode | undefined;
      const refNode = current.items.find((p) => this.scalarOf(p.key) === '$ref');
      if (!refNode) return current;
      const ref = this.scalarOf(refNode.value);
      if (typeof ref !== 'string' || !ref.startsWith('#/components/')) {
        const r = (refNode.value as YamlNode | null)?.range ?? [0, 0];
        if (typeof ref === 'string' && this.ignoredRefs.length < 50) this.ignoredRefs.push({ ref, offset: r[0], length: r[1] - r[0] });
        return undefined;
      }
      current = this.pointer(ref);
      if (current === undefined) return undefined;
      if (hops + i >= this.limits.maxRefHops) return undefined;
    }
    return undefined;
  }

  get(map: unknown, key: string): YamlNode | undefined {
    const m = this.deref(map);
    if (!isMap(m)) return undefined;
    const pair = m.items.find((p) => this.scalarOf(p.key) === key);
    return pair ? this.deref(pair.value) : undefined;
  }

  /** Key, dereferenced value and pair of each map entry (up to a bound). */
  entries(map: unknown): Array<[unknown, YamlNode | undefined, Pair]> {
    const m = this.deref(map);
    if (!isMap(m)) return [];
    return m.items.slice(0, 10000).map((p) => [this.unalias(p.key), this.deref(p.value), p as Pair]);
  }

  scalar(node: unknown): unknown {
    return this.scalarOf(this.unalias(node));
  }

  private scalarOf(node: unknown): unknown {
    return isScalar(node) ? node.value : undefined;
  }

  private unalias(node: unknown): unknown {
    let current = node;
    while (isAlias(current)) {
      if (++this.aliases > this.limits.maxAliasCount) return undefined;
      current = current.resolve(this.doc);
    }
    return current;
  }

  /** `#/components/responses/TooMany` → the node there (JSON pointer, `~0`/`~1` and %-escapes decoded). */
  private pointer(ref: string): unknown {
    let current: unknown = this.doc.contents;
    for (const raw of ref.slice(2).split('/')) {
      let part: string;
      try {
        part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return undefined;
      }
      current = this.unalias(current);
      if (!isMap(current)) return undefined;
      const pair = current.items.find((p) => String(this.scalarOf(this.unalias(p.key))) === part);
      if (!pair) return undefined;
      current = pair.value;
    }
    return current;
  }
}
