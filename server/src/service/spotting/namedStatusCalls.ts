import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { SyntaxAdapter } from './syntaxAdapter';
import { SPRING_BUILDER_IMPORT } from './names';
import { mockRestResponses, wireMockStubs } from './wireMockStubs';

/**
 * Statuses a framework's method names carry, with no number written:
 * - Spring's class predicates on a status, `status.is5xxServerError()`, `HttpStatusCode::is4xxClientError` (a test of
 *   the class, read as its first code: 400, 500);
 * - ASP.NET Core's result helpers in a controller, `return BadRequest(errors)`, `NotFound()`, `RedirectPermanent(url)`, and minimal APIs'
 *   `Results.NotFound()` / `TypedResults.Conflict()`;
 * - Spring's `ResponseEntity.badRequest()`, `ResponseEntity.notFound()`;
 * - WireMock's stubbed answers, `willReturn(serviceUnavailable())`, and Spring's `andRespond(withServerError())` (wireMockStubs.ts);
 * - FluentAssertions.Web's `response.Should().Be404NotFound()`.
 */
export interface NamedStatusCall {
  code: string;
  role: OccurrenceRole;
  start: number;
  end: number;
}

const CLASS_PREDICATE = /\bis([1-5])xx(?:Informational|Successful|Redirection|ClientError|ServerError)\b/g;

/** ASP.NET Core ControllerBase / Results helpers and the status each answers with. */
const ASPNET_HELPERS: Record<string, string> = {
  Ok: '200', Created: '201', CreatedAtAction: '201', CreatedAtRoute: '201', Accepted: '202', AcceptedAtAction: '202', AcceptedAtRoute: '202',
  NoContent: '204', BadRequest: '400', ValidationProblem: '400', Unauthorized: '401', Forbid: '403', NotFound: '404', Conflict: '409',
  UnprocessableEntity: '422', InternalServerError: '500',
  // (The redirects: 302 Found, 301 Moved Permanently, and with the method kept 307 / 308.)
  Redirect: '302', LocalRedirect: '302', RedirectToAction: '302', RedirectToRoute: '302', RedirectToPage: '302',
  RedirectPermanent: '301', LocalRedirectPermanent: '301', RedirectToActionPermanent: '301', RedirectToRoutePermanent: '301', RedirectToPagePermanent: '301',
  RedirectPreserveMethod: '307', LocalRedirectPreserveMethod: '307', RedirectPermanentPreserveMethod: '308', LocalRedirectPermanentPreserveMethod: '308',
};
const ASPNET_CALL = new RegExp(`(?<![\\w.])(?:(?:this|base|Results|TypedResults)\\.)?(${Object.keys(ASPNET_HELPERS).join('|')})\\s*(?:<[^<>()]*>)?\\s*\\(`, 'g');
/** A controller: a class named or derived as one (`: ControllerBase`, `: V2Controller`), or carrying [ApiController]. */
const CONTROLLER = /\bclass\s+\w*Controller\b|:\s*(?:[\w.]+\.)?\w*Controller(?:Base)?\b|\[ApiController\]/;

/**
 * FluentAssertions.Web's status assertions, each named for its status: `Be200Ok()`, `Be404NotFound()`,
 * `Be429TooManyRequests()` (github.com/adrianiftode/FluentAssertions.Web, HttpResponseMessageAssertions).
 */
const FLUENT_WEB_ASSERTION = /\.\s*(Be([1-5]\d\d)[A-Z]\w*)\s*\(/g;

/** Spring `ResponseEntity` builders and the status each starts. */
const SPRING_BUILDERS: Record<string, string> = {
  ok: '200', created: '201', accepted: '202', noContent: '204', badRequest: '400', notFound: '404', unprocessableEntity: '422', internalServerError: '500',
};
const SPRING_BARE_CALL = new RegExp(`(?<![\\w.$])(${Object.keys(SPRING_BUILDERS).join('|')})\\s*\\(`, 'g');
const SPRING_CALL = new RegExp(`\\bResponseEntity\\s*\\.\\s*(${Object.keys(SPRING_BUILDERS).join('|')})\\s*\\(`, 'g');

export function namedStatusCalls(text: string, family: string, root: Node, s: SyntaxAdapter, from: number, to: number): NamedStatusCall[] {
  const out: NamedStatusCall[] = [];
  const scan = (pattern: RegExp, found: (m: RegExpExecArray) => NamedStatusCall | undefined): void => {
    pattern.lastIndex = from;
    for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
      const site = found(m);
      if (site) out.push(site);
    }
    pattern.lastIndex = 0;
  };
  if (family === 'java' || family === 'kotlin') {
    // WireMock's shortcuts handed to willReturn(…): `willReturn(serviceUnavailable())`, `willReturn(status(429))`.
    for (const stub of wireMockStubs(text, root, s, from, to)) out.push({ ...stub, role: 'test-assert' });
    // Spring's MockRestServiceServer: `andRespond(withServerError())`, `andRespond(withRawStatus(503))`.
    for (const stub of mockRestResponses(text, root, s, from, to)) out.push({ ...stub, role: 'test-assert' });
    scan(CLASS_PREDICATE, (m) => {
      const node = root.descendantForIndex(m.index, m.index + m[0].length);
      if (!node || node.startIndex !== m.index || node.endIndex !== m.index + m[0].length || !/identifier/.test(node.type)) return undefined;
      return { code: `${m[1]}00`, role: 'client-check', start: m.index, end: m.index + m[0].length };
    });
    scan(SPRING_CALL, (m) => {
      const start = m.index + m[0].lastIndexOf(m[1]);
      return inCode(root, start, s) ? { code: SPRING_BUILDERS[m[1]], role: 'server-sets', start, end: start + m[1].length } : undefined;
    });
    // The same builders called bare where the file imports them statically (`import static …ResponseEntity.*;`,
    // Kotlin `import org.springframework.http.ResponseEntity.*`): `return notFound().build()`.
    if (SPRING_BUILDER_IMPORT.test(text)) {
      scan(SPRING_BARE_CALL, (m) => {
        const start = m.index;
        const node = root.descendantForIndex(start, start + m[1].length);
        const call = node?.parent;
        // The builder called (its callee), not a function of that name declared or called on something else.
        if (!node || !/identifier/.test(node.type) || !call || !s.calls.has(call.type) || s.callee(call)?.id !== node.id || !inCode(root, start, s)) return undefined;
        return { code: SPRING_BUILDERS[m[1]], role: 'server-sets', start, end: start + m[1].length };
      });
    }
  }
  if (family === 'csharp') {
    // FluentAssertions.Web `response.Should().Be404NotFound()`: the assertion's name carries the status.
    scan(FLUENT_WEB_ASSERTION, (m) => {
      const start = m.index + m[0].indexOf('Be');
      const node = root.descendantForIndex(start, start + m[1].length);
      if (!node || !/identifier/.test(node.type) || node.text !== m[1] || !inCode(root, start, s)) return undefined;
      return { code: m[2], role: 'test-assert', start, end: start + m[1].length };
    });
  }
  if (family === 'csharp' && CONTROLLER.test(text)) {
    scan(ASPNET_CALL, (m) => {
      const start = m.index + m[0].indexOf(m[1]);
      const node = root.descendantForIndex(start, start + m[1].length);
      // The helper called, not a method of that name being declared (`public IActionResult Ok()` in a base class).
      if (!node || !/identifier/.test(node.type) || /declaration/.test(node.parent?.type ?? '') || !inCode(root, start, s)) return undefined;
      return { code: ASPNET_HELPERS[m[1]], role: 'server-sets', start, end: start + m[1].length };
    });
  }
  return out;
}

/** Not inside a string or a comment. */
function inCode(root: Node, at: number, s: SyntaxAdapter): boolean {
  for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent) {
    if (s.strings.has(n.type) || /comment/.test(n.type)) return false;
  }
  return true;
}
