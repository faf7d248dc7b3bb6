import { spotCases } from '../fixtures/spotting/cases';

const fn = (body: string): string => `package p\n\nfunc f() {\n${body}\n}\n`;

describe('spotting: Go', () => {
  spotCases('go', [
    ['a Google API error\'s Code (its HTTP status)', 'package p\n\nfunc limited(err error) bool {\n\tvar apiErr *googleapi.Error\n\tif errors.As(err, &apiErr) {\n\t\treturn apiErr.Code == 429\n\t}\n\treturn false\n}\n', ['429 client-check']],
    ['a status looked for in an error\'s text', 'package p\n\nimport "strings"\n\nfunc transient(err error) bool {\n\terrStr := err.Error()\n\treturn strings.Contains(errStr, "429") || strings.Contains(err.Error(), "503") || strings.Contains(path, "404")\n}\n', ['429 client-check', '503 client-check']],
    ['connect-go codes', 'package x\n\nfunc f(err error) bool {\n\tswitch connect.CodeOf(err) {\n\tcase connect.CodeUnavailable:\n\t\treturn true\n\t}\n\treturn false\n}\n', ['UNAVAILABLE client-check']],
    ['resp.StatusCode != 200', fn('\tif resp.StatusCode != 200 {\n\t\treturn\n\t}'), ['200 client-check']],
    ['a switch over resp.StatusCode', fn('\tswitch resp.StatusCode {\n\tcase 429, 503:\n\t}'), ['429 client-check', '503 client-check']],
    ['w.WriteHeader(503)', fn('\tw.WriteHeader(503)'), ['503 server-sets']],
    ['a single status a retry is told to retry on', fn('\terr := callWithRetry(ctx, retryRequest{\n\t\tattempt:         1,\n\t\tcustomRetryCode: 400,\n\t})\n\t_ = err'), ['400 retry-config']],
    ['decoy: a retry count', fn('\tcfg := retryOptions{maxRetry: 400}\n\t_ = cfg'), []],
    ['http.Error(w, msg, 400)', fn('\thttp.Error(w, "bad", 400)'), ['400 server-sets']],
    ['gin c.JSON(429, ...)', fn('\tc.JSON(429, gin.H{"error": "slow"})'), ['429 server-sets']],
    ['gin c.AbortWithStatus(404)', fn('\tc.AbortWithStatus(404)'), ['404 server-sets']],
    ['echo.NewHTTPError', fn('\treturn echo.NewHTTPError(http.StatusNotFound, "x")'), ['404 server-sets']],
    ['http.StatusTooManyRequests compared', fn('\tif resp.StatusCode == http.StatusTooManyRequests {\n\t}'), ['429 client-check']],
    ['a standalone http constant', 'package p\n\nvar code = http.StatusServiceUnavailable\n', ['503 constant']],
    ['a retryable status slice', 'package p\n\nvar retryableStatuses = []int{429, 503}\n', ['429 retry-config', '503 retry-config']],
    ['slices.Contains over statuses', fn('\tif slices.Contains([]int{429, 503}, resp.StatusCode) {\n\t}'), ['429 client-check', '503 client-check']],
    ['testify assert.Equal', fn('\tassert.Equal(t, http.StatusOK, rec.Code)'), ['200 test-assert']],
    ['a recorder code check', fn('\tif rec.Code != 201 {\n\t\tt.Fatal()\n\t}'), ['201 test-assert']],
    ["goconvey's So(respCode, ShouldEqual, 200)", fn('\t_, respCode, _ := netReq(req)\n\tSo(respCode, ShouldEqual, 200)'), ['200 test-assert']],
    ["a gRPC code's name through its Stringer", fn('\tmsg := codes.Unauthenticated.String()\n\t_ = msg'), ['UNAUTHENTICATED constant']],
    ['gRPC codes.Unavailable in a switch over status.Code', fn('\tswitch status.Code(err) {\n\tcase codes.Unavailable:\n\t}'), ['UNAVAILABLE client-check']],
    ['errors.Is(err, syscall.ECONNRESET)', fn('\tif errors.Is(err, syscall.ECONNRESET) {\n\t}'), ['ECONNRESET client-check']],
    ['time.Sleep(500 * time.Millisecond)', fn('\ttime.Sleep(500 * time.Millisecond)'), []],
    ['make([]byte, 404)', fn('\tbuf := make([]byte, 404)\n\t_ = buf[200]'), []],
    ['a port and a timeout', 'package p\n\nconst port = 8080\nconst timeoutMs = 500\n', []],
    ['a loop bound', fn('\tfor i := 0; i < 300; i++ {\n\t}'), []],
    ['numbers in strings', fn('\tfmt.Println("status 503")'), []],
    ['len(x) == 200', fn('\tif len(x) == 200 {\n\t}'), []],
  ]);
});
