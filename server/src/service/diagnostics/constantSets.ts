import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { calleeOf } from './flow/flowModel';

/**
 * Status collections the file names: `RETRIABLE = {500, 503, 504}`, `const RETRY_ON = [429, 503]`,
 * `static final Set<Integer> RETRYABLE = Set.of(429, 503)`, `var retryable = []int{502, 503}`. Found from
 * the spotted codes upwards (a code inside a collection inside an assignment), so nothing is re-scanned.
 */
export function constantSets(ctx: DiagContext): Map<string, Set<string>> {
  let sets = cache.get(ctx);
  if (sets) return sets;
  sets = new Map(ownStatusSets(ctx));
  // Collections of other files this one imports (`from .constants import STATUS_FORCELIST`): the file's own win.
  for (const [name, codes] of Object.entries(ctx.workspace?.statusSets ?? {})) if (!sets.has(name)) sets.set(name, new Set(codes));
  cache.set(ctx, sets);
  return sets;
}

const cache = new WeakMap<DiagContext, Map<string, Set<string>>>();

/** The status collections this file declares itself (what its summary offers other files). */
export function ownStatusSets(ctx: DiagContext): Map<string, Set<string>> {
  let sets = ownCache.get(ctx);
  if (sets) return sets;
  sets = new Map();
  for (const occ of ctx.occurrences) {
    if (occ.kind !== 'http-status') continue;
    const node = ctx.nodeOf(occ);
    const name = node ? collectionName(ctx, node) : undefined;
    if (!name) continue;
    const set = sets.get(name) ?? new Set<string>();
    set.add(occ.code);
    sets.set(name, set);
  }
  ownCache.set(ctx, sets);
  return sets;
}

const ownCache = new WeakMap<DiagContext, Map<string, Set<string>>>();

/** Wrapping calls that only build a collection from their arguments (`Set.of`, `frozenset`, `Arrays.asList`). */
const BUILDERS = /^(of|asList|frozenset|set|tuple|list|Set|List|copyOf|unmodifiableSet|newHashSet|ImmutableSet|HashSet|setOf|listOf|arrayOf|intArrayOf|mutableSetOf|mutableListOf|hashSetOf)$/;

/** The name a code's collection is assigned to, climbing at most a few wrapping levels. */
function collectionName(ctx: DiagContext, node: Node): string | undefined {
  const { adapter } = ctx.flow;
  let n: Node | null = node;
  let sawCollection = false;
  for (let depth = 0; n && depth < 7; depth++, n = n.parent) {
    if (depth === 0 && (adapter.numbers.has(n.type) || adapter.members.has(n.type) || n.type === 'identifier')) continue;
    if (adapter.collections.has(n.type) || /^(array|list|set|tuple|initializer_expression|literal_value|array_initializer|collection_expression|composite_literal)$/.test(n.type)) {
      sawCollection = true;
      continue;
    }
    if (adapter.calls.has(n.type) && BUILDERS.test(calleeOf(n, adapter).name)) {
      sawCollection = true;
      continue;
    }
    if (adapter.transparent.has(n.type) || /^(arguments|argument_list|argument|keyed_element|literal_element|object_creation_expression|new_expression|array_creation_expression|expression_list)$/.test(n.type)) continue;
    // Kotlin `private val RETRYABLE = setOf(429, 503)`: a property declared with its value.
    if (n.type === 'property_declaration') {
      const name = n.namedChildren.find((c) => c?.type === 'variable_declaration')?.namedChild(0)?.text;
      return sawCollection && name && /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
    }
    if (adapter.assignments.has(n.type)) {
      if (!sawCollection) return undefined;
      const target = adapter.assignTarget(n)?.text;
      const name = target?.split(/[.\s]/).pop();
      return name && /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
    }
    return undefined;
  }
  return undefined;
}

/**
 * The codes of a membership test on a named collection, and what it tests: `status in RETRIABLE`,
 * `RETRY_ON.includes(res.status)`, `RETRYABLE.contains(code)`, `slices.Contains(retryable, code)`.
 */
export function membershipOf(ctx: DiagContext, n: Node): { codes: Set<string>; subject: string; negated: boolean } | undefined {
  const sets = constantSets(ctx);
  if (sets.size === 0) return undefined;
  const { adapter } = ctx.flow;
  if (n.type === 'comparison_operator' || n.type === 'in_expression') {
    const parts = n.namedChildren.filter((c): c is Node => c !== null);
    const op = adapter.operatorOf(n).trim();
    if (parts.length !== 2 || (op !== 'in' && op !== 'not in')) return undefined;
    const codes = sets.get(parts[1].text.split('.').pop() ?? '');
    return codes && { codes, subject: parts[0].text, negated: op === 'not in' };
  }
  if (adapter.calls.has(n.type)) {
    const { name, receiver } = calleeOf(n, adapter);
    const args = adapter.callArguments(n);
    if (/^(includes|contains|Contains|has)$/.test(name) && receiver && args.length === 1) {
      const codes = sets.get(receiver.split('.').pop() ?? '');
      return codes && { codes, subject: args[0].text, negated: false };
    }
    if (name === 'Contains' && receiver === 'slices' && args.length === 2) {
      const codes = sets.get(args[0].text);
      return codes && { codes, subject: args[1].text, negated: false };
    }
  }
  return undefined;
}

/** The collection's name in a membership test (`STATUS_FORCELIST` in `code not in constants.STATUS_FORCELIST`). */
export function membershipName(ctx: DiagContext, n: Node): string | undefined {
  const { adapter } = ctx.flow;
  if (n.type === 'comparison_operator') return n.namedChildren.filter((c): c is Node => c !== null)[1]?.text.split('.').pop();
  if (!adapter.calls.has(n.type)) return undefined;
  const { name, receiver } = calleeOf(n, adapter);
  if (name === 'Contains' && receiver === 'slices') return adapter.callArguments(n)[0]?.text;
  return receiver?.split('.').pop();
}

/** Membership tests on the file's named status collections, found through the uses of each name. */
export function membershipTests(ctx: DiagContext): Node[] {
  let found = membershipCache.get(ctx);
  if (!found) membershipCache.set(ctx, (found = findMembershipTests(ctx)));
  return found;
}

const membershipCache = new WeakMap<DiagContext, Node[]>();

function findMembershipTests(ctx: DiagContext): Node[] {
  const sets = constantSets(ctx);
  const found: Node[] = [];
  const root = ctx.doc.tree?.rootNode;
  if (!root || sets.size === 0) return found;
  const seen = new Set<number>();
  for (const name of sets.keys()) {
    if (!/^[A-Za-z_$][\w$.]*$/.test(name)) continue;
    for (const m of ctx.doc.text.matchAll(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))) {
      let n: Node | null = root.descendantForIndex(m.index, m.index + name.length);
      for (let depth = 0; n && depth < 5; depth++, n = n.parent) {
        if (membershipOf(ctx, n)) {
          if (!seen.has(n.id)) found.push(n);
          seen.add(n.id);
          break;
        }
      }
    }
  }
  return found;
}
