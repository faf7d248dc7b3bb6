/**
 * The Rust reqwest retry template, built offline by cargo against Debian's vendored crates (librust-reqwest-dev,
 * librust-tokio-dev under /usr/share/cargo/registry; scripts/setup-exec.sh installs them) and run against the
 * loopback server: the rendered helper + a main that sends METHOD URL through `send_with_retry_using` and prints
 * `STATUS <n>` or `ERROR …` (exit 3).   argv: METHOD URL ATTEMPTS BASE_MS CAP_MS RETRY_AFTER_CAP_MS [IDEMPOTENCY_KEY]
 * No crates.io: a private CARGO_HOME replaces the crates.io source with the Debian directory, offline.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { Prepared, ProgramVariant } from './programs';
import { run, unavailableReason } from './runners';

/** Where Debian's librust-*-dev packages put their crate sources. */
export const DEBIAN_CRATES = '/usr/share/cargo/registry';

const RUST_MAIN = `#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (method, url) = (args[1].clone(), args[2].clone());
    let millis = |i: usize| Duration::from_millis(args[i].parse().expect("milliseconds"));
    let config = RetryConfig { max_attempts: args[3].parse().expect("attempts"), base_delay: millis(4), max_delay: millis(5), retry_after_cap: millis(6) };
    let key = args.get(7).cloned();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("client");
    let verb = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let result = send_with_retry_using(
        || {
            let mut request = client.request(verb.clone(), url.as_str());
            if method == "POST" {
                request = request.body("{}");
            }
            if let Some(key) = &key {
                request = request.header("Idempotency-Key", key.as_str());
            }
            request
        },
        config,
    )
    .await;
    match result {
        Ok(response) => println!("STATUS {}", response.status().as_u16()),
        Err(error) => {
            println!("ERROR {}", error);
            std::process::exit(3);
        }
    }
}`;

/**
 * A crate's manifest for a program: reqwest without TLS (the server is plain HTTP on loopback), with its `blocking`
 * feature when the program uses it, ureq without its default TLS features when the program uses ureq, tokio's runtime.
 */
export function cargoToml(source: string): string {
  const features = /\breqwest::blocking\b/.test(source) ? ', features = ["blocking"]' : '';
  const ureq = /\bureq::/.test(source) ? 'ureq = { version = "2", default-features = false }\n' : '';
  return `[package]
name = "retry_program"
version = "0.1.0"
edition = "2021"

[dependencies]
reqwest = { version = "0.11", default-features = false${features} }
tokio = { version = "1", features = ["rt-multi-thread", "macros", "time"] }
${ureq}`;
}

const CARGO_CONFIG = `[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "${DEBIAN_CRATES}"

[net]
offline = true
`;

/** One target directory for every Rust program of the tier: reqwest and tokio are compiled once. */
const TARGET_DIR = path.join(os.tmpdir(), 'eci-exec-rust-target');

export async function rustUnavailable(): Promise<string | undefined> {
  const cargo = await unavailableReason('cargo', ['--version'], 'Rust (Debian cargo/rustc)');
  if (cargo) return cargo;
  for (const crate of ['reqwest-0.11', 'tokio-1']) {
    const present = fs.existsSync(DEBIAN_CRATES) && fs.readdirSync(DEBIAN_CRATES).some((d) => d.startsWith(crate));
    if (!present) return `crate ${crate}.* not in ${DEBIAN_CRATES} (Debian librust-reqwest-dev / librust-tokio-dev); run scripts/setup-exec.sh`;
  }
  return undefined;
}

/** Writes main.rs into a cargo project in dir and builds it offline; the program's path, or an error with cargo's output. */
export async function buildRustProgram(dir: string, mainRs: string): Promise<Prepared> {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'cargo-home'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), cargoToml(mainRs));
  fs.writeFileSync(path.join(dir, 'cargo-home', 'config.toml'), CARGO_CONFIG);
  fs.writeFileSync(path.join(dir, 'src', 'main.rs'), mainRs);
  const env = { ...process.env, CARGO_HOME: path.join(dir, 'cargo-home'), CARGO_TARGET_DIR: TARGET_DIR };
  const built = await run('cargo', ['build', '--offline', '--quiet', '--manifest-path', path.join(dir, 'Cargo.toml')], { timeoutMs: 600_000, env });
  if (built.code !== 0) throw new Error(`cargo build failed (${built.code}):\n${built.stdout}\n${built.stderr}`);
  // Each program gets its own copy: the next build in the shared target directory overwrites the binary.
  const binary = path.join(dir, 'retry_program');
  fs.copyFileSync(path.join(TARGET_DIR, 'debug', 'retry_program'), binary);
  fs.chmodSync(binary, 0o755);
  return { command: binary, args: [] };
}

/** The blocking program: the same main without the runtime, through `send_with_retry_blocking_using`. */
const RUST_BLOCKING_MAIN = RUST_MAIN.replace('#[tokio::main]\nasync fn main()', 'fn main()')
  .replace('reqwest::Client::builder()', 'reqwest::blocking::Client::builder()')
  .replace('send_with_retry_using(', 'send_with_retry_blocking_using(')
  .replace('    )\n    .await;', '    );');

function source(id: string, main: string): string {
  const template = templateById(id);
  if (!template) throw new Error(`no template ${id}`);
  return `${template.imports.join('\n')}\n\n${renderTemplate(template.helper, { snippet: false })}\n\n${main}\n`;
}

export const rustVariant: ProgramVariant = {
  name: 'rust-reqwest',
  templateId: 'retry-reqwest',
  unavailable: rustUnavailable,
  source: () => source('retry-reqwest', RUST_MAIN),
  prepare: (dir) => buildRustProgram(dir, source('retry-reqwest', RUST_MAIN)),
};

export const rustBlockingVariant: ProgramVariant = {
  name: 'rust-reqwest-blocking',
  templateId: 'retry-reqwest-blocking',
  unavailable: rustUnavailable,
  source: () => source('retry-reqwest-blocking', RUST_BLOCKING_MAIN),
  prepare: (dir) => buildRustProgram(dir, source('retry-reqwest-blocking', RUST_BLOCKING_MAIN)),
};

/** The ureq program: argv as above (a POST is sent without a body: the template retries `call()`); a failing status comes back as Err(Status(code, _)) and is printed as STATUS. */
const RUST_UREQ_MAIN = `fn main() {
    let args: Vec<String> = std::env::args().collect();
    let millis = |i: usize| Duration::from_millis(args[i].parse().expect("milliseconds"));
    let config = RetryConfig { max_attempts: args[3].parse().expect("attempts"), base_delay: millis(4), max_delay: millis(5), retry_after_cap: millis(6) };
    let mut request = ureq::request(&args[1], &args[2]).timeout(Duration::from_secs(10));
    if let Some(key) = args.get(7) {
        request = request.set("Idempotency-Key", key);
    }
    match call_with_retry_using(request, config) {
        Ok(response) => println!("STATUS {}", response.status()),
        Err(ureq::Error::Status(code, _)) => println!("STATUS {}", code),
        Err(error) => {
            println!("ERROR {}", error);
            std::process::exit(3);
        }
    }
}`;

export const rustUreqVariant: ProgramVariant = {
  name: 'rust-ureq',
  templateId: 'retry-ureq',
  unavailable: async () => (await rustUnavailable()) ?? (fs.readdirSync(DEBIAN_CRATES).some((d) => d.startsWith('ureq-2')) ? undefined : `crate ureq-2.* not in ${DEBIAN_CRATES} (Debian librust-ureq-dev); run scripts/setup-exec.sh`),
  source: () => source('retry-ureq', RUST_UREQ_MAIN),
  prepare: (dir) => buildRustProgram(dir, source('retry-ureq', RUST_UREQ_MAIN)),
};
