/**
 * Go retry templates for net/http, plus the standalone Retry-After parser.
 * Note for Go < 1.20: math/rand is not seeded automatically; seed it once at start-up so jitter
 * differs between processes.
 */
import type { RetryTemplate } from './templateTypes';

const ATTEMPTS = '${1:4}';
const BASE = '${2:500 * time.Millisecond}';
const CAP = '${3:30 * time.Second}';

const PARSE_RETRY_AFTER = `// parseRetryAfter returns how long a Retry-After header (delta-seconds or HTTP-date) asks to wait,
// capped at max; ok is false when the header is absent or unusable.
func parseRetryAfter(value string, max time.Duration) (wait time.Duration, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(value); err == nil && secs >= 0 {
		wait = time.Duration(secs) * time.Second
	} else if when, err := http.ParseTime(value); err == nil {
		wait = time.Until(when)
	} else {
		return 0, false
	}
	if wait < 0 {
		wait = 0
	}
	if wait > max {
		wait = max
	}
	return wait, true
}`;

const HELPER = `// retryPolicy retries 408/429/5xx responses and network errors for idempotent methods or
// requests carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff.
type retryPolicy struct {
	maxAttempts   int
	baseDelay     time.Duration
	maxDelay      time.Duration
	retryAfterCap time.Duration
}

var defaultRetryPolicy = retryPolicy{
	maxAttempts:   ${ATTEMPTS},
	baseDelay:     ${BASE},
	maxDelay:      ${CAP},
	retryAfterCap: 60 * time.Second,
}

// doWithRetry sends req with defaultRetryPolicy.
func doWithRetry(client *http.Client, req *http.Request) (*http.Response, error) {
	return defaultRetryPolicy.do(client, req)
}

// do returns the last response or the last error when it gives up. Requests with a body must
// have GetBody set (http.NewRequest does this for bytes/strings readers) to be sent again.
func (p retryPolicy) do(client *http.Client, req *http.Request) (*http.Response, error) {
	attempts := p.maxAttempts
	if !isIdempotent(req) || (req.Body != nil && req.GetBody == nil) {
		attempts = 1
	}
	for attempt := 0; ; attempt++ {
		attemptReq := req
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			attemptReq = req.Clone(req.Context())
			attemptReq.Body = body
		}
		resp, err := client.Do(attemptReq)
		isLast := attempt+1 >= attempts
		var wait time.Duration
		var haveWait bool
		if err != nil {
			if isLast || !isRetryableError(err) || req.Context().Err() != nil {
				return nil, err
			}
		} else {
			if !isRetryableStatus(resp.StatusCode) || isLast {
				return resp, nil
			}
			wait, haveWait = parseRetryAfter(resp.Header.Get("Retry-After"), p.retryAfterCap)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if !haveWait {
			// Full jitter: random(0, min(cap, base * 2^attempt)).
			wait = time.Duration(rand.Int63n(int64(min64(p.maxDelay, p.baseDelay<<attempt)) + 1))
		}
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
	}
}

func isIdempotent(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	return req.Header.Get("Idempotency-Key") != ""
}

func isRetryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// isRetryableError reports connection resets/refusals, unexpected EOFs and timeouts.
func isRetryableError(err error) bool {
	var netErr net.Error
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		(errors.As(err, &netErr) && netErr.Timeout())
}

func min64(a, b time.Duration) time.Duration {
	if a < b && a >= 0 {
		return a
	}
	return b
}

${PARSE_RETRY_AFTER}`;

const imports = (...paths: string[]): string[] => paths.map((path) => `import "${path}"`);
const PARSE_IMPORTS = imports('net/http', 'strconv', 'strings', 'time');

export const goTemplates: RetryTemplate[] = [
  {
    id: 'retry-go',
    languages: ['go'],
    library: 'net/http',
    description:
      'net/http: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: imports('errors', 'io', 'math/rand', 'net', 'net/http', 'strconv', 'strings', 'syscall', 'time'),
    helper: HELPER,
    helperName: 'doWithRetry',
    defines: ['retryPolicy', 'defaultRetryPolicy', 'doWithRetry', 'isIdempotent', 'isRetryableStatus', 'isRetryableError', 'min64', 'parseRetryAfter'],
    call: 'doWithRetry(http.DefaultClient, $REQUEST)',
  },
  {
    id: 'retry-after-parse-go',
    languages: ['go'],
    library: 'net/http',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into a time.Duration, capped.',
    imports: PARSE_IMPORTS,
    helper: PARSE_RETRY_AFTER,
    helperName: 'parseRetryAfter',
    defines: ['parseRetryAfter'],
    call: 'parseRetryAfter(resp.Header.Get("Retry-After"), 60*time.Second)',
  },
];
