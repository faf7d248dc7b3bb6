import { retryFixScenario } from '../support/retryFixScenario';

/**
 * PHP (#19) in real VS Code: hovering the 503 in `$response->getStatusCode() == 503` explains it; the 503 thrown as
 * final gets a warning and the Guzzle retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario = retryFixScenario({
  name: '12-php-hover-quick-fix',
  title: 'PHP: hover over `getStatusCode() == 503`, then the Guzzle retry quick fix applied and saved',
  file: 'php/StockClient.php',
  saved: [
    ['function requestWithRetry(', 'helper inserted'],
    ["$response = requestWithRetry($client, 'GET', $url", 'request rewritten'],
  ],
  gone: /\$response = \$client->request\('GET'/,
});
