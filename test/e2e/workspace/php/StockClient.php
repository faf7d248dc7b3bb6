<?php

use GuzzleHttp\Client;

// Reads the stock level of one item; an unavailable warehouse ends it at once.
function stockLevel(Client $client, string $url): int
{
    $response = $client->request('GET', $url, ['http_errors' => false, 'timeout' => 10]);
    if ($response->getStatusCode() == 503) {
        throw new RuntimeException('warehouse unavailable');
    }
    return (int) $response->getBody();
}
