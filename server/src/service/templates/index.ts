/** Every retry template, and lookups by id and language. */
import type { LanguageId } from '../types';
import { csharpTemplates } from './csharp';
import { goTemplates } from './go';
import { javaTemplates } from './java';
import { javascriptTemplates } from './javascript';
import { kotlinTemplates } from './kotlin';
import { phpTemplates } from './php';
import { pythonTemplates } from './python';
import { rubyTemplates } from './ruby';
import { rustTemplates } from './rust';
import { rustUreqTemplates } from './rustUreq';
import type { RetryTemplate } from './templateTypes';

export type { RetryTemplate, RetryLibrary } from './templateTypes';
export { renderTemplate, escapeSnippetText, tabStops } from './renderTemplate';

export const ALL_TEMPLATES: readonly RetryTemplate[] = [
  ...pythonTemplates,
  ...javascriptTemplates,
  ...goTemplates,
  ...javaTemplates,
  ...csharpTemplates,
  ...rubyTemplates,
  ...phpTemplates,
  ...rustTemplates,
  ...rustUreqTemplates,
  ...kotlinTemplates,
];

export function templateById(id: string): RetryTemplate | undefined {
  return ALL_TEMPLATES.find((t) => t.id === id);
}

export function templatesFor(language: LanguageId): RetryTemplate[] {
  return ALL_TEMPLATES.filter((t) => t.languages.includes(language));
}
