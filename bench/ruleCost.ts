/**
 * What the rules added in #17 cost on the bench's 10k-line generated files, each timed alone on one analysis
 * context (after the shared model is built), beside the whole analysis of the file.
 *
 *   npx tsx bench/ruleCost.ts [lines]
 */
import { DiagContext } from '../server/src/service/diagnostics/context';
import { buildFlow } from '../server/src/service/diagnostics/flow/flowModel';
import { grpcRetryPolicy } from '../server/src/service/diagnostics/rules/grpcRetryPolicy';
import { requestWithoutTimeout } from '../server/src/service/diagnostics/rules/requestWithoutTimeout';
import { retryAmplification } from '../server/src/service/diagnostics/rules/retryAmplification';
import { retryDelayUnit } from '../server/src/service/diagnostics/rules/retryDelayUnit';
import { ErrorCodeLanguageService } from '../server/src/service/languageService';
import { grammarFor } from '../server/src/service/parsing/grammars';
import { normalizeSettings } from '../server/src/service/settings';
import { generateSource } from './generate';

const RULES = { 'request-without-timeout': requestWithoutTimeout, 'retry-delay-unit': retryDelayUnit, 'retry-amplification': retryAmplification, 'grpc-retry-policy': grpcRetryPolicy };

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 10000);
  const service = new ErrorCodeLanguageService();
  for (const lang of ['python', 'typescript', 'go', 'java'] as const) {
    const text = generateSource(lang, lines);
    const uri = `file:///bench/rule-cost.${lang}`;
    await service.open({ uri, languageId: lang, version: 1, text });
    const started = performance.now();
    service.diagnostics(uri);
    const whole = performance.now() - started;
    // The service's own parsed document (internal): the rules read the same tree the service analysed.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = (service as unknown as { documents: Map<string, any> }).documents.get(uri);
    const ctx = new DiagContext(doc, buildFlow(doc.tree, text, grammarFor(lang)!), service.occurrences(uri), service.registry, normalizeSettings({}));
    const parts = Object.entries(RULES).map(([id, rule]) => {
      const t = performance.now();
      const found = rule(ctx).length;
      return `${id} ${(performance.now() - t).toFixed(1)} ms (${found})`;
    });
    console.log(`${lang} ${lines} lines: whole analysis ${whole.toFixed(0)} ms; ${parts.join('; ')}`);
    service.close(uri);
  }
}

void main();
