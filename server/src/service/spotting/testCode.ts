import type { Node } from 'web-tree-sitter';

/**
 * Whether a node lies in test code, read from the names around it (a document does not say where its file lives):
 * a function or method named for a test (`test_retry`, `TestTimeout`, `shouldRetryTest`), a class of tests
 * (`RetryHandlerTests`) or a test double (`FakeResponse`, `MockHttpClientHandler`, `StubTransport`), a Rust
 * `#[test]`/`#[tokio::test]` function or `mod tests`, a Java/Kotlin method annotated `@Test`.
 */

/** Names of test functions and of classes of tests. */
const TEST_NAME = /^(test|Test)|_test$|Tests?$/;
/** Names of test doubles: what a test builds to stand in for a server, a response or a client. */
const DOUBLE_NAME = /^(Fake|Mock|Stub|Dummy)[A-Za-z]|(Fake|Mock|Stub)$/;
const FUNCTION_LIKE = /function|method|closure|lambda/;
const CLASS_LIKE = /class|struct|object_declaration/;

export function inTestCode(node: Node): boolean {
  // (Answered once per ancestor and tree: a file's thousand `new Error(…)` share their functions and classes.)
  let known = answers.get(node.tree);
  if (!known) answers.set(node.tree, (known = new Map()));
  const climbed: number[] = [];
  let answer = false;
  for (let up: Node | null = node.parent; up; up = up.parent) {
    const cached = known.get(up.id);
    if (cached !== undefined) {
      answer = cached;
      break;
    }
    climbed.push(up.id);
    if (isTestScope(up)) {
      answer = true;
      break;
    }
  }
  for (const id of climbed) known.set(id, answer);
  return answer;
}

const answers = new WeakMap<Node['tree'], Map<number, boolean>>();

/** The node is a test's own scope: a Rust `mod tests`, a test-named function or class, a `#[test]` or `@Test` one. */
function isTestScope(up: Node): boolean {
  const name = up.childForFieldName('name')?.text;
  if (up.type === 'mod_item' && name !== undefined && /^tests?$/.test(name)) return true;
  if (name !== undefined && FUNCTION_LIKE.test(up.type) && TEST_NAME.test(name)) return true;
  if (name !== undefined && CLASS_LIKE.test(up.type) && (TEST_NAME.test(name) || DOUBLE_NAME.test(name))) return true;
  if (up.type === 'function_item' && /^\s*#\[[\w:]*test\b/m.test(attributesBefore(up))) return true;
  return /^(method_declaration|function_declaration)$/.test(up.type) && /@(Test|ParameterizedTest)\b/.test(up.namedChild(0)?.text ?? '');
}

/** The attribute lines right above a Rust item: `#[tokio::test]`, `#[cfg(test)]`. */
function attributesBefore(item: Node): string {
  const attributes: string[] = [];
  for (let prev = item.previousNamedSibling; prev?.type === 'attribute_item'; prev = prev.previousNamedSibling) attributes.push(prev.text);
  return attributes.join('\n');
}
