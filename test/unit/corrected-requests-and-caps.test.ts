import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * retry-without-backoff reads caps and waits where the code keeps them:
 * - a refusal answered by a corrected request (a 409 met by dropping the clashing part, or by reading the resource
 *   again and writing with its new version) waits nothing out: no finding, while the same document re-sent is one;
 * - a Go loop's bare condition (`for attempt < 5 {`) and a Ruby `raise if tries > 4` before `retry` cap the attempts;
 * - a give-up through a function of the file that never returns (`-> NoReturn`, `: never`, ends by raising) caps a
 *   re-send;
 * - the attempt's function waiting itself (`sleep(6)` in the sender before it hands back "nothing yet") is a wait;
 * - a delay stepped before it is read (`++$pause`) grows, like `pause++`.
 */
const PY_CONFLICT = `def save_work(session, url, payload, headers):
    r = session.put(url, json=payload, headers=headers, timeout=10)
    tries = 0
    while r.status_code == 409 and tries < 3:
        payload = drop_conflicting_ids(payload, r.json())
        r = session.put(url, json=payload, headers=headers, timeout=10)
        tries += 1
    return r


def drop_conflicting_ids(payload, answer):
    clash = set(answer.get("ids", []))
    return {**payload, "ids": [i for i in payload["ids"] if i not in clash]}
`;

const GO_CONFLICT = `package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

type item struct {
	Version int    \`json:"version"\`
	Name    string \`json:"name"\`
}

func Rename(c *http.Client, url, name string) error {
	for attempt := 0; attempt < 3; attempt++ {
		cur, err := load(c, url)
		if err != nil {
			return err
		}
		cur.Name = name
		body, _ := json.Marshal(cur)
		req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(body))
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusConflict {
			continue
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("rename: %d", resp.StatusCode)
		}
		return nil
	}
	return fmt.Errorf("rename: still conflicting")
}

func load(c *http.Client, url string) (*item, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var it item
	return &it, json.NewDecoder(resp.Body).Decode(&it)
}
`;

const GO_COUNTED = `package feeds

import (
	"fmt"
	"net/http"
	"time"
)

func Fetch(c *http.Client, url string) (*http.Response, error) {
	attempt := 0
	for attempt < 5 {
		resp, err := c.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		attempt++
		time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
	}
	return nil, fmt.Errorf("gave up")
}
`;

const RUBY = `require 'faraday'

class Feed
  def initialize(conn)
    @conn = conn
  end

  def fetch(path)
    tries = 0
    begin
      resp = @conn.get(path)
      raise "feed #{resp.status}" unless resp.success?
      resp.body
    rescue Faraday::ConnectionFailed, Faraday::TimeoutError
      tries += 1
      raise if tries > 4
      sleep(0.5 * 2**tries)
      retry
    end
  end
end
`;

const PY_NORETURN = `import time
from typing import NoReturn

MAX_TRIES = 3


class Client:
    def __init__(self, session):
        self.session = session
        self.tries = 0

    def _fail(self, response) -> NoReturn:
        raise RuntimeError(f"status {response.status_code}")

    def get(self, url):
        r = self.session.get(url, timeout=10)
        if r.status_code == 503:
            if self.tries >= MAX_TRIES:
                self._fail(r)
            self.tries += 1
            time.sleep(0.5 * 2 ** self.tries)
            return self.get(url)
        self.tries = 0
        r.raise_for_status()
        return r.json()
`;

const TS_NEVER = `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Client {
  private tries = 0;

  private giveUp(res: Response): never {
    throw new Error(\`status \${res.status}\`);
  }

  async get(url: string): Promise<unknown> {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.status === 502) {
      if (this.tries >= 3) this.giveUp(res);
      this.tries++;
      await pause(250 * 2 ** this.tries);
      return this.get(url);
    }
    this.tries = 0;
    if (!res.ok) throw new Error(\`status \${res.status}\`);
    return res.json();
  }
}
`;

const JAVA_SENDER = `import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

public class Renderer {
    private static final int MAX_RETRIES = 5;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ReentrantLock lock = new ReentrantLock();

    public String render(String url) throws IOException, InterruptedException {
        int attempts = 0;
        do {
            lock.lock();
            try {
                Optional<String> done = renderOnce(url);
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        } while (++attempts < MAX_RETRIES);
        throw new IOException("render failed");
    }

    private Optional<String> renderOnce(String url) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
        switch (res.statusCode()) {
            case 200 -> {
                return Optional.of(res.body());
            }
            case 500 -> {
                TimeUnit.SECONDS.sleep(6);
                return Optional.empty();
            }
            default -> throw new IOException("status " + res.statusCode());
        }
    }
}
`;

const PHP_GROW = `<?php
function send_order(string $url)
{
    $tries = 4;
    $pause = 1;
    do {
        $response = wp_remote_get($url, ['timeout' => 10]);
        $code = wp_remote_retrieve_response_code($response);
        if (200 == $code) {
            break;
        }
        sleep($pause);
        ++$pause;
    } while (--$tries);
    return $response;
}
`;

describe('retry-without-backoff: caps and waits where the code keeps them', () => {
  it('a refusal answered by a corrected request is no retry (Python, Go)', async () => {
    assert.deepEqual(await ruleLines('python', PY_CONFLICT, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', GO_CONFLICT, 'retry-without-backoff'), []);
  });

  it('the same document re-sent at once on a conflict is still reported', async () => {
    const same = PY_CONFLICT.replace('        payload = drop_conflicting_ids(payload, r.json())\n', '');
    assert.deepEqual(await ruleLines('python', same, 'retry-without-backoff'), [4]);
  });

  it("a Go loop's bare condition counts its attempts", async () => {
    assert.deepEqual(await ruleLines('go', GO_COUNTED, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', GO_COUNTED.replace('for attempt < 5 {', 'for {'), 'retry-without-backoff'), [11]);
  });

  it("a Ruby rescue's `raise if tries > 4` before `retry` caps it", async () => {
    assert.deepEqual(await ruleLines('ruby', RUBY, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('ruby', RUBY.replace('      raise if tries > 4\n', ''), 'retry-without-backoff'), [10]);
  });

  it('a give-up through a function that never returns caps a re-send (Python NoReturn, TypeScript never)', async () => {
    assert.deepEqual(await ruleLines('python', PY_NORETURN, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('typescript', TS_NEVER, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('typescript', TS_NEVER.replace('if (this.tries >= 3) this.giveUp(res);', 'if (this.tries >= 3) console.log(res.status);'), 'retry-without-backoff'), [12]);
  });

  it('the attempt function waiting itself is a wait (Java)', async () => {
    assert.deepEqual(await ruleLines('java', JAVA_SENDER, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('java', JAVA_SENDER.replace('                TimeUnit.SECONDS.sleep(6);\n', ''), 'retry-without-backoff'), [18]);
  });

  it('a delay stepped before it is read grows (PHP)', async () => {
    assert.deepEqual(await ruleLines('php', PHP_GROW, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('php', PHP_GROW.replace('        ++$pause;\n', ''), 'retry-without-backoff'), [12]);
  });
});
