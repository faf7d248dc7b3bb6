import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Command } from 'vscode-languageserver-protocol/node';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { LspClient } from '../protocol/lspClient';

/**
 * Trust and safety: workspace text is data. The analysis never evaluates it, catalogs full of script-like
 * strings stay inert, and quick fixes only ever edit the document they were asked for.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.ts$/.test(e.name) ? [full] : [];
  });
}

/** Code without comments and string contents, so a rule doc saying "eval(" does not count. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, (s) => (/^'(node:)?[\w./@-]+'$/.test(s) ? s : "''"))
    .replace(/"(?:\\.|[^"\\\n])*"/g, (s) => (/^"(node:)?[\w./@-]+"$/.test(s) ? s : '""'));
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\b/, 'new Function'],
  [/\bFunction\s*\(\s*['"`]/, 'Function("...")'],
  [/\brequire\s*\(\s*(?!['"][^'"]+['"]\s*\))/, 'require( of a non-literal path'],
  // (not after `/^` or `.`: a regex literal such as /^import (\w+)/ or a method named import)
  [/(?<![/^.])\bimport\s*\(\s*(?!['"][^'"]+['"]\s*\))/, 'import( of a non-literal path'],
  [/child_process/, 'child_process'],
  [/\bvm\.\w/, 'vm.'],
  [/['"](node:)?vm['"]/, "the 'vm' module"],
  [/\bworker_threads\b/, 'worker_threads'],
  [/\bprocess\.binding\b/, 'process.binding'],
];

describe('trust and safety', function () {
  this.timeout(60_000);

  describe('the analysis never evaluates workspace text', () => {
    const files = [...sources(path.join(ROOT, 'server', 'src', 'service')), ...sources(path.join(ROOT, 'server', 'src', 'features')), path.join(ROOT, 'server', 'src', 'server.ts')];

    it('scans a real set of sources', () => {
      assert.ok(files.length > 30, `only ${files.length} files found`);
    });

    for (const [pattern, what] of FORBIDDEN) {
      it(`no ${what} in server/src/service, server/src/features or server.ts`, () => {
        const hits = files.flatMap((f) =>
          codeOnly(fs.readFileSync(f, 'utf8'))
            .split('\n')
            .map((line, i) => (pattern.test(line) ? `${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}` : undefined))
            .filter((x): x is string => x !== undefined),
        );
        assert.deepEqual(hits, []);
      });
    }

    it('the detector itself finds what it looks for', () => {
      const sample = codeOnly("const a = eval(x); // eval(y)\nrequire(name); require('fs');\nconst s = 'eval(z)';\nimport('./m'); import(p); vm.runInThisContext(c);");
      const found = FORBIDDEN.filter(([p]) => p.test(sample)).map(([, w]) => w);
      assert.deepEqual(found, ['eval(', 'require( of a non-literal path', 'import( of a non-literal path', 'vm.']);
    });
  });

  describe('a catalog of script-like strings is inert (through service.setWorkspaceCatalogs)', () => {
    const marker = path.join(require('node:os').tmpdir(), `eci-pwned-${process.pid}`);
    const hostile = {
      catalog: { id: 'hostile-trust', name: '${process.exit(1)}', description: "`${require('child_process').execSync('touch " + marker + "')}`" },
      codes: [
        {
          code: 'TRUST_EVIL',
          kind: 'error-code',
          name: `require('child_process').execSync('touch ${marker}')`,
          summary: "{{constructor.constructor('return process')().exit(3)}} [run](command:workbench.action.terminal.new)",
          advice: '<script>alert(1)</script><img src=x onerror=alert(1)>',
          retry: { verdict: 'no' },
          sources: [{ title: "eval('1+1')", url: 'https://example.com/?q=<script>alert(1)</script>' }],
        },
        {
          code: 'TRUST_LINKS',
          kind: 'error-code',
          name: 'links',
          summary: 'x',
          retry: { verdict: 'no' },
          sources: [{ title: 'js', url: 'javascript:alert(1)' }, { title: 'cmd', url: 'command:workbench.action.terminal.new' }, { title: 'file', url: 'file:///etc/passwd' }],
        },
        { code: '__proto__', kind: 'error-code', name: 'proto', summary: 'x', retry: { verdict: 'no' } },
        { code: 'constructor', kind: 'error-code', name: 'ctor', summary: 'x', retry: { verdict: 'no' }, polluted: true },
      ],
      __proto__: { polluted: 'yes' },
    };

    it('loads as data: nothing runs, nothing is polluted, non-http links are dropped, the text shows as text', async function () {
      const service = new ErrorCodeLanguageService();
      if (typeof service.setWorkspaceCatalogs !== 'function') {
        console.log('!!! trust: service.setWorkspaceCatalogs NOT AVAILABLE - catalog check not run');
        this.skip();
      }
      const text = JSON.stringify(hostile).replace('"__proto__":{}', '"__proto__":{"polluted":"yes"}');
      const reports = service.setWorkspaceCatalogs([{ location: '/ws/hostile.errorcodes.json', text }]);
      assert.equal(reports.length, 1);
      assert.ok(reports[0].problems.some((p) => /url/.test(p.message)), 'javascript:/command:/file: URLs were not reported');
      const uri = 'memory://trust/a.py';
      await service.open({ uri, languageId: 'python', version: 1, text: 'if err.code == "TRUST_EVIL":\n    pass\nif err.code == "TRUST_LINKS":\n    pass\n' });
      const hover = service.hover(uri, { line: 0, character: 18 });
      assert.ok(hover, 'the hostile (but schema-valid) entry should load and hover');
      assert.ok(hover.contents.includes(`execSync('touch ${marker}')`), 'the hostile text should show as plain text');
      const links = service.hover(uri, { line: 2, character: 18 });
      for (const h of [hover, links]) {
        if (h) assert.doesNotMatch(h.contents, /\]\((javascript|command|file|data|vscode):/i, 'a non-http link made it into the hover');
      }
      assert.equal(fs.existsSync(marker), false, 'catalog text was executed');
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
      assert.equal(typeof ({} as { constructor: unknown }).constructor, 'function');
      service.setWorkspaceCatalogs([]);
      service.close(uri);
    });

    it('the VS Code client renders hovers untrusted (no command links, no HTML)', () => {
      const client = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
      assert.doesNotMatch(client, /isTrusted\s*:\s*true|supportHtml\s*:\s*true/);
      assert.match(client, /new LanguageClient\(\s*'errorCodeInsight'/, 'client id must be errorCodeInsight so errorCodeInsight.trace.server works');
    });
  });

  describe('quick fixes only edit the requested document (server codeAction handler)', () => {
    it('every offered edit targets the requested URI, with no file operations or foreign commands', async function () {
      const client = await LspClient.start();
      try {
        if (!client.initializeResult?.capabilities.codeActionProvider) {
          console.log('!!! trust: the server offers no codeActionProvider - check NOT RUN');
          this.skip();
        }
        const source = 'import requests\n\ndef f(u):\n    r = requests.get(u, timeout=5)\n    if r.status_code == 429:\n        raise RuntimeError("limited")\n    return r.json()\n';
        const uris = ['file:///trust/a.py', 'file:///trust/b.py'];
        for (const uri of uris) await client.open(uri, 'python', source);
        let actionsSeen = 0;
        for (const uri of uris) {
          const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 15_000);
          const whole = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
          const actions = (await client.codeAction(uri, whole, diagnostics)) ?? [];
          for (const item of actions as Array<CodeAction | Command>) {
            actionsSeen++;
            const action = item as CodeAction;
            const command = 'command' in item && typeof item.command === 'string' ? item.command : action.command?.command;
            if (command) assert.match(command, /^errorCodeInsight\./, `foreign command ${command}`);
            const edit = action.edit;
            if (!edit) continue;
            for (const target of Object.keys(edit.changes ?? {})) assert.equal(target, uri, `"${action.title}" edits ${target}`);
            for (const change of edit.documentChanges ?? []) {
              assert.ok('textDocument' in change, `"${action.title}" carries a file operation: ${JSON.stringify(change)}`);
              assert.equal(change.textDocument.uri, uri, `"${action.title}" edits ${change.textDocument.uri}`);
            }
          }
        }
        assert.ok(actionsSeen > 0, 'no code actions offered at all: nothing was checked');
      } finally {
        await client.shutdown();
      }
    });
  });
});
