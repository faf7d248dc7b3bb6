/**
 * Service tier: an API's error code a file declares under a name that says nothing (`RATE_LIMITED = "rate_limited"`)
 * and another file imports and compares with an error's code — the importing file's use decides, as for a status
 * constant named for nothing. A constant the importing file only logs or reads settings with stays silent.
 */
import * as assert from 'node:assert/strict';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';

async function workspace(files: Record<string, [LanguageId, string]>): Promise<ErrorCodeLanguageService> {
  const service = new ErrorCodeLanguageService();
  for (const [name, [languageId, text]] of Object.entries(files)) await service.open({ uri: `file:///ws/${name}`, languageId, version: 1, text });
  for (const name of Object.keys(files)) service.indexDocument(`file:///ws/${name}`);
  return service;
}

const spotted = (service: ErrorCodeLanguageService, name: string): string[] => service.occurrences(`file:///ws/${name}`).map((o) => `${o.range.start.line + 1} ${o.code} ${o.role} ${o.text}`);

describe('workspace: API codes declared as plain constants, read by their uses in other files', () => {
  it('spots an imported constant compared with an error code, not one logged or used as a key', async () => {
    const service = await workspace({
      'app/codes.py': ['python', 'RATE_LIMITED = "rate_limited"\nTHEME_KEY = "dark_theme"\nSEAT_LIMIT_REACHED = "seat_limit_reached"\n'],
      'app/handler.py': [
        'python',
        'from .codes import RATE_LIMITED, THEME_KEY, SEAT_LIMIT_REACHED\n\ndef check(body, settings, log):\n    code = body["error"]["code"]\n    if code == RATE_LIMITED:\n        return 1\n    log(SEAT_LIMIT_REACHED)\n    return settings.get(THEME_KEY)\n',
      ],
    });
    assert.deepEqual(spotted(service, 'app/handler.py'), ['5 rate_limited client-check RATE_LIMITED']);
  });

  it('reads a TypeScript import the same way', async () => {
    const service = await workspace({
      'src/codes.ts': ['typescript', "export const QUOTA_EXCEEDED = 'quota_exceeded';\nexport const DEFAULT_LOCALE = 'en_US';\n"],
      'src/client.ts': ['typescript', "import { QUOTA_EXCEEDED, DEFAULT_LOCALE } from './codes';\n\nexport function f(err: any, lang: string) {\n  if (err.error?.code === QUOTA_EXCEEDED) return 1;\n  return lang === DEFAULT_LOCALE;\n}\n"],
    });
    assert.deepEqual(spotted(service, 'src/client.ts'), ['4 quota_exceeded client-check QUOTA_EXCEEDED']);
  });
});
