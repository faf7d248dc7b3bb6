import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the Marketplace and Open VSX show, and the "Get started" walkthrough, checked against the files they name. */
const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The categories the Marketplace accepts (vsce rejects others). */
const CATEGORIES = new Set([
  'Azure', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters',
  'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'AI', 'Chat',
]);

function clientSources(): string {
  const dir = path.join(ROOT, 'client', 'src');
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

describe('Marketplace manifest', () => {
  it('has a 128×128 PNG icon, a gallery banner, known categories and at most 30 keywords', () => {
    const icon = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128);
    assert.equal(icon.readUInt32BE(20), 128);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    for (const c of manifest.categories) assert.ok(CATEGORIES.has(c), `category ${c}`);
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    assert.match(manifest.repository.url, /^https:\/\//);
  });

  it('has a walkthrough whose pages exist and whose command links are contributed and registered', () => {
    const walkthroughs = manifest.contributes.walkthroughs as Array<{ steps: Array<{ id: string; description: string; media: { markdown?: string; image?: string } }> }>;
    assert.equal(walkthroughs.length, 1);
    const contributed = new Set((manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const sources = clientSources();
    for (const step of walkthroughs[0].steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && fs.existsSync(path.join(ROOT, media)), `${step.id}: media ${media}`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(contributed.has(command), `${step.id}: ${command} is contributed`);
        assert.ok(sources.includes(`registerCommand('${command}'`), `${step.id}: ${command} is registered`);
      }
    }
  });

  it('packs the icon, the walkthrough pages and the examples into the VSIX', function () {
    this.timeout(180_000); // vsce walks the whole tree (restored benchmark files included) before applying .vscodeignore
    const listed = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    assert.ok(listed.includes(manifest.icon), 'icon');
    for (const step of manifest.contributes.walkthroughs[0].steps) assert.ok(listed.includes(step.media.markdown), step.media.markdown);
    assert.ok(listed.includes('examples/python/billing_client.py'), 'examples');
  });

  it('shows the README pictures, which exist', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(pictures.sort(), ['docs/images/error-codes-view.png', 'docs/images/hover.png', 'docs/images/quick-fix.png']);
    for (const p of pictures) assert.ok(fs.existsSync(path.join(ROOT, p)), p);
  });
});
