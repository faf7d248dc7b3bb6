import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { hoverAt, testService } from '../support/serviceHarness';

/**
 * Error classes no catalog knows, named for a failed API call (API, HTTP, REST, a response, a client, a rate limit, a gateway, a
 * read or connect timeout, a status number), count where they stand as exception types and the file imports them from
 * a library — not where the project declares or imports its own, nor a web framework's (a server raises those).
 */
describe('spotting: error classes of client libraries no catalog knows', () => {
  describe('Python', () => {
    spotCases('python', [
      [
        'classes imported from a client library, caught and listed',
        'from torrentlib import NotFound404Error, HTTP5XXError\n\ndef f(c):\n    try:\n        c.pause()\n    except NotFound404Error:\n        pass\n    except (HTTP5XXError, ValueError):\n        pass\n',
        ['NotFound404Error client-check', 'HTTP5XXError client-check'],
      ],
      ['a module-qualified class', 'import paymentsdk\n\ndef f():\n    try:\n        pay()\n    except paymentsdk.ApiError as e:\n        log(e)\n', ['ApiError client-check']],
      ["a client library's client error", 'from pdpyras import PDClientError\n\ndef f(session):\n    try:\n        session.rget("/users")\n    except PDClientError:\n        pass\n', ['PDClientError client-check']],
      ['decoy: a class of the file itself', 'class BillingApiError(Exception):\n    pass\n\ndef f():\n    try:\n        pay()\n    except BillingApiError:\n        pass\n', []],
      ['decoy: a relative import', 'from .errors import BillingApiError\n\ndef f():\n    try:\n        pay()\n    except BillingApiError:\n        pass\n', []],
      ['decoy: a web framework raises its HTTPException to answer', 'from fastapi import HTTPException\n\ndef f():\n    try:\n        pay()\n    except HTTPException:\n        raise\n', []],
      ['decoy: a domain class says nothing of a request', 'from shop.models import ValidationError\n\ndef f():\n    try:\n        pay()\n    except ValidationError:\n        pass\n', []],
      ['decoy: constructed and raised', 'from torrentlib import NotFound404Error\n\ndef f():\n    raise NotFound404Error("gone")\n', []],
    ]);

    it("leaves a class of the project's own package (a folder on the file's path)", async () => {
      const service = testService();
      const text = 'from billing.errors import BillingApiError\n\ndef f():\n    try:\n        pay()\n    except BillingApiError:\n        pass\n';
      for (const [uri, expected] of [
        ['file:///repo/billing/client.py', []],
        ['file:///repo/app/client.py', ['BillingApiError']],
      ] as const) {
        await service.open({ uri, languageId: 'python', version: 1, text });
        assert.deepEqual(service.occurrences(uri).map((o) => o.code), expected, uri);
        service.close(uri);
      }
    });

    it('leaves them in a test file (the package under test imports its own classes)', async () => {
      const service = testService();
      const uri = 'file:///repo/tests/test_client.py';
      await service.open({ uri, languageId: 'python', version: 1, text: 'from torrentlib import NotFound404Error\n\ndef test_f():\n    with pytest.raises(NotFound404Error):\n        f()\n' });
      assert.deepEqual(service.occurrences(uri), []);
      service.close(uri);
    });
  });

  describe('TypeScript', () => {
    spotCases('typescript', [
      [
        'an instanceof test of a package class',
        "import { APIResponseError } from '@notes/client';\nfunction missing(e: unknown) { return e instanceof APIResponseError; }\n",
        ['APIResponseError client-check'],
      ],
      ['decoy: a class of a relative module', "import { AlbionAPIError } from './errors';\nfunction f(e: unknown) { return e instanceof AlbionAPIError; }\n", []],
      ['decoy: a project alias', "import { ApiError } from '@/lib/errors';\nfunction f(e: unknown) { return e instanceof ApiError; }\n", []],
      ['decoy: Hono raises its HTTPException to answer', "import { HTTPException } from 'hono/http-exception';\nfunction f(e: unknown) { return e instanceof HTTPException; }\n", []],
    ]);
  });

  describe('Java and Kotlin', () => {
    spotCases('java', [
      [
        "a vendor SDK's class in a catch",
        'package org.example.sms;\nimport com.twilio.exception.ApiException;\nclass S { void f() { try { send(); } catch (ApiException e) { log(e); } } }\n',
        ['ApiException client-check'],
      ],
      ["decoy: Tomcat's ClientAbortException (a server's client went away)", 'package a.b;\nimport org.apache.catalina.connector.ClientAbortException;\nclass H { void f() { try { write(); } catch (ClientAbortException e) { } } }\n', []],
      ['decoy: a class of the same organisation', 'package org.example.sms;\nimport org.example.http.ApiException;\nclass S { void f() { try { send(); } catch (ApiException e) { } } }\n', []],
      [
        "decoy: Spring MVC's exception in a handler",
        'package a.b;\nimport org.springframework.web.server.ResponseStatusException;\nclass H { @ExceptionHandler(ResponseStatusException.class) void h() { } }\n',
        [],
      ],
    ]);
    spotCases('kotlin', [
      [
        "Reactor Netty's timeouts in a retry predicate",
        'package a.b\nimport io.netty.handler.timeout.ReadTimeoutException\nfun retryable(t: Throwable) = t is ReadTimeoutException\n',
        ['ReadTimeoutException retry-config'],
      ],
    ]);
  });

  describe('PHP', () => {
    spotCases('php', [
      [
        "a vendor's exception in a catch",
        '<?php\nnamespace App\\Sms;\nuse Vendor\\Sdk\\ApiException;\nclass S { function f() { try { $this->send(); } catch (ApiException $e) { } } }\n',
        ['ApiException client-check'],
      ],
    ]);
  });

  describe("a cloud service's codes as its SDK's exception classes (AWS service models)", () => {
    spotCases('csharp', [
      [
        "a service model's exceptions caught, not the SDK's base class nor .NET's own",
        'using Amazon.SimpleQueue.Model;\nclass Q {\n  async Task F() {\n    try { await client.SendAsync(req); }\n' +
          '    catch (QueueDoesNotExistException) { }\n    catch (OverLimitException e) { throw; }\n    catch (AmazonServiceException) { }\n    catch (InvalidOperationException) { }\n  }\n}\n',
        ['QueueDoesNotExistException client-check', 'OverLimitException client-check'],
      ],
      ['decoy: the same names without a service model', 'class Q {\n  void F() {\n    try { G(); }\n    catch (OverLimitException) { }\n  }\n}\n', []],
    ]);
    spotCases('java', [
      [
        "a class imported from a service's model package, not the service's base class",
        'package app;\n\nimport software.amazon.awssdk.services.s3.model.NoSuchBucketException;\nimport software.amazon.awssdk.services.s3.model.S3Exception;\n\n' +
          'class Store {\n  void f() {\n    try { g(); } catch (NoSuchBucketException e) { } catch (S3Exception e) { } catch (IllegalStateException e) { }\n  }\n}\n',
        ['NoSuchBucketException client-check'],
      ],
    ]);
  });

  it('hover names the library and what the name says', async () => {
    const hover = await hoverAt('python', 'from torrentlib import HTTP5XXError\ntry:\n    f()\nexcept HTTP5X|XError:\n    pass\n');
    assert.match(hover ?? '', /an error class of `torrentlib`/);
    assert.match(hover ?? '', /5XX/);
  });
});
