import type { CallInfo, FileFlow } from './flow/flowModel';
import type { HttpLibrary, HttpMethod } from './findingData';

/*
 * SDK calls known by their shape rather than by a client's name: go-github's service calls (`c.Issues.ListByRepo(ctx,
 * …)`) and Octokit's route requests (`octokit.request('GET /repos/{owner}/{repo}')`).
 */

/**
 * A go-github service call (`c.Repositories.Edit(ctx, …)`, `client.Gists.List(ctx, user, opts)`) in a file importing
 * go-github: the service is a capitalised field of the client and the first argument a context. The method follows
 * the operation's name (List/Get read, Create posts, Edit patches, Delete deletes).
 */
export function goGithubCall(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod; inferred: 'sdk' } | undefined {
  if (!call.receiver || !/^[a-z_]\w*(\.[a-z_]\w*)*\.[A-Z]\w*$/.test(call.receiver) || !flow.imports.some((m) => m.startsWith('github.com/google/go-github'))) return undefined;
  const first = flow.adapter.callArguments(call.node)[0];
  if (!first || !/^(ctx|context\.(Background|TODO)\(\)|\w*[cC]tx)$/.test(first.text)) return undefined;
  const verb = /^(List|Get|Create|Add|Edit|Update|Delete|Remove)/.exec(call.name)?.[1];
  const method: HttpMethod = verb === 'Create' || verb === 'Add' ? 'POST' : verb === 'Edit' || verb === 'Update' ? 'PATCH' : verb === 'Delete' || verb === 'Remove' ? 'DELETE' : verb ? 'GET' : 'UNKNOWN';
  // (An SDK's call, read like the other SDKs' in loops and wrappers; what it does outside them is the SDK's.)
  return { library: 'unknown', method, inferred: 'sdk' };
}

/** The method of an Octokit route string handed as the first argument (`'GET /repos/{owner}/{repo}'`). */
export function octokitRoute(flow: FileFlow, call: CallInfo): HttpMethod | undefined {
  const first = flow.adapter.callArguments(call.node)[0];
  if (!first || !/^(string|template_string)$/.test(first.type)) return undefined;
  const m = /^['"`](GET|POST|PUT|PATCH|DELETE|HEAD) \/[\w{}/.:-]*['"`]$/.exec(first.text);
  return m ? (m[1] as HttpMethod) : undefined;
}
