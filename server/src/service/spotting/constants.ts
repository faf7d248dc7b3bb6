import type { CatalogRegistry, ConstantFamily } from '../catalog/catalogRegistry';

/** Receivers of the symbolic HTTP constant tables, per language family (see server/data/http-constants.json). */
const RECEIVERS: Record<ConstantFamily, readonly string[]> = {
  python: ['HTTPStatus', 'status', 'codes'],
  // (`HttpCodes`: @actions/http-client's enum, packages/http-client/src/index.ts, 4.0.1)
  javascript: ['StatusCodes', 'HttpStatus', 'constants', 'HttpCodes'],
  go: ['http'],
  java: ['HttpStatus', 'HttpURLConnection', 'HttpServletResponse', 'HttpStatusCode'],
  csharp: ['HttpStatusCode', 'StatusCodes'],
  ruby: ['Net'],
  // (`WP_Http`: WordPress core's class constants, wp-includes/class-wp-http.php)
  php: ['Response', 'StatusCodeInterface', 'WP_Http'],
  rust: ['StatusCode'],
  kotlin: ['HttpStatusCode'],
};

/**
 * Families that also read another family's tables: Kotlin on the JVM uses Java's constants as they are (Spring
 * `HttpStatus.TOO_MANY_REQUESTS`, `HttpURLConnection.HTTP_UNAVAILABLE`), besides its own (Ktor `HttpStatusCode`).
 */
export const CONSTANT_FALLBACK: Partial<Record<ConstantFamily, ConstantFamily>> = { kotlin: 'java' };

/**
 * Member names that say by themselves which table they come from, whatever the receiver is called
 * after an import alias: DRF `drf_status.HTTP_429_TOO_MANY_REQUESTS`, `fasthttp.StatusOK`,
 * `http2.constants.HTTP_STATUS_OK`, ASP.NET `Microsoft.AspNetCore.Http.StatusCodes.Status429TooManyRequests`.
 */
const SELF_DESCRIBING: Record<ConstantFamily, Array<{ member: RegExp; receiver: string; receiverLike?: RegExp }>> = {
  python: [{ member: /^HTTP_\d{3}_[A-Z_]+$/, receiver: 'status' }],
  javascript: [{ member: /^HTTP_STATUS_[A-Z_]+$/, receiver: 'constants' }],
  go: [{ member: /^Status[A-Z]\w+$/, receiver: 'http', receiverLike: /http/i }],
  java: [
    { member: /^SC_[A-Z_]+$/, receiver: 'HttpServletResponse', receiverLike: /servlet|response/i },
    // Apache HttpCore `org.apache.hc.core5.http.HttpStatus.SC_TOO_MANY_REQUESTS` (Spring's HttpStatus has no `SC_` names)
    { member: /^SC_[A-Z_]+$/, receiver: 'ApacheHttpStatus', receiverLike: /^HttpStatus$/ },
    { member: /^HTTP_[A-Z_]+$/, receiver: 'HttpURLConnection', receiverLike: /connection/i },
  ],
  csharp: [{ member: /^Status\d{3}[A-Za-z]+$/, receiver: 'StatusCodes' }],
  // `::Net::HTTPTooManyRequests`, or the class under another module path
  ruby: [{ member: /^HTTP[A-Z]\w+$/, receiver: 'Net', receiverLike: /^Net$/ }],
  // Symfony/Laravel `Response::HTTP_…` under an alias (`SymfonyResponse::HTTP_OK`, `HttpResponse::HTTP_…`), PSR `StatusCodeInterface::STATUS_…`
  php: [
    // (and a project's own class mirroring those names: `ResponseStatusCode::HTTP_TOO_MANY_REQUESTS`, `HttpStatus::HTTP_…`)
    { member: /^HTTP_[A-Z_]+$/, receiver: 'Response', receiverLike: /Response$|Status(Codes?)?$|^Http(Codes?)?$/ },
    // (and Nextcloud's `OCP\AppFramework\Http::STATUS_TOO_MANY_REQUESTS`, the same names on its `Http` class)
    { member: /^STATUS_[A-Z_]+$/, receiver: 'StatusCodeInterface', receiverLike: /StatusCode|^Http$/ },
  ],
  // the http crate's `StatusCode::TOO_MANY_REQUESTS` under a path or an alias (`http::StatusCode`, `reqwest::StatusCode`, `HttpStatus`)
  rust: [{ member: /^[A-Z][A-Z_]+$/, receiver: 'StatusCode', receiverLike: /^(StatusCode|HttpStatus|HttpStatusCode)$/ }],
  kotlin: [],
};

const normalise = (name: string): string => name.replace(/_/g, '').toLowerCase();

/** The status a symbolic constant stands for, tolerating import aliases and case variants of the receiver. */
export function lookupHttpConstant(
  registry: CatalogRegistry,
  family: ConstantFamily,
  receiver: string,
  member: string,
): number | undefined {
  const exact = registry.httpConstant(family, receiver, member);
  if (exact !== undefined) return exact;
  // `httpStatus.NOT_FOUND` (the http-status package), `HttpStatusCodes.OK`
  const wanted = normalise(receiver);
  for (const known of RECEIVERS[family]) {
    if (known.length > 5 && (normalise(known) === wanted || normalise(known) + 's' === wanted)) {
      const hit = registry.httpConstant(family, known, member);
      if (hit !== undefined) return hit;
    }
  }
  for (const rule of SELF_DESCRIBING[family]) {
    if (rule.member.test(member) && (!rule.receiverLike || rule.receiverLike.test(receiver))) {
      const hit = registry.httpConstant(family, rule.receiver, member);
      if (hit !== undefined) return hit;
    }
  }
  const fallback = CONSTANT_FALLBACK[family];
  return fallback ? lookupHttpConstant(registry, fallback, receiver, member) : undefined;
}

/** Receivers whose members are OS / socket error names: `errno.ECONNRESET`, `syscall.ECONNREFUSED`. */
export const ERRNO_RECEIVER = /^(errno|syscall|unix|windows|os|constants|Errno|socket|SocketError|ErrorCode|ErrorCodes)$/;

/**
 * Receivers that plausibly hold gRPC or error codes under an alias: `GrpcStatus.UNAVAILABLE`, `grpcCodes.Unavailable`,
 * `StatusCode.UNAVAILABLE`, `errors.Unknown`. An application's own enum named after its domain (`QueryStatus.UNKNOWN`,
 * `OrderStatus.ABORTED`) is not one: a prefix before `Status`/`Code` must say gRPC/RPC.
 */
export const CODE_RECEIVER = /^((\w*_)?(grpc|rpc)_?\w*|(status|code|errno|error)s?|status_?codes?|error_?codes?)$/i;
