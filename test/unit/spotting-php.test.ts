import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `<?php\nclass Api {\n    public function call($client, $url) {\n${body}\n    }\n}\n`;

describe('spotting: PHP', () => {
  spotCases('php', [
    ["WordPress's WP_Http constants", m('        $code = wp_remote_retrieve_response_code($response);\n        if ($code === \\WP_Http::OK) { return true; }\n        if ($code === WP_Http::TOO_MANY_REQUESTS) { sleep(5); }'), ['200 client-check', '429 client-check']],
    ['curl error constants compared', m('        $errno = curl_errno($ch);\n        if ($errno === CURLE_COULDNT_CONNECT || $errno === CURLE_OPERATION_TIMEOUTED) { return null; }'), ['CURLE_COULDNT_CONNECT client-check', 'CURLE_OPERATION_TIMEOUTED client-check']],
    ['a CURLE_ name that is no curl code', m('        $x = CURLE_NOT_A_REAL_CODE;'), []],
    ["a project's class mirroring Symfony's constant names", "<?php\nclass M {\n  function f($r) {\n    if ($r->getStatusCode() === ResponseStatusCode::HTTP_TOO_MANY_REQUESTS) { return 1; }\n  }\n}\n", ['429 client-check']],
    ['Guzzle getStatusCode() == 429', m('        if ($response->getStatusCode() == 429) { sleep(1); }'), ['429 client-check']],
    ['Laravel status() === 503', m('        if ($response->status() === 503) { return null; }'), ['503 client-check']],
    ['a switch over the status', m('        switch ($response->getStatusCode()) {\n            case 429: return null;\n        }'), ['429 client-check']],
    ['a match on $code', m('        return match ($code) { 429, 503 => true, default => false };'), ['429 client-check', '503 client-check']],
    ['in_array with a literal list', m('        $again = in_array($response->status(), [429, 503], true);'), ['429 client-check', '503 client-check']],
    ['Symfony Response::HTTP_TOO_MANY_REQUESTS compared', m('        if ($response->getStatusCode() === Response::HTTP_TOO_MANY_REQUESTS) { }'), ['429 client-check']],
    ['PSR StatusCodeInterface::STATUS_SERVICE_UNAVAILABLE', m('        return $response->withStatus(StatusCodeInterface::STATUS_SERVICE_UNAVAILABLE);'), ['503 server-sets']],
    ['PSR-7 withStatus(503)', m('        return $response->withStatus(503);'), ['503 server-sets']],
    ['Laravel abort(503)', m('        abort(503);'), ['503 server-sets']],
    ['Laravel abort_if(cond, 429)', m('        abort_if($limited, 429);'), ['429 server-sets']],
    ['Laravel response()->json(data, 429)', m("        return response()->json(['error' => 'slow down'], 429);"), ['429 server-sets']],
    ['new Response(body, 503)', m("        return new Response('', 503);"), ['503 server-sets']],
    ['Symfony setStatusCode', m('        $response->setStatusCode(Response::HTTP_SERVICE_UNAVAILABLE);'), ['503 server-sets']],
    ['http_response_code(503)', m('        http_response_code(503);'), ['503 server-sets']],
    ['Laravel tooManyRequests()', m('        if ($response->tooManyRequests()) { sleep(5); }'), ['429 client-check']],
    ['Laravel assertStatus(429)', m('        $response->assertStatus(429);'), ['429 test-assert']],
    ['a retry list constant', '<?php\nconst RETRYABLE_STATUSES = [429, 502, 503];\n', ['429 retry-config', '502 retry-config', '503 retry-config']],
    ['a class constant and its use', '<?php\nclass Codes {\n    const TOO_MANY_REQUESTS = 429;\n    public function f($r) { return $r->getStatusCode() == self::TOO_MANY_REQUESTS; }\n}\n', ['429 constant', '429 client-check']],
    ['a status key in an array', m("        return ['status' => 503, 'message' => 'down'];"), ['503 server-sets']],
    ["WordPress's WP_Error code: the plugin's own word, no API's", m("        return new WP_Error('webfinger_missing_links', __('No links found.'), array('status' => 400));"), ['400 server-sets']],
    ['sleep and sizes', m('        usleep(500);\n        $items = array_slice($all, 0, 200);'), []],
    ['a port', '<?php\nconst PORT = 8080;\nconst MAX_ITEMS = 500;\n', []],
    ['an interpolated string', m('        echo "HTTP {$code} 503";'), []],
    ['a tooManyRequests() on something else', m('        if ($limiter->tooManyRequests()) { }'), []],
    ['PHPUnit assertSame on the status', m('        $this->assertSame(503, $response->getStatusCode());\n        self::assertSame(200, $response->getStatusCode());'), ['503 test-assert', '200 test-assert']],
    ["an 'http_code' option key", m("        return new MockResponse('', ['http_code' => 502]);"), ['502 server-sets']],
    ['a code list given to a retry strategy', m('        return new GenericRetryStrategy([423, 429, 503], 1000);'), ['423 retry-config', '429 retry-config', '503 retry-config']],
    ['a list given to something else', m('        return new Paginator([100, 200, 500], 3);'), []],
    ['Laravel HTTP client and Saloon exceptions imported with use', "<?php\nuse Illuminate\\Http\\Client\\ConnectionException;\nuse Saloon\\Exceptions\\Request\\FatalRequestException;\nuse Saloon\\Exceptions\\Request\\RequestException;\nfunction f($c, $r) {\n    try { return $c->send($r); }\n    catch (FatalRequestException|ConnectionException $e) { return null; }\n    catch (RequestException $e) { return $e->getResponse()->status(); }\n}\n", ['FatalRequestException client-check', 'ConnectionException client-check', 'RequestException client-check']],
    ["a project's own RequestException", "<?php\nuse App\\Exceptions\\RequestException;\nfunction f($c) {\n    try { return $c->get('/x'); }\n    catch (RequestException $e) { return null; }\n}\n", []],
    ['a mock status getter stubbed (PHPUnit willReturn, Mockery andReturn)', "<?php\nclass ClientTest extends TestCase {\n    public function testRetry() {\n        $r = $this->createMock(ResponseInterface::class);\n        $r->method('getStatusCode')->willReturn(503);\n        $m = Mockery::mock(ResponseInterface::class);\n        $m->shouldReceive('getStatusCode')->andReturn(429);\n        $m->shouldReceive('getRetryCount')->andReturn(404);\n    }\n}\n", ['503 test-assert', '429 test-assert']],
    ['Guzzle exceptions caught, imported with use or written in full', "<?php\nuse GuzzleHttp\\Exception\\ConnectException;\nfunction f($c) {\n    try { return $c->get('/x'); }\n    catch (ConnectException | \\GuzzleHttp\\Exception\\ServerException $e) { return null; }\n}\n", ['ConnectException client-check', 'ServerException client-check']],
  ]);
});
