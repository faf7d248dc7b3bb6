import type { StatusTest } from './branches';

/** Statuses that repeat-on-retry guidance calls transient; what a give-up must not leave unretried. */
export const TRANSIENT_STATUSES = ['429', '500', '502', '503', '504'];

/**
 * The statuses conditions are evaluated over: the transient ones, unless a caller asks about others too
 * (`conditionSetOver` in statusSets.ts: does a wholesale failure test also catch 400/404?).
 */
let universe: readonly string[] = TRANSIENT_STATUSES;

export function statusUniverse(): readonly string[] {
  return universe;
}

/** Runs `read` with conditions evaluated over `codes` instead of the transient statuses. */
export function overUniverse<T>(codes: readonly string[], read: () => T): T {
  const saved = universe;
  universe = codes;
  try {
    return read();
  } finally {
    universe = saved;
  }
}

/** The transient statuses for which one comparison, membership or case label holds. */
export function holdsFor(test: StatusTest): Set<string> | undefined {
  const code = Number(test.occ.code);
  if (!Number.isFinite(code)) return undefined;
  const op = codeOnLeft(test) ? flip(test.op) : test.op;
  // `status // 100 == 5` compares the class (5 stands for 500–599): each status by its class's first code.
  const valueOf = test.flooredClass ? (c: string) => Math.floor(Number(c) / 100) * 100 : Number;
  const pick = (keep: (n: number) => boolean) => new Set(universe.filter((c) => keep(valueOf(c))));
  // A bound of a range the status is tested against (Kotlin `in 500..599`, `500 until 600`, Ruby `when 500...600`,
  // Rust `500..=599`, Swift `500..<600`): the test holds for the whole interval, not for the bound alone.
  const range = /^(==|===|is|in|case|not in|!=|!==|is not)$/.test(op) ? rangeAround(test) : undefined;
  if (range) {
    const inside = (n: number) => n >= range[0] && n <= range[1];
    const out = /^(not in|!=|!==|is not)$/.test(op) !== !!test.negated;
    return pick((n) => (out ? !inside(n) : inside(n)));
  }
  switch (op) {
    case '==': case '===': case 'is': case 'in': case 'case':
      return test.negated ? pick((n) => n !== code) : pick((n) => n === code);
    case '!=': case '!==': case 'is not': case 'not in':
      return test.negated ? pick((n) => n === code) : pick((n) => n !== code);
    case '>=': return pick((n) => n >= code);
    case '>': return pick((n) => n > code);
    case '<=': return pick((n) => n <= code);
    case '<': return pick((n) => n < code);
    default: return undefined;
  }
}

const RANGE = /\b([1-5]\d\d)\s*(\.\.=|\.\.<|\.\.\.|\.\.|\s+until\s+)\s*([1-5]\d\d)\b/g;

/** The inclusive interval of the range literal in the test whose bound is the tested code, if any. */
function rangeAround(test: StatusTest): [number, number] | undefined {
  const code = Number(test.occ.code);
  for (const m of test.test.text.matchAll(RANGE)) {
    const lo = Number(m[1]);
    const exclusive = m[2] === '..<' || m[2] === '...' || /until/.test(m[2]);
    const hi = Number(m[3]) - (exclusive ? 1 : 0);
    if ((code === lo || code === Number(m[3])) && lo <= hi) return [lo, hi];
  }
  return undefined;
}

/** `500 <= status`: the code is the left operand, so the comparison reads the other way round. */
function codeOnLeft(test: StatusTest): boolean {
  const first = test.test.namedChildren[0];
  const at = test.occ.range;
  return !!first && test.op !== 'case' && test.op !== 'in' && first.startPosition.row === at.start.line && first.startPosition.column <= at.start.character && first.endPosition.column >= at.end.character && first.endPosition.row === at.end.line;
}

function flip(op: string): string {
  return ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[op] ?? op;
}
