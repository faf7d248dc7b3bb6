import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { exceptionPosition } from './exceptionPositions';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * Error classes no catalog knows whose name says an API call failed on the wire, brought in from a client library:
 * twilio's `ApiException`, qbittorrent-api's `NotFound404Error` and `HTTP5XXError`, the Notion SDK's `APIResponseError`,
 * Reactor Netty's `ReadTimeoutException`, a2a's `A2AClientHTTPError`. They count only where the class stands as an
 * exception type — caught, tested with `instanceof`/`is`/`isinstance`, handed to a retry, asserted by a test — as the
 * catalogued classes do (see exceptionPositions.ts), so a declaration, an import or `throw new …` is never reported,
 * and only where the file's imports say a library brings it (`libraryOf` below; a project's own wrapper is not a code a
 * reader is looking for). The code is the class's own name; hover says what the code around it does with it (no
 * catalog gives it a meaning or a retry verdict).
 *
 * A name must carry a word of the wire — API, HTTP, REST, a response, a client, a rate limit or quota, a gateway, a read
 * or connect timeout, or a status number — and end in `Error`/`Exception`: a domain class (`NotFoundException`,
 * `ValidationError`, `JSONDecodeError`) says nothing about a request and is left alone.
 */
const WIRE_WORD = String.raw`(?:Api|API|Http|HTTP|Rest|REST|Response|Client|RateLimit(?:ed)?|TooManyRequests|Throttl(?:ed|ing)?|Quota|ServiceUnavailable|BadGateway|GatewayTimeout|(?:Read|Connect|Request|Socket)Timeout|[1-5]\d\d|[45]XX|[45]xx)`;
const API_ERROR_CLASS = new RegExp(String.raw`^[A-Z][A-Za-z0-9]*?${WIRE_WORD}[A-Za-z0-9]*?(?:Error|Exception)$|^${WIRE_WORD}[A-Za-z0-9]*?(?:Error|Exception)$`);
/**
 * Web frameworks' own exceptions (FastAPI's and Hono's `HTTPException`, Spring MVC's `ResponseStatusException`): a
 * server raises them to answer its client, they are no failure of a call it made. (Spring's HTTP clients stay.)
 */
const SERVER_FRAMEWORK =
  /^(fastapi|starlette|werkzeug|flask|django|sanic|tornado|aiohttp\.web|hono|@nestjs\/|express|koa|fastify|h3|io\.ktor\.server|jakarta\.ws|javax\.ws|io\.micronaut\.http\.exceptions|org\.springframework\.(?!web\.client|web\.reactive\.function\.client)|org\.apache\.catalina|Symfony\\Component\\HttpKernel|Illuminate\\Http)/;
/** Candidates in the text: a capitalised word ending in Error/Exception (the regex above decides). */
const CANDIDATE = /(?<![\w$])[A-Z][A-Za-z0-9]*(?:Error|Exception)(?![\w$])/g;

export interface ApiErrorClassSite {
  /** The class's own name: the code reported. */
  code: string;
  site: Node;
  role: OccurrenceRole;
  /** The module or package the file imports it from (`qbittorrentapi`, `@notionhq/client`, `com.twilio.exception`). */
  module: string;
}

/** The file languages whose imports say where a class comes from (Ruby and C# name no class in theirs). */
export type ImportStyle = 'python' | 'javascript' | 'java' | 'kotlin' | 'php';

/**
 * Each uncatalogued API error class in [from, to) that stands as an exception type. `taken(start)` says a site is
 * already spotted (a catalogued class, a status); `visit` returns false to stop (a time budget).
 */
export function findApiErrorClasses(
  style: ImportStyle,
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  visit: (site: ApiErrorClassSite) => boolean,
): void {
  CANDIDATE.lastIndex = from;
  for (let match = CANDIDATE.exec(text); match && match.index < to; match = CANDIDATE.exec(text)) {
    const name = match[0];
    if (!API_ERROR_CLASS.test(name)) continue;
    const node = root.descendantForIndex(match.index, match.index + name.length);
    // (Ruby names a class with a `constant`, PHP with a `name`.)
    if (!node || node.startIndex !== match.index || node.endIndex !== match.index + name.length || !/identifier|^constant$|^name$/.test(node.type)) continue;
    const at = exceptionPosition(node, reader, s);
    // (Not a class a test merely builds: a library's tests build its own classes.)
    if (!at || at.builtInTest || taken(at.site.startIndex) || taken(node.startIndex)) continue;
    const module = libraryOf(style, name, at.site.text.replace(/\s+/g, ''), text);
    if (module === undefined || SERVER_FRAMEWORK.test(module)) continue;
    if (!visit({ code: name, site: at.site, role: at.role, module })) break;
  }
  CANDIDATE.lastIndex = 0;
}

/**
 * The library a class comes from, read from the file's imports; undefined for a class of the project itself (declared
 * here, imported relatively, or from the file's own package) or one whose origin the file does not say. Labelled code
 * and reviewers count a client library's error classes as codes a reader sees, and not a project's own wrapper.
 */
function libraryOf(style: ImportStyle, name: string, written: string, text: string): string | undefined {
  const qualifier = written.includes('.') ? written.slice(0, written.lastIndexOf('.')) : '';
  if (style === 'python') {
    const from = new RegExp(String.raw`^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]*(?:\([^)]*|[^\n]*)\b${qualifier ? qualifier.split('.')[0] : name}\b`, 'm').exec(text);
    if (from) return from[1].startsWith('.') ? undefined : from[1];
    if (!qualifier) return undefined;
    const root = qualifier.split('.')[0];
    return new RegExp(String.raw`^[ \t]*import[ \t]+${root}(?:\.[\w.]+)?[ \t]*$`, 'm').test(text) ? qualifier : undefined;
  }
  if (style === 'javascript') {
    const head = qualifier ? qualifier.split('.')[0] : name;
    const braces = String.raw`\{[^}]*\b${head}\b[^}]*\}`;
    const m = new RegExp(
      String.raw`import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:${braces}|\*\s+as\s+${head}\b|${head}\b)\s*from\s*['"]([^'"]+)['"]|(?:const|let|var)\s*(?:${braces}|${head}\b)\s*=\s*require\(\s*['"]([^'"]+)['"]`,
    ).exec(text);
    const module = m?.[1] ?? m?.[2];
    // (A relative path, or a project alias — `@/lib`, `~/utils`, `#errors`, `src/…` — is the project's own module.)
    return module && !/^(\.|\/|@\/|~|#|src\/)/.test(module) ? module : undefined;
  }
  if (style === 'php') {
    const own = /^[ \t]*namespace[ \t]+([\w\\]+)/m.exec(text)?.[1].split('\\')[0];
    const m = new RegExp(String.raw`^[ \t]*use[ \t]+\\?([\w\\]+)\\${name}[ \t]*(?:as[ \t]+\w+[ \t]*)?;`, 'm').exec(text);
    return m && m[1].split('\\')[0] !== own ? m[1] : undefined;
  }
  // Java and Kotlin: `import com.twilio.exception.ApiException;`, or the package written out where it is caught.
  const own = /^[ \t]*package[ \t]+([\w.]+)/m.exec(text)?.[1];
  const module = qualifier && /^[a-z]/.test(qualifier) ? qualifier : new RegExp(String.raw`^[ \t]*import[ \t]+([\w.]+)\.${name}[ \t]*;?[ \t]*$`, 'm').exec(text)?.[1];
  if (!module) return undefined;
  // (A package of the same organisation — its first two segments — is the project's own: `org.tasks.http` from `org.tasks.caldav`.)
  const root = (p: string) => p.split('.').slice(0, 2).join('.');
  return own && root(own) === root(module) ? undefined : module;
}

/**
 * A Python module of the project itself: its top package is a folder on the file's own path (`from tap_dixa.exceptions
 * import …` in `tap_dixa/client.py`). Python imports a project's own package by its absolute name as often as relatively.
 */
export function isProjectPythonModule(module: string, uri: string): boolean {
  const top = module.split('.')[0];
  const folders = decodeURIComponent(uri).replace(/\\/g, '/').split('/').slice(0, -1);
  return folders.includes(top);
}
