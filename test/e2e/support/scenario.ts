/**
 * What a scenario file in test/e2e/scenarios/ exports, and small assertion helpers.
 *
 * A scenario file exports `scenario: Scenario`. The runner loads every *.ts file in that folder, sorted by name,
 * and runs them one after another in the same code-server instance and browser window.
 */
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { Workbench } from './workbench';

export interface ScenarioContext {
  wb: Workbench;
  page: Page;
  codeServer: CodeServer;
  /** Absolute path of the scratch copy of test/e2e/workspace that the window has open. */
  workspaceDir: string;
  /** Restore one file (or, with no argument, every file) of the scratch workspace from the fixture. */
  resetWorkspace(relPath?: string): void;
  log(message: string): void;
}

export interface Scenario {
  /** Short id, also the screenshot folder: test-output/e2e/<name>/. */
  name: string;
  title: string;
  /** Bound for the whole scenario (default 120 s). */
  timeoutMs?: number;
  /** Reload the window before running (default false: the previous window is reused, editors closed). */
  freshWindow?: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}

export class AssertionError extends Error {}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new AssertionError(message);
}

export function expectContains(haystack: string, needle: string | RegExp, what: string): void {
  const ok = typeof needle === 'string' ? haystack.includes(needle) : needle.test(haystack);
  if (!ok) {
    throw new AssertionError(`${what}: expected to contain ${JSON.stringify(String(needle))}, got ${JSON.stringify(haystack)}`);
  }
}
