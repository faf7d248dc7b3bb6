import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

interface Capture { name?: string; patterns?: Rule[] }
interface Rule {
  include?: string;
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  patterns?: Rule[];
}
interface Grammar { scopeName: string; patterns: Rule[]; repository: Record<string, Rule> }

const grammar = readJson('syntaxes/http.tmLanguage.json') as Grammar;

/** Oniguruma → JS: the grammar only uses a leading `(?i)` beyond the common subset. */
function toRegExp(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
}

function everyRule(visit: (rule: Rule, where: string) => void): void {
  const walk = (rule: Rule, where: string): void => {
    visit(rule, where);
    rule.patterns?.forEach((p, i) => walk(p, `${where}/patterns[${i}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
      for (const [n, c] of Object.entries(rule[key] ?? {})) c.patterns?.forEach((p, i) => walk(p, `${where}/${key}.${n}[${i}]`));
    }
  };
  grammar.patterns.forEach((p, i) => walk(p, `patterns[${i}]`));
  for (const [k, rule] of Object.entries(grammar.repository)) walk(rule, `#${k}`);
}

/** Top-level rules in order, includes expanded (as a tokenizer would try them at line start). */
function topLevelRules(): Rule[] {
  const out: Rule[] = [];
  const expand = (rule: Rule): void => {
    if (rule.include?.startsWith('#')) return expand(grammar.repository[rule.include.slice(1)]);
    if (rule.match || rule.begin) out.push(rule);
    else rule.patterns?.forEach(expand);
  };
  grammar.patterns.forEach(expand);
  return out;
}

/** The rule a TextMate tokenizer picks first on a fresh line: earliest match, then pattern order. */
function ruleFor(line: string): { rule: Rule; match: RegExpExecArray } | undefined {
  let best: { rule: Rule; match: RegExpExecArray } | undefined;
  for (const rule of topLevelRules()) {
    const match = toRegExp(rule.match ?? rule.begin ?? '').exec(line);
    if (match && (!best || match.index < best.match.index)) best = { rule, match };
  }
  return best;
}

describe('http TextMate grammar', () => {
  it('is valid JSON with scopeName source.http', () => {
    assert.equal(grammar.scopeName, 'source.http');
    assert.ok(grammar.patterns.length > 5);
  });

  it('resolves every #include to a repository key and embeds only source.js / source.json', () => {
    const external = new Set<string>();
    everyRule((rule, where) => {
      if (!rule.include) return;
      if (rule.include.startsWith('#')) assert.ok(grammar.repository[rule.include.slice(1)], `${where}: ${rule.include}`);
      else external.add(rule.include);
    });
    assert.deepEqual([...external].sort(), ['source.js', 'source.json']);
  });

  it('has regexes that compile, and begin rules that end', () => {
    everyRule((rule, where) => {
      for (const key of ['match', 'begin', 'end', 'while'] as const) {
        const source = rule[key];
        if (source !== undefined) assert.doesNotThrow(() => toRegExp(source), `${where}.${key}`);
      }
      if (rule.begin) assert.ok(rule.end || rule.while, `${where} begins but never ends`);
    });
  });

  const cases: [string, string][] = [
    ['### Create order', 'meta.separator.request.http'],
    ['# @name createOrder', 'meta.metadata.http'],
    ['// @no-redirect', 'meta.metadata.http'],
    ['# just a comment', 'comment.line.http'],
    ['@host = api.example.com', 'meta.variable.declaration.http'],
    ['POST https://{{host}}/v1/orders HTTP/1.1', 'meta.request-line.http'],
    ['QUERY https://example.com/search', 'meta.request-line.http'],
    ['https://example.com/healthz', 'meta.request-line.http'],
    ['    &per_page=50', 'meta.request-line.query-continuation.http'],
    ['Retry-After: 30', 'meta.header.retry.http'],
    ['x-ratelimit-reset: 1714557600', 'meta.header.retry.http'],
    ['Content-Type: application/json', 'meta.header.http'],
    ['?? status == 429', 'meta.assert.status.http'],
    ['?? header retry-after exists', 'meta.assert.http'],
    ['> {%', 'meta.script-handler.http'],
    ['> ./handlers/check.js', 'meta.script-handler.file.http'],
    ['<> ./previous.200.json', 'meta.response-reference.http'],
    ['< ./input.json', 'meta.input-file.http'],
    ['{"amount": 1}', 'meta.embedded.block.json'],
    ['{{payload}}', 'meta.template.expression.http'],
  ];
  for (const [line, scope] of cases) {
    it(`scopes ${JSON.stringify(line)} as ${scope}`, () => assert.equal(ruleFor(line)?.rule.name, scope));
  }

  it('gives status codes constant.numeric.status.http plus a per-class scope', () => {
    const statusScope = (line: string) => {
      const hit = ruleFor(line);
      assert.equal(hit?.rule.name, 'meta.status-line.http', line);
      return hit?.rule.captures?.['2'].name;
    };
    assert.equal(statusScope('HTTP/1.1 429 Too Many Requests'), 'constant.numeric.status.http constant.numeric.status.client-error.http');
    assert.equal(statusScope('HTTP/2 503'), 'constant.numeric.status.http constant.numeric.status.server-error.http');
    assert.equal(statusScope('HTTP/1.1 200 OK'), 'constant.numeric.status.http constant.numeric.status.success.http');
    assert.equal(statusScope('HTTP/1.1 999 Odd'), 'constant.numeric.status.http');
  });

  it('embeds JavaScript in handler scripts and stops JSON bodies at the next element', () => {
    const script = grammar.repository['handler-script'];
    assert.match(script.contentName ?? '', /\bsource\.js\b/);
    assert.ok(toRegExp(script.end ?? '').test('%}'));
    const json = toRegExp(grammar.repository['json-body'].while ?? '');
    for (const stop of ['###', 'HTTP/1.1 200 OK', '?? status == 200', '> {%', '<> ./r.json']) assert.ok(!json.test(stop), stop);
    for (const go of ['  "a": 1,', '}', '', '  ]']) assert.ok(json.test(go), go);
  });
});

describe('http language configuration and header data', () => {
  it('declares # line comments and bracket pairs', () => {
    const config = readJson('language-configuration.http.json') as {
      comments: { lineComment: string };
      brackets: string[][];
      autoClosingPairs: { open: string; close: string }[];
    };
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.ok(config.autoClosingPairs.some((p) => p.open === '{' && p.close === '}'));
  });

  it('documents every retry-relevant header with a summary and https sources', () => {
    const data = readJson('server/data/http-headers.json') as {
      headers: { name: string; summary: string; sources: { title: string; url: string }[] }[];
    };
    const names = data.headers.map((h) => h.name.toLowerCase());
    for (const required of [
      'retry-after', 'ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
      'retry-after-ms', 'x-ms-retry-after-ms', 'x-amz-retry-after', 'idempotency-key', 'x-should-retry',
      'stripe-should-retry', 'grpc-retry-pushback-ms',
    ]) assert.ok(names.includes(required), required);
    assert.equal(new Set(names).size, names.length, 'names are unique');
    for (const h of data.headers) {
      assert.ok(h.summary.length > 40 && h.summary.length < 900, h.name);
      assert.ok(h.sources.length > 0, h.name);
      for (const src of h.sources) assert.match(src.url, /^https:\/\/\S+$/, `${h.name}: ${src.url}`);
    }
    const retryAfter = data.headers.find((h) => h.name === 'Retry-After');
    assert.match(retryAfter?.summary ?? '', /HTTP-date/);
    assert.ok(retryAfter?.sources.some((src) => src.url.includes('rfc9110') && src.url.includes('10.2.3')));
  });
});
