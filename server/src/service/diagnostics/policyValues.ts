import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';

/**
 * Values of retry-policy options read as data: numbers, durations and booleans, following a name to
 * its constant in the same file (`BACKOFF = 0.5` … `backoff_factor=BACKOFF`). Anything computed is
 * `undefined` — unknown, never guessed.
 */

const IDENT = /^[A-Za-z_$][\w$]*$/;
const MEMBER = /^(?:[A-Za-z_$][\w$]*\.)+([A-Za-z_$][\w$]*)$/;

/** The text a same-file constant is given (`NAME = text`, `const NAME = text;`, `NAME := text`, `static final long NAME = text;`). */
export function constantText(fileText: string, name: string, depth = 0): string | undefined {
  if (depth > 3 || !IDENT.test(name)) return undefined;
  const escaped = name.replace(/\$/g, '\\$');
  const re = new RegExp(`(?:^|[\\s,;(])${escaped}\\s*(?::\\s*[\\w.<>\\[\\]| ]+)?\\s*:?=(?!=)\\s*([^\\n;]+)`, 'm');
  const m = re.exec(fileText);
  if (!m) return undefined;
  const text = m[1].trim().replace(/,\s*$/, '').replace(/\s*(?:\/\/|#).*$/, '');
  return IDENT.test(text) ? constantText(fileText, text, depth + 1) ?? text : text;
}

/** Resolves an identifier (or `Class.NAME`) to its constant's text; other text is returned as it is. */
export function resolvedText(fileText: string, text: string): string {
  const t = text.trim();
  const name = IDENT.test(t) ? t : MEMBER.exec(t)?.[1];
  if (!name || /^(true|false|True|False|None|null|undefined|nil)$/.test(t)) return t;
  return constantText(fileText, name) ?? t;
}

/** A number literal (`0.5`, `1_000`, `2L`, `1e3`), after resolving constants. */
export function numberValue(fileText: string, text: string): number | undefined {
  const t = resolvedText(fileText, text).replace(/_/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?[LlFfDdMm]?$/.test(t)) return undefined;
  return Number(t.replace(/[LlFfDdMm]$/, ''));
}

/** A boolean literal in any of the languages, after resolving constants. */
export function boolValue(fileText: string, text: string): boolean | undefined {
  const t = resolvedText(fileText, text);
  if (/^(true|True)$/.test(t)) return true;
  if (/^(false|False)$/.test(t)) return false;
  return undefined;
}

const UNIT_MS: Record<string, number> = { ms: 1, millis: 1, milliseconds: 1, s: 1000, seconds: 1000, sec: 1000, m: 60_000, minutes: 60_000, h: 3_600_000, hours: 3_600_000 };

/**
 * A duration in milliseconds: `TimeSpan.FromSeconds(2)`, `Duration.ofMillis(500)`, `2 * time.Second`,
 * `"1.5s"` (gRPC JSON), or a bare number read as `bareUnitMs` (1 for milliseconds, 1000 for seconds).
 */
export function durationMs(fileText: string, text: string, bareUnitMs: number): number | undefined {
  const t = resolvedText(fileText, text).replace(/\s+/g, '');
  const bare = numberValue(fileText, t);
  if (bare !== undefined) return bare * bareUnitMs;
  const call = /^(?:TimeSpan\.From|Duration\.of)(Milliseconds|Millis|Seconds|Minutes|Hours)\(([^()]+)\)$/.exec(t);
  if (call) {
    const n = numberValue(fileText, call[2]);
    return n === undefined ? undefined : n * UNIT_MS[call[1].toLowerCase()];
  }
  const go = /^(?:([\d.]+)\*)?time\.(Millisecond|Second|Minute|Hour)(?:\*([\d.]+))?$/.exec(t);
  if (go) return Number(go[1] ?? go[3] ?? 1) * { Millisecond: 1, Second: 1000, Minute: 60_000, Hour: 3_600_000 }[go[2]]!;
  const json = /^["']?([\d.]+)(ms|s|m|h)["']?$/.exec(t);
  if (json) return Number(json[1]) * UNIT_MS[json[2]];
  return undefined;
}

/** Whether a function-valued option (`() => 1000`, `attempt => TimeSpan.FromSeconds(2)`) ignores its parameters: a fixed value. */
export function constantFunction(fn: Node): boolean {
  if (!/^(arrow_function|function_expression|function|lambda_expression|lambda|func_literal|anonymous_function|anonymous_function_creation_expression)$/.test(fn.type)) return false;
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? fn.namedChildren.find((c) => c?.type === 'parameter_list' || c?.type === 'identifier' || c?.type === 'implicit_parameter_list') ?? null;
  const body = fn.childForFieldName('body') ?? fn.namedChildren[fn.namedChildCount - 1];
  if (!body) return false;
  const names = params ? paramNames(params).filter((n) => IDENT.test(n) && n !== '_') : [];
  // Random jitter around a constant does not grow: only a power of something does.
  if (/\bPow\b|\bpow\b|\*\*|<<|\bexp\b|Exp\(/.test(body.text)) return false;
  return !names.some((n) => new RegExp(`(?<![\\w$])${escapeRegExp(n)}(?![\\w$])`).test(body.text));
}

/** The names a parameter list declares, whatever the grammar: Go `min, max time.Duration`, C# `int n`, TS `n: number`, JS `n = 1`. */
function paramNames(params: Node): string[] {
  if (params.type === 'identifier' || params.type === 'implicit_parameter') return [params.text];
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'parameter_declaration') names.push(...p.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => n.text));
    else {
      const name = p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.childForFieldName('left') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? p;
      if (name.type === 'identifier' || name.type === 'variable_name') names.push(name.text); // (PHP `$retries`)
      else names.push(...patternNames(name)); // `{ computedValue }`, `[a, b]`
    }
  }
  return names;
}

/** The names a destructuring pattern binds (type annotations left out). */
function patternNames(pattern: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'type_annotation') return;
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') out.push(n.text);
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(pattern);
  return out;
}

/** A node's source without its comments (a comment naming Retry-After reads nothing). */
export function codeText(node: Node): string {
  return node.text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
}

/** Whether code (comments left out) reads a Retry-After header or field. */
export const readsRetryAfter = (node: Node): boolean => /retry[-_]?after/i.test(codeText(node));
