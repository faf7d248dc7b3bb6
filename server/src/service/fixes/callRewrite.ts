/**
 * Rewrites one request call into a call of a retry template's helper, per language and HTTP library,
 * keeping the original arguments verbatim. For a non-idempotent method (POST/PATCH) the rewritten
 * call carries an `Idempotency-Key` generated once per logical request (once per call of the helper,
 * which re-sends the same headers on every attempt).
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { RetryLibrary } from '../templates';
import { pythonRewrite } from './pythonRewrite';
import { javascriptRewrite } from './javascriptRewrite';
import { goRewrite } from './goRewrite';
import { javaRewrite } from './javaRewrite';
import { csharpRewrite } from './csharpRewrite';
import { rubyRewrite } from './rubyRewrite';
import { phpRewrite } from './phpRewrite';
import { rustRewrite } from './rustRewrite';
import { kotlinRewrite } from './kotlinRewrite';
import { Doc } from './text';

export interface CallRewrite {
  library: RetryLibrary;
  /** The template to insert when the library has several (httpx sync vs async); else the library's first. */
  templateId?: string;
  /** Replaces the call node's text. */
  text: string;
  /** Statements to insert before the call's statement (at its indentation), e.g. a C# key variable. */
  before?: string[];
  extraImports?: string[];
  extraHelpers?: Array<{ name: string; text: string; imports: string[] }>;
  /** Offsets [start, end) to delete (C#: a request variable's declaration moved into the factory). */
  remove?: Array<[number, number]>;
  /** True when the call is already awaited (the helper call must not add another `await`). */
  awaited: boolean;
}

export function rewriteCall(doc: Doc, call: Node, library: HttpLibrary, method: HttpMethod, indent: string): CallRewrite | undefined {
  switch (doc.languageId) {
    case 'python':
      return pythonRewrite(call, library, method);
    case 'go':
      return goRewrite(call, method, indent);
    case 'java':
      return javaRewrite(call, method);
    case 'csharp':
      return csharpRewrite(call, method);
    case 'ruby':
      return rubyRewrite(call, library, method);
    case 'php':
      return phpRewrite(call, library, method);
    case 'rust':
      return rustRewrite(call, library, method);
    case 'kotlin':
      return kotlinRewrite(call, library, method);
    case 'http':
      return undefined;
    default:
      return javascriptRewrite(call, library, method);
  }
}
