#!/usr/bin/env bash
# Builds the extension and opens VS Code in the browser (code-server on 127.0.0.1) on examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/setup-e2e.sh
npx tsx scripts/try-it.ts
