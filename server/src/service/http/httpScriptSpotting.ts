/**
 * Codes in the JavaScript of .http files (httpYac `{{ … }}`, JetBrains / REST Client `> {% … %}`): the
 * script is parsed with the JavaScript grammar and spotted like any JavaScript file, and the finds are
 * mapped back into the .http document. On top of that, the test helpers these clients give scripts:
 * httpYac `test.status(200)`, and `responseHas('status', 200)`-style helpers whose string argument names
 * the response field the next argument is compared with.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import { TextLines } from '../parsing/textLines';
import { GRAMMAR_SUPPORT } from '../spotting/adapters';
import { spotFile } from '../spotting/spotCodes';
import type { Occurrence } from '../types';
import type { TextSpan } from './httpFileTypes';
import { SpanMapper } from './httpLines';

/**
 * Handler scripts are a few lines; one past this size is no handler script (a pasted bundle, a broken
 * file), and parsing and spotting it would cost seconds on every keystroke. It is not looked into.
 */
export const MAX_SCRIPT_CHARS = 64 * 1024;

/** Parses JavaScript source and hands the tree to `use` (the tree is freed afterwards); undefined without a parser. */
export type ScriptParser = <T>(source: string, use: (tree: Tree) => T) => T | undefined;

/** A string argument naming the response's status: `'status'`, `'statusCode'`, `'responseCode'`, `'status_code'`. */
const STATUS_FIELD = /^(?:response[_-]?)?status(?:[_-]?code)?$|^response[_-]?code$/i;
/** `test.status(…)`: httpYac's status test helper. */
const STATUS_HELPER_RECEIVER = /^test$/;

/** Every code the script's JavaScript holds, positioned in the .http document, with the `http-file` role. */
export function spotScript(script: TextSpan, parse: ScriptParser, registry: CatalogRegistry): Occurrence[] {
  const source = script.text;
  if (source.length > MAX_SCRIPT_CHARS || source.trim() === '') return [];
  const mapper = new SpanMapper(script);
  const found =
    parse(source, (tree) => {
      const support = GRAMMAR_SUPPORT.javascript;
      const spotted = spotFile(tree, new TextLines(source), support, registry).entries.map((e) => ({ ...e }));
      const seen = new Set(spotted.map((e) => e.start));
      for (const n of helperStatusNumbers(tree.rootNode)) {
        if (seen.has(n.startIndex) || registry.httpStatus(n.text).length === 0) continue;
        seen.add(n.startIndex);
        spotted.push({ start: n.startIndex, end: n.endIndex, occurrence: { code: n.text, kind: 'http-status', role: 'http-file', range: mapper.range(0, 0), text: n.text } });
      }
      return spotted;
    }) ?? [];
  return found
    .sort((a, b) => a.start - b.start)
    .map((e) => ({ ...e.occurrence, role: 'http-file', range: mapper.range(e.start, e.end) }));
}

/** Number literals that a client's test helper compares with the response status. */
function helperStatusNumbers(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'call_expression') {
      const args = node.childForFieldName('arguments');
      const callee = node.childForFieldName('function');
      const values = args ? args.namedChildren.filter((c): c is Node => c !== null) : [];
      if (callee?.type === 'member_expression' && isStatusHelper(callee)) out.push(...values.filter((v) => v.type === 'number'));
      for (let i = 0; i + 1 < values.length; i++) {
        if (values[i].type === 'string' && STATUS_FIELD.test(stringContent(values[i])) && values[i + 1].type === 'number') out.push(values[i + 1]);
      }
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return out;
}

function isStatusHelper(member: Node): boolean {
  const object = member.childForFieldName('object');
  const property = member.childForFieldName('property');
  return object?.type === 'identifier' && STATUS_HELPER_RECEIVER.test(object.text) && property?.text === 'status';
}

function stringContent(literal: Node): string {
  return literal.text.slice(1, -1);
}
