import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, lastSegment, stripQuotes, typeSet } from './flowGrammar';

export const javascriptFlow: FlowGrammar = {
  functions: typeSet('function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function'),
  ifs: typeSet('if_statement'),
  cases: typeSet('switch_case'),
  loops: typeSet('for_statement', 'while_statement', 'do_statement', 'for_in_statement'),
  raises: typeSet('throw_statement'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('update_expression', 'augmented_assignment_expression'),
  imports: typeSet('import_statement'),
  comments: typeSet('comment'),
  strings: typeSet('string', 'template_string', 'identifier', 'property_identifier'),
  exitCalls: typeSet('exit'),
  // A promise settled as failed (`reject(err)`, `deferred.reject(err)`, `queued.reject(error)`) ends the operation like a throw.
  raiseCalls: typeSet('reject'),

  functionName(fn) {
    const own = fn.childForFieldName('name')?.text;
    if (own) return own;
    const parent = fn.parent;
    if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
    if (parent?.type === 'pair') return parent.childForFieldName('key')?.text;
    return undefined;
  },
  decorators(fn) {
    const names: string[] = [];
    for (const child of fn.namedChildren) if (child?.type === 'decorator') names.push(lastSegment(child.text.replace(/^@/, '')));
    return names;
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'for_in_statement') {
      // `for (const delay of [250, 500, 1000])`: a fixed run of numbers is a count (or a delay schedule), not items.
      const right = node.childForFieldName('right');
      const items = right?.type === 'array' ? right.namedChildren.filter((c) => c !== null && c.type !== 'comment') : [];
      const left = node.childForFieldName('left');
      if (/\bof\b/.test(node.text.slice(0, (right?.startIndex ?? node.startIndex) - node.startIndex)) && items.length >= 2 && items.every((c) => c!.type === 'number')) {
        return { kind: 'counted', counterVar: left?.text };
      }
      return { kind: 'collection' };
    }
    const condition = node.childForFieldName('condition');
    if (node.type === 'for_statement') {
      if (!condition || condition.text.replace(/[;\s]/g, '') === '') return { kind: 'infinite' };
      return { kind: 'counted', counterVar: counterOf(node) };
    }
    return { kind: isConstantTrue(condition) ? 'infinite' : 'conditional' };
  },
  importModules(node) {
    // `import type { OpenAI } from 'openai'` brings in a type, not the SDK's retrying client.
    if (/^import\s+type\b/.test(node.text)) return [];
    const source = node.childForFieldName('source');
    return source ? [stripQuotes(source.text)] : [];
  },
};

function counterOf(loop: Node): string | undefined {
  const init = loop.childForFieldName('initializer');
  const declarator = init?.namedChildren.find((c) => c?.type === 'variable_declarator');
  return declarator?.childForFieldName('name')?.text ?? init?.text.split(/[=\s]/)[0];
}
