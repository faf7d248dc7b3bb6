/**
 * Makes the README's pictures from the real-VS-Code end-to-end tier, so they show the extension as it
 * is now: runs the three scenarios below in code-server (test/e2e, set up by scripts/setup-e2e.sh),
 * then copies the screenshot of one step of each into docs/images/.
 *
 *   npm run images        # = npx tsx scripts/readme-images.ts
 *
 * Exits non-zero, saying which picture is missing, when the tier cannot run or a step was not reached:
 * an old picture is never left looking current without that being said.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const IMAGES = path.join(ROOT, 'docs', 'images');

/** docs/images/<file> ← the screenshot named <step> in scenario <scenario>. */
const PICTURES = [
  { file: 'hover.png', scenario: '01-python-hover', step: 'hover-429', shows: 'hover on a status code' },
  { file: 'quick-fix.png', scenario: '05-diagnostic-quick-fix', step: 'quick-fix-menu', shows: 'warning squiggle with its quick fixes' },
  { file: 'error-codes-view.png', scenario: 'error-codes-view', step: 'group-expanded', shows: 'the Error Codes view after a workspace scan' },
];

const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'e2e', 'run-e2e.ts'), ...new Set(PICTURES.map((p) => p.scenario))], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ECI_E2E_OPTIONAL: '' },
});
if (run.status !== 0) console.error(`readme-images: the e2e run exited ${run.status}; copying the pictures it did produce`);

fs.mkdirSync(IMAGES, { recursive: true });
let missing = 0;
for (const picture of PICTURES) {
  const dir = path.join(SHOTS, picture.scenario);
  const shot = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith(`-${picture.step}.png`)) : undefined;
  if (!shot) {
    console.error(`readme-images: NOT PRODUCED docs/images/${picture.file} (${picture.shows}): no ${picture.step} screenshot in ${path.relative(ROOT, dir)}`);
    missing++;
    continue;
  }
  fs.copyFileSync(path.join(dir, shot), path.join(IMAGES, picture.file));
  console.log(`readme-images: docs/images/${picture.file} ← ${path.relative(ROOT, path.join(dir, shot))}`);
}
process.exit(missing > 0 || run.status !== 0 ? 1 : 0);
