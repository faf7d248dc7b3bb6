import * as assert from 'assert';
import { ALL_TEMPLATES, renderTemplate, tabStops } from '../../server/src/service/templates';
import { REQUEST_PLACEHOLDER } from '../../server/src/service/templates/templateTypes';

/**
 * An independent reader of the LSP snippet grammar (escapes, `$n`, `${n:...}`), used to prove that a
 * rendered snippet expands to exactly the plain render.
 */
function expandSnippet(snippet: string): { text: string; stops: number[] } {
  const stops: number[] = [];
  let i = 0;
  const read = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === '\\' && '$}\\'.includes(snippet[i + 1] ?? '')) {
        out += snippet[i + 1];
        i += 2;
      } else if (ch === '}' && inPlaceholder) {
        i++;
        return out;
      } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        const m = /^\$(\d+)/.exec(snippet.slice(i))!;
        stops.push(Number(m[1]));
        i += m[0].length;
      } else if (ch === '$' && snippet[i + 1] === '{') {
        const m = /^\$\{(\d+):/.exec(snippet.slice(i));
        if (!m) throw new Error(`unsupported snippet construct at ${i}: ${snippet.slice(i, i + 20)}`);
        stops.push(Number(m[1]));
        i += m[0].length;
        out += read(true);
      } else if (ch === '$' && /[A-Za-z_]/.test(snippet[i + 1] ?? '')) {
        throw new Error(`unescaped $ would be read as a snippet variable at ${i}: ${snippet.slice(i, i + 20)}`);
      } else {
        out += ch;
        i++;
      }
    }
    if (inPlaceholder) throw new Error('unterminated placeholder');
    return out;
  };
  return { text: read(false), stops };
}

describe('renderTemplate', () => {
  it('keeps tab stops and escapes literal $, \\ and placeholder } in snippet mode', () => {
    const text = 'const s = `${name}` + "\\\\n"; retries(${1:4}); cost($9)';
    assert.strictEqual(
      renderTemplate(text, { snippet: true }),
      'const s = `\\${name}` + "\\\\\\\\n"; retries(${1:4}); cost(\\$9)',
    );
    assert.strictEqual(renderTemplate(text, { snippet: false }), 'const s = `${name}` + "\\\\n"; retries(4); cost($9)');
  });

  it('round-trips: expanding the snippet gives the plain render for a tricky text', () => {
    const text = 'a ${1:x} $b ${c} \\$ \\\\ } ${2:0.5}';
    const expanded = expandSnippet(renderTemplate(text, { snippet: true }));
    assert.strictEqual(expanded.text, renderTemplate(text, { snippet: false }));
    assert.deepStrictEqual(expanded.stops, [1, 2]);
  });
});

describe('retry templates', () => {
  const ids = new Set<string>();
  for (const template of ALL_TEMPLATES) {
    describe(template.id, () => {
      const plain = renderTemplate(template.helper, { snippet: false });
      const snippet = renderTemplate(template.helper, { snippet: true });
      const isParser = template.id.startsWith('retry-after-parse');

      it('has a unique id that starts with retry-', () => {
        assert.match(template.id, /^retry-[a-z0-9-]+$/);
        assert.ok(!ids.has(template.id), 'duplicate id');
        ids.add(template.id);
      });

      it('snippet expands to exactly the plain render', () => {
        assert.strictEqual(expandSnippet(snippet).text, plain);
      });

      it('plain render has no tab stops left', () => {
        assert.doesNotMatch(plain, /\$\{\d+:/);
      });

      it('defines its helperName and every name it declares', () => {
        assert.ok(template.defines.includes(template.helperName));
        for (const name of template.defines) assert.ok(plain.includes(name), `${name} not in helper`);
      });

      it('parses Retry-After in both forms', () => {
        assert.match(plain, /parse_?retry_?after/i);
        assert.match(plain, /parsedate_to_datetime|Date\.parse|http\.ParseTime|RFC_1123_DATE_TIME|RetryConditionHeaderValue|Time\.httpdate|DATE_RFC7231|parse_http_date/);
      });

      if (!isParser) {
        it('exposes tab stops 1 (attempts), 2 (base delay), 3 (cap) in order', () => {
          assert.deepStrictEqual(tabStops(template.helper).map(([n]) => n), [1, 2, 3]);
          assert.deepStrictEqual(expandSnippet(snippet).stops, [1, 2, 3]);
        });

        it(`call uses the helper and the ${REQUEST_PLACEHOLDER} placeholder`, () => {
          assert.ok(template.call.includes(template.helperName));
          assert.ok(template.call.includes(REQUEST_PLACEHOLDER));
        });

        it('lists exactly the retryable statuses and the idempotent methods, never 400/401/403/404/422', () => {
          if (template.library !== 'net/http') {
            const statusList = /(?:\{|\[|\()\s*408, 429, 500, 502, 503, 504\s*(?:\}|\]|\))/;
            assert.match(plain, statusList);
          } else {
            for (const name of ['StatusRequestTimeout', 'StatusTooManyRequests', 'StatusInternalServerError', 'StatusBadGateway', 'StatusServiceUnavailable', 'StatusGatewayTimeout']) {
              assert.ok(plain.includes(`http.${name}`), name);
            }
          }
          assert.doesNotMatch(plain, /\b(400|401|403|404|422)\b/);
          for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']) {
            const goName = `http.Method${method[0]}${method.slice(1).toLowerCase()}`;
            assert.ok(plain.includes(`"${method}"`) || plain.includes(`'${method}'`) || plain.includes(goName), method);
          }
          // got filters POST/PATCH itself (in calculateDelay); the others never list a non-idempotent method.
          if (template.library !== 'got') assert.doesNotMatch(plain, /["'](POST|PATCH)["']/);
          assert.match(plain, /idempotency-key/i);
        });
      }
    });
  }
});
