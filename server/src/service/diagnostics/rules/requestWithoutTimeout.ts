import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { RequestWithoutTimeoutData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { isScriptPath } from '../testContext';
import { runsInFrontEnd } from '../browserContext';
import { timeoutFact, unboundedRequests } from '../timeouts';

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
    const detail = u.explicit
      ? 'its timeout is set to wait for ever'
      : u.where === 'client'
        ? `${library} has no default timeout, and this client is given none`
        : u.builtElsewhere
          ? `${library} has no default timeout; the ${u.library === 'requests' ? 'session' : 'client'} comes from ${u.builtElsewhere}, which sets none, and none is set here`
          : `${library} has no default timeout, and none is set here`;
    const data: RequestWithoutTimeoutData = {
      ...ctx.base(u.node),
      timeoutLibrary: u.library,
      where: u.where,
      option: fact.option,
      source: fact.source.file,
      ...(u.explicit ? { explicit: true } : {}),
      ...(u.edit
        ? { edit: { range: ctx.doc.lines.rangeOf(u.edit.start, u.edit.end), newText: u.edit.text.replace(/\{seconds\}/g, String(seconds)).replace(/\{ms\}/g, String(seconds * 1000)) } }
        : {}),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { detail }),
      range: ctx.headRange(u.node),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}
