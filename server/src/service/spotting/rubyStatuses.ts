import type { Node } from 'web-tree-sitter';
import rubyStatuses from '../../../data/ruby-statuses.json';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * Ruby's status vocabulary beyond numbers and `Net::HTTP*` constants (data: server/data/ruby-statuses.json):
 * Rack status symbols (`head :service_unavailable`, `render json: body, status: :too_many_requests`,
 * `expect(response).to have_http_status(:not_found)`) and exception classes named after one status
 * (`rescue RestClient::TooManyRequests`, `rescue Faraday::ResourceNotFound`). A symbol counts only where a status is
 * given or asserted, an exception class only where it is rescued, type-tested or handed to a retry; a `:not_found`
 * returned from a lookup is no status.
 */
interface StatusExceptionTable {
  outer: string;
  members: Record<string, number>;
}

const DATA = rubyStatuses as unknown as {
  rackSymbols: { symbols: Record<string, number>; obsoleteSymbols: { symbols: Record<string, number> } };
  netHttpFamilies: { classes: Record<string, number[]> };
  statusExceptions: StatusExceptionTable[];
};

export const RACK_SYMBOLS: ReadonlyMap<string, number> = new Map([
  ...Object.entries(DATA.rackSymbols.obsoleteSymbols.symbols),
  ...Object.entries(DATA.rackSymbols.symbols),
]);
/**
 * Words that say a Ruby file may hold a status no catalog names: the status exceptions' class names
 * (`ResourceNotFound`, `TooManyRequests`) and the Rack symbols of two words or more (`service_unavailable`). The CLI's
 * pre-filter passes a file holding one (a job whose only code is `discard_on Faraday::ResourceNotFound`).
 */
export const RUBY_STATUS_WORDS: ReadonlySet<string> = new Set([
  ...DATA.statusExceptions.flatMap((t) => Object.keys(t.members)),
  ...[...RACK_SYMBOLS.keys()].filter((symbol) => symbol.includes('_')),
]);
/** `Net::HTTPSuccess` → [200, 299]. */
export const NET_HTTP_FAMILIES: ReadonlyMap<string, readonly number[]> = new Map(Object.entries(DATA.netHttpFamilies.classes));
const EXCEPTIONS = new Map(DATA.statusExceptions.map((t) => [t.outer, t.members]));

const SYMBOL = /(?<![\w:]):([a-z][a-z_]*[a-z])\b(?![?!:])/g;
const EXCEPTION = new RegExp(`(?<![\\w:])(?:::)?(${[...EXCEPTIONS.keys()].join('|')})::([A-Z]\\w*)\\b`, 'g');

/** Calls whose argument is the status a response must have: rspec-rails, Rails' minitest assertions. */
const STATUS_ASSERT = /^(have_http_status|assert_response|have_status)$/;
/** Calls that turn a symbol into its status: `Rack::Utils.status_code(:not_found)`. */
const SYMBOL_LOOKUP = /^(status_code|SYMBOL_TO_STATUS_CODE)$/;
/** Type tests and rspec's exception matchers. */
const TYPE_TEST = /^(is_a\?|kind_of\?|instance_of\?)$/;
const RAISE_MATCHER = /^(raise_error|raise_exception|assert_raises)$/;
/** Options and calls that list the exceptions a retry acts on: Faraday `exceptions:`, retriable `on:`, `retry_on` (and ActiveJob's `discard_on`, the retry's other half). */
const RETRY_LIST = /^(exceptions|on|retry_on|discard_on|retry_exceptions|retriable_exceptions|rescue)$/;

export interface RubyStatusSite {
  status: number;
  start: number;
  end: number;
  role: OccurrenceRole;
  /** Listed by ActiveJob's `discard_on`: configures the retry, but names a failure it does not retry. */
  discarded?: boolean;
}

/** Calls `found` for each Rack status symbol and status exception class starting in [from, to) that stands as a status. */
export function findRubyStatuses(text: string, root: Node, s: SyntaxAdapter, context: StatusContext, from: number, to: number, found: (site: RubyStatusSite) => void): void {
  for (const m of scan(SYMBOL, text, from, to)) {
    const status = RACK_SYMBOLS.get(m[1]);
    if (status === undefined) continue;
    const node = root.descendantForIndex(m.index, m.index + m[0].length);
    if (!node || node.type !== 'simple_symbol' || node.text !== m[0]) continue;
    const role = symbolRole(node, s, context) ?? (m[1].includes('_') && inController(node) ? handedOn(node) : undefined);
    if (role) found({ status, start: m.index, end: m.index + m[0].length, role });
  }
  for (const m of scan(EXCEPTION, text, from, to)) {
    const status = EXCEPTIONS.get(m[1])?.[m[2]];
    if (status === undefined) continue;
    const start = m.index + m[0].indexOf(m[1]);
    const end = m.index + m[0].length;
    const node = root.descendantForIndex(start, end);
    if (!node || node.type !== 'scope_resolution' || node.endIndex !== end) continue;
    const role = exceptionRole(node, s, context);
    if (role) found({ status, start: node.startIndex, end, role, ...(role === 'retry-config' && discardedBy(node, s, context) ? { discarded: true } : {}) });
  }
}

function* scan(pattern: RegExp, text: string, from: number, to: number): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = Math.max(0, from - 1);
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) if (m.index >= from || m.index + 1 === from) yield m;
}

function symbolRole(node: Node, s: SyntaxAdapter, context: StatusContext): OccurrenceRole | undefined {
  const around = argumentCall(node, s);
  if (around) {
    const name = context.lastName(s.callee(around)) ?? '';
    if (STATUS_ASSERT.test(name)) return 'test-assert';
    if (SYMBOL_LOOKUP.test(name)) return 'constant';
  }
  if (node.parent?.type === 'element_reference' && /SYMBOL_TO_STATUS_CODE$/.test(node.parent.namedChild(0)?.text ?? '')) return 'constant';
  return context.classify(node, 'status');
}

/** A Rails controller's superclass: what it hands a helper or maps an error to is the status it answers with. */
const CONTROLLER = /^(?:::)?(?:ActionController::(?:Base|API)|(?:\w+::)*\w*Controller)$/;

function inController(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'class') return CONTROLLER.test(up.childForFieldName('superclass')?.text.replace(/^<\s*/, '') ?? '');
  }
  return false;
}

/**
 * A phrase of two words or more (`:service_unavailable`, `:unprocessable_content`) handed to a helper of a controller
 * (`handle_exception(e, :service_unavailable, msg)`) or mapped to in a hash (`RecordNotFound => :not_found`): the status
 * the controller answers with. (A one-word symbol — `:ok`, `:created` — is too common a word to read so far from a setter.)
 */
function handedOn(node: Node): OccurrenceRole | undefined {
  const parent = node.parent;
  if (parent?.type === 'argument_list') return 'server-sets';
  if (parent?.type === 'pair' && parent.childForFieldName('value')?.id === node.id) return 'server-sets';
  return undefined;
}

function exceptionRole(node: Node, s: SyntaxAdapter, context: StatusContext): OccurrenceRole | undefined {
  const up = listHolder(node);
  if (!up) return undefined;
  // `rescue RestClient::TooManyRequests, RestClient::ServiceUnavailable => e`
  if (up.type === 'exceptions' || up.type === 'rescue_modifier') return 'client-check';
  // `case err when Octokit::NotFound`: a class in a `when` is matched with `===`, a type test.
  if (up.type === 'pattern' && up.parent?.type === 'when') return 'client-check';
  if (up.type === 'pair' && RETRY_LIST.test(s.pairName(up) ?? '')) return 'retry-config';
  if (s.calls.has(up.type)) {
    const name = context.lastName(s.callee(up)) ?? '';
    if (TYPE_TEST.test(name) || name === 'rescue_from') return 'client-check';
    if (RAISE_MATCHER.test(name) || name === 'and_raise') return 'test-assert';
    // `fetcher.check { raise(Octokit::Unauthorized) }` inside an rspec example: the test makes the failure happen.
    if (name === 'raise' && inRubyExample(up)) return 'test-assert';
    if (RETRY_LIST.test(name)) return 'retry-config';
  }
  if (s.binaries.has(up.type) && s.operatorOf(up) === '===') return 'client-check';
  // `ex.class == Twitter::Error::NotFound`: the caught error's class compared with it.
  if (s.binaries.has(up.type) && /^[!=]=$/.test(s.operatorOf(up).trim()) && up.namedChildren.some((c) => c !== null && c.id !== node.id && /\.class$/.test(c.text))) return 'client-check';
  return undefined;
}

/** Blocks of rspec and minitest that hold a test's own code: `it "…" do … end`, `test "…" do`, `before { … }`. */
const EXAMPLE = /^(it|specify|scenario|example|test|before|let!?|subject|around)$/;

/** `node` is inside the block of an rspec example or hook (or a minitest `test "…" do`). */
export function inRubyExample(node: Node): boolean {
  for (let up = node.parent, depth = 0; up && depth < 30; up = up.parent, depth++) {
    if ((up.type === 'do_block' || up.type === 'block') && up.parent?.type === 'call' && !up.parent.childForFieldName('receiver')) {
      if (EXAMPLE.test(up.parent.childForFieldName('method')?.text ?? '')) return true;
    }
  }
  return false;
}

/** What holds the class, past the lists, argument lists and splats it stands in: a rescue, a call, a pair. */
function listHolder(node: Node): Node | null {
  let up = node.parent;
  while (up && (up.type === 'array' || up.type === 'argument_list' || up.type === 'splat_argument')) up = up.parent;
  return up;
}

/** The class is an argument of `discard_on` (through a list or splat). */
function discardedBy(node: Node, s: SyntaxAdapter, context: StatusContext): boolean {
  const up = listHolder(node);
  return !!up && s.calls.has(up.type) && context.lastName(s.callee(up)) === 'discard_on';
}

/** The call whose argument list holds `node` directly. */
function argumentCall(node: Node, s: SyntaxAdapter): Node | undefined {
  const list = node.parent;
  const call = list?.type === 'argument_list' ? list.parent : undefined;
  return call && s.calls.has(call.type) ? call : undefined;
}
