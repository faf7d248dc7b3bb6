import type { DiagContext } from '../context';
import type { CallInfo } from '../flow/flowModel';
import { parameterNames } from '../branches';
import { escapeRegExp } from '../regexText';
import type { OuterRetry } from './outerRetries';
import type { SdkClient } from './sdkClients';

/**
 * Python modules whose error types only an SDK's own calls raise, per SDK id (server/data/sdk-retries.json): botocore's
 * `ClientError` comes from a boto3 call, `openai.RateLimitError` from an OpenAI call.
 */
const ERROR_MODULES: Record<string, RegExp> = {
  boto3: /^botocore(\.exceptions)?$/,
  'openai-python': /^openai$/,
  'anthropic-python': /^anthropic$/,
};

/** .NET: exception types only one SDK's calls throw (Azure.Core's `RequestFailedException`, namespace `Azure`), per SDK id. */
const CSHARP_ERRORS: Record<string, { type: string; namespace: string }> = {
  'azure-dotnet': { type: 'RequestFailedException', namespace: 'Azure' },
};

/**
 * A retry wrapper that re-runs the operation it is handed (`call_and_retry(fn, *args)` calling `fn(*args)` in a loop
 * that catches botocore's `ClientError` for throttling, a C# `Retry(Func<Task> op)` catching Azure's
 * `RequestFailedException`) while catching an error type only one SDK raises: the operation is that SDK's call, which
 * retries itself before the wrapper sees the error. Python and C# (a JavaScript catch names no type). The SDK's client
 * is not in view, so its default retries are assumed.
 */
export function callbackSdkCall(ctx: DiagContext, outer: OuterRetry, clients: readonly SdkClient[]): { client: SdkClient; call: CallInfo } | undefined {
  const grammar = ctx.flow.grammarName;
  if (grammar !== 'python' && grammar !== 'c-sharp') return undefined;
  const fn = ctx.flow.fns.find((f) => f.start <= outer.body.startIndex && f.end >= outer.body.endIndex && f.node.id !== outer.body.id) ?? ctx.flow.fns.find((f) => f.node.id === outer.body.id);
  if (!fn) return undefined;
  const params = parameterNames(fn);
  params.delete('self');
  params.delete('cls');
  const call = ctx.flow.calls.find((c) => !c.receiver && params.has(c.name) && c.start >= outer.body.startIndex && c.end <= outer.body.endIndex);
  if (!call) return undefined;
  for (const type of outer.catches) {
    const id = grammar === 'c-sharp' ? csharpSdkOfType(ctx.flow.text, type) : sdkOfType(ctx.flow.text, type);
    const client = id ? clients.find((c) => c.fact.id === id && !c.name) : undefined;
    if (client) return { client, call };
  }
  return undefined;
}

/** The SDK whose module a caught type comes from: written dotted (`openai.RateLimitError`) or imported by name. */
function sdkOfType(text: string, type: string): string | undefined {
  const dot = type.lastIndexOf('.');
  const module = dot > 0 ? type.slice(0, dot) : importedFrom(text, type);
  if (!module) return undefined;
  return Object.keys(ERROR_MODULES).find((id) => ERROR_MODULES[id].test(module));
}

/** `RequestFailedException` under `using Azure;`, or written `Azure.RequestFailedException`: Azure.Core's. */
function csharpSdkOfType(text: string, type: string): string | undefined {
  const last = type.split('.').pop() ?? type;
  const qualifier = type.includes('.') ? type.slice(0, type.lastIndexOf('.')) : undefined;
  return Object.keys(CSHARP_ERRORS).find((id) => {
    const known = CSHARP_ERRORS[id];
    if (known.type !== last) return false;
    return qualifier !== undefined ? qualifier === known.namespace || qualifier === `global::${known.namespace}` : new RegExp(`^\\s*using\\s+${known.namespace}\\s*;`, 'm').test(text);
  });
}

/** `from botocore.exceptions import ClientError` → `botocore.exceptions`. */
function importedFrom(text: string, name: string): string | undefined {
  return new RegExp(`^\\s*from\\s+([\\w.]+)\\s+import\\s+[^\\n]*\\b${escapeRegExp(name)}\\b`, 'm').exec(text)?.[1];
}
