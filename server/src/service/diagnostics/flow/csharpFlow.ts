import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, lastSegment, typeSet } from './flowGrammar';

export const csharpFlow: FlowGrammar = {
  functions: typeSet('method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression'),
  ifs: typeSet('if_statement'),
  cases: typeSet('switch_section'),
  loops: typeSet('for_statement', 'while_statement', 'do_statement', 'foreach_statement'),
  raises: typeSet('throw_statement', 'throw_expression'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('postfix_unary_expression', 'prefix_unary_expression', 'assignment_expression'),
  imports: typeSet('using_directive'),
  comments: typeSet('comment'),
  strings: typeSet('string_literal', 'verbatim_string_literal', 'identifier'),
  exitCalls: typeSet('Exit', 'FailFast'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators(fn) {
    return fn.namedChildren
      .filter((c): c is Node => c !== null && c.type === 'attribute_list')
      .flatMap((list) => list.namedChildren.filter((a): a is Node => a !== null && a.type === 'attribute'))
      .map((a) => lastSegment(a.childForFieldName('name')?.text ?? a.text).replace(/Attribute$/, ''));
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'foreach_statement') return { kind: 'collection' };
    const condition = node.childForFieldName('condition');
    if (node.type === 'for_statement') {
      if (!condition) return { kind: 'infinite' };
      const declarator = node.childForFieldName('initializer')?.namedChildren.find((c) => c?.type === 'variable_declarator')
        ?? node.namedChildren.find((c) => c?.type === 'variable_declaration')?.namedChildren.find((c) => c?.type === 'variable_declarator');
      return { kind: 'counted', counterVar: declarator?.childForFieldName('name')?.text ?? declarator?.namedChildren[0]?.text };
    }
    return { kind: isConstantTrue(condition) ? 'infinite' : 'conditional' };
  },
  importModules: (node) => [node.text.replace(/^(global\s+)?using\s+(static\s+)?/, '').replace(/^\w+\s*=\s*/, '').replace(/[;\s]/g, '')],
};
