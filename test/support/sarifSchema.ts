/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema shipped as test data
 * (test/fixtures/sarif, see its README for source and licence), with no network.
 *
 * The schema is draft-04 and Ajv 8 speaks draft-07: the two differ for this schema only in the
 * name of the id keyword (`id` → `$id`), so that is renamed and `$schema` dropped. The formats it
 * uses (uri, uri-reference, date-time) are checked with the URL parser and Date. Its `language`
 * pattern has a stray `]` that the `u` flag rejects, hence `unicodeRegExp: false`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)));
  compiled = ajv.compile({ ...rest, $id: String(id) });
  return compiled;
}

/** Schema errors of a SARIF log as one readable string, or '' when it is valid. */
export function sarifSchemaErrors(log: unknown): string {
  const validate = sarifValidator();
  return validate(log) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}
