import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * WireMock's stubbed answers written with its static shortcuts instead of `aResponse().withStatus(503)`:
 * `stubFor(get("/x").willReturn(serviceUnavailable()))`, `willReturn(notFound())`, `willReturn(status(429))`. Each
 * shortcut is a `ResponseDefinitionBuilder` of one status (WireMock's `com.github.tomakehurst.wiremock.client.WireMock`
 * static methods, https://wiremock.org/docs/stubbing/ "Stubbing" — shortcuts for common responses). A stub's
 * answer is test data: role `test-assert`, as `withStatus(503)` is.
 *
 * The success shortcuts (`ok()`, `okJson(body)`) are left out: they are written for the body they carry, and reviewers
 * do not mark them as a status.
 *
 * Read only in a file that imports WireMock (Java or Kotlin) and only as the argument of `willReturn(…)`, so an
 * application's own `ok()` or `notFound()` is never taken for one.
 */
const WIREMOCK_SHORTCUTS: Readonly<Record<string, string>> = {
  created: '201', noContent: '204',
  permanentRedirect: '301', temporaryRedirect: '302', seeOther: '303',
  badRequest: '400', badRequestEntity: '400', unauthorized: '401', forbidden: '403', notFound: '404',
  serverError: '500', serviceUnavailable: '503',
};

/** The file brings WireMock in (`import com.github.tomakehurst.wiremock.client.WireMock.*`, `org.wiremock…`). */
const WIREMOCK_IMPORT = /^[ \t]*import[ \t]+(?:static[ \t]+)?(?:com\.github\.tomakehurst\.wiremock|org\.wiremock)\b/m;

const SHORTCUT_CALL = new RegExp(`(?<![\\w$])(?:WireMock\\s*\\.\\s*)?(${Object.keys(WIREMOCK_SHORTCUTS).join('|')}|status)\\s*\\(`, 'g');

export interface WireMockStub {
  code: string;
  start: number;
  end: number;
}

/** Each WireMock shortcut handed to `willReturn(…)` starting in [from, to). */
export function wireMockStubs(text: string, root: Node, s: SyntaxAdapter, from: number, to: number): WireMockStub[] {
  if (!WIREMOCK_IMPORT.test(text)) return [];
  const out: WireMockStub[] = [];
  SHORTCUT_CALL.lastIndex = from;
  for (let m = SHORTCUT_CALL.exec(text); m && m.index < to; m = SHORTCUT_CALL.exec(text)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const name = root.descendantForIndex(start, start + m[1].length);
    if (!name || !/identifier/.test(name.type)) continue;
    const call = enclosingCall(name, s);
    if (!call || !handedTo(call, s, WILL_RETURN)) continue;
    if (m[1] !== 'status') {
      out.push({ code: WIREMOCK_SHORTCUTS[m[1]], start, end: start + m[1].length });
      continue;
    }
    // `status(429)`: the number is the status.
    const [arg] = s.callArguments(call);
    const literal = arg && s.numbers.has(arg.type) ? arg : arg?.namedChild(0) && s.numbers.has(arg.namedChild(0)!.type) ? arg.namedChild(0)! : undefined;
    if (literal && /^[1-5]\d\d$/.test(literal.text)) out.push({ code: literal.text, start: literal.startIndex, end: literal.endIndex });
  }
  SHORTCUT_CALL.lastIndex = 0;
  return out;
}

/** The call whose callee ends at `name` (`notFound()`, `WireMock.notFound()`). */
function enclosingCall(name: Node, s: SyntaxAdapter): Node | undefined {
  let node: Node = name;
  for (let depth = 0; depth < 3 && node.parent; depth++) {
    const up: Node = node.parent;
    if (s.calls.has(up.type)) {
      const callee = s.callee(up);
      return callee && callee.startIndex <= name.startIndex && callee.endIndex === name.endIndex ? up : undefined;
    }
    node = up;
  }
  return undefined;
}

const WILL_RETURN = /(^|\.)willReturn$/;
const AND_RESPOND = /(^|\.)andRespond$/;

/**
 * Spring's `MockRestServiceServer` answers written with `MockRestResponseCreators`' static factories:
 * `server.expect(requestTo(url)).andRespond(withServerError())`, `andRespond(withTooManyRequests().body(json))`,
 * `andRespond(withRawStatus(503))`. The factories up to Spring 5 were read at source (spring-test
 * `org.springframework.test.web.client.response.MockRestResponseCreators`: withCreatedEntity, withNoContent, withBadRequest,
 * withUnauthorizedRequest, withServerError, withRawStatus); Spring 6.0 added one per common failure (withForbiddenRequest,
 * withResourceNotFound, withRequestConflict, withTooManyRequests, withBadGateway, withServiceUnavailable,
 * withGatewayTimeout, withAccepted). `withSuccess(…)` is left out, as WireMock's `ok()` is. Read only as the argument
 * of `andRespond(…)` in a file that imports Spring's test client support.
 */
const SPRING_CREATORS: Readonly<Record<string, string>> = {
  withCreatedEntity: '201', withAccepted: '202', withNoContent: '204',
  withBadRequest: '400', withUnauthorizedRequest: '401', withForbiddenRequest: '403', withResourceNotFound: '404', withRequestConflict: '409',
  withTooManyRequests: '429', withServerError: '500', withBadGateway: '502', withServiceUnavailable: '503', withGatewayTimeout: '504',
};
const SPRING_TEST_CLIENT_IMPORT = /^[ \t]*import[ \t]+(?:static[ \t]+)?org\.springframework\.test\.web\.client\b/m;
const CREATOR_CALL = new RegExp(`(?<![\\w$])(?:MockRestResponseCreators\\s*\\.\\s*)?(${Object.keys(SPRING_CREATORS).join('|')}|withRawStatus)\\s*\\(`, 'g');

/** Each `MockRestResponseCreators` factory handed to `andRespond(…)` starting in [from, to). */
export function mockRestResponses(text: string, root: Node, s: SyntaxAdapter, from: number, to: number): WireMockStub[] {
  if (!SPRING_TEST_CLIENT_IMPORT.test(text)) return [];
  const out: WireMockStub[] = [];
  CREATOR_CALL.lastIndex = from;
  for (let m = CREATOR_CALL.exec(text); m && m.index < to; m = CREATOR_CALL.exec(text)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const name = root.descendantForIndex(start, start + m[1].length);
    if (!name || !/identifier/.test(name.type)) continue;
    const call = enclosingCall(name, s);
    if (!call || !handedTo(call, s, AND_RESPOND)) continue;
    if (m[1] !== 'withRawStatus') {
      out.push({ code: SPRING_CREATORS[m[1]], start, end: start + m[1].length });
      continue;
    }
    const [arg] = s.callArguments(call);
    const literal = arg && s.numbers.has(arg.type) ? arg : arg?.namedChild(0) && s.numbers.has(arg.namedChild(0)!.type) ? arg.namedChild(0)! : undefined;
    if (literal && /^[1-5]\d\d$/.test(literal.text)) out.push({ code: literal.text, start: literal.startIndex, end: literal.endIndex });
  }
  CREATOR_CALL.lastIndex = 0;
  return out;
}

/** The call stands as the argument of `willReturn(…)` (or `andRespond(…)`), perhaps after builder steps (`notFound().withBody("x")`). */
function handedTo(call: Node, s: SyntaxAdapter, taker: RegExp): boolean {
  let node: Node = call;
  for (let depth = 0; depth < 12 && node.parent; depth++) {
    const up: Node = node.parent;
    if (s.calls.has(up.type) && up.id !== call.id) {
      const callee = s.callee(up);
      if (callee && callee.endIndex <= node.startIndex) return taker.test(callee.text.replace(/\s+/g, ''));
    }
    node = up;
  }
  return false;
}
