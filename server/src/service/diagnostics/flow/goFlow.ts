import { FlowGrammar, stripQuotes, typeSet } from './flowGrammar';

export const goFlow: FlowGrammar = {
  functions: typeSet('function_declaration', 'method_declaration', 'func_literal'),
  ifs: typeSet('if_statement'),
  cases: typeSet('expression_case'),
  loops: typeSet('for_statement'),
  raises: typeSet(),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('inc_statement', 'assignment_statement'),
  imports: typeSet('import_spec'),
  comments: typeSet('comment'),
  strings: typeSet('interpreted_string_literal', 'raw_string_literal', 'identifier', 'field_identifier'),
  exitCalls: typeSet('Exit', 'Fatal', 'Fatalf', 'Fatalln', 'panic', 'Panic', 'Panicf'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators: () => [],
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    const clause = node.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    if (!clause) return { kind: 'infinite' };
    if (clause.type === 'range_clause') {
      const right = clause.childForFieldName('right');
      if (right?.type === 'int_literal') return { kind: 'counted', counterVar: clause.childForFieldName('left')?.text };
      // `for range ticker.C` / `for range time.Tick(d)`: rounds of time, not items — it goes round until it leaves.
      if (right && /(^|\.)C$|\btime\.Tick\(/.test(right.text)) return { kind: 'infinite' };
      return { kind: 'collection' };
    }
    if (clause.type === 'for_clause') {
      if (!clause.childForFieldName('condition')) return { kind: 'infinite' };
      const init = clause.childForFieldName('initializer');
      return { kind: 'counted', counterVar: init?.childForFieldName('left')?.text };
    }
    return { kind: clause.text === 'true' ? 'infinite' : 'conditional' };
  },
  importModules(node) {
    const path = node.childForFieldName('path');
    return path ? [stripQuotes(path.text)] : [];
  },
};
