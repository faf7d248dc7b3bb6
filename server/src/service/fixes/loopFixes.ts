/**
 * Fixes for hand-written retry loops:
 * - `retry-ignores-retry-after`: "Honour Retry-After in this delay": parses the response's
 *   Retry-After (the template's parser, inserted once) and uses it before the loop's own delay.
 * - `retry-without-backoff`: "Use capped exponential backoff with jitter": replaces the fixed (or
 *   missing) delay with full jitter random(0, min(cap, base * 2^attempt)); an unbounded loop gets an
 *   attempt counter, a cap, and gives up after it.
 */
import type { Node } from 'web-tree-sitter';
import type { RetryIgnoresRetryAfterData, RetryWithoutBackoffData } from '../diagnostics/findingData';
import { escapeSnippetText, templateById } from '../templates';
import type { CodeActionResult, Finding, Range, TextEdit } from '../types';
import { goCapLoop } from './goLoopCap';
import { helperEdits } from './helper';
import { mergeImports } from './imports';
import { ancestor, Doc, edit, eol, indentOfLine, indentUnit, insertAt, nodeAt, offsetsOf } from './text';

const isTs = (doc: Doc) => doc.languageId === 'typescript' || doc.languageId === 'typescriptreact';
const isJs = (doc: Doc) => ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].includes(doc.languageId);

function lineStartOf(doc: Doc, line: number): number {
  return doc.lines.offsetAt({ line, character: 0 });
}

/** Inserts a class member before the closing brace of the class around `node` (Java/C#). */
function classMemberEdit(doc: Doc, node: Node | undefined, member: string, name: string): TextEdit[] | undefined {
  const cls = ancestor(node, ['class_declaration', 'record_declaration', 'struct_declaration']);
  const body = cls?.childForFieldName('body') ?? cls?.namedChildren.find((c) => c?.type === 'class_body' || c?.type === 'declaration_list');
  if (!cls || !body) return undefined;
  if (new RegExp(`\\b${name}\\s*\\(\\s*(String|string\\?)`).test(body.text)) return [];
  const closing = body.endIndex - 1;
  const classIndent = indentOfLine(doc, doc.lines.positionAt(cls.startIndex).line);
  const memberIndent = classIndent + indentUnit(doc);
  const nl = eol(doc);
  const text = member
    .split('\n')
    .map((l) => (l ? memberIndent + l : l))
    .join(nl);
  const lineStart = lineStartOf(doc, doc.lines.positionAt(closing).line);
  return [insertAt(doc, lineStart, nl + text + nl)];
}

export function retryAfterFix(doc: Doc, finding: Finding, snippet: boolean): CodeActionResult | undefined {
  const data = finding.data as unknown as RetryIgnoresRetryAfterData | undefined;
  if (!data?.delayArgRange || !data.delayRange || !data.responseVar) return undefined;
  // A wait at the top of the loop runs before the response exists (`throttle(wait=…)` then the request).
  if (data.requestRange && offsetsOf(doc, data.delayRange)[0] < offsetsOf(doc, data.requestRange)[0]) return undefined;
  const r = data.responseVar;
  const [argStart, argEnd] = offsetsOf(doc, data.delayArgRange);
  const x = doc.text.slice(argStart, argEnd);
  // The lines go before the statement holding the delay in its block: before a Go `select` whose case waits,
  // not inside it.
  const line = statementLine(doc, data.delayRange);
  const indent = indentOfLine(doc, line);
  const nl = eol(doc);
  let before: string[];
  let arg: string;
  let extra: TextEdit[] = [];
  const lib = data.library;
  if (doc.languageId === 'python') {
    const header = lib === 'aiohttp' || lib === 'httpx' || lib === 'requests' || !lib ? `${r}.headers.get("Retry-After")` : `${r}.headers.get("Retry-After")`;
    before = [`retry_after = parse_retry_after(${header})`];
    arg = `retry_after if retry_after is not None else ${x}`;
    extra = helperEdits(doc, templateById('retry-after-parse-python'), { snippet: false }).edits;
  } else if (isJs(doc)) {
    const header = lib === 'axios' || lib === 'got' ? `${r}.headers['retry-after']` : `${r}.headers.get('Retry-After')`;
    before = [`const retryAfterMs = parseRetryAfter(${header});`];
    arg = `retryAfterMs ?? ${x}`;
    extra = helperEdits(doc, templateById(isTs(doc) ? 'retry-after-parse-javascript-ts' : 'retry-after-parse-javascript'), { snippet: false }).edits;
  } else if (doc.languageId === 'go') {
    // The delay may sit on the error path, where the response is nil: guard the header read.
    before = [`retryDelay := ${x}`, `if ${r} != nil {`, `\tif wait, ok := parseRetryAfter(${r}.Header.Get("Retry-After"), 60*time.Second); ok {`, `\t\tretryDelay = wait`, `\t}`, `}`];
    arg = 'retryDelay';
    extra = helperEdits(doc, templateById('retry-after-parse-go'), { snippet: false }).edits;
  } else if (doc.languageId === 'java') {
    const simple = /^[\w.]+$/.test(x) ? x : `(${x})`;
    before = [`long retryDelayMillis = parseRetryAfter(${r}.headers().firstValue("Retry-After").orElse(null), Duration.ofSeconds(60)).map(Duration::toMillis).orElse((long) ${simple});`];
    arg = 'retryDelayMillis';
    const template = templateById('retry-after-parse-java')!;
    const member = classMemberEdit(doc, nodeAt(doc, data.delayRange), template.helper, 'parseRetryAfter');
    if (!member) return undefined;
    extra = [...mergeImports(doc, template.imports).edits, ...member];
  } else if (doc.languageId === 'kotlin') {
    // OkHttp `response.header(name)`, Ktor `response.headers[name]`; Retrofit's Response has neither: no fix.
    const header = lib === 'ktor-client' ? `${r}.headers["Retry-After"]` : lib === 'okhttp' && /\bnewCall\s*\(/.test(doc.text) ? `${r}.header("Retry-After")` : undefined;
    if (!header) return undefined;
    before = [`val retryAfterMillis = parseRetryAfterMillis(${header}, 60_000)`];
    arg = `retryAfterMillis ?: (${x}).toLong()`;
    extra = helperEdits(doc, templateById('retry-after-parse-kotlin'), { snippet: false }).edits;
  } else if (doc.languageId === 'csharp') {
    before = [`var retryAfter = ParseRetryAfter(${r}.Headers.RetryAfter?.ToString(), TimeSpan.FromSeconds(60));`];
    arg = /^TimeSpan\./.test(x) ? `retryAfter ?? ${x}` : `(int)(retryAfter?.TotalMilliseconds ?? ${x})`;
    const template = templateById('retry-after-parse-csharp')!;
    const member = classMemberEdit(doc, nodeAt(doc, data.delayRange), template.helper, 'ParseRetryAfter');
    if (!member) return undefined;
    extra = [...mergeImports(doc, template.imports).edits, ...member];
  } else return undefined;
  const start = lineStartOf(doc, line);
  const edits: TextEdit[] = [...extra, insertAt(doc, start, before.map((b) => indent + b + nl).join('')), edit(doc, argStart, argEnd, arg)];
  void snippet; // tab stops would sit in the parser's cap only; inserted plainly
  return { title: 'Honour Retry-After in this delay', kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits };
}

/** The first line of the statement that holds `range` directly in a block. */
function statementLine(doc: Doc, range: Range): number {
  let n = nodeAt(doc, range);
  while (n?.parent && !/^(block|statement_block|statement_list|compilation_unit|module|program|source_file|constructor_body|switch_section)$/.test(n.parent.type)) n = n.parent;
  return n ? n.startPosition.row : range.start.line;
}

const GO_BACKOFF = {
  name: 'jitteredBackoff',
  text: `// jitteredBackoff is full jitter: random(0, min(maxDelay, baseDelay * 2^attempt)).
func jitteredBackoff(attempt int, baseDelay, maxDelay time.Duration) time.Duration {
	ceiling := maxDelay
	if attempt < 32 && baseDelay<<attempt > 0 && baseDelay<<attempt < maxDelay {
		ceiling = baseDelay << attempt
	}
	return time.Duration(rand.Int63n(int64(ceiling) + 1))
}`,
  imports: ['import "math/rand"', 'import "time"'],
};

/** The full-jitter delay expression for a counter, in the unit the language's sleep takes. */
function backoffExpr(doc: Doc, counter: string, current: string, snippet: boolean, sleepCall = ''): { text: string; imports: string[]; helpers?: (typeof GO_BACKOFF)[] } | undefined {
  const t = (n: number, d: string) => (snippet ? `\${${n}:${d}}` : d);
  const c = snippet ? escapeSnippetText(counter) : counter;
  switch (doc.languageId) {
    case 'python':
      return { text: `random.uniform(0, min(${t(3, '30')}, ${t(2, '0.5')} * 2 ** ${c}))`, imports: ['import random'] };
    case 'go':
      return { text: `jitteredBackoff(${c}, ${t(2, '500*time.Millisecond')}, ${t(3, '30*time.Second')})`, imports: [], helpers: [GO_BACKOFF] };
    case 'java':
      return { text: `ThreadLocalRandom.current().nextLong(Math.min(${t(3, '30_000L')}, ${t(2, '500L')} << Math.min(${c}, 30)) + 1)`, imports: ['import java.util.concurrent.ThreadLocalRandom;'] };
    case 'csharp': {
      const ms = `Random.Shared.NextDouble() * Math.Min(${t(3, '30_000')}, ${t(2, '500')} * Math.Pow(2, ${c}))`;
      return { text: /^TimeSpan\./.test(current) ? `TimeSpan.FromMilliseconds(${ms})` : `(int)(${ms})`, imports: ['using System;'] };
    }
    case 'rust': {
      // std only: a randomly keyed hasher as the random source (as the Rust retry template does)
      const ms = `((RandomState::new().build_hasher().finish() % 10_000) as f64 / 10_000.0 * (${t(3, '30_000')} as f64).min(${t(2, '500')} as f64 * 2f64.powi(${c} as i32))) as u64`;
      return { text: `Duration::from_millis(${ms})`, imports: ['use std::collections::hash_map::RandomState;', 'use std::hash::{BuildHasher, Hasher};', 'use std::time::Duration;'] };
    }
    case 'kotlin':
      // milliseconds as a Long, for Thread.sleep and kotlinx.coroutines.delay alike
      return { text: `(Math.random() * minOf(${t(3, '30_000L')}, ${t(2, '500L')} shl minOf(${c}, 30))).toLong()`, imports: [] };
    case 'ruby':
      // seconds, for Kernel#sleep
      return { text: `rand * [${t(3, '30.0')}, ${t(2, '0.5')} * 2**${c}].min`, imports: [] };
    case 'php':
      // microseconds for usleep(); whole seconds for sleep()
      return sleepCall === 'sleep'
        ? { text: `(int) ceil(mt_rand() / mt_getrandmax() * min(${t(3, '30')}, ${t(2, '0.5')} * 2 ** ${c}))`, imports: [] }
        : { text: `(int) (mt_rand() / mt_getrandmax() * min(${t(3, '30000000')}, ${t(2, '500000')} * 2 ** ${c}))`, imports: [] };
    case 'http':
      return undefined;
    default:
      return { text: `Math.random() * Math.min(${t(3, '30_000')}, ${t(2, '500')} * 2 ** ${c})`, imports: [] };
  }
}

/** The part of a delay that is the loop's own wait (after a Retry-After fallback, keep that). */
function ownDelay(doc: Doc, start: number, end: number): [number, number] {
  const text = doc.text.slice(start, end);
  const m = /^(.*\bis not None else\s+|.*\?\?\s*)([^?]+?)\)?$/.exec(text);
  if (!m || /\)$/.test(text) !== /\)$/.test(m[0])) return [start, end];
  return [start + m[1].length, start + m[1].length + m[2].length];
}

export function backoffFix(doc: Doc, finding: Finding, snippet: boolean): CodeActionResult | undefined {
  const data = finding.data as unknown as RetryWithoutBackoffData | undefined;
  if (!data?.loopHeaderRange || data.structure) return undefined;
  const esc = (s: string) => (snippet ? escapeSnippetText(s) : s);
  const edits: TextEdit[] = [];
  let counter = data.counterVar;
  const nl = eol(doc);
  const capImports: string[] = [];
  if (data.problem === 'no-cap' || !counter) {
    const capped: { edits: TextEdit[]; counter: string; imports?: string[] } | undefined = doc.languageId === 'go' ? goCapLoop(doc, data, snippet) : capLoop(doc, data, snippet);
    if (!capped) return undefined;
    edits.push(...capped.edits);
    capImports.push(...(capped.imports ?? []));
    counter = capped.counter;
  }
  if (data.delayArgRange) {
    const [s0, e0] = offsetsOf(doc, data.delayArgRange);
    const [s, e] = ownDelay(doc, s0, e0);
    const sleepCall = /(\w+)\s*\(\s*$/.exec(doc.text.slice(Math.max(0, s0 - 24), s0))?.[1] ?? '';
    const expr = backoffExpr(doc, counter, doc.text.slice(s, e), snippet, sleepCall);
    if (!expr) return undefined;
    edits.push(edit(doc, s, e, expr.text));
    edits.push(...helperEdits(doc, undefined, { snippet, extraImports: [...expr.imports, ...capImports], extraHelpers: expr.helpers }).edits);
  } else if (data.problem === 'no-delay' || data.problem === 'no-cap') {
    // No delay at all: wait before every retry, at the top of the loop body.
    const expr = backoffExpr(doc, counter, '', snippet);
    const loopNode = nodeAt(doc, data.loopRange);
    // (Kotlin loops keep their block, or `repeat(n) { attempt -> … }` its lambda, in no field)
    const body = loopNode?.childForFieldName('body') ?? (doc.languageId === 'kotlin' ? (loopNode?.type === 'lambda_literal' ? loopNode : loopNode?.namedChildren.find((n) => n?.type === 'block' || n?.type === 'lambda_literal')) : undefined);
    const first = body?.namedChildren.find((n) => n && !/comment|^lambda_parameters$/.test(n.type));
    if (!expr || !first) return undefined;
    const line = doc.lines.positionAt(first.startIndex).line;
    const indent = indentOfLine(doc, line);
    const c = esc(counter);
    const sleeps: Record<string, string> = {
      python: `if ${c}:${nl}${indent}${indentUnit(doc)}time.sleep(${expr.text})`,
      go: `if ${c} > 0 {${nl}${indent}\ttime.Sleep(${expr.text})${nl}${indent}}`,
      java: `if (${c} > 0) {${nl}${indent}${indentUnit(doc)}Thread.sleep(${expr.text});${nl}${indent}}`,
      // (a Kotlin range counts from where it says: `for (attempt in 1..4)` waits from the second round on)
      kotlin: `if (${c} > ${/\bin\s+(\d+)\s*(\.\.|until\b)/.exec(doc.text.slice(...offsetsOf(doc, data.loopHeaderRange)))?.[1] ?? 0}) ${kotlinSuspends(first) ? 'delay' : 'Thread.sleep'}(${expr.text})`,
      csharp: `if (${c} > 0)${nl}${indent}{${nl}${indent}${indentUnit(doc)}await Task.Delay(${expr.text});${nl}${indent}}`,
      rust: `if ${c} > 0 {${nl}${indent}${indentUnit(doc)}${rustSleep(doc, first.startIndex, expr.text)};${nl}${indent}}`,
      ruby: `sleep(${expr.text}) if ${c} > 0`,
      php: `if (${c} > 0) {${nl}${indent}${indentUnit(doc)}usleep(${expr.text});${nl}${indent}}`,
    };
    const js = `if (${c} > 0) await new Promise((resolve) => setTimeout(resolve, ${expr.text}));`;
    const stmt = sleeps[doc.languageId] ?? js;
    edits.push(insertAt(doc, lineStartOf(doc, line), indent + stmt + nl));
    const imports = [...(doc.languageId === 'python' ? [...expr.imports, 'import time'] : doc.languageId === 'go' ? ['import "time"'] : expr.imports), ...capImports];
    if (doc.languageId === 'kotlin' && kotlinSuspends(first)) imports.push('import kotlinx.coroutines.delay');
    edits.push(...helperEdits(doc, undefined, { snippet, extraImports: imports, extraHelpers: expr.helpers }).edits);
  } else return undefined;
  const title = data.problem === 'no-cap' ? 'Cap the attempts and back off exponentially with jitter' : 'Use capped exponential backoff with jitter';
  return { title, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits, snippet };
}

/** Kotlin: inside a `suspend fun` a wait is `delay(ms)`, which does not block the thread. */
function kotlinSuspends(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'function_declaration') return n.namedChildren.some((c) => c?.type === 'modifiers' && /\bsuspend\b/.test(c.text));
  }
  return false;
}

/** Rust: `tokio::time::sleep(d).await` inside an async fn or block, `std::thread::sleep(d)` elsewhere. */
function rustSleep(doc: Doc, at: number, delay: string): string {
  for (let n = doc.tree?.rootNode.descendantForIndex(at) ?? null; n; n = n.parent) {
    if (n.type === 'async_block' || (n.type === 'function_item' && /^[^{(]*\basync\b/.test(n.text))) return `tokio::time::sleep(${delay}).await`;
    if (n.type === 'function_item' || n.type === 'closure_expression') break;
  }
  return `std::thread::sleep(${delay})`;
}

/** `while True:` / `while (true)` / `for {` → a counted loop of at most N attempts, giving up after it. */
function capLoop(doc: Doc, data: RetryWithoutBackoffData, snippet: boolean): { edits: TextEdit[]; counter: string } | undefined {
  const loop = nodeAt(doc, data.loopRange);
  if (!loop) return undefined;
  const [hs, he] = offsetsOf(doc, data.loopHeaderRange);
  const header = doc.text.slice(hs, he);
  const n = snippet ? '${1:4}' : '4';
  const counter = 'attempt';
  const indent = indentOfLine(doc, data.loopRange.start.line);
  const nl = eol(doc);
  const after = (stmt: string) => insertAt(doc, loop.endIndex, nl + indent + stmt);
  const msg = `gave up after ${n} attempts`;
  switch (doc.languageId) {
    case 'python': {
      const m = /^while\s+(True|1)\s*:/.exec(header);
      if (!m) return undefined;
      return { counter, edits: [edit(doc, hs, hs + m[0].length, `for ${counter} in range(${n}):`), after(`raise RuntimeError("${msg}")`)] };
    }
    case 'go':
      return undefined; // see goCapLoop
    case 'kotlin': {
      // `while (true)` → `for (attempt in 0 until 4)`, then give up after the loop
      const m = /^while\s*\(\s*true\s*\)/.exec(header);
      if (!m) return undefined;
      return { counter, edits: [edit(doc, hs, hs + m[0].length, `for (${counter} in 0 until ${n})`), after(`throw IllegalStateException("${msg}")`)] };
    }
    case 'java':
    case 'csharp':
    default: {
      const m = /^(while\s*\(\s*true\s*\)|for\s*\(\s*;\s*;\s*\))/.exec(header);
      if (!m) return undefined;
      const decl = doc.languageId === 'java' ? 'int' : doc.languageId === 'csharp' ? 'var' : 'let';
      const thrown = doc.languageId === 'java' ? `throw new IllegalStateException("${msg}");` : doc.languageId === 'csharp' ? `throw new InvalidOperationException("${msg}");` : `throw new Error('${msg}');`;
      return { counter, edits: [edit(doc, hs, hs + m[0].length, `for (${decl} ${counter} = 0; ${counter} < ${n}; ${counter}++)`), after(thrown)] };
    }
  }
}
