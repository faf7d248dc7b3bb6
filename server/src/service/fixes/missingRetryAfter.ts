/**
 * `missing-retry-after`: "Send Retry-After with the 429/503": sets the header on the response the
 * handler sends, in the framework's own way (Flask/werkzeug `abort(..., retry_after=)`, FastAPI/
 * Starlette `headers=`, Express `res.set(...)`, Go `w.Header().Set`, servlet `setHeader`, Spring
 * `ResponseEntity...header(...)`, ASP.NET Core `Response.Headers.RetryAfter`). The seconds value is a
 * tab stop when the client takes snippets.
 */
import type { MissingRetryAfterData } from '../diagnostics/findingData';
import { escapeSnippetText } from '../templates';
import type { CodeActionResult, Finding, TextEdit } from '../types';
import { Doc, eol, indentOfLine, insertAt, offsetsOf } from './text';

export function missingRetryAfterFix(doc: Doc, finding: Finding, snippet: boolean): CodeActionResult | undefined {
  const data = finding.data as unknown as MissingRetryAfterData | undefined;
  if (!data?.setRange) return undefined;
  const seconds = snippet ? '${1:60}' : '60';
  const esc = (s: string) => (snippet ? escapeSnippetText(s) : s);
  const build = (edits: TextEdit[] | undefined): CodeActionResult | undefined =>
    edits && { title: `Send a Retry-After header with the ${data.code}`, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits, snippet };
  const [setStart, setEnd] = offsetsOf(doc, data.setRange);
  const setText = doc.text.slice(setStart, setEnd);
  const statementLine = (data.statementRange ?? data.setRange).start.line;
  const lineStart = doc.lines.offsetAt({ line: statementLine, character: 0 });
  const indent = indentOfLine(doc, statementLine);
  const before = (line: string) => [insertAt(doc, lineStart, indent + line + eol(doc))];

  switch (doc.languageId) {
    case 'python': {
      // abort(429) → abort(429, retry_after=60): werkzeug's 429/503 exceptions take retry_after.
      const call = /^([\w.]+)\(([\s\S]*)\)$/.exec(setText);
      if (!call) break;
      const callee = call[1].split('.').pop()!;
      const close = setEnd - 1;
      const sep = call[2].trim() ? ', ' : '';
      if (callee === 'abort') return build([insertAt(doc, close, `${sep}retry_after=${seconds}`)]);
      const dict = /headers\s*=\s*\{/.exec(setText);
      if (dict) return build([insertAt(doc, setStart + dict.index + dict[0].length, `"Retry-After": "${seconds}", `)]);
      if (/headers\s*=/.test(call[2])) break;
      return build([insertAt(doc, close, `${sep}headers={"Retry-After": "${seconds}"}`)]);
    }
    case 'go': {
      // w.WriteHeader(http.StatusTooManyRequests) → set the header first.
      const m = /^([\w.]+)\.WriteHeader\(/.exec(setText);
      if (m) return build(before(`${m[1]}.Header().Set("Retry-After", "${seconds}")`));
      const e = /^http\.Error\(\s*(\w+)\s*,/.exec(setText);
      if (e) return build(before(`${e[1]}.Header().Set("Retry-After", "${seconds}")`));
      break;
    }
    case 'java': {
      const servlet = /^([\w.]+)\.(setStatus|sendError)\(/.exec(setText);
      if (servlet) return build(before(`${servlet[1]}.setHeader("Retry-After", "${seconds}");`));
      // ResponseEntity.status(429) → ResponseEntity.status(429).header("Retry-After", "60")
      if (/^ResponseEntity\s*\.\s*status\(/.test(setText)) return build([insertAt(doc, setEnd, esc('.header("Retry-After", "') + seconds + '")')]);
      break;
    }
    case 'kotlin': {
      // Spring in Kotlin: ResponseEntity.status(…) → ….header("Retry-After", "60"); Ktor: call.respond(status, …) → set the
      // header on call.response first; a servlet's setStatus → setHeader first.
      if (/^ResponseEntity\s*\.\s*status\(/.test(setText)) return build([insertAt(doc, setEnd, esc('.header("Retry-After", "') + seconds + '")')]);
      const ktor = /^([\w.]+)\.respond\w*\(/.exec(setText);
      if (ktor) return build(before(`${ktor[1]}.response.header("Retry-After", "${seconds}")`));
      const servlet = /^([\w.]+)\.(setStatus|sendError)\(/.exec(setText);
      if (servlet) return build(before(`${servlet[1]}.setHeader("Retry-After", "${seconds}")`));
      break;
    }
    case 'csharp': {
      if (/\bStatusCode\(|StatusCodes\.Status\d|TooManyRequests|ServiceUnavailable|\b\d{3}\b/.test(setText)) {
        const response = /\bResults\.|TypedResults\./.test(setText) ? 'httpContext.Response' : 'Response';
        if (response === 'httpContext.Response' && !/\bhttpContext\b/.test(doc.text)) break;
        return build(before(`${response}.Headers.RetryAfter = "${seconds}";`));
      }
      break;
    }
    case 'rust': {
      // actix-web: HttpResponse::TooManyRequests() → ….insert_header(("Retry-After", "60")) on the builder
      if (/^(\w+::)*HttpResponse\s*::\s*\w+\(\s*\)$/.test(setText)) return build([insertAt(doc, setEnd, esc('.insert_header(("Retry-After", "') + seconds + '"))')]);
      // axum: (StatusCode::TOO_MANY_REQUESTS, body) → (StatusCode::…, [("retry-after", "60")], body); a bare
      // StatusCode::….into_response() becomes such a tuple
      const header = esc('[("retry-after", "') + seconds + '")]';
      const tuple = /^\(\s*(\w+::)*StatusCode::[A-Z_]+/.exec(setText);
      if (tuple) return build([insertAt(doc, setStart + tuple[0].length, `, ${header}`)]);
      const bare = /^((\w+::)*StatusCode::[A-Z_]+)\s*\.\s*into_response\(\s*\)$/.exec(setText);
      if (bare) return build([insertAt(doc, setStart, '('), insertAt(doc, setStart + bare[1].length, `, ${header})`)]);
      break;
    }
    case 'http':
      break;
    default: {
      // Express: res.status(429) / res.sendStatus(503) → res.set('Retry-After', '60').status(429)
      const express = /^([\w.]+)\.(status|sendStatus)\(/.exec(setText);
      if (express) {
        const receiverEnd = setStart + express[1].length;
        return build([insertAt(doc, receiverEnd, esc(`.set('Retry-After', '`) + seconds + `')`)]);
      }
      const writeHead = /^([\w.]+)\.writeHead\(/.exec(setText);
      if (writeHead) return build(before(`${writeHead[1]}.setHeader('Retry-After', '${seconds}');`));
      // Fastify: reply.code(429) → reply.header('Retry-After', '60').code(429)
      const fastify = /^([\w.]+)\.code\(/.exec(setText);
      if (fastify) return build([insertAt(doc, setStart + fastify[1].length, esc(`.header('Retry-After', '`) + seconds + `')`)]);
      break;
    }
  }
  return undefined;
}
