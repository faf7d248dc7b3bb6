import { spotCases } from '../fixtures/spotting/cases';

/**
 * An API's error codes reached by name or searched in an error's text: numeric members of an enum named for error
 * codes and their uses, numeric constants named for one, a local holding an error's message, and a predicate asked
 * for any of a list of codes.
 */
describe('spotting: error codes by name and in error text', () => {
  describe('numbers an enum or a constant names as error codes', () => {
    spotCases('csharp', [
      [
        "a C# enum's members and a use of one",
        'public enum LookupErrorCode\n{\n    UnknownFormat = 1,\n    TooManyRequests = 14,\n}\nclass C { bool Limited(Reply r) => r.Error.Code == LookupErrorCode.TooManyRequests; }\n',
        ['1 constant', '14 constant', '14 client-check'],
      ],
      ['decoy: an enum of something else', 'public enum Shade\n{\n    Light = 1,\n    Dark = 2,\n}\nclass C { bool Dim(Theme t) => t.Code == Shade.Dark; }\n', []],
    ]);
    spotCases('typescript', [['a TypeScript enum of numeric codes', 'enum ApiErrorCode { RateLimited = 4001, Unknown = 1 }\n', ['4001 constant', '1 constant']]]);
    spotCases('python', [
      [
        'a constant named for an error code, then compared by name',
        'QUOTA_ERROR_CODE = 40001\n\ndef limited(err):\n    return err.error_code == QUOTA_ERROR_CODE\n',
        ['40001 constant', '40001 client-check'],
      ],
    ]);
  });

  describe("a local holding an error's text", () => {
    spotCases('typescript', [
      ["errorMessage.includes('insufficient_quota')", "function kind(errorMessage: string) {\n  if (errorMessage.includes('insufficient_quota')) return 'quota';\n}\n", ['insufficient_quota client-check']],
      ['decoy: a plain word searched', "function kind(errorMessage: string) {\n  if (errorMessage.includes('quota')) return 'quota';\n}\n", []],
    ]);
  });

  describe('a predicate asked for any of a list of codes', () => {
    spotCases('go', [
      [
        'HasErrorCode(err.Error(), []string{…})',
        'package p\n\nfunc ignorable(err error) bool {\n\treturn HasErrorCode(err.Error(), []string{"not_implemented_yet", "api_not_enabled"})\n}\n',
        ['not_implemented_yet client-check', 'api_not_enabled client-check'],
      ],
      ['decoy: a list handed to another call', 'package p\n\nfunc names(err error) []string {\n\treturn Join(err.Error(), []string{"not_implemented_yet"})\n}\n', []],
    ]);
  });
});
