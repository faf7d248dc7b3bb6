#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end tier (test/e2e) needs, offline-friendly:
#   * Debian packages: chromium, fonts, ripgrep, a C/C++ toolchain, python3, libkrb5-dev
#   * code-server 4.100.3 (VS Code 1.100.3 in the browser) from npm, into <repo>/.cache/code-server/
# Idempotent: every step is skipped when already done. Writes only inside <repo>/.cache/ (gitignored),
# the npm cache and Debian's package state. Safe to run on a fresh machine.
#
# code-server's postinstall would download ripgrep from GitHub (unreachable here). @vscode/ripgrep first looks
# in its download cache $TMPDIR/vscode-ripgrep-cache-<ver>/ for the release tarball, so we put a tarball holding
# Debian's /usr/bin/rg there and point TMPDIR at it for the install.
set -u
export DEBIAN_FRONTEND=noninteractive

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep versions used by code-server 4.100.x, and the ripgrep release each one downloads.
RG_CACHE_VERSIONS=(1.15.11 1.15.10 1.15.9)
RG_TARBALLS=(ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
CS_DIR="$CACHE/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
START=$(date +%s)

log() { echo "setup-e2e: $*"; }
elapsed() { echo $(( $(date +%s) - START )); }

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

# ---------------------------------------------------------------- 1. Debian packages
wanted=(chromium fonts-liberation fonts-dejavu-core ripgrep build-essential python3 libkrb5-dev)
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages already installed: ${wanted[*]}"
else
  log "apt-get update"
  $SUDO apt-get update -qq || log "WARNING: apt-get update failed"
  log "apt-get install ${missing[*]}"
  if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    log "ERROR: apt-get install failed for: ${missing[*]}"
    exit 1
  fi
  log "Debian packages installed ($(elapsed)s)"
fi

CHROMIUM=""
for c in /usr/bin/chromium /usr/bin/chromium-browser; do [ -x "$c" ] && CHROMIUM="$c" && break; done
RG="$(command -v rg || true)"
[ -n "$CHROMIUM" ] || { log "ERROR: chromium binary not found after install"; exit 1; }
[ -n "$RG" ] || { log "ERROR: rg (ripgrep) not found after install"; exit 1; }

# ---------------------------------------------------------------- 2. code-server
cs_ok() {
  [ -x "$CS_BIN" ] && [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] \
    && [ -f "$CS_DIR/.installed-$CODE_SERVER_VERSION" ]
}

if cs_ok; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (takes 1-3 minutes)"
  mkdir -p "$CS_DIR" "$CACHE/tmp"
  # Offline ripgrep: a tarball holding Debian's rg, where @vscode/ripgrep's postinstall looks first.
  RG_STAGE="$CACHE/tmp/rg-stage"
  rm -rf "$RG_STAGE" && mkdir -p "$RG_STAGE"
  cp "$RG" "$RG_STAGE/rg"
  for v in "${RG_CACHE_VERSIONS[@]}"; do
    d="$CACHE/tmp/vscode-ripgrep-cache-$v"
    mkdir -p "$d"
    for t in "${RG_TARBALLS[@]}"; do
      [ -f "$d/$t" ] || tar -czf "$d/$t" -C "$RG_STAGE" rg
    done
  done
  log "ripgrep cache tarballs prepared under $CACHE/tmp (from $RG)"

  if [ ! -f "$CS_DIR/package.json" ]; then
    cat >"$CS_DIR/package.json" <<EOF
{
  "name": "eci-e2e-code-server",
  "private": true,
  "description": "code-server for the Error Code Insight end-to-end tier (installed by scripts/setup-e2e.sh)",
  "version": "0.0.0"
}
EOF
  fi
  (
    cd "$CS_DIR" || exit 1
    export TMPDIR="$CACHE/tmp"
    export npm_config_unsafe_perm=true
    export npm_config_yes=true
    export npm_config_nodedir=/usr
    export npm_config_fund=false
    export npm_config_audit=false
    # argon2 / kerberos try a GitHub prebuild first, fail fast, then compile from source: expected noise.
    npm install --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server-install.log" 2>&1
  )
  rc=$?
  # Belt and braces: if @vscode/ripgrep still has no binary, give it Debian's.
  while IFS= read -r pkgdir; do
    if [ ! -x "$pkgdir/bin/rg" ]; then
      mkdir -p "$pkgdir/bin" && cp "$RG" "$pkgdir/bin/rg" && log "placed Debian rg into $pkgdir/bin"
    fi
  done < <(find "$CS_DIR/node_modules" -type d -path '*/@vscode/ripgrep' 2>/dev/null)
  if [ $rc -ne 0 ] || [ ! -x "$CS_BIN" ]; then
    log "ERROR: npm install code-server@$CODE_SERVER_VERSION failed (rc=$rc); last lines of $CACHE/code-server-install.log:"
    tail -n 40 "$CACHE/code-server-install.log" | sed 's/^/  | /'
    exit 1
  fi
  touch "$CS_DIR/.installed-$CODE_SERVER_VERSION"
  log "code-server installed ($(elapsed)s)"
fi

# code-server writes a default config into $XDG_CONFIG_HOME on every start, even for --version: keep it in .cache.
mkdir -p "$CACHE/tmp/version-home"
log "code-server: $(HOME="$CACHE/tmp/version-home" XDG_CONFIG_HOME="$CACHE/tmp/version-home/.config" \
  XDG_DATA_HOME="$CACHE/tmp/version-home/.local/share" "$CS_BIN" --version 2>/dev/null | tail -n 1)"
log "chromium:    $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
log "done in $(elapsed)s"
