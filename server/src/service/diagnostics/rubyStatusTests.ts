import type { Node } from 'web-tree-sitter';
import { NET_HTTP_FAMILIES } from '../spotting/rubyStatuses';

/**
 * Ruby's type tests of a Net::HTTP response: `res.is_a?(Net::HTTPSuccess)` holds for the 2xx range,
 * `res.kind_of?(Net::HTTPServerError)` for 5xx (data: server/data/ruby-statuses.json, netHttpFamilies).
 */
const TYPE_TEST = /^(is_a\?|kind_of\?|instance_of\?)$/;

/** The range a type test of `root` against a Net::HTTP family stands for, or undefined. */
export function rubyFamilyTest(n: Node, root: string): readonly number[] | undefined {
  if (n.type !== 'call' || !TYPE_TEST.test(n.childForFieldName('method')?.text ?? '')) return undefined;
  if (n.childForFieldName('receiver')?.text !== root) return undefined;
  const args = n.childForFieldName('arguments')?.namedChildren ?? [];
  const family = args.length === 1 ? /^(?:::)?Net::(HTTP\w+)$/.exec(args[0]?.text ?? '')?.[1] : undefined;
  return family ? NET_HTTP_FAMILIES.get(family) : undefined;
}

/** `res.is_a?(Net::HTTPSuccess)`: the response's success flag, as `res.ok` is in JavaScript. */
export function rubySuccessTest(n: Node, root: string): boolean {
  const range = rubyFamilyTest(n, root);
  return range !== undefined && range[0] === 200;
}
