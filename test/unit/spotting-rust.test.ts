import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `use reqwest::StatusCode;\n\nasync fn fetch(client: &reqwest::Client, url: &str) -> Result<(), Error> {\n${body}\n    Ok(())\n}\n`;

describe('spotting: Rust', () => {
  spotCases('rust', [
    ['named statuses and gRPC codes among a macro body\'s tokens', 'macro_rules! call_with_retry {\n    ($rpc:expr) => {{\n        match $rpc.await {\n            Err(status) => match status.code() {\n                Code::Cancelled | Code::Unavailable => {}\n                _ => {}\n            },\n            Ok(r) => {}\n        }\n    }};\n}\nfn s() {\n    let st = async_stream::stream! {\n        if status == reqwest::StatusCode::UNAUTHORIZED { yield 1; }\n        let m = "StatusCode::OK";\n    };\n}\n', ['CANCELLED client-check', 'UNAVAILABLE client-check', '401 client-check']],
    ["mockito's with_status and a named status in an assert!", '#[test]\nfn t() {\n    let m = server.mock("GET", "/x").with_status(503).create();\n    assert!(serve_with(&StatusCode::OK, BODY));\n}\n', ['503 test-assert', '200 test-assert']],
    ['status() compared with a constant', m('    if resp.status() == StatusCode::TOO_MANY_REQUESTS { return Ok(()); }'), ['429 client-check']],
    ['a qualified constant', m('    if resp.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE { }'), ['503 client-check']],
    ['as_u16() compared with a number', m('    if resp.status().as_u16() == 429 { }'), ['429 client-check']],
    ['a local holding the status', m('    let code = resp.status().as_u16();\n    if code >= 500 { }'), ['500 client-check']],
    ['a match over the status', m('    match resp.status().as_u16() {\n        429 | 503 => {}\n        500..=599 => {}\n        _ => {}\n    }'), ['429 client-check', '503 client-check', '500 client-check', '599 client-check']],
    ['a match over StatusCode constants', m('    match resp.status() {\n        StatusCode::TOO_MANY_REQUESTS => {}\n        _ => {}\n    }'), ['429 client-check']],
    ['from_u16 compared', m('    if resp.status() == StatusCode::from_u16(503).unwrap() { }'), ['503 client-check']],
    ['a retry list constant', 'const RETRYABLE_STATUSES: [u16; 3] = [429, 502, 503];\n', ['429 retry-config', '502 retry-config', '503 retry-config']],
    ['axum: a status tuple returned', 'async fn handler() -> impl IntoResponse {\n    return (StatusCode::SERVICE_UNAVAILABLE, "busy");\n}\n', ['503 server-sets']],
    ['axum: a tail-expression Err tuple', 'async fn handler() -> Result<Json<Out>, (StatusCode, String)> {\n    Err((StatusCode::TOO_MANY_REQUESTS, "slow down".to_string()))\n}\n', ['429 server-sets']],
    ['into_response()', 'async fn handler() -> Response {\n    StatusCode::SERVICE_UNAVAILABLE.into_response()\n}\n', ['503 server-sets']],
    ['actix HttpResponse::build', 'async fn handler() -> HttpResponse {\n    HttpResponse::build(StatusCode::BAD_GATEWAY).finish()\n}\n', ['502 server-sets']],
    ['a status in a tuple of statuses is no response', 'const PAIR: (StatusCode, StatusCode) = (StatusCode::OK, StatusCode::CREATED);\n', ['200 constant', '201 constant']],
    ['actix: a status-named builder', 'async fn handler() -> HttpResponse {\n    HttpResponse::TooManyRequests().finish()\n}\n', ['429 server-sets']],
    ['tonic: a code-named constructor', 'fn refuse() -> Result<(), Status> {\n    Err(Status::unavailable("draining"))\n}\n', ['UNAVAILABLE server-sets']],
    ['tonic: a code compared', 'fn again(status: &tonic::Status) -> bool {\n    status.code() == tonic::Code::Unavailable\n}\n', ['UNAVAILABLE client-check']],
    ['assert_eq! on the status with a constant (macro bodies are token trees)', '#[tokio::test]\nasync fn busy() {\n    let resp = app.oneshot(req).await.unwrap();\n    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);\n}\n', ['429 test-assert']],
    ['assert_eq! on as_u16() with a number', '#[test]\nfn down() {\n    assert_eq!(resp.status().as_u16(), 503, "expected 503 from the stub");\n}\n', ['503 test-assert']],
    ['assert_eq! on a status field with a longer name', '#[test]\nfn rejects() {\n    assert_eq!(err.http_status, 401);\n    assert_eq!(403, body.status_code);\n}\n', ['401 test-assert', '403 test-assert']],
    ['assert! comparing the status with a named constant is an assertion, not a check', '#[test]\nfn gone() {\n    assert!(reply.status() == StatusCode::GONE, "should be gone");\n}\n', ['410 test-assert']],
    ['assert_eq! on a StatusCode turned into its number', '#[test]\nfn denied() {\n    let code = reply.status();\n    assert_eq!(code.as_u16(), 401);\n}\n', ['401 test-assert']],
    ["ureq's Status error matched inside an assertion", '#[test]\nfn unavailable() {\n    let e = agent.get(u).call().unwrap_err();\n    assert!(matches!(e, ureq::Error::Status(503, _)));\n}\n', ['503 test-assert']],
    [
      "Rocket's local client test asserting Status::… (a file using Rocket)",
      'use rocket::http::Status;\nuse rocket::local::blocking::Client;\n#[test]\nfn missing() {\n    let r = client.get("/nope").dispatch();\n    assert_eq!(r.status(), Status::NotFound);\n}\n',
      ['404 test-assert'],
    ],
    ['decoy: a domain enum called Status in a file without Rocket', '#[test]\nfn lifecycle() {\n    assert_eq!(order.state(), Status::Created);\n}\n', []],
    ['decoy: an assert on a field that only contains the word', '#[test]\nfn counts() {\n    assert_eq!(report.statuses_seen, 200);\n}\n', []],
    [
      "a Rocket handler's Err(Status::…)",
      '#[get("/users/<id>")]\npub async fn user(id: i64) -> Result<Json<User>, Status> {\n    match load(id).await {\n        Some(u) => Ok(Json(u)),\n        None => Err(Status::NotFound),\n    }\n}\n',
      ['404 server-sets'],
    ],
    ["a client helper's Err(StatusCode::…), which stays a constant", 'async fn send(c: &Client) -> Result<(), StatusCode> {\n    if c.busy() {\n        return Err(StatusCode::TOO_MANY_REQUESTS);\n    }\n    Ok(())\n}\n', ['429 constant']],
    ['an assert about something else', '#[test]\nfn sizes() {\n    assert_eq!(items.len(), 200);\n}\n', []],
    ['sleeps, sizes and ports', m('    tokio::time::sleep(Duration::from_millis(500)).await;\n    let port = 8080;\n    let items = Vec::with_capacity(200);'), []],
    ['tonic codes imported as Code', 'use tonic::{Code, Status};\nfn f(s: Status) -> bool {\n    match s.code() {\n        Code::Unavailable | Code::DeadlineExceeded => true,\n        _ => false,\n    }\n}\n', ['UNAVAILABLE client-check', 'DEADLINE_EXCEEDED client-check']],
    ['Rocket status constants', 'use rocket::http::Status;\nfn f(code: u16) -> Status {\n    Status::from_code(code).unwrap_or(Status::BadRequest)\n}\n', ['400 constant']],
    ['an enum of the application, not tonic', 'fn f(a: Availability) -> bool {\n    a == Availability::Unavailable\n}\n', []],
    ['a number in a string', m('    println!("got 503 from {}", url);'), []],
    ['statuses in a matches! pattern', 'fn is_fatal(status: StatusCode) -> bool {\n    matches!(status, StatusCode::BAD_REQUEST | reqwest::StatusCode::GONE)\n}\n', ['400 client-check', '410 client-check']],
    ['numbers in a matches! pattern say nothing', 'fn small(c: u16) -> bool {\n    matches!(c, 200 | 404)\n}\n', []],
    ['a wiremock response template', '#[tokio::test]\nasync fn retries() {\n    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;\n}\n', ['503 test-assert']],
    [
      "an API's code asserted with assert_eq! on an error's field, not on a description or a plain name",
      '#[test]\nfn rejects() {\n    let err = verify().unwrap_err();\n    assert_eq!(err.status, "invalid-credentials");\n    assert_eq!("QUOTA_EXCEEDED", err.error_code, "wrong code");\n' +
        '    assert_eq!(err.description, "Unauthorized-user");\n    assert_eq!(name, "rate_limit_error");\n}\n',
      ['invalid-credentials test-assert', 'QUOTA_EXCEEDED test-assert'],
    ],
  ]);
});
