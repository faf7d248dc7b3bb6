import * as assert from 'assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import { normalizeSettings } from '../../server/src/service/settings';

/** A request whose every failure a catch lets go (rules/swallowedFailures.ts). */
/** One service for the file (grammars load once); each case opens its text under a path of its own and closes it. */
const service = new ErrorCodeLanguageService();

async function findings(languageId: LanguageId, path: string, text: string, reads = true): Promise<Array<{ rule: string; line: number }>> {
  // Reads let go are reported with reportReadsWithoutRetry only; writes always.
  service.configure(normalizeSettings({ reportReadsWithoutRetry: reads }));
  const uri = `file:///w/${path}`;
  await service.open({ uri, languageId, version: 1, text });
  try {
    return service.diagnostics(uri).filter((d) => d.rule !== 'request-without-timeout').map((d) => ({ rule: d.rule, line: d.range.start.line + 1 }));
  } finally {
    service.close(uri);
  }
}

const PY_READ = (handler: string) => [
  'import logging',
  'import requests',
  '',
  'log = logging.getLogger(__name__)',
  '',
  'def fetch_members(team_id):',
  '    try:',
  '        resp = requests.get(f"https://chat.example/teams/{team_id}/members", timeout=10)',
  '        resp.raise_for_status()',
  '        return resp.json()["members"]',
  ...handler.split('\n'),
  '',
].join('\n');

const TS_WRITE = (catcher: string) => [
  "import axios from 'axios';",
  '',
  'export async function postAlert(hook: string, text: string) {',
  '  await axios',
  '    .post(hook, { text }, { timeout: 5000 })',
  `    .catch(${catcher});`,
  '}',
  '',
].join('\n');

describe('diagnostics: failures a catch lets go', function () {
  this.timeout(30_000);

  it('reports a read whose every failure becomes an empty list (retryable-treated-as-final on the request, the except related)', async () => {
    const found = await findings('python', 'sync/members.py', PY_READ('    except Exception as exc:\n        log.warning("members of %s: %s", team_id, exc)\n        return []'));
    assert.deepEqual(found, [{ rule: 'retryable-treated-as-final', line: 8 }]);
    const uri = 'file:///w/sync/members_related.py';
    service.configure(normalizeSettings({ reportReadsWithoutRetry: true }));
    await service.open({ uri, languageId: 'python', version: 1, text: PY_READ('    except Exception as exc:\n        return []') });
    const finding = service.diagnostics(uri).find((d) => d.rule === 'retryable-treated-as-final');
    service.close(uri);
    assert.match(finding?.message ?? '', /becomes an empty answer at line 11/);
    assert.deepEqual(finding?.related?.map((r) => [r.range.start.line + 1, r.message]), [[11, 'where the failure is let go']]);
  });

  it('leaves a read let go alone by default (reportReadsWithoutRetry off)', async () => {
    assert.deepEqual(await findings('python', 'sync/members.py', PY_READ('    except Exception:\n        return []'), false), []);
  });

  it('says nothing when the except raises its own error, or lets a narrow clause raise first', async () => {
    assert.deepEqual(await findings('python', 'sync/members.py', PY_READ('    except Exception as exc:\n        raise SyncError(team_id) from exc')), []);
    assert.deepEqual(await findings('python', 'sync/members.py', PY_READ('    except requests.HTTPError:\n        raise\n    except Exception:\n        return []')), []);
  });

  it('leaves a probe answering false, a heartbeat and a script alone', async () => {
    const probe = PY_READ('    except Exception:\n        return False').replace('def fetch_members', 'def team_exists');
    assert.deepEqual(await findings('python', 'sync/members.py', probe), []);
    const beat = PY_READ('    except Exception:\n        return []').replace('def fetch_members', 'def send_heartbeat');
    assert.deepEqual(await findings('python', 'sync/members.py', beat), []);
    assert.deepEqual(await findings('python', 'scripts/members.py', PY_READ('    except Exception:\n        return []')), []);
  });

  it('reports a write whose promise catch only logs (no-retry-on-request: the alert is lost)', async () => {
    assert.deepEqual(await findings('typescript', 'alerts/post.ts', TS_WRITE('(err) => console.error(err)'), false), [{ rule: 'no-retry-on-request', line: 4 }]);
    assert.deepEqual(await findings('typescript', 'alerts/post.ts', TS_WRITE('(err) => {\n      throw new AlertError(err);\n    }')), []);
  });

  it('reads a call of a file helper that only logs as a log line', async () => {
    const text = [
      "import axios from 'axios';",
      'class Library {',
      '  #report(error) {',
      '    if (error.response) {',
      "      console.log('library: ' + error.response.status);",
      '    } else {',
      "      console.log('library', error.message);",
      '    }',
      '  }',
      '  async items(id) {',
      '    try {',
      '      const res = await axios.get(`/items/${id}`, { timeout: 5000 });',
      '      return res.data;',
      '    } catch (error) {',
      '      this.#report(error);',
      '      return [];',
      '    }',
      '  }',
      '}',
      'module.exports = Library;',
      '',
    ].join('\n');
    assert.deepEqual(await findings('javascript', 'sync/library.js', text), [{ rule: 'retryable-treated-as-final', line: 12 }]);
  });

  it('reports Go’s `if err != nil { log; return nil }` after a POST, not `return err`', async () => {
    const go = (body: string) => [
      'package notify',
      '',
      'import (',
      '\t"bytes"',
      '\t"log"',
      '\t"net/http"',
      '\t"time"',
      ')',
      '',
      'var client = &http.Client{Timeout: 5 * time.Second}',
      '',
      'func Deliver(url string, payload []byte) error {',
      '\tresp, err := client.Post(url, "application/json", bytes.NewReader(payload))',
      '\tif err != nil {',
      body,
      '\t}',
      '\tdefer resp.Body.Close()',
      '\treturn nil',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await findings('go', 'notify/deliver.go', go('\t\tlog.Printf("deliver: %v", err)\n\t\treturn nil'), false), [{ rule: 'no-retry-on-request', line: 13 }]);
    assert.deepEqual(await findings('go', 'notify/deliver.go', go('\t\treturn err')), []);
  });

  it('reads Ruby rescue and PHP catch bodies', async () => {
    const ruby = ['require "net/http"', 'class Feed', '  def entries(uri)', '    Net::HTTP.get(URI(uri))', '  rescue StandardError => e', '    Rails.logger.error(e)', '    []', '  end', 'end', ''].join('\n');
    assert.deepEqual(await findings('ruby', 'app/models/feed.rb', ruby), [{ rule: 'retryable-treated-as-final', line: 4 }]);
    const php = (body: string) => ['<?php', 'class Repo {', '    public function details($id) {', '        try {', '            $res = $this->client->get("/servers/" . $id);', '        } catch (TransferException $e) {', body, '        }', '        return json_decode($res->getBody(), true);', '    }', '}', ''].join('\n');
    assert.deepEqual(await findings('php', 'app/Repo.php', php('            throw new DaemonError($e);')), []);
  });

  it('leaves a catch whose try stored what the code after it reads (the outcome is looked at there)', async () => {
    const js = (after: string) => [
      'export async function deliver(hook, payload, attempt) {',
      '  let code = null;',
      '  try {',
      "    const res = await fetch(hook.url, { method: 'POST', body: JSON.stringify(payload), signal: AbortSignal.timeout(5000) });",
      '    code = res.status;',
      '  } catch (_) {}',
      after,
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await findings('javascript', 'jobs/deliver.js', js("  if (code >= 200 && code < 300) return markDone(hook);\n  return reschedule(hook, attempt + 1);")), []);
    assert.deepEqual(await findings('javascript', 'jobs/deliver.js', js('  return markDone(hook);')), [{ rule: 'no-retry-on-request', line: 4 }]);
  });
});
