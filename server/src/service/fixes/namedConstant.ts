/**
 * Refactor "Replace 429 with HTTPStatus.TOO_MANY_REQUESTS": a bare numeric status becomes the
 * idiomatic named constant of the language/library in use (adding the import where one is needed):
 * Python `http.HTTPStatus`; Go `http.StatusX`; Java Spring `HttpStatus.X.value()` when Spring's
 * HttpStatus is imported, else `HttpURLConnection.HTTP_X`; C# `StatusCodes.StatusNNNX` when ASP.NET
 * Core's StatusCodes is in use, else `(int)HttpStatusCode.X`; JS/TS only when `http-status-codes`
 * or NestJS's `HttpStatus` is already imported.
 */
import httpConstants from '../../../data/http-constants.json';
import type { CodeActionResult, Occurrence } from '../types';
import { mergeImports } from './imports';
import { Doc, edit, offsetsOf } from './text';

type Table = Record<string, Record<string, Record<string, number>>>;
const TABLE = httpConstants as unknown as Table;

function member(family: string, receiver: string, code: number, preferLast = false): string | undefined {
  const names = Object.entries(TABLE[family]?.[receiver] ?? {}).filter(([, v]) => v === code).map(([k]) => k);
  return preferLast ? names[names.length - 1] : names[0];
}

interface Replacement {
  text: string;
  /** Shown in the title (the constant without `.value()`/casts). */
  label: string;
  imports: string[];
}

function has(doc: Doc, pattern: RegExp): boolean {
  return pattern.test(doc.text);
}

function replacementFor(doc: Doc, code: number): Replacement | undefined {
  switch (doc.languageId) {
    case 'python': {
      const name = member('python', 'HTTPStatus', code);
      if (!name) return undefined;
      if (has(doc, /from\s+http\s+import[^\n]*\bHTTPStatus\b/)) return { text: `HTTPStatus.${name}`, label: `HTTPStatus.${name}`, imports: [] };
      if (has(doc, /^\s*import\s+http\s*$/m)) return { text: `http.HTTPStatus.${name}`, label: `http.HTTPStatus.${name}`, imports: [] };
      return { text: `HTTPStatus.${name}`, label: `HTTPStatus.${name}`, imports: ['from http import HTTPStatus'] };
    }
    case 'go': {
      const name = member('go', 'http', code);
      return name ? { text: `http.${name}`, label: `http.${name}`, imports: ['import "net/http"'] } : undefined;
    }
    case 'java': {
      if (has(doc, /import\s+org\.springframework\.http\.(HttpStatus|\*)\s*;/)) {
        const name = member('java', 'HttpStatus', code);
        if (name) return { text: `HttpStatus.${name}.value()`, label: `HttpStatus.${name}`, imports: [] };
      }
      const name = member('java', 'HttpURLConnection', code, true);
      return name ? { text: `HttpURLConnection.${name}`, label: `HttpURLConnection.${name}`, imports: ['import java.net.HttpURLConnection;'] } : undefined;
    }
    case 'csharp': {
      if (has(doc, /using\s+Microsoft\.AspNetCore\.Http\s*;|\bStatusCodes\.Status\d/)) {
        const name = member('csharp', 'StatusCodes', code);
        if (name) return { text: `StatusCodes.${name}`, label: `StatusCodes.${name}`, imports: [] };
      }
      const name = member('csharp', 'HttpStatusCode', code);
      return name ? { text: `(int)HttpStatusCode.${name}`, label: `HttpStatusCode.${name}`, imports: ['using System.Net;'] } : undefined;
    }
    case 'http':
      return undefined;
    default: {
      if (has(doc, /from\s+['"]http-status-codes['"]|require\(\s*['"]http-status-codes['"]\s*\)/)) {
        const name = member('javascript', 'StatusCodes', code);
        if (name) return { text: `StatusCodes.${name}`, label: `StatusCodes.${name}`, imports: [] };
      }
      if (has(doc, /import\s*\{[^}]*\bHttpStatus\b[^}]*\}\s*from\s*['"]@nestjs\/common['"]/)) {
        const name = member('javascript', 'HttpStatus', code);
        if (name) return { text: `HttpStatus.${name}`, label: `HttpStatus.${name}`, imports: [] };
      }
      return undefined;
    }
  }
}

export function namedConstantFixes(doc: Doc, occurrences: readonly Occurrence[]): CodeActionResult[] {
  const actions: CodeActionResult[] = [];
  for (const o of occurrences) {
    if (o.kind !== 'http-status' || o.symbolic || o.role === 'http-file' || !/^\d{3}$/.test(o.text)) continue;
    const replacement = replacementFor(doc, Number(o.code));
    if (!replacement) continue;
    const [start, end] = offsetsOf(doc, o.range);
    const imports = replacement.imports.length ? mergeImports(doc, replacement.imports).edits : [];
    actions.push({
      title: `Replace ${o.text} with ${replacement.label}`,
      kind: 'refactor.rewrite',
      edits: [...imports, edit(doc, start, end, replacement.text)],
    });
  }
  return actions;
}
