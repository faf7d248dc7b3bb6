/**
 * A function written inside a command — a helper the command calls, a closure it hands to a thread pool or to `map` —
 * runs while the command runs, for the person who typed it: like the command's own requests, its requests need no
 * automatic retry. A command that loops until stopped is a daemon, and a helper written inside an ordinary function
 * is judged as before.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const rules = async (language: 'python' | 'typescript' | 'go', text: string) => (await diagnosticsOf(language, text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);

const clickLoad = `import logging
from concurrent.futures import ThreadPoolExecutor

import click
import requests

log = logging.getLogger(__name__)


@click.command("hammer")
@click.option("--url", required=True)
def hammer(url, count=10):
    def _push(event):
        try:
            r = requests.post(url, json=event, timeout=10)
            r.raise_for_status()
        except requests.RequestException as e:
            log.error("failed: %s", e)

    with ThreadPoolExecutor(max_workers=4) as pool:
        for n in range(count):
            pool.submit(_push, {"n": n})
`;

const commanderSeed = `import { Command } from 'commander';
import axios from 'axios';

const program = new Command();
program
  .command('seed <url>')
  .action(async (url: string) => {
    async function pushOne(n: number): Promise<void> {
      try {
        await axios.post(url, { n }, { timeout: 5000 });
      } catch (err) {
        console.error('seed failed', err);
      }
    }
    await Promise.all([1, 2, 3].map((n) => pushOne(n)));
  });
program.parse();
`;

const cobraSeed = `package cmd

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

var seedCmd = &cobra.Command{
	Use: "seed URL",
	RunE: func(cmd *cobra.Command, args []string) error {
		client := &http.Client{Timeout: 10 * time.Second}
		push := func(body string) error {
			resp, err := client.Post(args[0], "application/json", bytes.NewBufferString(body))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 400 {
				return fmt.Errorf("seed failed: %s", resp.Status)
			}
			return nil
		}
		for _, body := range args[1:] {
			if err := push(body); err != nil {
				fmt.Println(err)
			}
		}
		return nil
	},
}
`;

describe('helpers written inside a command', () => {
  it('asks no retry of a closure a click command hands to a thread pool', async () => {
    assert.deepStrictEqual(await rules('python', clickLoad), []);
  });

  it('asks no retry of a function declared in a commander action, nor of a closure in a cobra RunE', async () => {
    assert.deepStrictEqual(await rules('typescript', commanderSeed), []);
    assert.ok(!(await rules('go', cobraSeed)).some((f) => f.endsWith('no-retry-on-request')));
  });

  it('still asks it where the command loops until stopped, as a daemon does', async () => {
    const daemon = clickLoad.replace(
      /    with ThreadPoolExecutor[\s\S]*$/,
      '    while not stopping.is_set():\n        event = inbox.get()\n        threading.Thread(target=_push, args=(event,)).start()\n',
    );
    assert.deepStrictEqual(await rules('python', daemon), ['15 no-retry-on-request']);
  });

  it('still asks it of the same helper written inside an ordinary function', async () => {
    const service = clickLoad.replace('@click.command("hammer")\n@click.option("--url", required=True)\n', '');
    assert.deepStrictEqual(await rules('python', service), ['13 no-retry-on-request']);
  });
});
