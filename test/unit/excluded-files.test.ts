/** `errorCodeInsight.exclude`: open documents under an excluded glob get no diagnostics; `eci check --config` skips them. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ExcludedFiles } from '../../server/src/features/excludedFiles';
import { relativePath } from '../../server/src/service/conveniences/pathFilters';
import { runCli } from '../../server/src/cli/main';
import { normalizeSettings } from '../../server/src/service/settings';

const FLAWED = 'import requests\n\ndef f(url):\n    r = requests.get(url, timeout=5)\n    if r.status_code == 429:\n        raise RuntimeError("limited")\n    return r\n';

describe('exclude setting', () => {
  it('matches globs against the path relative to its workspace folder', () => {
    const excluded = new ExcludedFiles();
    excluded.setRoots([pathToFileURL('/work/app').toString()]);
    const settings = normalizeSettings({ exclude: ['generated/**', '**/*_pb2.py'] });
    assert.strictEqual(excluded.excludes(pathToFileURL('/work/app/generated/client.py').toString(), settings), true);
    assert.strictEqual(excluded.excludes(pathToFileURL('/work/app/src/api_pb2.py').toString(), settings), true);
    assert.strictEqual(excluded.excludes(pathToFileURL('/work/app/src/client.py').toString(), settings), false);
    assert.strictEqual(excluded.excludes(pathToFileURL('/work/app/generated/client.py').toString(), normalizeSettings({})), false);
    assert.strictEqual(relativePath('/elsewhere/x.py', ['/work/app']), 'elsewhere/x.py');
  });

  it('eci check --config with exclude skips matching files and keeps the rest', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-exclude-'));
    fs.mkdirSync(path.join(dir, 'generated'));
    fs.writeFileSync(path.join(dir, 'generated', 'client.py'), FLAWED);
    fs.writeFileSync(path.join(dir, 'client.py'), FLAWED);
    const config = path.join(dir, 'eci.json');
    fs.writeFileSync(config, JSON.stringify({ exclude: ['generated/**'] }));
    const cwd = process.cwd();
    let out = '';
    try {
      process.chdir(dir);
      const code = await runCli(['check', '--format', 'json', '--jobs', '1', '--config', config, '.'], (t) => (out += t), () => undefined);
      assert.strictEqual(code, 0);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const files = (JSON.parse(out) as { files: Array<{ path: string; diagnostics: unknown[] }> }).files;
    assert.deepStrictEqual(files.map((f) => f.path), ['client.py']);
    assert.ok(files[0].diagnostics.length > 0, 'the file that is not excluded is still analysed');
  });
});
