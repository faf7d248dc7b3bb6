import { FlowGrammar, isConstantTrue, lastSegment, typeSet } from './flowGrammar';

export const pythonFlow: FlowGrammar = {
  functions: typeSet('function_definition', 'lambda'),
  ifs: typeSet('if_statement', 'elif_clause'),
  cases: typeSet('case_clause'),
  loops: typeSet('for_statement', 'while_statement'),
  raises: typeSet('raise_statement'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('augmented_assignment'),
  imports: typeSet('import_statement', 'import_from_statement'),
  comments: typeSet('comment'),
  strings: typeSet('string', 'identifier'),
  exitCalls: typeSet('exit', '_exit', 'abort'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators(fn) {
    const parent = fn.parent;
    if (parent?.type !== 'decorated_definition') return [];
    return parent.namedChildren.filter((c) => c?.type === 'decorator').map((d) => lastSegment(d!.text.replace(/^@/, '')));
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'while_statement') {
      return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
    }
    const right = node.childForFieldName('right');
    const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
    if (callee === 'range') return { kind: 'counted', counterVar: node.childForFieldName('left')?.text };
    return { kind: 'collection' };
  },
  importModules(node) {
    if (node.type === 'import_from_statement') {
      const module = node.childForFieldName('module_name')?.text;
      return module ? [module] : [];
    }
    return node.namedChildren.filter((c) => c?.type === 'dotted_name' || c?.type === 'aliased_import').map((c) => c!.text.split(/\s+as\s+/)[0]);
  },
};
