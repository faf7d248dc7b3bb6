import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ErrorCodeLanguageService } from '../service/languageService';
import type { Finding, LanguageId, Occurrence } from '../service/types';
import type { FileSummary } from '../service/workspace/summaryTypes';

/** What `eci check` reports for one file, positions still 0-based as the service gives them. */
export interface FileReport {
  path: string;
  language: LanguageId;
  occurrences: Occurrence[];
  findings: Finding[];
}

/**
 * Analyses one file with the service and forgets it again, so memory stays flat over large trees. With
 * `summarise`, the file's workspace summary comes back too (the first of the CLI's two passes).
 */
export async function checkFile(service: ErrorCodeLanguageService, path: string, language: LanguageId, content?: string, summarise = false): Promise<FileReport & { summary?: FileSummary }> {
  const text = content !== undefined ? stripBom(content) : decode(fs.readFileSync(path));
  const uri = pathToFileURL(path).toString();
  await service.open({ uri, languageId: language, version: 1, text });
  try {
    const report = { path, language, occurrences: service.occurrences(uri), findings: service.diagnostics(uri) };
    const summary = summarise ? service.summarise(uri) : undefined;
    return summary ? { ...report, summary } : report;
  } finally {
    service.close(uri);
  }
}

/** Only the workspace summary of a file that holds no code worth reporting (a base class, a retry helper). */
export async function summariseFile(service: ErrorCodeLanguageService, path: string, language: LanguageId, content: string): Promise<FileSummary | undefined> {
  const uri = pathToFileURL(path).toString();
  await service.open({ uri, languageId: language, version: 1, text: stripBom(content) });
  try {
    return service.summarise(uri, false);
  } finally {
    service.close(uri);
  }
}

/** UTF-8 with an optional BOM removed; invalid sequences become U+FFFD rather than failing. */
function decode(bytes: Buffer): string {
  return stripBom(bytes.toString('utf8'));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A cheap test that a file can contain anything worth parsing: three-digit numbers or known names. */
export function mayContainCodes(text: string, names: RegExp): boolean {
  if (/(?<![\w.])[1-5]\d\d(?![\w.])/.test(text)) return true;
  names.lastIndex = 0;
  const found = names.test(text);
  names.lastIndex = 0;
  return found;
}
