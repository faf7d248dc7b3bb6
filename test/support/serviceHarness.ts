import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { Finding, LanguageId, Occurrence, Position } from '../../server/src/service/types';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';

let shared: ErrorCodeLanguageService | undefined;
let counter = 0;

/** One service for the whole test run: grammars load once. */
export function testService(): ErrorCodeLanguageService {
  shared ??= new ErrorCodeLanguageService();
  return shared;
}

/** Settings with no-retry-on-request reporting reads too (GET/HEAD/OPTIONS; off by default). */
export const READS_REPORTED: Settings = { ...DEFAULT_SETTINGS, reportReadsWithoutRetry: true };

/**
 * For a suite whose subject is not the read/write policy of no-retry-on-request (mechanisms, fixes, the workspace
 * index) but whose examples are reads: the shared service reports reads while it runs.
 */
export function withReadsReported(): void {
  before(() => testService().configure(READS_REPORTED));
  after(() => testService().configure(DEFAULT_SETTINGS));
}

/** Opens `text` as a fresh document and returns its URI. A `|` marks the cursor when `withCursor` is set. */
export async function openDoc(languageId: LanguageId, text: string, service = testService()): Promise<string> {
  const uri = `memory://test/${++counter}.${languageId}`;
  await service.open({ uri, languageId, version: 1, text });
  return uri;
}

/** Splits `te|xt` into the text without the marker and the marker's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

export async function occurrencesOf(languageId: LanguageId, text: string): Promise<Occurrence[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return service.occurrences(uri);
  } finally {
    service.close(uri);
  }
}

/** The 1-based lines of one rule's findings for `text` opened as a fresh document. */
export async function ruleLines(languageId: LanguageId, text: string, rule: string): Promise<number[]> {
  return (await diagnosticsOf(languageId, text)).filter((f) => f.rule === rule).map((f) => f.range.start.line + 1);
}

/** The findings for `text` opened as a fresh document. */
export async function diagnosticsOf(languageId: LanguageId, text: string): Promise<Finding[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return service.diagnostics(uri);
  } finally {
    service.close(uri);
  }
}

export async function hoverAt(languageId: LanguageId, marked: string): Promise<string | undefined> {
  const { text, position } = cursor(marked);
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return service.hover(uri, position)?.contents;
  } finally {
    service.close(uri);
  }
}
