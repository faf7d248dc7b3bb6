/**
 * Drives the VS Code workbench (1.100, in code-server) through playwright-core.
 *
 * Every wait polls and is bounded; nothing sleeps for a fixed time. Selectors follow
 * /work/shared/reference/vscode-in-browser.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';
import { delay } from './proc';

export type SquiggleKind = 'error' | 'warning' | 'info' | 'hint';

export interface QuickFixResult {
  /** Labels of every row in the quick-fix menu, in order. */
  rows: string[];
  /** The row that was applied (undefined when the menu was dismissed). */
  applied?: string;
}

export class TimeoutError extends Error {}

/** Poll `probe` until it returns a non-undefined value or `timeoutMs` passes. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      const suffix = lastErr ? ` (last error: ${lastErr instanceof Error ? lastErr.message.split('\n')[0] : String(lastErr)})` : '';
      throw new TimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await delay(intervalMs);
  }
}

const nbsp = /\u00a0/g;

/** Browser-side: the active editor's rendered lines, sorted by their top offset, joined. */
const EDITOR_TEXT_JS = String.raw`function () {
  var lines = Array.prototype.slice.call(document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line'));
  return lines
    .map(function (l) { return { top: parseFloat(l.style.top || '0'), text: (l.textContent || '').replace(/\u00a0/g, ' ') }; })
    .sort(function (a, b) { return a.top - b.top; })
    .map(function (l) { return l.text; })
    .join('\n');
}`;

/**
 * Browser-side: centre of the `occurrence`-th whole-word match of `needle` in the active editor, or null. The
 * line's text nodes are concatenated, so the needle may span token spans or sit inside a longer span.
 */
const TOKEN_CENTER_JS = String.raw`function (needle, occurrence) {
  var root = document.querySelector('.editor-instance .monaco-editor .view-lines');
  if (!root) return null;
  var lines = Array.prototype.slice.call(root.querySelectorAll('.view-line')).sort(function (a, b) {
    return parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0');
  });
  function isWord(c) { return !!c && /[A-Za-z0-9_]/.test(c); }
  var seen = 0;
  for (var li = 0; li < lines.length; li++) {
    var walker = document.createTreeWalker(lines[li], NodeFilter.SHOW_TEXT);
    var nodes = [];
    var full = '';
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: full.length });
      full += n.data.replace(/\u00a0/g, ' ');
    }
    var from = 0;
    for (;;) {
      var idx = full.indexOf(needle, from);
      if (idx < 0) break;
      from = idx + 1;
      if (isWord(needle[0]) && isWord(full[idx - 1])) continue;
      if (isWord(needle[needle.length - 1]) && isWord(full[idx + needle.length])) continue;
      if (seen++ < occurrence) continue;
      var locate = function (offset) {
        for (var i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i].start <= offset) return { node: nodes[i].node, off: offset - nodes[i].start };
        }
        return { node: nodes[0].node, off: 0 };
      };
      var a = locate(idx);
      var b = locate(idx + needle.length - 1);
      var range = document.createRange();
      range.setStart(a.node, a.off);
      range.setEnd(b.node, b.off + 1);
      var r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
  }
  return null;
}`;

export class Workbench {
  private step = 0;
  readonly outputDir: string;

  constructor(
    readonly page: Page,
    /** Absolute path of the workspace folder opened in the window. */
    readonly workspaceDir: string,
    /** Scenario name; screenshots go to test-output/e2e/<scenario>/. */
    readonly scenario: string,
  ) {
    this.outputDir = path.join(REPO_ROOT, 'test-output', 'e2e', scenario);
    fs.mkdirSync(this.outputDir, { recursive: true });
  }

  // ------------------------------------------------------------------ basics

  async screenshot(stepName: string): Promise<string> {
    this.step += 1;
    const safe = stepName.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    const file = path.join(this.outputDir, `${String(this.step).padStart(2, '0')}-${safe}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000, animations: 'disabled' }).catch(() => undefined);
    return file;
  }

  /** Wait for the editor part and the explorer's first rows. */
  async waitForWorkbench(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
    await this.dismissNotifications();
  }

  /** Close toasts that may cover the editor (extension install notices etc.). */
  async dismissNotifications(): Promise<void> {
    const toasts = this.page.locator('.notification-toast-container .notification-toast');
    const n = await toasts.count().catch(() => 0);
    for (let i = 0; i < n; i++) {
      const close = toasts.nth(0).locator('.codicon-notifications-clear, .codicon-close').first();
      if (await close.isVisible().catch(() => false)) await close.click({ timeout: 2000 }).catch(() => undefined);
    }
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  async typeText(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 5 });
  }

  // ------------------------------------------------------------------ files

  /** Open `relPath` (e.g. "python/billing_client.py") by clicking through the explorer. */
  async openFile(relPath: string, timeoutMs = 20_000): Promise<void> {
    const parts = relPath.split('/').filter(Boolean);
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; i < parts.length; i++) {
      const row = this.explorerRow(parts[i]);
      await row.waitFor({ state: 'visible', timeout: Math.max(1000, deadline - Date.now()) });
      if (i === parts.length - 1) {
        await row.click();
        break;
      }
      // Expand the folder until its child shows. A click right after another UI action is sometimes lost or
      // toggles twice, so re-check and click again (bounded) instead of trusting one click.
      const child = this.explorerRow(parts[i + 1]);
      for (;;) {
        if (await child.isVisible().catch(() => false)) break;
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
        const ok = await child
          .waitFor({ state: 'visible', timeout: 3000 })
          .then(() => true)
          .catch(() => false);
        if (ok) break;
        if (Date.now() > deadline) throw new TimeoutError(`explorer: ${parts.slice(0, i + 2).join('/')} did not appear within ${timeoutMs} ms`);
      }
    }
    const base = parts[parts.length - 1];
    await this.page
      .locator(`.tabs-container .tab.active[aria-label^="${cssString(base)}"]`)
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
    // Put the keyboard focus into the text editor.
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  }

  private explorerRow(name: string) {
    // aria-label is the file/folder name (possibly followed by decorations); prefer an exact match.
    return this.page
      .locator(`.explorer-folders-view .monaco-list-row[aria-label="${cssString(name)}"], .explorer-folders-view .monaco-list-row[aria-label^="${cssString(name)} "], .explorer-folders-view .monaco-list-row[aria-label^="${cssString(name)},"]`)
      .first();
  }

  /** Save the active editor and wait for the dirty marker to go. */
  async save(timeoutMs = 10_000): Promise<void> {
    await this.press('Control+S');
    await poll(
      'the active tab to be saved',
      async () => ((await this.page.locator('.tabs-container .tab.active.dirty').count()) === 0 ? true : undefined),
      timeoutMs,
    );
  }

  readFile(relPath: string): string {
    return fs.readFileSync(path.join(this.workspaceDir, relPath), 'utf8');
  }

  writeFile(relPath: string, content: string): void {
    fs.writeFileSync(path.join(this.workspaceDir, relPath), content);
  }

  /** Wait until the file on disk satisfies `pred`; returns its content. */
  async waitForFileOnDisk(relPath: string, pred: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    return poll(`${relPath} on disk to change`, async () => {
      const t = this.readFile(relPath);
      return pred(t) ? t : undefined;
    }, timeoutMs);
  }

  /** The visible text of the active editor (virtualised rows sorted by their top offset). */
  async editorText(): Promise<string> {
    return (await this.page.evaluate(`(${EDITOR_TEXT_JS})()`)) as string;
  }

  // ------------------------------------------------------------------ cursor / tokens

  /**
   * Screen coordinates of the centre of `text` in the active editor's rendered lines. Works for tokens that share
   * a span with other text (e.g. a status line in a file with no grammar). `occurrence` picks the n-th match.
   */
  async tokenCenter(text: string, occurrence = 0): Promise<{ x: number; y: number } | undefined> {
    // Passed as source text: tsx/esbuild would otherwise wrap inner functions in a `__name` helper that does not
    // exist in the page.
    const result = await this.page.evaluate(`(${TOKEN_CENTER_JS})(${JSON.stringify(text)}, ${occurrence})`);
    return (result ?? undefined) as { x: number; y: number } | undefined;
  }

  async waitForToken(text: string, timeoutMs = 15_000, occurrence = 0): Promise<{ x: number; y: number }> {
    return poll(`token "${text}" in the editor`, () => this.tokenCenter(text, occurrence), timeoutMs);
  }

  /** Put the text cursor on `text` (clicks its centre). */
  async clickToken(text: string, occurrence = 0): Promise<void> {
    const p = await this.waitForToken(text, 15_000, occurrence);
    await this.page.mouse.click(p.x, p.y);
  }

  /** Jump to a 1-based line (and column) with Control+G. */
  async gotoLine(line: number, column?: number): Promise<void> {
    await this.press('Control+G');
    const input = this.page.locator('.quick-input-widget:visible input').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}${column ? `:${column}` : ''}`);
    await this.press('Enter');
    await this.page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  // ------------------------------------------------------------------ hover

  private async visibleHoverText(): Promise<string | undefined> {
    const hovers = this.page.locator('.monaco-hover:visible');
    const n = await hovers.count();
    if (n === 0) return undefined;
    const texts: string[] = [];
    for (let i = 0; i < n; i++) texts.push(((await hovers.nth(i).innerText().catch(() => '')) ?? '').replace(nbsp, ' '));
    const t = texts.join('\n').trim();
    return t.length > 0 && !/^Loading\.\.\.$/.test(t) ? t : undefined;
  }

  private async moveMouseAway(): Promise<void> {
    await this.page.mouse.move(2, 2);
    await this.press('Escape');
  }

  /**
   * Hover the mouse over `text` and return the hover's text. Retries (mouse away and back, then the keyboard
   * "Show Hover" chord) until the hover contains `expect` (if given) or `timeoutMs` passes. The language server may
   * still be starting when the file opens, so the first hovers can come back empty.
   */
  async hoverToken(text: string, opts: { expect?: string | RegExp; timeoutMs?: number; occurrence?: number } = {}): Promise<string> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const ok = (t: string) =>
      opts.expect === undefined ? true : typeof opts.expect === 'string' ? t.includes(opts.expect) : opts.expect.test(t);
    let last = '';
    let attempt = 0;
    while (Date.now() < deadline) {
      attempt += 1;
      const p = await this.waitForToken(text, Math.max(1000, deadline - Date.now()), opts.occurrence ?? 0);
      if (attempt % 3 === 0) {
        // Keyboard path: cursor on the token, Control+K Control+I (editor.action.showHover).
        await this.page.mouse.click(p.x, p.y);
        await this.page.mouse.move(2, 2);
        await this.press('Control+K');
        await this.press('Control+I');
      } else {
        await this.page.mouse.move(p.x - 3, p.y);
        await this.page.mouse.move(p.x, p.y, { steps: 3 });
      }
      const per = Math.min(4000, Math.max(500, deadline - Date.now()));
      const t = await poll('hover', async () => {
        const h = await this.visibleHoverText();
        return h !== undefined && ok(h) ? h : undefined;
      }, per).catch(() => undefined);
      if (t !== undefined) return t;
      last = (await this.visibleHoverText()) ?? last;
      await this.moveMouseAway();
    }
    throw new TimeoutError(
      `hover over "${text}" did not show ${opts.expect ? `"${String(opts.expect)}"` : 'anything'} within ${timeoutMs} ms; last hover text: ${JSON.stringify(last)}`,
    );
  }

  // ------------------------------------------------------------------ diagnostics

  async waitForSquiggle(kind: SquiggleKind, timeoutMs = 20_000): Promise<number> {
    const sel = kind === 'hint' ? '.squiggly-hint, .squiggly-inline-hint' : `.squiggly-${kind}`;
    return poll(`a ${kind} squiggle`, async () => {
      const n = await this.page.locator(`.editor-instance .monaco-editor ${sel}`).count();
      return n > 0 ? n : undefined;
    }, timeoutMs);
  }

  async squiggleCount(kind: SquiggleKind): Promise<number> {
    return this.page.locator(`.editor-instance .monaco-editor .squiggly-${kind}`).count();
  }

  /** Open the Problems panel and return its rows' text (waits for at least `minRows` rows). */
  async problemsPanelText(minRows = 1, timeoutMs = 15_000): Promise<string> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.press('Control+Shift+M');
    }
    await panel.first().waitFor({ state: 'visible', timeout: timeoutMs });
    return poll(`${minRows} row(s) in the Problems panel`, async () => {
      const rows = this.page.locator('.markers-panel .monaco-list-row');
      const n = await rows.count();
      if (n < minRows) return undefined;
      const texts: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = rows.nth(i);
        texts.push(((await r.getAttribute('aria-label')) ?? (await r.innerText())).replace(nbsp, ' '));
      }
      return texts.join('\n');
    }, timeoutMs);
  }

  // ------------------------------------------------------------------ quick fix

  /**
   * Open the quick-fix menu at the cursor (Control+.), read its rows, and apply either the row containing `pick`
   * (navigated to with the arrow keys) or the focused/preferred row. Clicking rows is intercepted by the
   * context-view pointer block, so only the keyboard is used. `apply: false` only reads and dismisses.
   */
  async quickFix(opts: { pick?: string | RegExp; apply?: boolean; timeoutMs?: number; screenshot?: string } = {}): Promise<QuickFixResult> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const widget = this.page.locator('.action-widget:visible');
    const rowsSel = '.action-widget:visible .monaco-list-row';
    const rows = await poll('quick-fix menu rows', async () => {
      if ((await widget.count()) === 0) {
        await this.press('Control+.');
        await widget.first().waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      }
      const loc = this.page.locator(rowsSel);
      const n = await loc.count();
      const labels: string[] = [];
      for (let i = 0; i < n; i++) {
        const row = loc.nth(i);
        const cls = (await row.getAttribute('class')) ?? '';
        if (/\bgroup-header\b|\bseparator\b/.test(cls)) continue;
        labels.push(((await row.getAttribute('aria-label')) ?? (await row.innerText())).replace(nbsp, ' ').trim());
      }
      const real = labels.filter((l) => l.length > 0 && !/^No code actions available/i.test(l));
      return real.length > 0 ? real : undefined;
    }, timeoutMs, 200);
    if (opts.screenshot) await this.screenshot(opts.screenshot); // the menu open, for docs/images

    if (opts.apply === false) {
      await this.press('Escape');
      return { rows };
    }
    let applied: string | undefined;
    if (opts.pick !== undefined) {
      const matches = (l: string) => (typeof opts.pick === 'string' ? l.includes(opts.pick) : opts.pick!.test(l));
      const target = rows.find(matches);
      if (!target) {
        await this.press('Escape');
        throw new Error(`no quick fix matching ${String(opts.pick)}; rows: ${JSON.stringify(rows)}`);
      }
      // Walk with the arrow keys until the focused row is the target (bounded by the row count).
      for (let i = 0; i <= rows.length * 2; i++) {
        const focused = await this.focusedActionRow();
        if (focused !== undefined && matches(focused)) break;
        await this.press('ArrowDown');
      }
      applied = target;
    } else {
      applied = (await this.focusedActionRow()) ?? rows[0];
    }
    await this.press('Enter');
    await widget.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    return { rows, applied };
  }

  private async focusedActionRow(): Promise<string | undefined> {
    const f = this.page.locator('.action-widget:visible .monaco-list-row.focused').first();
    if ((await f.count()) === 0) return undefined;
    return (((await f.getAttribute('aria-label')) ?? (await f.innerText())) || '').replace(nbsp, ' ').trim();
  }

  // ------------------------------------------------------------------ command palette

  private async openPalette(query: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget:visible input').first();
    if (!(await input.isVisible().catch(() => false))) await this.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${query}`);
  }

  /** Labels of the command palette entries matching `query` (palette left closed). */
  async listCommands(query: string, opts: { min?: number; timeoutMs?: number; keepOpen?: boolean } = {}): Promise<string[]> {
    await this.openPalette(query);
    const labels = await poll('command palette entries', async () => {
      const rows = this.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row');
      const n = await rows.count();
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = rows.nth(i);
        const label = (await r.locator('.label-name').first().innerText().catch(() => '')) || (await r.getAttribute('aria-label')) || '';
        out.push(label.replace(nbsp, ' ').trim());
      }
      return out.length >= (opts.min ?? 1) ? out : undefined;
    }, opts.timeoutMs ?? 15_000, 200);
    if (!opts.keepOpen) await this.press('Escape');
    return labels;
  }

  /** Run a command by its palette title (F1, type, wait for the exact entry, Enter). */
  async runCommand(title: string, timeoutMs = 15_000): Promise<void> {
    await this.openPalette(title);
    await poll(`command "${title}" in the palette`, async () => {
      const row = this.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row.focused').first();
      if ((await row.count()) === 0) return undefined;
      const label = ((await row.getAttribute('aria-label')) ?? '').replace(nbsp, ' ');
      return label.includes(title) ? true : undefined;
    }, timeoutMs, 150);
    await this.press('Enter');
    await this.page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /** Close every editor (used between scenarios). */
  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors').catch(() => undefined);
  }
}

function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
