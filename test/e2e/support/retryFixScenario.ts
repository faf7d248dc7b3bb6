/**
 * The scenario each language's e2e check shares: open a file, hover the 503, see the warning squiggle, apply the
 * "Retry with backoff" quick fix, save, read the saved file back from disk (the helper inserted, the request
 * rewritten, whatever else the language's fix must write), and see the warning clear.
 */
import { assert, expectContains, type Scenario } from './scenario';
import { poll } from './workbench';

export interface RetryFixScenario {
  name: string;
  title: string;
  /** Path in test/e2e/workspace. */
  file: string;
  /** Texts the saved file must contain, with what each proves. */
  saved: Array<[text: string, what: string]>;
  /** The original request, which must be gone from the saved file. */
  gone?: RegExp;
}

export function retryFixScenario(spec: RetryFixScenario): Scenario {
  return {
    name: spec.name,
    title: spec.title,
    async run({ wb, resetWorkspace, log }) {
      resetWorkspace(spec.file);
      const before = wb.readFile(spec.file);
      await wb.openFile(spec.file);
      await wb.screenshot('file-open');
      const hover = await wb.hoverToken('503', { expect: 'Service Unavailable' });
      await wb.screenshot('hover-503');
      expectContains(hover, '503', 'hover text');
      expectContains(hover, 'Service Unavailable', 'hover text');

      const n = await wb.waitForSquiggle('warning');
      log(`${n} warning squiggle(s)`);
      await wb.clickToken('503');
      const fix = await wb.quickFix({ pick: /Retry with backoff/, screenshot: 'quick-fix-menu' });
      await wb.screenshot('quick-fix-applied');
      log(`quick fixes: ${fix.rows.join(' | ')}; applied: ${fix.applied}`);
      await wb.save();
      const after = await wb.waitForFileOnDisk(spec.file, (t) => t !== before);
      for (const [text, what] of spec.saved) expectContains(after, text, `the saved file (${what})`);
      if (spec.gone) assert(!spec.gone.test(after), 'the original call is still there');
      await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
      await wb.screenshot('warning-cleared');
      resetWorkspace(spec.file);
    },
  };
}
