import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `class A {\n  void f() throws Exception {\n${body}\n  }\n}\n`;

describe('spotting: Java', () => {
  spotCases('java', [
    [
      "an error type handed to Reactor's onErrorResume",
      'import org.springframework.web.reactive.function.client.WebClientResponseException;\nclass C { Mono<String> f(WebClient.ResponseSpec spec) { return spec.bodyToMono(String.class).onErrorResume(WebClientResponseException.class, e -> Mono.empty()); } }\n',
      ['WebClientResponseException client-check'],
    ],
    ['a switch over a status read into a name ending in HttpCode', m('    int exceptionHttpCode = extractResponseCode(e);\n    switch (exceptionHttpCode) {\n      case 503:\n        throw new RetryableException();\n    }'), ['503 client-check']],
    ["Netty's HttpResponseStatus read through code()", m('    if (status == HttpResponseStatus.TOO_MANY_REQUESTS.code()) { backOff(); }'), ['429 client-check']],
    ["Spring's ProblemDetail.forStatus", 'class Advice {\n  ResponseEntity<ProblemDetail> conflict() {\n    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);\n    return ResponseEntity.of(Optional.of(problem)).build();\n  }\n}\n', ['409 server-sets']],
    ["a helper's later use of its status decides its role", 'class Advice {\n  ResponseEntity<String> bad() { return reply(HttpStatus.BAD_REQUEST, "no"); }\n  private static ResponseEntity<String> reply(HttpStatusCode status, String message) {\n    String body = message + status.toString();\n    return new ResponseEntity<>(body, status);\n  }\n}\n', ['400 server-sets']],
    ['a Spring exception handler for a client exception', 'class Advice {\n  @ExceptionHandler(WebClientResponseException.class)\n  ResponseEntity<String> on(WebClientResponseException e) { return null; }\n  @ExceptionHandler({ ResourceAccessException.class, IllegalStateException.class })\n  ResponseEntity<String> other(Exception e) { return null; }\n}\n', ['WebClientResponseException client-check', 'ResourceAccessException client-check']],
    ['response.statusCode() >= 500', m('    if (response.statusCode() >= 500) { throw new X(); }'), ['500 client-check']],
    ['a switch over statusCode()', m('    switch (response.statusCode()) { case 429: break; }'), ['429 client-check']],
    ['a switch rule over getStatusCode().value()', m('    switch (resp.getStatusCode().value()) { case 503 -> retry(); default -> {} }'), ['503 client-check']],
    ['OkHttp resp.code() == 503', m('    if (resp.code() == 503) { retry(); }'), ['503 client-check']],
    ['ResponseEntity.status(503)', m('    return ResponseEntity.status(503).build();'), ['503 server-sets']],
    ['ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)', m('    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();'), ['429 server-sets']],
    ['new ResponseEntity<>(body, status)', m('    return new ResponseEntity<>(body, HttpStatus.SERVICE_UNAVAILABLE);'), ['503 server-sets']],
    ['@ResponseStatus(HttpStatus.CREATED)', 'class A {\n  @ResponseStatus(HttpStatus.CREATED)\n  void f() {}\n}\n', ['201 server-sets']],
    ['servlet setStatus(SC_SERVICE_UNAVAILABLE)', m('    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);'), ['503 server-sets']],
    ['sendError(429)', m('    response.sendError(429, "slow");'), ['429 server-sets']],
    ['HttpURLConnection.HTTP_UNAVAILABLE', m('    if (conn.getResponseCode() == HttpURLConnection.HTTP_UNAVAILABLE) {}'), ['503 client-check']],
    ['assertEquals(200, response.statusCode())', m('    assertEquals(200, response.statusCode());'), ['200 test-assert']],
    ['assertThat(...).isEqualTo(404)', m('    assertThat(entity.getStatusCodeValue()).isEqualTo(404);'), ['404 test-assert']],
    ['MockMvc status().is(429)', m('    mvc.perform(get("/")).andExpect(status().is(429));'), ['429 test-assert']],
    ['a retryable Set.of', 'class A {\n  static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 503);\n}\n', ['429 retry-config', '503 retry-config']],
    ['gRPC Status.Code.UNAVAILABLE', m('    if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {}'), ['UNAVAILABLE client-check']],
    ['a SQLSTATE string', m('    if ("40001".equals(ex.getSQLState())) {}'), ['40001 client-check']],
    ['new int[404]', m('    int[] a = new int[404];\n    a[200] = 1;'), []],
    ['Thread.sleep(500)', m('    Thread.sleep(500);'), []],
    ["Spring's status-class predicates", m('    if (response.getStatusCode().is5xxServerError()) { retry(); }\n    client.get().retrieve().onStatus(HttpStatusCode::is4xxClientError, r -> Mono.empty());'), ['500 client-check', '400 client-check']],
    ["ResponseEntity's status builders", m('    if (bad) return ResponseEntity.badRequest().body(errors);\n    return ResponseEntity.notFound().build();'), ['400 server-sets', '404 server-sets']],
    ['a port constant', 'class A {\n  static final int PORT = 8080;\n  static final int MAX = 500;\n}\n', []],
    ['a status table with shortened phrases, and its use', 'class A {\n  static final int HTTP_TEA_POT = 418;\n  static final int HTTP_TOO_MANY_REQS = 429;\n  static final int MAX_REQS = 429;\n  boolean f(Integer responseCode) { return Arrays.asList(HTTP_TEA_POT, HTTP_TOO_MANY_REQS).contains(responseCode); }\n}\n', ['418 constant', '429 constant', '418 client-check', '429 client-check']],
    ['List.of widths', m('    List<Integer> widths = List.of(300, 200);'), []],
    ['assertEquals on a length', m('    assertEquals(200, body.length());'), []],
    ['a string with a number', m('    log.info("HTTP 503 received");'), []],
    ['a status a Spring exception handler answers with, whatever helper it is handed to', 'class Advice {\n  @ExceptionHandler\n  ResponseEntity<Object> onBad(BadInput e) { return logAndHandle(HttpStatus.FORBIDDEN, e); }\n}\n', ['403 server-sets']],
    ['decoy: the same constant outside an exception handler stays a constant', 'class Util {\n  int code() { return toCode(HttpStatus.FORBIDDEN); }\n}\n', ['403 constant']],
    ['a Mockito-stubbed status getter', m('    when(response.statusCode()).thenReturn(503);\n    when(response.bodyLength()).thenReturn(404);'), ['503 test-assert']],
    ['Spring RestClientResponseException caught', m('    try { rest.getForObject(url, String.class); } catch (RestClientResponseException e) { log.warn("x"); }'), ['RestClientResponseException client-check']],
  ]);
});
