import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(language: 'java' | 'ruby', text: string): Promise<string[]> {
  return (await diagnosticsOf(language, text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A Spring loop whose catch clauses take the client's per-status exception classes.
const springLoop = (clauses: string[]): string => [
  'import org.springframework.web.client.HttpClientErrorException;',
  'import org.springframework.web.client.RestTemplate;',
  '',
  'class RatesClient {',
  '    private final RestTemplate rest;',
  '    RatesClient(RestTemplate rest) { this.rest = rest; }',
  '',
  '    String rates(String url) throws InterruptedException {',
  '        for (int attempt = 0; attempt < 4; attempt++) {',
  '            try {',
  '                return rest.getForObject(url, String.class);',
  ...clauses,
  '            }',
  '        }',
  '        throw new IllegalStateException("rates unavailable");',
  '    }',
  '}',
].join('\n');

describe('a retry loop whose catch takes a status by its exception class', () => {
  it('retries the status of a clause that waits and stays: a 429 so retried never reads Retry-After', async () => {
    const found = await rules('java', springLoop([
      '            } catch (HttpClientErrorException.TooManyRequests e) {',
      '                Thread.sleep(1000L << attempt);',
    ]));
    assert.ok(found.some((f) => f.endsWith('retry-ignores-retry-after')), found.join('\n'));
  });

  it('reports a refusal taken by its class and retried (a 404 waits and goes round)', async () => {
    const found = await rules('java', springLoop([
      '            } catch (HttpClientErrorException.NotFound e) {',
      '                Thread.sleep(1000L << attempt);',
    ]));
    assert.ok(found.includes('12 non-retryable-retried'), found.join('\n'));
  });

  it('leaves a clause that gives its status up alone (it throws, it does not go round)', async () => {
    const found = await rules('java', springLoop([
      '            } catch (HttpClientErrorException.NotFound e) {',
      '                throw new IllegalArgumentException("no such currency", e);',
      '            } catch (HttpClientErrorException.TooManyRequests e) {',
      '                Thread.sleep(Long.parseLong(e.getResponseHeaders().getFirst("Retry-After")) * 1000);',
    ]));
    assert.ok(!found.some((f) => /non-retryable-retried|retry-ignores-retry-after/.test(f)), found.join('\n'));
  });

  const rubyHelper = (rescued: string, body: string[]): string => [
    'class RepoSync',
    '  def with_pauses',
    '    yield',
    `  rescue ${rescued}`,
    ...body,
    '  end',
    '',
    '  def sync(repo)',
    '    with_pauses { client.repository(repo) }',
    '  end',
    'end',
  ].join('\n');

  it('reads a Ruby rescue that says retry the same way', async () => {
    const refused = await rules('ruby', rubyHelper('Octokit::NotFound', ['    sleep 10', '    retry']));
    assert.ok(refused.includes('4 non-retryable-retried'), refused.join('\n'));
    const limited = await rules('ruby', rubyHelper('Octokit::TooManyRequests', ['    sleep 10', '    retry']));
    assert.ok(limited.some((f) => f.endsWith('retry-ignores-retry-after')), limited.join('\n'));
  });

  it('does not read a rescue that never says retry as a round', async () => {
    const found = await rules('ruby', rubyHelper('Octokit::NotFound', ['    nil']));
    assert.ok(!found.some((f) => /non-retryable-retried|retry-ignores-retry-after/.test(f)), found.join('\n'));
  });
});
