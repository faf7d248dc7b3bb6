import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, lastSegment, typeSet } from './flowGrammar';

export const javaFlow: FlowGrammar = {
  functions: typeSet('method_declaration', 'constructor_declaration', 'lambda_expression'),
  ifs: typeSet('if_statement'),
  cases: typeSet('switch_block_statement_group', 'switch_rule'),
  loops: typeSet('for_statement', 'while_statement', 'do_statement', 'enhanced_for_statement'),
  raises: typeSet('throw_statement'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('update_expression', 'assignment_expression'),
  imports: typeSet('import_declaration'),
  comments: typeSet('line_comment', 'block_comment'),
  strings: typeSet('string_literal', 'identifier'),
  exitCalls: typeSet('exit'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators(fn) {
    const modifiers = fn.namedChildren.find((c) => c?.type === 'modifiers');
    return (modifiers?.namedChildren ?? [])
      .filter((c): c is Node => c !== null && (c.type === 'annotation' || c.type === 'marker_annotation'))
      .map((a) => lastSegment(a.childForFieldName('name')?.text ?? a.text.replace(/^@/, '')));
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'enhanced_for_statement') return { kind: 'collection' };
    const condition = node.childForFieldName('condition');
    if (node.type === 'for_statement') {
      if (!condition) return { kind: 'infinite' };
      const init = node.childForFieldName('init');
      const declarator = init?.namedChildren.find((c) => c?.type === 'variable_declarator');
      return { kind: 'counted', counterVar: declarator?.childForFieldName('name')?.text };
    }
    return { kind: isConstantTrue(condition) ? 'infinite' : 'conditional' };
  },
  importModules: (node) => [node.text.replace(/^import\s+(static\s+)?/, '').replace(/[;\s]/g, '')],
};
