import type { Node } from 'web-tree-sitter';
import { kotlinResponseVar } from './kotlinRequests';

/* The statement holding a request call and the variable its response is assigned to, answered once per call node. */

const STATEMENT = /statement$|declaration$|^expression_statement$|^local_declaration_statement$|^short_var_declaration$|^assignment_statement$/;

/** The statement holding `node` (a call): what follows it in its block. */
export function statementOf(node: Node): Node {
  let statement = statements.get(node);
  if (!statement) statements.set(node, (statement = findStatement(node)));
  return statement;
}

/** Answers already given, by node object (a call's node is one object for the whole analysis, asked by several rules). */
const statements = new WeakMap<Node, Node>();
const responseVars = new WeakMap<Node, string | null>();

function findStatement(node: Node): Node {
  let current = node;
  while (current.parent && !STATEMENT.test(current.type)) {
    // (Ruby: a method, block or branch body holds statements)
    if (/^(block|statement_block|body|source_file|module|program|body_statement|block_body|then|else|do|begin)$/.test(current.parent.type)) break;
    current = current.parent;
  }
  // C#: `var r = await c.PostAsync(u);` — the declaration sits in its statement, which is what follows in the block.
  if (current.type === 'variable_declaration' && current.parent?.type === 'local_declaration_statement') return current.parent;
  return current;
}

/** `r = requests.get(...)`, `const res = await fetch(...)`, `resp, err := client.Do(req)`, `var r = await c.GetAsync(u)`. */
export function responseVarOf(call: Node): string | undefined {
  let name = responseVars.get(call);
  if (name === undefined) responseVars.set(call, (name = findResponseVar(call) ?? null));
  return name ?? undefined;
}

/** The first argument of `args` is, or holds, `call`. */
function firstArgumentHolds(args: Node, call: Node): boolean {
  const first = args.firstNamedChild;
  return !!first && first.startIndex <= call.startIndex && call.endIndex <= first.endIndex;
}

function findResponseVar(call: Node): string | undefined {
  let node: Node | null = call.parent;
  for (;;) {
    const status = node ? statusReadOf(node, call) : undefined;
    if (status) {
      // `val code = client.post(u) { … }.status.value`, `status = requests.get(u).status_code`: the local holds the
      // response's status, and the tests on it are the tests of the response.
      node = status.parent;
    } else if (node && /^(await_expression|await|parenthesized_expression|expression_list|with_item|as_pattern|cast_expression|try_expression)$/.test(node.type)) {
      // Python `with session.get(u) as resp:` / `async with …`: the response is the alias.
      if (node.type === 'as_pattern') {
        const alias = node.childForFieldName('alias') ?? node.namedChildren[node.namedChildren.length - 1];
        const name = alias?.text.trim();
        if (name && name !== call.text && /^[A-Za-z_]\w*$/.test(name)) return name;
      }
      node = node.parent;
    } else if (node?.type === 'block' && node.parent?.type === 'try_expression' && node.lastNamedChild?.startIndex === call.startIndex) {
      // Kotlin `response = try { chain.proceed(request) } catch (e: Exception) { … }`: the try's value is the call's.
      node = node.parent.parent;
    } else if (node?.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'ConfigureAwait' && node.parent?.type === 'invocation_expression') {
      // C# `await client.GetAsync(u).ConfigureAwait(false)`: the response is the awaited call's, not `ConfigureAwait`.
      node = node.parent.parent;
    } else if (node?.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'Result') {
      // C# `client.PostAsync(u, body).Result`: the task waited on synchronously is the response.
      node = node.parent;
    } else if (node?.type === 'argument_list' && firstArgumentHolds(node, call) && /^T\.(cast|must|let|unsafe)$/.test(`${node.parent?.childForFieldName('receiver')?.text}.${node.parent?.childForFieldName('method')?.text}`)) {
      // Ruby's Sorbet casts hand the value on: `res = T.cast(HTTParty.get(u), HTTParty::Response)`, `T.must(…)`.
      node = node.parent!.parent;
    } else if (node?.type === 'member_expression' && /^(catch|finally)$/.test(node.childForFieldName('property')?.text ?? '') && node.parent?.type === 'call_expression') {
      // JS `await fetch(u, init).catch(onNetworkError)`: on success the promise's value passes through, the response.
      node = node.parent.parent;
    } else if (node?.type === 'field_expression' && /^(map_err|unwrap|expect|context|with_context|ok|unwrap_or_else)$/.test(node.childForFieldName('field')?.text ?? '') && node.parent?.type === 'call_expression') {
      // Rust `client.get(u).send().await.map_err(to_api)?`, `.unwrap()`, anyhow's `.context("…")?`: still the response
      node = node.parent.parent;
    } else break;
  }
  if (!node) return undefined;
  // Rust `match client.post(u).send().await { Ok(response) if response.status().is_success() => …, Err(e) => … }`:
  // the arms bind the response by one name, and their guards test it. (Arms that only match the error's own
  // patterns, `Err(ureq::Error::Status(503, _))`, test no response of this name.)
  if (node.type === 'match_expression' && node.childForFieldName('value')?.startIndex === call.startIndex) {
    const arms = node.childForFieldName('body')?.text ?? '';
    const names = new Set([...arms.matchAll(/\bOk\s*\(\s*(?:mut\s+)?([a-z_]\w*)\s*\)\s*if\s+([a-z_]\w*)\b/g)].filter((m) => m[1] === m[2]).map((m) => m[1]));
    return names.size === 1 ? [...names][0] : undefined;
  }
  // Kotlin `val response = …` and `client.newCall(req).execute().use { response -> … }`
  if (node.type === 'property_declaration' || node.type === 'navigation_expression') return kotlinResponseVar(node);
  // (Rust `let resp = client.get(u).send().await?;` names its variable in a pattern)
  const target = node.childForFieldName('left') ?? node.childForFieldName('name') ?? (node.type === 'let_declaration' ? node.childForFieldName('pattern') : null) ?? (node.type === 'variable_declarator' ? node.firstNamedChild : null);
  if (!target) return undefined;
  // Go SDKs in go-github's style hand back `(value, *Response, error)`: `release, res, err := c.Repositories.Edit(…)`
  // reads the response from the middle name.
  if (target.type === 'expression_list' && /^(short_var_declaration|assignment_statement)$/.test(node.type)) {
    const names = target.namedChildren.filter((n): n is Node => n !== null);
    if (names.length === 3 && /^err\w*$/.test(names[2].text) && /^[A-Za-z_]\w*$/.test(names[1].text) && names[1].text !== '_') return names[1].text;
  }
  const first = target.type === 'expression_list' || target.type === 'pattern_list' ? target.firstNamedChild : target;
  return first && /^[A-Za-z_$][\w$]*$/.test(first.text) ? first.text : undefined;
}

/** Member reads of a response that give its status (Ktor's `.status.value` reads on through `value`). */
const STATUS_MEMBER = /^(status|status_code|statusCode|StatusCode|code)$/;
const MEMBER_READ = /^(navigation_expression|attribute|member_expression|member_access_expression|field_access|selector_expression)$/;

/**
 * `node` reads the status off what holds the request `call` (the call, or the await around it): `….status_code`,
 * `….StatusCode`, Kotlin `….status.value`, also past a Kotlin trailing lambda (`client.post(u) { … }.status`). The
 * outermost node of the read, or undefined when `node` is no such read.
 */
function statusReadOf(node: Node, call: Node): Node | undefined {
  // (By type first: the node may be a block of thousands of statements, whose children are not to be listed per call.)
  if (node.type !== 'call_expression' && !MEMBER_READ.test(node.type)) return undefined;
  let object = node.firstNamedChild;
  if (!object || object.startIndex > call.startIndex || call.endIndex > object.endIndex) return undefined;
  let read = node;
  // Kotlin: `client.post(u) { … }` wraps the call in another call_expression with the lambda.
  if (read.type === 'call_expression' && read.namedChildCount === 2 && read.lastNamedChild?.type === 'annotated_lambda') {
    object = read;
    if (!read.parent) return undefined;
    read = read.parent;
  }
  if (!MEMBER_READ.test(read.type) || read.firstNamedChild?.id !== object.id) return undefined;
  const member = read.lastNamedChild;
  if (!member || member.id === object.id || !STATUS_MEMBER.test(member.text.replace(/^\./, ''))) return undefined;
  // Ktor's HttpStatusCode: `.status.value` is the number.
  const outer = read.parent;
  if (outer && outer.type === 'navigation_expression' && outer.firstNamedChild?.id === read.id && outer.lastNamedChild?.text.replace(/^\./, '') === 'value') return outer;
  return read;
}
