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

/** `500 <= status`: the code is the left operand, so the comparison reads the other way round. */
function codeOnLeft(test: StatusTest): boolean {
  const first = test.test.namedChildren[0];
  const at = test.occ.range;
  return !!first && test.op !== 'case' && test.op !== 'in' && first.startPosition.row === at.start.line && first.startPosition.column <= at.start.character && first.endPosition.column >= at.end.character && first.endPosition.row === at.end.line;
}

function flip(op: string): string {
  return ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[op] ?? op;
}
