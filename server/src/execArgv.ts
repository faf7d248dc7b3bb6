/**
 * Node flags the language server runs with, shared by the VS Code client that starts it and the
 * benchmark that measures it (so `npm run bench` measures the server as users run it).
 *
 * `--max-semi-space-size=2` caps V8's young generation at 2 MB per semi-space (node 20's default grows it
 * to 16 MB). The server allocates many short-lived objects per analysis and, with 20 files open at once,
 * the default let the young generation alone reserve ~34 MB that V8 never returns. Measured with 20 open
 * 1,000-line files (docs/performance.md): resident memory 203–216 MB → 179–184 MB, CPU time for the 20
 * analyses unchanged within noise (2.15–2.23 s both ways).
 *
 * `--v8-pool-size=1` gives V8 one background thread (node's default is four) for concurrent marking and
 * background compilation. Each thread that allocates gets a glibc malloc arena of its own, which keeps what
 * it once held; with four, those arenas were ~25 MB of the server's resident memory. Measured with the same
 * 20 open files, seven alternating runs each: 160–174 MB → 138–156 MB resident (medians ~164 → ~142), process
 * CPU for the 20 analyses the same or lower (2.0–2.3 s → 1.5–2.2 s on this 2-vCPU machine), cold start to
 * first diagnostics unchanged within noise (median 324 → 306 ms). Under VS Code the server runs on
 * Electron's node (ELECTRON_RUN_AS_NODE), which parses the flag like node but runs V8's background work on
 * Chromium's own thread pool: accepted there, with no effect; the saving is for `eci-language-server`
 * run by node (other editors) and for the benchmark.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2', '--v8-pool-size=1'];
