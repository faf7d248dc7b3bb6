/**
 * Inserting a retry template's helper into a file: once per file (detected by helperName), with its
 * imports merged into the existing block, and without redefining names the file already defines.
 */
import { escapeSnippetText, renderTemplate, type RetryTemplate } from '../templates';
import type { TextEdit } from '../types';
import { mergeImports } from './imports';
import { Doc, eol, insertAt } from './text';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when the file defines `name` at any level the language allows a helper to live. */
export function definesName(doc: Doc, name: string): boolean {
  const n = escapeRe(name);
  const patterns: Record<string, string> = {
    python: `^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${n}\\b|^[ \\t]*class[ \\t]+${n}\\b|^${n}[ \\t]*(?::[^=\\n]*)?=`,
    go: `\\bfunc[ \\t]+${n}[ \\t]*[(\\[]|\\bfunc[ \\t]*\\([^)]*\\)[ \\t]*${n}[ \\t]*\\(|^(?:type|var|const)[ \\t]+${n}\\b|^\\t${n}[ \\t]+=`,
    java: `\\b(?:class|interface|record|enum)[ \\t]+${n}\\b`,
    csharp: `\\b(?:class|interface|record|enum|struct)[ \\t]+${n}\\b|\\b${n}[ \\t]*\\(`,
    ruby: `^[ \\t]*def[ \\t]+(?:self\\.)?${n}\\b|^[ \\t]*(?:class|module)[ \\t]+${n}\\b|^[ \\t]*${n}[ \\t]*=(?!=)`,
    kotlin: `^[ \\t]*(?:(?:private|internal|public|suspend|inline)[ \\t]+)*fun[ \\t]+(?:<[^>]*>[ \\t]*)?${n}[ \\t]*\\(|^[ \\t]*(?:(?:private|internal|public|const)[ \\t]+)*(?:val|var)[ \\t]+${n}\\b|\\b(?:class|object|interface)[ \\t]+${n}\\b`,
    php: `\\bfunction[ \\t]+${n}[ \\t]*\\(|\\bconst[ \\t]+${n}\\b|\\b(?:class|interface|trait|enum)[ \\t]+${n}\\b`,
    rust: `\\b(?:fn|struct|enum|trait|type|const|static|mod)[ \\t]+${n}\\b`,
  };
  const js = `\\bfunction\\*?[ \\t]+${n}\\b|\\b(?:const|let|var|class|interface|type)[ \\t]+${n}\\b`;
  const pattern = patterns[doc.languageId] ?? js;
  if (doc.languageId === 'csharp') {
    // A method named like the helper is not the helper; only a type counts.
    return new RegExp(patterns.java, 'm').test(doc.text);
  }
  return new RegExp(pattern, 'm').test(doc.text);
}

/** Drops the top-level chunks (blank-line separated, unindented) of `helper` that define any of `names`. */
function dropDefinitions(helper: string, names: string[], doc: Doc): string {
  if (names.length === 0) return helper;
  const chunks = helper.split(/\n\n+(?=\S)/);
  const kept = chunks.filter((chunk) => {
    const probe = { ...doc, text: chunk } as Doc;
    return !names.some((name) => definesName(probe, name));
  });
  return kept.join('\n\n');
}

/**
 * Python: when the file binds a name the helper uses as a module (`from time import time`,
 * `from datetime import datetime`), import the module under an alias and use that in the helper.
 */
function aliasShadowedModules(doc: Doc, helper: string, imports: string[]): [string, string[]] {
  const out: string[] = [];
  for (const line of imports) {
    const m = /^import ([A-Za-z_]\w*)$/.exec(line);
    const name = m?.[1];
    const shadowed = name && new RegExp(`^\\s*(?:from\\s+\\S+\\s+import\\s+[^\\n]*\\b${name}\\b(?!\\s+as\\b)|import\\s+\\S+\\s+as\\s+${name}\\b)`, 'm').test(doc.text);
    if (!name || !shadowed) {
      out.push(line);
      continue;
    }
    out.push(`import ${name} as _${name}`);
    helper = helper.replace(new RegExp(`(?<![\\w.])${name}\\.`, 'g'), `_${name}.`);
  }
  return [helper, out];
}

export interface HelperOptions {
  snippet: boolean;
  /** More imports the call site needs (`import uuid`). */
  extraImports?: string[];
  /** More top-level code (fix-owned helpers such as Go's newIdempotencyKey), with the name that marks it. */
  extraHelpers?: Array<{ name: string; text: string; imports: string[]; snippetText?: string }>;
}

/** Edits adding the template's helper and imports (nothing when the helper is already there). */
export function helperEdits(doc: Doc, template: RetryTemplate | undefined, options: HelperOptions): { edits: TextEdit[]; snippet: boolean } {
  const nl = eol(doc);
  const parts: string[] = [];
  const imports: string[] = [...(options.extraImports ?? [])];
  let snippet = false;
  if (template && !definesName(doc, template.helperName)) {
    const clashes = doc.languageId === 'python' ? [] : template.defines.filter((name) => name !== template.helperName && definesName(doc, name));
    let text = dropDefinitions(renderTemplate(template.helper, { snippet: options.snippet }), clashes, doc);
    let templateImports = template.imports;
    if (doc.languageId === 'python') [text, templateImports] = aliasShadowedModules(doc, text, templateImports);
    parts.push(text);
    imports.push(...templateImports);
    snippet = options.snippet;
  }
  for (const extra of options.extraHelpers ?? []) {
    if (definesName(doc, extra.name)) continue;
    parts.push(options.snippet ? extra.snippetText ?? escapeSnippetText(extra.text) : extra.text);
    snippet ||= options.snippet;
    imports.push(...extra.imports);
  }
  const plan = mergeImports(doc, imports);
  if (options.snippet) for (const e of plan.edits) e.newText = escapeSnippetText(e.newText);
  if (parts.length === 0) return { edits: plan.edits, snippet: options.snippet };
  const python = doc.languageId === 'python';
  const gap = python ? 2 : 1;
  const body = parts.join('\n'.repeat(gap + 1)).replace(/\r?\n/g, nl);
  const edits: TextEdit[] = [...plan.edits];
  if (doc.languageId === 'java' || doc.languageId === 'csharp') {
    const endsWithNl = doc.text.endsWith('\n');
    edits.push(insertAt(doc, doc.text.length, (endsWithNl ? '' : nl) + nl + body + nl));
  } else if (plan.afterImports === 0) {
    edits.push(insertAt(doc, 0, body + nl.repeat(gap + 1)));
  } else {
    const rest = doc.text.slice(plan.afterImports);
    const blankAfter = Math.max(0, (/^(?:[ \t]*\r?\n)*/.exec(rest)?.[0].split('\n').length ?? 1) - 2);
    const trailing = rest.trim().length ? nl.repeat(Math.max(0, gap - blankAfter)) : '';
    edits.push(insertAt(doc, plan.afterImports, nl.repeat(gap + 1) + body + trailing));
  }
  return { edits, snippet };
}
