/**
 * A failure branch that shows the failure to a person — a message box, the player who typed a game-server command —
 * leaves the decision to try again to them: neither `retryable-treated-as-final` nor `no-retry-on-request` speaks.
 * The same branches that only log are still reported.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const ideAction = `package demo.plugin;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class SubmitAction {
    private final HttpClient client;
    private final Notifier notifier;

    SubmitAction(HttpClient client, Notifier notifier) {
        this.client = client;
        this.notifier = notifier;
    }

    public void submit(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429) {
            notifier.showInfoMsg("Busy", "The judge is busy: submit again in a moment.");
            return;
        }
        record(response.body());
    }

    private void record(String body) {}
}
`;

const ideActionLogged = ideAction.replace('notifier.showInfoMsg("Busy", "The judge is busy: submit again in a moment.");', 'System.err.println("busy");');

const gameCommand = `package demo.game;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class AskCommand {
    private final HttpClient client = HttpClient.newHttpClient();

    public void ask(Player player, String question) throws Exception {
        HttpRequest request = HttpRequest.newBuilder()
                .uri(java.net.URI.create("https://api.example.com/v1/answers"))
                .POST(HttpRequest.BodyPublishers.ofString(question))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            player.sendMessage("The oracle did not answer, try again.");
            return;
        }
        player.sendMessage(response.body());
    }
}
`;

const gameCommandLogged = gameCommand.replace('player.sendMessage("The oracle did not answer, try again.");', 'throw new IllegalStateException("no answer");');

const pluginCall = (message: string): string => [
  'export async function format(text: string) {',
  '  const res = await fetch("https://api.example.com/v1/format", { method: "POST", body: text });',
  '  if (res.status === 429) {',
  `    return { error: "${message}" };`,
  '  }',
  '  return res.json();',
  '}',
].join('\n');

describe('failure branches that tell a person', () => {
  it('leaves a branch whose message asks the reader to try again alone (written for a person), and reports a plain one', async () => {
    assert.deepEqual(await ruleLines('typescript', pluginCall('Too many requests. Please wait and try again.'), 'retryable-treated-as-final'), []);
    assert.deepEqual(await ruleLines('typescript', pluginCall('rate limited'), 'retryable-treated-as-final'), [3]);
  });

  it('leaves a 429 shown in a message to the user alone, and reports it when only logged', async () => {
    assert.deepEqual(await ruleLines('java', ideAction, 'retryable-treated-as-final'), []);
    assert.deepEqual(await ruleLines('java', ideActionLogged, 'retryable-treated-as-final'), [18]);
  });

  it('leaves a failed write told to the player alone, and reports it when thrown away', async () => {
    assert.deepEqual(await ruleLines('java', gameCommand, 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('java', gameCommandLogged, 'no-retry-on-request'), [16]);
  });
});
