import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, stripQuotes, typeSet } from './flowGrammar';

/** Block calls that go round until something leaves (`loop do`) or a fixed number of times (`3.times do |i|`). */
const REPEATING = /^(loop|times|upto|downto|step)$/;
/** Block calls that iterate data. */
const ITERATING = /^(each\w*|map|flat_map|collect|select|filter|filter_map|reject|find|detect|each_with_object|inject|reduce|sum|count|group_by|partition|sort_by|min_by|max_by|any\?|all\?|none\?|find_each|find_in_batches|in_batches|zip|cycle)$/;

function blockCall(block: Node): Node | null {
  const call = block.parent;
  return call?.type === 'call' && call.childForFieldName('block')?.id === block.id ? call : null;
}

/** `begin … rescue … retry … end` (or a method body with its own rescue): the rescue sends control back to the top. */
function retriesFromRescue(node: Node): boolean {
  for (const child of node.namedChildren) {
    if (child?.type !== 'rescue') continue;
    if (hasRetry(child)) return true;
  }
  return false;
}

function hasRetry(node: Node): boolean {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'retry') return true;
    // A nested begin/method/block owns its own retry.
    if (/^(begin|method|singleton_method|lambda|do_block|block)$/.test(child.type)) continue;
    if (hasRetry(child)) return true;
  }
  return false;
}

/**
 * Ruby's control flow. Besides `while`/`until`/`for`, a retry loop is a block of `loop do`, `n.times do |i|`, or a
 * `begin`/method body whose `rescue` says `retry` (Ruby's own retry statement: the body runs again). Blocks of other
 * calls (`Net::HTTP.start(host) do |http|`, `it "…" do`) are no loops at all. `raise` is a method call in Ruby.
 */
export const rubyFlow: FlowGrammar = {
  functions: typeSet('method', 'singleton_method', 'lambda'),
  ifs: typeSet('if', 'elsif', 'if_modifier'),
  negatedIfs: typeSet('unless', 'unless_modifier'),
  cases: typeSet('when'),
  loops: typeSet('while', 'until', 'for', 'while_modifier', 'until_modifier', 'do_block', 'block', 'begin', 'body_statement'),
  raises: typeSet(),
  raiseCalls: typeSet('raise', 'fail'),
  returns: typeSet('return'),
  continues: typeSet('next', 'retry', 'redo'),
  breaks: typeSet('break'),
  increments: typeSet('operator_assignment'),
  imports: typeSet('call'),
  comments: typeSet('comment'),
  strings: typeSet('string_content', 'identifier', 'simple_symbol', 'constant'),
  exitCalls: typeSet('exit', 'exit!', 'abort'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators: () => [],
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName(node.type.endsWith('_modifier') ? 'body' : 'consequence'),
  isLoop(node) {
    if (node.type === 'do_block' || node.type === 'block') {
      const name = blockCall(node)?.childForFieldName('method')?.text ?? '';
      return REPEATING.test(name) || ITERATING.test(name);
    }
    if (node.type === 'begin') return retriesFromRescue(node);
    if (node.type === 'body_statement') return /^(method|singleton_method|do_block)$/.test(node.parent?.type ?? '') && retriesFromRescue(node);
    return true;
  },
  loopBody(node) {
    if (node.type === 'begin' || node.type === 'body_statement') return node;
    return node.childForFieldName('body');
  },
  loopKind(node) {
    switch (node.type) {
      case 'while':
        return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
      case 'until':
        return { kind: /^\(?\s*false\s*\)?$/.test(node.childForFieldName('condition')?.text ?? '') ? 'infinite' : 'conditional' };
      case 'for':
        return { kind: 'collection' };
      case 'do_block':
      case 'block': {
        const call = blockCall(node);
        const name = call?.childForFieldName('method')?.text ?? '';
        if (name === 'loop') return { kind: 'infinite' };
        if (REPEATING.test(name)) {
          const param = node.childForFieldName('parameters')?.namedChildren[0]?.text;
          return param ? { kind: 'counted', counterVar: param } : { kind: 'counted' };
        }
        return { kind: 'collection' };
      }
      default:
        return { kind: 'conditional' };
    }
  },
  importModules(node) {
    const method = node.childForFieldName('method')?.text;
    if (method !== 'require' && method !== 'require_relative') return [];
    const arg = node.childForFieldName('arguments')?.namedChildren[0];
    return arg?.type === 'string' ? [stripQuotes(arg.text)] : [];
  },
};
