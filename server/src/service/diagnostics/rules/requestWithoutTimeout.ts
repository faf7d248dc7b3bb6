import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { RequestWithoutTimeoutData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { isScriptPath } from '../testContext';
import { runsInFrontEnd } from '../browserContext';
import { timeoutFact, unboundedRequests } from '../timeouts';
import type { TimeoutEdit } from '../timeouts/unbounded';

const RULE = 'request-without-timeout';

/**
 * A request that can wait for ever (see timeouts/): a hung connection holds the caller, and every retry of it,
 * indefinitely. Reported where the timeout belongs — the call, or the client built in this file — with the edit
 * that sets one in the library's own way, using the `requestTimeoutSeconds` setting. Not in scripts and examples
 * (run by hand, where a hang is seen and interrupted), in tests (testContext.ts), nor in front-end code
 * (browserContext.ts).
 */
export function requestWithoutTimeout(ctx: DiagContext): Finding[] {
  if (isScriptPath(ctx.doc.uri)) return [];
  const seconds = ctx.settings.requestTimeoutSeconds;
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const u of unboundedRequests(ctx)) {
    if (seen.has(u.node.startIndex)) continue;
    // In front of a user (a browser, a mobile app) a hang is seen and abandoned; the rule is for services and workers.
    if (runsInFrontEnd(ctx.flow, ctx.doc.uri, u.node)) continue;
    seen.add(u.node.startIndex);
    const fact = timeoutFact(u.library);
    const library = fact.name.replace(/\s*\(.*\)$/, '');
    const through = u.through ?? [];
    const detail = u.explicit
      ? 'its timeout is set to wait for ever'
      : u.where === 'session'
        ? through.length === 0
          ? `${library} has no default timeout, and neither this request nor its session sets one`
          : `${library} has no default timeout, and ${through.length === 1 ? 'the request' : `the ${through.length} requests`} sent through this session set none (related locations)`
        : u.where === 'client'
        ? `${library} has no default timeout, and this client is given none`
        : u.builtElsewhere
          ? `${library} has no default timeout; the ${u.library === 'requests' ? 'session' : 'client'} comes from ${u.builtElsewhere}, which sets none, and none is set here`
          : `${library} has no default timeout, and none is set here`;
    const fill = (e: TimeoutEdit) => ({ range: ctx.doc.lines.rangeOf(e.start, e.end), newText: e.text.replace(/\{seconds\}/g, String(seconds)).replace(/\{ms\}/g, String(seconds * 1000)) });
    const data: RequestWithoutTimeoutData = {
      ...ctx.base(u.node),
      timeoutLibrary: u.library,
      where: u.where,
      option: fact.option,
      source: fact.source.file,
      ...(u.explicit ? { explicit: true } : {}),
      ...(u.edit ? { edit: fill(u.edit) } : {}),
      ...(u.edits ? { edits: u.edits.map(fill) } : {}),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { detail }),
      range: ctx.headRange(u.node),
      ...(through.length ? { related: through.map((n) => ({ range: ctx.headRange(n), message: 'sent through this session with no timeout' })) } : {}),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}
