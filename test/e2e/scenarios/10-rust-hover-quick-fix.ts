import { retryFixScenario } from '../support/retryFixScenario';

/**
 * Rust (#19) in real VS Code: a .rs file (VS Code's own `rust` language id, no Rust extension installed) is analysed.
 * Hovering the 503 in `response.status().as_u16() == 503` explains it; the 503 returned as final gets a warning and
 * the reqwest retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario = retryFixScenario({
  name: '10-rust-hover-quick-fix',
  title: 'Rust: hover over `as_u16() == 503`, then the reqwest retry quick fix applied and saved',
  file: 'rust/quotes.rs',
  saved: [
    ['async fn send_with_retry<F>(', 'helper inserted'],
    ['let response = send_with_retry(|| client.get(url.clone()).timeout(Duration::from_secs(5))).await', 'request rewritten'],
    ['use std::time::{SystemTime, UNIX_EPOCH};', 'imports merged by name'],
  ],
  gone: /client\.get\(url\)\.timeout/,
});
