#!/usr/bin/env bash
# Long fuzz run: 100,000 cases per target (override with ECI_FUZZ_RUNS, seed with ECI_FUZZ_SEED).
#   npm run fuzz                     # 100,000 per target
#   ECI_FUZZ_RUNS=10000 bash scripts/fuzz.sh   # the CI tier's size
# Prints one `fuzz <target>: N cases, M failures` line per target and a summary; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export ECI_FUZZ_RUNS="${ECI_FUZZ_RUNS:-100000}"
log="$(mktemp -t eci-fuzz.XXXXXX)"
trap 'rm -f "$log"' EXIT
echo "fuzz: ECI_FUZZ_RUNS=${ECI_FUZZ_RUNS} per target, seed ${ECI_FUZZ_SEED:-default}"
start=$(date +%s)
npx mocha --import=tsx 'test/fuzz/**/*.test.ts' --timeout 0 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo
echo "fuzz summary ($(( $(date +%s) - start )) s):"
grep -E '^fuzz [^:]+: ([0-9]+ cases, [0-9]+ failures|NOT .*)$' "$log" | sort -u
grep -E '^fuzz [^:]+: NOTE' "$log" | sort -u
total=$(grep -E '^fuzz [^:]+: [0-9]+ cases, [0-9]+ failures$' "$log" | awk '{s += $3} END {print s + 0}')
failures=$(grep -E '^fuzz [^:]+: [0-9]+ cases, [0-9]+ failures$' "$log" | awk '{s += $5} END {print s + 0}')
echo "fuzz total: ${total} cases, ${failures} failures"
exit "$status"
