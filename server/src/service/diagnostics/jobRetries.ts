import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';

/*
 * Job entry points whose framework runs them again when they raise, by default or as configured in the class:
 *
 *   class SyncLedgerJob
 *     include Sidekiq::Job            # Sidekiq retries a failed job 25 times with an exponential backoff
 *     def perform(id) … raise LedgerError unless res.code == 201 … end
 *   end
 *
 *   class SyncLedger implements ShouldQueue { public $tries = 5; public function handle() { … } }   // Laravel
 *
 * What `perform` / `handle` raises comes round again: it is not given up. Sidekiq: docs "Error Handling" (automatic
 * job retry, 25 attempts by default, `sidekiq_options retry: false` or `retry: 0` turns it off). Laravel: docs
 * "Queues", "Max Job Attempts" (`$tries`, `$backoff`, `retryUntil()`; one attempt unless the job or worker says more).
 */

/** `fn` is the entry point of a job class that its queue runs again when it raises. */
export function rerunByJobQueue(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  // (Only a job's entry point is read: the class around any other function is never looked for.)
  const ruby = ctx.flow.grammarName === 'ruby' && fn?.name === 'perform';
  const php = ctx.flow.grammarName === 'php' && fn?.name === 'handle';
  if (!fn || (!ruby && !php)) return false;
  const cls = classAround(fn.node);
  if (!cls) return false;
  const text = cls.text;
  if (ruby) {
    if (!/^\s*include\s+Sidekiq::(Job|Worker)\b/m.test(text)) return false;
    return !/sidekiq_options\b[^\n]*\bretry:\s*(false|0)\b/.test(text);
  }
  if (php) {
    if (!/\bimplements\b[^{]*\bShouldQueue\b/.test(text.slice(0, text.indexOf('{') + 1 || text.length))) return false;
    const tries = /\$tries\s*=\s*(\d+)/.exec(text);
    return (tries !== null && Number(tries[1]) > 1) || /function\s+retryUntil\s*\(|\$backoff\s*=/.test(text);
  }
  return false;
}

function classAround(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (/^(class|class_declaration)$/.test(n.type)) return n;
  return undefined;
}
