import { spotCases } from '../fixtures/spotting/cases';

/**
 * A raw HTTP status line in a string (`"HTTP/1.1 503 Service Unavailable\r\n…"`): in a test it is what a fake server is
 * made to answer (test-assert); outside one, written to a connection, a response sent by hand (server-sets). A status
 * line the code only reads or logs is not reported.
 */
describe('spotting: raw HTTP status lines', () => {
  describe('Rust', () => {
    spotCases('rust', [
      [
        'a fake TCP server in a tokio test',
        '#[tokio::test]\nasync fn follows_redirect() {\n    let reply = format!("HTTP/1.1 307 Temporary Redirect\\r\\nLocation: {}\\r\\n\\r\\n", url);\n    sock.write_all(reply.as_bytes()).await.unwrap();\n}\n',
        ['307 test-assert'],
      ],
      ['a byte string in a test module', 'mod tests {\n    fn serve(mut s: TcpStream) {\n        s.write_all(b"HTTP/1.0 429 Too Many Requests\\r\\n\\r\\n").unwrap();\n    }\n}\n', ['429 test-assert']],
      ['a response written by hand outside tests', 'fn reject(mut s: TcpStream) {\n    s.write_all(b"HTTP/1.1 503 Service Unavailable\\r\\n\\r\\n").ok();\n}\n', ['503 server-sets']],
      ['decoy: a line the code reads', 'fn ok(line: &str) -> bool {\n    line.starts_with("HTTP/1.1 200")\n}\n', []],
      ['decoy: a version without a status', 'fn v() -> &\'static str {\n    "HTTP/1.1 2000 units"\n}\n', []],
    ]);
  });

  describe('Kotlin', () => {
    spotCases('kotlin', [
      [
        "OkHttp MockWebServer's status line in a @Test",
        'class ApiTest {\n    @Test\n    fun fails() {\n        server.enqueue(MockResponse().setStatus("HTTP/1.1 502 Bad Gateway"))\n    }\n}\n',
        ['502 test-assert'],
      ],
    ]);
  });

  describe('Python', () => {
    spotCases('python', [
      ['a raw socket server in a test', 'def test_retry(sock):\n    sock.sendall(b"HTTP/1.1 500 Internal Server Error\\r\\nContent-Length: 0\\r\\n\\r\\n")\n', ['500 test-assert']],
      ['decoy: a log line', 'def show(first):\n    log.info("got HTTP/1.1 404 Not Found from upstream")\n', []],
    ]);
  });
});
