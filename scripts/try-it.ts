// "Try it": builds the VSIX, starts VS Code (code-server) on 127.0.0.1 with the examples/ workspace and
// the extension installed, prints the URL, and stops everything it started on Ctrl-C.
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServer, missingPrerequisite, REPO_ROOT } from '../test/e2e/support/codeServer';

async function main(): Promise<void> {
  const missing = missingPrerequisite();
  if (missing && !missing.startsWith('chromium')) {
    console.error(`try-it: ${missing}`);
    process.exit(1);
  }
  console.log('try-it: building the VSIX (npm run package)…');
  execSync('npm run package', { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const vsix = path.join(REPO_ROOT, 'error-code-insight.vsix');
  const workspace = path.join(REPO_ROOT, '.cache', 'try-it-workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const server = await CodeServer.start({ vsix, log: (line) => console.log(`try-it: ${line}`), runDir: path.join(REPO_ROOT, '.cache', 'try-it-run') });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\ntry-it: stopping code-server and everything it started…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(`\nError Code Insight is running in VS Code at:\n\n  ${server.folderUrl(workspace)}\n`);
  console.log('Open the URL in a browser on this machine (a copy of examples/ is opened). Press Ctrl-C to stop.');
  if (process.env.ECI_TRY_IT_EXIT_AFTER_START === '1') await stop();
  await new Promise(() => undefined);
}

main().catch((error) => {
  console.error(`try-it: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
