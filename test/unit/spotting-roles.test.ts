import { spotCases } from '../fixtures/spotting/cases';

/**
 * Roles and names that real code showed the spotter getting wrong: statuses named after an earlier reason phrase,
 * gRPC servers raising a status, Go tests failing on a status, assertions written as a boolean check, a mock
 * callback's `(status, headers, body)` tuple, a reason phrase sent beside its status (`http.Error(w, http.StatusText(s), s)`) and a
 * local that carries a status to the response (`let code = 204; … code = 500; … res.status(code)`), and the status an error
 * class stands for (a `get code()` getter, a constructor's `statusCode = 502` default).
 */
describe('spotting: roles of statuses in servers, tests and status tables', () => {
  describe('status tables named after earlier reason phrases', () => {
    spotCases('java', [
      [
        'RFC 7231 / 4918 / 2324 names',
        'class Codes {\n  static final int PAYLOAD_TOO_LARGE = 413;\n  static final int UNPROCESSABLE_ENTITY = 422;\n  static final int IM_A_TEAPOT = 418;\n  static final int VERSION_NOT_SUPPORTED = 505;\n}\n',
        ['413 constant', '422 constant', '418 constant', '505 constant'],
      ],
      ['a phrase starting like an expectation is no test', 'class Codes {\n  static final int EXPECTATION_FAILED = 417;\n}\n', ['417 constant']],
      ['decoy: a phrase of another status', 'class Limits {\n  static final int PAYLOAD_TOO_LARGE = 500;\n}\n', []],
    ]);
  });

  describe('constants and lists named for statuses', () => {
    spotCases('python', [
      [
        'an upper-snake constant ending in _STATUS',
        'EMPTY_REPO_ERROR_STATUS = 409\nRATE_LIMIT_STATUS = 429\n',
        ['409 constant', '429 constant'],
      ],
      ['a list named for HTTP errors, annotated or not', 'class DiffStream:\n    tolerated_http_errors: ClassVar[list[int]] = [404, 500]\n', ['404 constant', '500 constant']],
      ['decoy: a constant named for something else, a list named for nothing', 'MAX_RETRIES = 500\nother: list[int] = [404, 500]\n', []],
    ]);
  });

  describe('gRPC servers raising a status', () => {
    spotCases('go', [
      ['status.Error with a code', 'package p\n\nfunc f() error {\n\treturn status.Error(codes.Internal, "boom")\n}\n', ['INTERNAL server-sets']],
      [
        "a status's reason phrase handed to http.Error beside it",
        'package p\n\nfunc h(w http.ResponseWriter) {\n\thttp.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)\n}\n',
        ['429 server-sets', '429 server-sets'],
      ],
      ['a reason phrase only logged, which stays a constant', 'package p\n\nfunc h() {\n\tlog.Println(http.StatusText(http.StatusBadGateway))\n}\n', ['502 constant']],
      [
        'the gRPC status package imported under another name',
        'package p\n\nimport (\n\t"google.golang.org/grpc/codes"\n\tgrpcstatus "google.golang.org/grpc/status"\n)\n\nfunc f() error {\n\treturn grpcstatus.Errorf(codes.NotFound, "no %s", id)\n}\n',
        ['NOT_FOUND server-sets'],
      ],
      ['a code handed to a package of its own, which stays a constant', 'package p\n\nfunc f() error {\n\treturn jobstatus.Error(codes.NotFound)\n}\n', ['NOT_FOUND constant']],
      ['decoy: a code compared is a check', 'package p\n\nfunc g(err error) bool {\n\treturn status.Code(err) == codes.Unavailable\n}\n', ['UNAVAILABLE client-check']],
    ]);
    spotCases('java', [
      [
        'onError with a described status',
        'class S {\n  void m(StreamObserver<R> o) {\n    o.onError(Status.UNAVAILABLE\n        .withDescription("busy").asRuntimeException());\n  }\n}\n',
        ['UNAVAILABLE server-sets'],
      ],
    ]);
  });

  describe('ASP.NET Core results named for their status', () => {
    spotCases('csharp', [
      [
        'constructed results',
        'public class Leagues {\n  public IActionResult Get(int id) {\n    if (id < 0) return new BadRequestResult();\n    return new OkObjectResult(Find(id));\n  }\n}\n',
        ['400 server-sets', '200 server-sets'],
      ],
      ['decoy: a qualified class of another library and a local type', 'class A { object F() => new Lib.NotFoundResult(); NotFoundResult last; }\n', []],
    ]);
  });

  describe('the status an error class stands for', () => {
    spotCases('typescript', [
      [
        'a getter of an error class answering its status by kind',
        'export class ServiceError extends Error {\n  get code(): number {\n    switch (this.kind) {\n      case Kind.Throttled:\n        return 429;\n      default:\n        return 502;\n    }\n  }\n}\n',
        ['429 constant', '502 constant'],
      ],
      ['the status parameter default of an error class constructor', "export class UpstreamError extends ApiError {\n  constructor(message = 'upstream failed', statusCode = 502) {\n    super(message, statusCode);\n  }\n}\n", ['502 constant']],
      ['decoy: a getter of another class', 'class Widget {\n  get code(): number {\n    return 200;\n  }\n}\n', []],
    ]);
    spotCases('python', [
      ['a property of an exception class', 'class QuotaExceeded(ClientError):\n    @property\n    def status_code(self):\n        return 429\n', ['429 constant']],
    ]);
  });

  describe('statuses carried by a local to the response', () => {
    spotCases('typescript', [
      [
        'a local set on each path, then sent',
        'export const handler = async (req, res) => {\n  let code = 204;\n  try {\n    await work();\n  } catch (e) {\n    code = 503;\n  }\n  res.status(code).end();\n};\n',
        ['204 server-sets', '503 server-sets'],
      ],
      ['decoy: a local only logged', 'function f() {\n  let limit = 200;\n  log(limit);\n}\n', []],
    ]);
    spotCases('go', [
      [
        'a Go switch choosing the code WriteHeader sends',
        'package p\n\nfunc h(w http.ResponseWriter, err error) {\n\tcode := http.StatusOK\n\tif err != nil {\n\t\tcode = 422\n\t}\n\tw.WriteHeader(code)\n}\n',
        ['200 server-sets', '422 server-sets'],
      ],
    ]);
  });

  describe('tests', () => {
    spotCases('go', [
      [
        'a Go test failing on a status',
        'package p\n\nfunc TestBusy(t *testing.T) {\n\tif out.StatusCode != http.StatusTooManyRequests {\n\t\tt.Errorf("got %d", out.StatusCode)\n\t}\n}\n',
        ['429 test-assert'],
      ],
      ['decoy: an if that returns is a check', 'package p\n\nfunc f(resp *http.Response) {\n\tif resp.StatusCode == 503 {\n\t\treturn\n\t}\n}\n', ['503 client-check']],
    ]);
    spotCases('java', [
      ['assertTrue and Guava Verify.verify', 'class T { void t() { assertTrue(resp.code() == 429); Verify.verify(status.getCode() == Status.Code.INTERNAL); } }\n', ['429 test-assert', 'INTERNAL test-assert']],
    ]);
    spotCases('python', [
      ["a mock callback's (status, headers, body)", 'def busy(request):\n    return (429, {}, "slow down")\n', ['429 server-sets']],
      ['decoy: a pair of sizes', 'def sizes():\n    return (200, [])\n', []],
    ]);
  });
});
