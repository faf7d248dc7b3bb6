/**
 * Import merging and helper placement: imports join the existing block without duplicates in every
 * language's own form, and a helper never redefines a name the file already defines.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mergeImports } from '../../server/src/service/fixes/imports';
import { applyEdits } from '../../server/src/service/fixes/text';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';

async function merged(languageId: LanguageId, text: string, wanted: string[]): Promise<string> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return applyEdits(text, mergeImports(service.documents.get(uri)!, wanted).edits);
  } finally {
    service.close(uri);
  }
}

describe('fixes: import merging', () => {
  withReadsReported();
  it('python: after a docstring and __future__, no duplicates, nothing when all are present', async () => {
    const text = '"""Doc."""\nfrom __future__ import annotations\nimport time\n\nx = 1\n';
    assert.strictEqual(await merged('python', text, ['import time', 'import random']), '"""Doc."""\nfrom __future__ import annotations\nimport time\nimport random\n\nx = 1\n');
    assert.strictEqual(await merged('python', text, ['import time']), text);
  });

  it('python: a file without imports gets them at the top', async () => {
    assert.strictEqual(await merged('python', 'x = 1\n', ['import uuid']), 'import uuid\n\nx = 1\n');
  });

  it('go: single imports fold into one sorted group, aliases kept', async () => {
    const text = 'package main\n\nimport "net/http"\nimport f "fmt"\n\nfunc main() {}\n';
    const out = await merged('go', text, ['import "time"', 'import "net/http"', 'import crand "crypto/rand"']);
    assert.strictEqual(out, 'package main\n\nimport (\n\tcrand "crypto/rand"\n\tf "fmt"\n\t"net/http"\n\t"time"\n)\n\nfunc main() {}\n');
  });

  it('go: a file without imports gets a group after the package clause', async () => {
    assert.strictEqual(await merged('go', 'package main\n\nfunc main() {}\n', ['import "time"']), 'package main\n\nimport (\n\t"time"\n)\n\nfunc main() {}\n');
  });

  it('typescript: named type imports merge into the existing import of the module', async () => {
    const text = "import axios from 'axios';\nimport { z } from 'zod';\n\nexport const x = 1;\n";
    const out = await merged('typescript', text, ["import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';"]);
    assert.strictEqual(out, "import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';\nimport { z } from 'zod';\n\nexport const x = 1;\n");
  });

  it('javascript: a CommonJS require of the module counts as imported', async () => {
    const text = "const axios = require('axios');\n\nmodule.exports = {};\n";
    assert.strictEqual(await merged('javascript', text, ["import axios from 'axios';"]), text);
  });

  it('java: a wildcard import covers its package; others go after the last import', async () => {
    const text = 'package a;\n\nimport java.util.*;\n\nclass A {}\n';
    assert.strictEqual(await merged('java', text, ['import java.util.Set;', 'import java.time.Duration;']), 'package a;\n\nimport java.util.*;\nimport java.time.Duration;\n\nclass A {}\n');
  });

  it('csharp: usings deduplicated', async () => {
    const text = 'using System;\n\nclass A {}\n';
    assert.strictEqual(await merged('csharp', text, ['using System;', 'using System.Net.Http;']), 'using System;\nusing System.Net.Http;\n\nclass A {}\n');
  });
});

describe('fixes: the helper never redefines a name the file defines', () => {
  withReadsReported();
  it('javascript module with its own `sleep`: fixed module passes `node --check`', async function () {
    this.timeout(20_000);
    const text = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n\nexport async function load(url) {\n  const res = await fetch(url);\n  if (!res.ok) throw new Error(`HTTP ${res.status}`);\n  await sleep(1);\n  return res;\n}\n";
    const service = testService();
    const uri = await openDoc('javascript', text, service);
    const findings = service.diagnostics(uri);
    const fix = service.codeActions(uri, findings[0].range, findings).find((a) => a.isPreferred);
    service.close(uri);
    assert.ok(fix, `findings: ${findings.map((f) => f.rule).join(', ')}`);
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(fixed.match(/^const sleep = /gm)?.length, 1);
    assert.match(fixed, /^async function fetchWithRetry\(/m);
    assert.ok(!/function sleep\(/.test(fixed), 'the helper\'s sleep was dropped in favour of the file\'s');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fix-check-')), 'm.mjs');
    fs.writeFileSync(file, fixed);
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 15_000 });
    assert.strictEqual(check.status, 0, check.stderr + '\n' + fixed);
  });
});
