import type { Node } from 'web-tree-sitter';
import type { CallInfo } from './flow/flowModel';
import { escapeRegExp } from './regexText';

/**
 * JavaScript/TypeScript option objects read as the code writes them: an options literal handed to a request
 * (`got.post(url, { ...apiOptions, json })`) with its spreads read through to the literal they were bound to, where
 * the file shows it.
 */

/** An entry of an options literal, from the literal itself or one spread into it. */
export interface OptionEntry {
  key: string;
  value?: Node;
  /** The pair (or shorthand) as written. */
  node: Node;
}

/** Option fragments named for what they carry: a proxy's agents, headers, credentials — never a timeout or a retry. */
const NAMED_FRAGMENT = /^(proxy|proxyConfig|proxyOptions|agents?|httpsAgent|headers|auth)$/i;

/**
 * The entries of an options literal, spreads included: a spread of a local of the call's function (or a function
 * around it) or of a module constant bound once to a literal is read through that literal (`const apiOptions = {
 * headers, retry: { limit: 3 } }`); a spread named for a proxy, headers or credentials adds nothing the readers ask
 * for; any other spread makes the object `opaque` (it may carry anything). Later entries win, as they do in JS.
 */
export function optionEntries(object: Node, call: CallInfo, depth = 0): { entries: OptionEntry[]; opaque: boolean } {
  const entries: OptionEntry[] = [];
  let opaque = false;
  for (const p of object.namedChildren) {
    if (!p || p.type === 'comment') continue;
    if (p.type === 'spread_element') {
      const spread = p.namedChildren.find((c): c is Node => !!c && c.type !== 'comment');
      // (`...config.proxy`: named for what it carries.)
      if (spread?.type === 'member_expression') {
        if (!NAMED_FRAGMENT.test(spread.childForFieldName('property')?.text ?? '')) opaque = true;
        continue;
      }
      const value = spread?.type === 'identifier' && depth < 3 ? enclosingValue(call, spread.text) : undefined;
      if (value?.type === 'object') {
        const inner = optionEntries(value, call, depth + 1);
        entries.push(...inner.entries);
        opaque ||= inner.opaque;
      } else if (value !== undefined || spread?.type !== 'identifier' || !NAMED_FRAGMENT.test(spread.text)) opaque = true;
      continue;
    }
    const key = p.type === 'shorthand_property_identifier' ? p.text : p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
    if (key) entries.push({ key, node: p, ...(p.type === 'pair' ? { value: p.childForFieldName('value') ?? undefined } : {}) });
  }
  return { entries, opaque };
}

/** The value a name is declared with in the call's function, a function around it, or the module, when nothing changes it after. */
export function enclosingValue(call: CallInfo, name: string): Node | undefined {
  for (let fn = call.fn; fn; fn = fn.parent) {
    if (fn.node.descendantsOfType('variable_declarator').some((d) => d?.childForFieldName('name')?.text === name)) return localValue(fn.node, name);
  }
  let root = call.node;
  while (root.parent) root = root.parent;
  // (A module's own constant: declared at the top level, not in some other function.)
  for (const statement of root.namedChildren) {
    const declaration = statement?.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (!declaration || !/^(lexical_declaration|variable_declaration)$/.test(declaration.type)) continue;
    const declarator = declaration.namedChildren.find((d) => d?.type === 'variable_declarator' && d.childForFieldName('name')?.text === name);
    if (declarator) return localValue(root, name) && (declarator.childForFieldName('value') ?? undefined);
  }
  return undefined;
}

/**
 * The value a local of `fn` is declared with (`const config = …`), when nothing changes it after: no field or
 * element of it is assigned (`config.timeout = …`) and it is not assigned a second time.
 */
export function localValue(fn: Node, local: string): Node | undefined {
  const name = escapeRegExp(local);
  if (new RegExp(`(?<![\\w$])${name}\\s*(\\.\\s*\\w+|\\[[^\\]]+\\])\\s*=(?!=)|(?<![\\w$])${name}\\s*=(?!=)[^\\n]*\\n[\\s\\S]*(?<![\\w$])${name}\\s*=(?!=)`).test(fn.text)) return undefined;
  const declarator = fn.descendantsOfType('variable_declarator').find((d) => d?.childForFieldName('name')?.text === local);
  return declarator?.childForFieldName('value') ?? undefined;
}
