/**
 * A request a command-line program makes for the command a person typed needs no automatic retry: the person sees
 * the failure and runs the command again (the benchmark guide's "a CLI fetching a URL the user typed"). The actions
 * CLI frameworks run (commander's `.action(…)`, cobra's `RunE`, a script's argument-parsing `main`) and the functions
 * only they call are such code; a module that parses no arguments is not known to be a CLI.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const commander = `import { Command } from 'commander';

const program = new Command();
program.command('release <tag>').action(async (tag: string) => {
  await createRelease(tag);
});

async function createRelease(tag: string): Promise<void> {
  const res = await fetch('https://api.example.com/releases', { method: 'POST', body: tag, signal: AbortSignal.timeout(10000) });
  if (!res.ok) throw new Error('release failed: ' + res.status);
}

program.parse();
`;

const cobra = `package cmd

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

var web = &http.Client{Timeout: 10 * time.Second}

var tagCmd = &cobra.Command{
	Use: "tag",
	RunE: func(cmd *cobra.Command, args []string) error {
		return tag(args[0])
	},
}

func tag(name string) error {
	resp, err := web.Post("https://api.example.com/tags", "application/json", bytes.NewBufferString(name))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("tag failed: %d", resp.StatusCode)
	}
	return nil
}
`;

const script = (body: string) => `import argparse
import time
import requests


def submit(path):
    resp = requests.post("https://api.example.com/jobs", data=open(path, "rb"), timeout=30)
    if resp.status_code != 200:
        raise RuntimeError(f"submit failed: {resp.status_code}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    args = parser.parse_args()
${body}


if __name__ == "__main__":
    main()
`;

const noRetry = async (language: 'typescript' | 'go' | 'python', text: string) =>
  (await diagnosticsOf(language, text)).filter((d) => d.rule === 'no-retry-on-request').length;

describe('requests a CLI makes for a typed command', () => {
  it("commander: a write called from a command's action", async () => assert.equal(await noRetry('typescript', commander), 0));
  it('cobra: a write called from RunE', async () => assert.equal(await noRetry('go', cobra), 0));
  it("a script's argument-parsing main calling the request once", async () => assert.equal(await noRetry('python', script('    submit(args.path)')), 0));
  it('the same write in a module that parses no arguments is still reported', async () => {
    const module = script('    submit(args.path)').replace('import argparse\n', '').replace(/    parser = [\s\S]*?parse_args\(\)\n/, '    args = load_settings()\n');
    assert.equal(await noRetry('python', module), 1);
  });
});
