#!/usr/bin/env bash
# Installs the runtimes the execution tier (test/exec) needs, from Debian only.
# Idempotent: packages already present are skipped; safe to re-run on a fresh machine.
set -u
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

wanted=(python3 python3-requests python3-httpx python3-aiohttp golang-go openjdk-17-jdk-headless mono-mcs mono-devel golang-github-hashicorp-go-retryablehttp-dev ruby php-cli php-curl php-guzzlehttp-guzzle cargo rustc librust-reqwest-dev librust-tokio-dev librust-ureq-dev kotlin libokhttp-java)
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-exec: all packages already installed"
else
  $SUDO apt-get update -qq
  for pkg in "${missing[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then
      echo "setup-exec: installing $pkg"
      $SUDO apt-get install -y -qq --no-install-recommends "$pkg" || echo "setup-exec: WARNING could not install $pkg"
    else
      echo "setup-exec: WARNING $pkg is not available from the configured Debian repositories"
    fi
  done
fi

# C#: Debian's Mono 6.8 (mcs + mono) runs the C# retry template (test/exec/monoProgram.ts, C# 8/9 syntax rewritten).
if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
  echo "setup-exec: WARNING ******** Mono (mono-mcs, mono-devel) could not be installed — C# execution (csharp-mono) will be reported NOT RUN ********"
fi
# Ruby: Debian's ruby runs the Net::HTTP retry template (test/exec/rubyProgram.ts).
if ! command -v ruby >/dev/null 2>&1; then
  echo "setup-exec: WARNING ******** ruby could not be installed — Ruby execution (ruby-net-http) will be reported NOT RUN ********"
fi
# Rust: Debian's cargo builds the reqwest retry template offline against the crates vendored under
# /usr/share/cargo/registry by librust-reqwest-dev / librust-tokio-dev (test/exec/rustProgram.ts; no crates.io).
if ! command -v cargo >/dev/null 2>&1 || ! ls -d /usr/share/cargo/registry/reqwest-0.11* >/dev/null 2>&1 || ! ls -d /usr/share/cargo/registry/tokio-1.* >/dev/null 2>&1; then
  echo "setup-exec: WARNING ******** cargo / librust-reqwest-dev / librust-tokio-dev could not be installed — Rust execution (rust-reqwest) will be reported NOT RUN ********"
fi
# PHP: Debian's php-cli with php-guzzlehttp-guzzle runs the Guzzle retry template (test/exec/phpProgram.ts).
if ! command -v php >/dev/null 2>&1 || [ ! -f /usr/share/php/GuzzleHttp/autoload.php ]; then
  echo "setup-exec: WARNING ******** php-cli / php-guzzlehttp-guzzle could not be installed — PHP execution (php-guzzle) will be reported NOT RUN ********"
fi
# Kotlin: Debian's kotlinc 1.3 with libokhttp-java 3.13 compiles and runs the OkHttp retry template (test/exec/kotlinProgram.ts).
if ! command -v kotlinc >/dev/null 2>&1 || [ ! -f /usr/share/java/okhttp.jar ]; then
  echo "setup-exec: WARNING ******** kotlin / libokhttp-java could not be installed — Kotlin execution (kotlin-okhttp) will be reported NOT RUN ********"
fi
# .NET is not packaged by Debian; the .NET 8 program (csharp-httpclient) and the Polly/Resilience config fixes report NOT RUN.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup-exec: NOTE no .NET SDK (not in Debian's repositories) — csharp-httpclient execution will be reported NOT RUN"
fi
