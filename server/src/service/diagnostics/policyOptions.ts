import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';

/**
 * The options of a declarative retry policy, whatever the syntax holds them: Python keyword arguments,
 * a JS/TS options object, a C# object initializer, Java annotation elements. Also builds the edits that
 * set one option (replace its value, or add it), so a fix changes the configuration in place.
 */
export interface PolicyOptions {
  /** Where the options live: the argument list, object, initializer or annotation argument list (absent: none written). */
  holder?: Node;
  /** The node a new option is added to when there is no holder (the call, the `new X` or the marker annotation). */
  owner: Node;
  values: Map<string, Node>;
  style: 'python' | 'js' | 'csharp' | 'java';
}

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Keyword arguments of a Python call. */
export function pythonOptions(call: Node): PolicyOptions {
  const args = call.childForFieldName('arguments') ?? undefined;
  const values = new Map<string, Node>();
  for (const a of args?.namedChildren ?? []) {
    const name = a?.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined;
    const value = a?.childForFieldName('value');
    if (name && value) values.set(name, value);
  }
  return { holder: args, owner: call, values, style: 'python' };
}

/** Properties of a JS/TS object literal (`undefined` object: none written, added as argument `argIndex`). */
export function objectOptions(object: Node | undefined, owner: Node): PolicyOptions {
  const values = new Map<string, Node>();
  for (const p of object?.namedChildren ?? []) {
    if (p?.type !== 'pair') continue;
    const key = p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
    const value = p.childForFieldName('value');
    if (key && value) values.set(key, value);
  }
  return { holder: object, owner, values, style: 'js' };
}

/** Assignments of a C# object initializer (`new X { A = 1, B = 2 }`). */
export function initializerOptions(creation: Node): PolicyOptions {
  const init = creation.namedChildren.find((c) => c?.type === 'initializer_expression') ?? undefined;
  const values = new Map<string, Node>();
  for (const a of init?.namedChildren ?? []) {
    if (a?.type !== 'assignment_expression') continue;
    const name = a.childForFieldName('left')?.text;
    const value = a.childForFieldName('right');
    if (name && value) values.set(name, value);
  }
  return { holder: init, owner: creation, values, style: 'csharp' };
}

/** Elements of a Java annotation (`@Retryable(maxAttempts = 3)`; a lone value is `value`). */
export function annotationOptions(annotation: Node): PolicyOptions {
  const args = annotation.childForFieldName('arguments') ?? undefined;
  const values = new Map<string, Node>();
  for (const a of args?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'element_value_pair') {
      const key = a.childForFieldName('key')?.text;
      const value = a.childForFieldName('value');
      if (key && value) values.set(key, value);
    } else values.set('value', a);
  }
  return { holder: args, owner: annotation, values, style: 'java' };
}

const SEPARATOR = { python: '=', js: ': ', csharp: ' = ', java: ' = ' } as const;

/** The edit that gives option `name` the value `valueText`: its value replaced, or the option added. */
export function setOption(options: PolicyOptions, name: string, valueText: string): OffsetEdit | undefined {
  const existing = options.values.get(name);
  if (existing) return { start: existing.startIndex, end: existing.endIndex, newText: valueText };
  const option = `${name}${SEPARATOR[options.style]}${valueText}`;
  const { holder, owner, style } = options;
  if (!holder) {
    if (style === 'java') return { start: owner.endIndex, end: owner.endIndex, newText: `(${option})` };
    if (style === 'csharp') return { start: owner.endIndex, end: owner.endIndex, newText: ` { ${option} }` };
    return undefined;
  }
  const items = holder.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) {
    const open = holder.startIndex + 1;
    const spaced = style === 'js' || style === 'csharp' ? ` ${option} ` : option;
    return { start: open, end: holder.endIndex - 1, newText: spaced };
  }
  if (style === 'java' && last.type !== 'element_value_pair') {
    return { start: last.startIndex, end: last.endIndex, newText: `value = ${last.text}, ${option}` };
  }
  return { start: last.endIndex, end: last.endIndex, newText: `, ${option}` };
}

/** Several options set at once: values replaced in place, new options added in one insertion (so edits never collide). */
export function setOptions(options: PolicyOptions, pairs: [string, string][]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  const added: string[] = [];
  for (const [name, value] of pairs) {
    if (options.values.has(name)) out.push(setOption(options, name, value)!);
    else added.push(name);
  }
  if (!added.length) return out;
  const first = setOption(options, added[0], pairs.find(([n]) => n === added[0])![1]);
  if (!first) return out;
  const rest = added.slice(1).map((name) => `${name}${SEPARATOR[options.style]}${pairs.find(([n]) => n === name)![1]}`);
  if (rest.length) {
    const joined = `, ${rest.join(', ')}`;
    first.newText = /[)}]$/.test(first.newText) ? first.newText.replace(/(\s*[)}])$/, `${joined}$1`) : /\s$/.test(first.newText) ? first.newText.replace(/\s$/, `${joined} `) : first.newText + joined;
  }
  return [...out, first];
}

/* Tree helpers shared by the policy readers (configPolicies.ts, policyGrpc.ts, policyJsOptions.ts). */
export const imports = (ctx: DiagContext, re: RegExp) => ctx.flow.imports.some((m) => re.test(m));
/**
 * The nodes of a type in the whole tree, walked once per analysis and type (a dozen policy readers ask for `call`,
 * `call_expression`, `object_creation_expression`…); a type the grammar does not have is no walk at all.
 */
export const nodes = (ctx: DiagContext, type: string): readonly Node[] => {
  const tree = ctx.doc.tree;
  if (!tree) return [];
  let byType = nodesByContext.get(ctx);
  if (!byType) nodesByContext.set(ctx, (byType = new Map()));
  let found = byType.get(type);
  if (!found) {
    found = type === 'ERROR' || tree.language.types.includes(type) ? tree.rootNode.descendantsOfType(type).filter((n): n is Node => !!n) : [];
    byType.set(type, found);
  }
  return found;
};
const nodesByContext = new WeakMap<DiagContext, Map<string, readonly Node[]>>();
export const lastName = (text: string) => text.split(/[.:]/).pop()?.replace(/<.*$/s, '') ?? '';
export const edits = (...list: (OffsetEdit | undefined)[]): OffsetEdit[] => list.filter((e): e is OffsetEdit => !!e);
