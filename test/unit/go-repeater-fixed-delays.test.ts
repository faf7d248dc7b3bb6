import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(text: string): Promise<string[]> {
  return (await diagnosticsOf('go', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A feed fetcher whose download is repeated by go-pkgz/repeater.
const fetcher = (importLine: string, make: string): string => [
  'package feeds',
  '',
  'import (',
  '\t"context"',
  '\t"fmt"',
  '\t"net/http"',
  '\t"time"',
  '',
  `\t${importLine}`,
  ')',
  '',
  'func Download(ctx context.Context, client *http.Client, url string) error {',
  `\trp := ${make}`,
  '\treturn rp.Do(ctx, func() error {',
  '\t\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, url, http.NoBody)',
  '\t\tif err != nil {',
  '\t\t\treturn err',
  '\t\t}',
  '\t\tresp, err := client.Do(req)',
  '\t\tif err != nil {',
  '\t\t\treturn err',
  '\t\t}',
  '\t\tdefer resp.Body.Close()',
  '\t\tif resp.StatusCode != http.StatusOK {',
  '\t\t\treturn fmt.Errorf("status %d", resp.StatusCode)',
  '\t\t}',
  '\t\treturn nil',
  '\t})',
  '}',
].join('\n');

describe('go-pkgz/repeater strategies', () => {
  it('reports NewDefault(n, d): a FixedDelay strategy waits the same delay before every attempt', async () => {
    assert.ok((await rules(fetcher('"github.com/go-pkgz/repeater"', 'repeater.NewDefault(5, 2*time.Second)'))).includes('13 retry-without-backoff'));
  });

  it('reports New(nil) (FixedDelay 5 s) and an explicit FixedDelay, also under an import alias', async () => {
    assert.ok((await rules(fetcher('rpt "github.com/go-pkgz/repeater"', 'rpt.New(nil)'))).includes('13 retry-without-backoff'));
    const explicit = fetcher('"github.com/go-pkgz/repeater"', 'repeater.New(&strategy.FixedDelay{Repeats: 4, Delay: time.Second})').replace('\t"github.com/go-pkgz/repeater"', '\t"github.com/go-pkgz/repeater"\n\t"github.com/go-pkgz/repeater/strategy"');
    assert.ok((await rules(explicit)).includes('14 retry-without-backoff'));
  });

  it('leaves a growing strategy, a single repeat, and a NewDefault of another package alone', async () => {
    const backoff = fetcher('"github.com/go-pkgz/repeater"', 'repeater.New(&strategy.Backoff{Repeats: 5, Duration: time.Second, Factor: 2})').replace('\t"github.com/go-pkgz/repeater"', '\t"github.com/go-pkgz/repeater"\n\t"github.com/go-pkgz/repeater/strategy"');
    assert.ok(!(await rules(backoff)).some((f) => f.endsWith('retry-without-backoff')));
    assert.ok(!(await rules(fetcher('"github.com/go-pkgz/repeater"', 'repeater.NewDefault(1, time.Second)'))).some((f) => f.endsWith('retry-without-backoff')));
    assert.ok(!(await rules(fetcher('"example.com/jobs/repeater"', 'repeater.NewDefault(5, time.Second)'))).some((f) => f.endsWith('retry-without-backoff')));
  });
});
