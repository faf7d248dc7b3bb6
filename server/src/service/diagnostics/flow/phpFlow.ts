import { FlowGrammar, isConstantTrue, stripQuotes, typeSet } from './flowGrammar';

/** PHP's control flow: `throw` is an expression, `foreach` iterates data, `for (;;)`/`while (true)`/`do … while` go round. */
export const phpFlow: FlowGrammar = {
  functions: typeSet('function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'),
  ifs: typeSet('if_statement', 'else_if_clause'),
  cases: typeSet('case_statement', 'match_conditional_expression'),
  loops: typeSet('for_statement', 'while_statement', 'do_statement', 'foreach_statement'),
  raises: typeSet('throw_expression'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('update_expression', 'augmented_assignment_expression'),
  imports: typeSet('namespace_use_clause'),
  comments: typeSet('comment'),
  strings: typeSet('string_content', 'name'),
  exitCalls: typeSet('exit', 'die'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators: (fn) => fn.namedChildren.filter((c) => c?.type === 'attribute_list').flatMap((list) => (list!.text.match(/[A-Za-z_]\w*(?=\s*[(\]])/g) ?? [])),
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('body'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'foreach_statement') return { kind: 'collection' };
    if (node.type === 'while_statement' || node.type === 'do_statement') {
      return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
    }
    const condition = node.childForFieldName('condition');
    if (!condition) return { kind: 'infinite' };
    const init = node.childForFieldName('initialize');
    const counter = /^\s*\$(\w+)\s*=/.exec(init?.text ?? '')?.[1];
    return counter ? { kind: 'counted', counterVar: `$${counter}` } : { kind: 'conditional' };
  },
  importModules(node) {
    // `use GuzzleHttp\Middleware;` → `GuzzleHttp.Middleware` (module names are dotted for matching)
    return [stripQuotes(node.namedChildren[0]?.text ?? '').replace(/^\\/, '').replace(/\\/g, '.')].filter(Boolean);
  },
};
