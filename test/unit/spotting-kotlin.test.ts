import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `class Api(private val client: OkHttpClient) {\n    fun load(request: Request): String? {\n${body}\n        return null\n    }\n}\n`;

describe('spotting: Kotlin', () => {
  spotCases('kotlin', [
    [
      'a bare code() in an extension of the error type',
      'fun HttpException.toFailure(): Failure =\n    when (val code = code()) {\n        429 -> Failure.Throttled\n        in 500..599 -> Failure.Server\n        else -> Failure.Other(code)\n    }\n',
      ['429 client-check', '500 client-check', '599 client-check'],
    ],
    [
      "a scope function's it: the caught error, an executed call's response, a status value",
      'fun pages(): List<Page> = try {\n    fetch()\n} catch (e: HttpException) {\n    e.takeIf { it.code() == 404 }?.let { emptyList() } ?: throw e\n}\nfun ping(call: Call) {\n    call.execute().let { if (it.code >= 500) retryLater() }\n    response.status.value.let { if (it == 429) slowDown() }\n}\n',
      ['404 client-check', '500 client-check', '429 client-check'],
    ],
    ['a smart cast earlier in the same && chain', 'fun Throwable?.isAuthError(): Boolean =\n    this is HttpException && this.code() == 401\n', ['401 client-check']],
    [
      "decoy: it of a scope function over something else, and of a lambda that names its parameter",
      'fun sizes() {\n    val full = items.size.let { it == 404 }\n    row.let { it.code() == 200 }\n    e.let { x -> x.code() == 503 }\n}\n',
      [],
    ],
    [
      "Ktor StatusPages' status handler, and a status's number handed on as a named status argument",
      'fun Application.errors() {\n    install(StatusPages) {\n        status(HttpStatusCode.Unauthorized) { call, status ->\n            call.respond(status, Problem(status = HttpStatusCode.Unauthorized.value))\n        }\n    }\n}\n',
      ['401 server-sets', '401 server-sets'],
    ],
    [
      'codes listed for a retry helper that takes the operation as a trailing lambda',
      'suspend fun load() = retry(attempts = 3, acceptCodes = setOf(HttpStatusCode.NoContent)) {\n    client.get(url)\n}\n',
      ['204 retry-config'],
    ],
    [
      "a response type's factory handed the status first",
      'suspend fun flags(key: String?): ProxyResponse {\n    if (key == null) return ProxyResponse.error(HttpStatusCode.Unauthorized, "no key")\n    return ProxyResponse.of(HttpStatusCode.OK, load(key))\n}\n',
      ['401 server-sets', '200 server-sets'],
    ],
    ["decoy: Retrofit's own Response.error and a factory of another type", 'val fake = Response.error<String>(404, body)\nval row = Metrics.of(HttpStatusCode.NotFound, 3)\n', ['404 constant']],
    ['decoy: a status(…) with a lambda outside StatusPages', 'fun show() {\n    status(HttpStatusCode.NotFound) { render() }\n}\n', ['404 constant']],
    ['decoy: a bare code() in an extension of another type', 'fun Country.flag(): String =\n    when (code()) {\n        44 -> "gb"\n        else -> "?"\n    }\n', []],
    [
      "error types handed to Reactor's error routes as class references",
      'import org.springframework.web.reactive.function.client.WebClientResponseException\n\nfun load(spec: WebClient.ResponseSpec) = spec.bodyToMono<String>()\n    .onErrorMap(WebClientResponseException::class.java) { e -> Failed(e) }\n    .onErrorResume(WebClientResponseException.NotFound::class.java) { Mono.empty() }\n',
      ['WebClientResponseException client-check', '404 client-check'],
    ],
    ['a status chosen by an if-expression', 'fun Route.health() {\n  get("/health") {\n    call.respond(if (healthy) HttpStatusCode.OK else HttpStatusCode.ServiceUnavailable, body)\n  }\n}\n', ['200 server-sets', '503 server-sets']],
    ['codes after Kotlin 2.2 context parameters (newer than the grammar)', 'context(session: UserSession)\ninternal fun owner(): String = session.user\n\nsuspend fun ApplicationCall.notFound() {\n    respond(HttpStatusCode.NotFound, "no such thing")\n}\n\nclass Publisher {\n    context(_: UserSession)\n    suspend fun publish(): Result = ValidationError(status = 503, errorMessage = "not configured")\n}\n', ['404 server-sets', '503 server-sets']],
    ['a negated membership the grammar reads as a call of !setOf', m('        val response = client.newCall(request).execute()\n        if (!setOf(429, 503).contains(response.code)) return response.body?.string()'), ['429 client-check', '503 client-check']],
    ['decoy: a function named String of a number, no receiver', 'fun String(code: Int) = code.toString()\nval label = String(500)\n', []],
    ['OkHttp response.code == 429 (a property)', m('        val response = client.newCall(request).execute()\n        if (response.code == 429) Thread.sleep(1000)'), ['429 client-check']],
    ['Retrofit response.code() == 503', m('        if (response.code() == 503) return null'), ['503 client-check']],
    ['a when over the status with a list and a range', m('        when (response.code) {\n            429, 503 -> return null\n            in 500..599 -> throw IOException("server")\n            else -> {}\n        }'), ['429 client-check', '503 client-check', '500 client-check', '599 client-check']],
    ['code in 500..599', m('        val again = response.code in 500..599'), ['500 client-check', '599 client-check']],
    ['setOf(429, 503).contains(code)', m('        val again = setOf(429, 503).contains(response.code)'), ['429 client-check', '503 client-check']],
    ['Ktor status.value == 429', m('        if (response.status.value == 429) delay(1000)'), ['429 client-check']],
    ['Ktor HttpStatusCode.TooManyRequests compared', m('        if (response.status == HttpStatusCode.TooManyRequests) delay(1000)'), ['429 client-check']],
    ['Ktor call.respond(HttpStatusCode.ServiceUnavailable)', m('        call.respond(HttpStatusCode.ServiceUnavailable, "busy")'), ['503 server-sets']],
    ['Spring HttpStatus.TOO_MANY_REQUESTS in Kotlin', m('        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build()'), ['429 server-sets']],
    ['Retrofit HttpException e.code() == 429', 'fun f() {\n    try {\n        api.list().execute()\n    } catch (e: HttpException) {\n        if (e.code() == 429) throw e\n    }\n}\n', ['429 client-check']],
    ['Ktor ServerResponseException and a socket timeout caught', 'suspend fun f() {\n    try {\n        client.get(u)\n    } catch (e: ServerResponseException) {\n        throw e\n    } catch (e: SocketTimeoutException) {\n        throw e\n    }\n}\n', ['ServerResponseException client-check', 'SocketTimeoutException client-check']],
    ['Spring HttpClientErrorException.TooManyRequests caught in Kotlin', 'fun f() {\n    try {\n        rest.getForObject(u, String::class.java)\n    } catch (e: HttpClientErrorException.TooManyRequests) {\n        throw e\n    }\n}\n', ['429 client-check']],
    ['an exception class constructed, not caught', 'fun f(): Nothing = throw SocketTimeoutException("slow")\n', []],
    ['a retry list constant', 'val RETRYABLE = setOf(429, 502, 503)\n', ['429 retry-config', '502 retry-config', '503 retry-config']],
    ['a named constant and its use', 'const val TOO_MANY_REQUESTS = 429\nfun f(r: Response) = r.code == TOO_MANY_REQUESTS\n', ['429 constant', '429 client-check']],
    ['delay(500) and a page size', m('        delay(500)\n        val items = list.take(200)'), []],
    ['a port', 'const val PORT = 8080\nconst val MAX_ITEMS = 200\n', []],
    ['a string template', m('        println("HTTP $code 503")'), []],
    ['Ktor exceptions tested with is, when-is and a safe cast', 'fun f(e: Throwable) {\n    if (e is ClientRequestException) log(e)\n    when (e) { is ServerResponseException -> 1 }\n    val r = (e as? ClientRequestException)?.response\n}\n', ['ClientRequestException client-check', 'ServerResponseException client-check', 'ClientRequestException client-check']],
    ['an unsafe cast is not a test', 'fun f(e: Throwable) {\n    val r = (e as ClientRequestException).response\n}\n', []],
    ['a status handed to a responder by name', 'suspend fun ApplicationCall.f() {\n    respondError(status = HttpStatusCode.ServiceUnavailable, message = "down")\n    respondError(status = 429, message = "slow")\n    retryLater(code = 503)\n}\n', ['503 server-sets', '429 server-sets']],
    ['Ktor ResponseException and Retrofit HttpException where imported (no semicolons)', 'import io.ktor.client.plugins.ResponseException\nimport retrofit2.HttpException\n\nsuspend fun f() {\n    try { g() } catch (e: ResponseException) { } catch (e: HttpException) { }\n}\n', ['ResponseException client-check', 'HttpException client-check']],
    // (Not Retrofit's; and a class of the project's own organisation — see spotting-library-error-classes.test.ts.)
    ['a bare HttpException of another package of the project', 'package com.acme.app\n\nimport com.acme.web.HttpException\n\nfun f() {\n    try { g() } catch (e: HttpException) { }\n}\n', []],
  ]);
});
