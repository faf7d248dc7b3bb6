/*
 * unsafe-retry: what a POST is for, read beyond its own function's name — a second copy of it changes nothing when
 * - the author says so where it is written: a comment in the function or just above it, or a Python docstring, that
 *   calls it idempotent or safe to retry (`// the server re-reads the store's record, so retrying is always safe`) —
 *   not one that says it is not, or asks for it to be made so;
 * - it asks a model for a completion, as its body shows: a `model`, the `messages` or `prompt`, and a sampling setting
 *   (`max_tokens`, `temperature`, `top_p`…) — computed from what is sent, like a search;
 * - it is sent by a helper of the file (`_make_request_with_retry(url, headers, payload)`) whose every caller in the file
 *   only asks: named for reading or computing, building such a completion body, or keeping its answer in a cache
 *   (`@Cacheable fun hentPerson(…) = hentFraPdl(…)`).
 */
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { namedForWriting, queriesOnly } from './requestPurpose';
import { statementOf } from './requestStatements';
import { answerCached } from './repeatEvidence';

/** A statement that repeating it is harmless. */
const STATED_SAFE = /\b(?:is|are|be|being)\s+(?:\w+\s+){0,2}idempotent\b|\bidempotent\s+by\s+design\b|\bsafe\s+to\s+(?:re-?try|re-?send|repeat|replay|call\s+(?:again|twice))\b|\b(?:re-?try|re-?send|repeat)(?:ing|s)?\s+(?:it\s+|this\s+)?(?:is|are)\s+(?:always\s+|also\s+)?(?:safe|harmless)\b/i;
/** …unless the comment says the opposite, or that it is still to be done. */
const DENIED = /\b(?:not|non|never|isn'?t|aren'?t|no\s+longer)[\s-]+(?:\w+\s+)?(?:idempotent|safe)\b|\bunsafe\b|\bTODO\b|\bFIXME\b|\bmake\s+(?:it|this|them)\s+idempotent\b/i;

/** The function (or the named one a closure is written in) and the comments its author wrote in it or just above it. */
export function statedRepeatable(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  const named = namedOwner(fn);
  if (!named) return false;
  return authorNotes(ctx, named).some((note) => STATED_SAFE.test(note) && !DENIED.test(note));
}

/** Comments inside the function, the block right above it (decorators and a declaration's head between), a docstring. */
function authorNotes(ctx: DiagContext, fn: FnInfo): string[] {
  const { flow } = ctx;
  const notes: string[] = [];
  let above = fn.start;
  for (let i = flow.comments.length - 1; i >= 0; i--) {
    const c = flow.comments[i];
    if (c.start >= fn.start && c.end <= fn.end) notes.push(c.text);
    else if (c.end <= above && HEAD_BETWEEN.test(flow.text.slice(c.end, above))) {
      notes.push(c.text);
      above = c.start;
    }
  }
  // (Python's docstring is a string, not a comment.)
  const first = fn.node.childForFieldName('body')?.namedChildren[0];
  if (flow.grammarName === 'python' && first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string') notes.push(first.text);
  return notes;
}

/** What may stand between a comment and the function it documents: blanks, decorators, `export const name = async`. */
const HEAD_BETWEEN = /^(?![\s\S]*\n[ \t]*\n)[^;{}]{0,300}$/;

/** Keys of a model-completion body: the model, what it is asked, and a sampling setting. */
const KEY = (names: string) => new RegExp(`(?:["'\`]|\\b)(?:${names})["'\`]?\\s*[:=]`);
const MODEL_KEY = KEY('model');
const ASKED_KEY = KEY('messages|prompt|contents|input');
const SAMPLING_KEY = KEY('max_tokens|max_output_tokens|max_new_tokens|max_completion_tokens|maxTokens|temperature|top_p|top_k|topP|topK|stop_sequences|num_predict');

/** The text builds a model-completion body. */
export function buildsCompletionBody(text: string): boolean {
  return MODEL_KEY.test(text) && ASKED_KEY.test(text) && SAMPLING_KEY.test(text);
}

/**
 * The POST asks a model for a completion, by the body its function builds or the SDK resource it calls — or, for a call
 * of the file's own helper (`send_request(prompt)`), by what that helper does.
 */
export function asksModel(request: RequestInfo, ctx?: DiagContext): boolean {
  if (modelResourceCall(request)) return true;
  const named = namedOwner(request.call.fn);
  if (named && buildsCompletionBody(named.node.text)) return true;
  const helper = ctx?.flow.fns.find((f) => f.name === request.call.name);
  return !!helper && (MODEL_CALL.test(helper.node.text) || buildsCompletionBody(helper.node.text));
}

/** A model resource's create call with a model, written anywhere in a text. */
const MODEL_CALL = /\.(?:completions|chat|responses|messages|embeddings|moderations)\.(?:create|acreate|generate|stream)\s*\([^)]*\bmodel\s*[=:]/;

/**
 * An AI SDK's completion call: `create` on a model resource (`client.chat.completions.create(model=…, messages=…)`,
 * `client.responses.create(…)`, `client.messages.create(…)`, `embeddings.create`) handed a `model`.
 */
function modelResourceCall(request: RequestInfo): boolean {
  const receiver = request.call.receiver ?? '';
  return /^(create|acreate|generate|stream)$/.test(request.call.name) && MODEL_RESOURCE.test(receiver) && /\bmodel\s*[=:]/.test(request.call.node.text);
}
const MODEL_RESOURCE = /(?:^|\.)(completions|chat|responses|messages|embeddings|moderations)$/;

/**
 * The request is written in a helper of the file, not named for sending, whose every caller here only asks: named for
 * reading or computing, its call naming such a URL, or building a completion body (`chat()` building
 * `{"model": …, "messages": …, "max_tokens": …}` for `self._make_request_with_retry(url, headers, payload)`).
 */
export function callersOnlyAsk(ctx: DiagContext, request: RequestInfo): boolean {
  const helper = namedOwner(request.call.fn);
  // (A helper named for the HTTP verb it sends — `_post_with_retry`, `send_request` — says nothing of its purpose.)
  if (!helper?.name || (namedForWriting(helper.name) && !HTTP_VERB_HELPER.test(helper.name))) return false;
  const calls = ctx.flow.calls.filter((c) => c.name === helper.name && !(c.start >= helper.start && c.end <= helper.end));
  if (calls.length === 0) return false;
  return calls.every((c) => {
    const caller = namedOwner(c.fn);
    if (!caller?.name) return false;
    return queriesOnly(caller.name, statementOf(c.node).text) || buildsCompletionBody(caller.node.text) || statedRepeatable(ctx, caller) || answerCached(caller);
  });
}

const HTTP_VERB_HELPER = /^_?(post|send)(_?(json|request|data|form|with_?retr(y|ies)|retrying|async))*$/i;

function namedOwner(fn: FnInfo | undefined): FnInfo | undefined {
  let f = fn;
  while (f && !f.name && f.parent) f = f.parent;
  return f;
}
