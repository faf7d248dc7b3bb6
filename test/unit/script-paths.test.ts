/**
 * Which files count as scripts or examples (run by hand: no timeout or retry findings): a scripts/examples/demos
 * folder near the file — but not the package folders under a JVM source root, where `com/example/demo` is the
 * package Spring Initializr generates for real services.
 */
import * as assert from 'node:assert/strict';
import { isScriptPath } from '../../server/src/service/diagnostics/testContext';

describe('script and example paths', () => {
  it('counts a file in an examples, scripts or demo folder', () => {
    assert.equal(isScriptPath('file:///repo/examples/alerts/main.go'), true);
    assert.equal(isScriptPath('file:///repo/scripts/backfill.py'), true);
    assert.equal(isScriptPath('file:///repo/demo/server.ts'), true);
  });

  it('does not count the packages of a JVM source tree', () => {
    assert.equal(isScriptPath('file:///repo/src/main/java/com/example/demo/Schedulers/AirJob.java'), false);
    assert.equal(isScriptPath('file:///repo/app/src/main/kotlin/com/example/demo/Sync.kt'), false);
  });

  it('still counts an examples folder holding the source root', () => {
    assert.equal(isScriptPath('file:///repo/examples/src/main/java/Main.java'), true);
  });
});
