#!/usr/bin/env bash
# The one command that runs every test, on a fresh machine too: installs what it needs (npm packages,
# Debian packages, code-server for the browser tier), builds, then runs each tier.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

echo "=== setup: npm packages"
npm ci --no-audit --no-fund
echo "=== setup: Debian packages and tools for the execution, Neovim and browser tiers"
if command -v apt-get >/dev/null 2>&1; then apt-get update -qq || echo "apt-get update failed; continuing with what is installed"; fi
bash scripts/setup-exec.sh
bash scripts/setup-neovim.sh
bash scripts/setup-e2e.sh
echo "=== build"
npm run build
npx tsx scripts/gen-snippets.ts --check
node scripts/test-all.mjs "$@"
