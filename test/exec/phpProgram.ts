/**
 * The PHP Guzzle retry template run by Debian's php-cli with php-guzzlehttp-guzzle (scripts/setup-exec.sh installs
 * them): the rendered helper + a main that sends METHOD URL through `requestWithRetry` and prints `STATUS <n>` or
 * `ERROR …` (exit 3).   argv: METHOD URL ATTEMPTS BASE_MS CAP_MS RETRY_AFTER_CAP_MS [IDEMPOTENCY_KEY]
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { ProgramVariant } from './programs';
import { unavailableReason } from './runners';

/** Where Debian's php-guzzlehttp-guzzle puts its autoloader. */
export const GUZZLE_AUTOLOAD = '/usr/share/php/GuzzleHttp/autoload.php';

const PHP_MAIN = `[, $method, $url, $attempts, $baseMs, $capMs, $raCapMs] = $argv;
$key = $argv[7] ?? null;
$client = new \\GuzzleHttp\\Client(["timeout" => 10]);
$options = [];
if ($method === "POST") {
    $options["body"] = "{}";
}
if ($key !== null) {
    $options["headers"] = ["Idempotency-Key" => $key];
}
try {
    $response = requestWithRetry($client, $method, $url, $options, (int) $attempts, $baseMs / 1000, $capMs / 1000, $raCapMs / 1000);
    echo "STATUS " . $response->getStatusCode() . "\\n";
} catch (\\Throwable $e) {
    echo "ERROR " . get_class($e) . ": " . $e->getMessage() . "\\n";
    exit(3);
}`;

function source(): string {
  const template = templateById('retry-guzzle');
  if (!template) throw new Error('no template retry-guzzle');
  return `<?php\nrequire "${GUZZLE_AUTOLOAD}";\n\n${renderTemplate(template.helper, { snippet: false })}\n\n${PHP_MAIN}\n`;
}

export const phpVariant: ProgramVariant = {
  name: 'php-guzzle',
  templateId: 'retry-guzzle',
  unavailable: async () =>
    (await unavailableReason('php', ['--version'], 'PHP (Debian php-cli)')) ??
    (fs.existsSync(GUZZLE_AUTOLOAD) ? undefined : `Guzzle not available (${GUZZLE_AUTOLOAD} missing: Debian php-guzzlehttp-guzzle); run scripts/setup-exec.sh`),
  source,
  prepare: async (dir) => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'retry.php');
    fs.writeFileSync(file, source());
    return { command: 'php', args: [file] };
  },
};
