import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsOf } from '../support/serviceHarness';

/** grpc-retry-policy: service-config JSON in a string (here Go) and Grpc.Net.Client's RetryPolicy (C#). */
const fixture = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'grpc', 'service_config.go'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('grpc-retry-policy', () => {
  it('reports maxAttempts above 5, non-retryable codes and retry with hedging, in service-config JSON', async () => {
    const found = (await diagnosticsOf('go', fixture)).filter((f) => f.rule === 'grpc-retry-policy');
    const at = found.map((f) => `${f.range.start.line + 1}:${(f.data as { problem: string }).problem}`).sort();
    assert.deepEqual(at, [
      `${lineOf(fixture, '"maxAttempts": 8')}:max-attempts`,
      `${lineOf(fixture, '"NOT_FOUND"')}:non-retryable-code`,
      `${lineOf(fixture, '"hedgingPolicy"')}:both-policies`,
    ].sort());
    assert.match(found.find((f) => /NOT_FOUND/.test(f.message))!.message, /NOT_FOUND fails the same way on every attempt/);
  });

  it('stays silent on a well-formed policy', async () => {
    const good = fixture.slice(fixture.indexOf('// A well-formed one.'));
    assert.equal((await diagnosticsOf('go', `package feeds\n${good}`)).filter((f) => f.rule === 'grpc-retry-policy').length, 0);
  });

  it('reads Grpc.Net.Client RetryPolicy initializers', async () => {
    const text = [
      'using Grpc.Core;',
      'using Grpc.Net.Client.Configuration;',
      'class Config {',
      '  static RetryPolicy Policy() => new RetryPolicy { MaxAttempts = 7, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(5), BackoffMultiplier = 2, RetryableStatusCodes = { StatusCode.Unavailable, StatusCode.PermissionDenied } };',
      '}',
    ].join('\n');
    const messages = (await diagnosticsOf('csharp', text)).filter((f) => f.rule === 'grpc-retry-policy').map((f) => f.message).sort();
    assert.equal(messages.length, 2);
    assert.match(messages.join('\n'), /MaxAttempts 7 is lowered to 5/);
    assert.match(messages.join('\n'), /PERMISSION_DENIED fails the same way/);
  });
});
