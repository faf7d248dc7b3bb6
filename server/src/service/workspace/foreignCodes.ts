import type { ForeignCode, ForeignCodes } from '../spotting/foreignCodeUses';
import { samePackage } from './moduleResolution';
import type { DeclaredCode, FileSummary, ImportBinding } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';

/*
 * The codes other files declare (their summaries' `codes`) as one file may write them, from its imports and its
 * package: a name imported from the declaring file (`from .const import API_ERR_CODE_UNAUTH`, `import { RATE_LIMITED }
 * from './codes'`, Java's `import static …Codes.TOO_MANY`), a member of an imported module (`const.API_ERR_CODE_UNAUTH`,
 * Go's `api.StatusRateLimited`), a member of a type of an imported or the same package or namespace
 * (`CloseType.RateLimited`, `HttpCodes.TooManyRequests`), a Go constant of the same package (bare). Re-exports are
 * followed three files deep. A name written one way that two files declare with different codes is left out.
 */

/** At most this many names per file. */
const MAX_CODES = 2000;

/** The codes `summary`'s file can read from other files; undefined when there are none. */
export function resolveForeignCodes(index: WorkspaceIndex, summary: FileSummary): ForeignCodes | undefined {
  const found = new Map<string, ForeignCode & { name: string }>();
  const clashing = new Set<string>();
  const add = (name: string, uri: string, code: DeclaredCode, qualifier: string, owned = false): void => {
    if (uri === summary.uri || found.size >= MAX_CODES) return;
    const key = `${qualifier}|${name}|${owned}`;
    const known = found.get(key);
    if (clashing.has(key) || (known && known.code === code.code && known.kind === code.kind)) return;
    if (known) {
      found.delete(key);
      clashing.add(key);
      return;
    }
    found.set(key, { name, code: code.code, kind: code.kind, ...(code.byUse ? { byUse: true } : {}), qualifier, ...(owned ? { owned } : {}), uri });
  };
  const codesOf = (uri: string): readonly DeclaredCode[] => (uri !== summary.uri && index.hasCodes(uri) ? index.get(uri)?.codes ?? [] : []);
  const language = summary.language;

  // A module, namespace or package reached as a whole under a local name (or, `*`, with its names).
  const wholeModule = (uri: string, local: string): void => {
    for (const c of codesOf(uri)) {
      if (local === '*') {
        if (c.owner) add(c.name, uri, c, c.owner, true);
        else if (language === 'kotlin') add(c.name, uri, c, '');
      } else add(c.name, uri, c, c.owner ? `${local}.${c.owner}` : local);
    }
  };
  // A name imported from a module: a constant, or a type whose members are codes; followed through re-exports.
  const member = (from: FileSummary, binding: ImportBinding, local: string, depth: number): void => {
    for (const uri of index.resolve(from, binding)) {
      if (uri === summary.uri) continue;
      if (language === 'python' && (uri.endsWith(`/${binding.member}.py`) || uri.endsWith(`/${binding.member}/__init__.py`))) {
        wholeModule(uri, local);
        continue;
      }
      let any = false;
      for (const c of codesOf(uri)) {
        if (!c.owner && c.name === binding.member) add(local, uri, c, '');
        else if (c.owner === binding.member) add(c.name, uri, c, local);
        else continue;
        any = true;
      }
      const target = index.get(uri);
      if (any || !target || depth >= 3) continue;
      for (const again of target.imports) {
        if (again.local === binding.member && again.member !== '*') member(target, again, local, depth + 1);
        else if (again.local === '*' && again.reexport) member(target, { ...again, member: binding.member }, local, depth + 1);
      }
    }
  };
  // Java/Kotlin static imports name a class's member (`import static com.acme.Codes.TOO_MANY;`, `…Codes.*`).
  const staticMember = (binding: ImportBinding): void => {
    const cut = binding.module.lastIndexOf('.');
    const owner = binding.module.slice(cut + 1);
    if (cut < 0 || !/^[A-Z]/.test(owner)) return;
    for (const uri of index.resolve(summary, { local: owner, module: binding.module.slice(0, cut), member: owner })) {
      for (const c of codesOf(uri)) if (c.owner === owner && (binding.member === '*' || c.name === binding.member)) add(binding.member === '*' ? c.name : binding.local, uri, c, '');
    }
  };

  for (const binding of summary.imports) {
    if (binding.reexport && binding.local === '*') continue;
    if (binding.member === '*' || binding.member === 'default') {
      const targets = index.resolve(summary, binding);
      if (targets.length === 0 && (language === 'java' || language === 'kotlin')) staticMember(binding);
      for (const uri of targets) wholeModule(uri, binding.local);
      // `import HttpCodes from './codes'`: the default export, when the module's codes belong to one table.
      if (binding.member === 'default') {
        for (const uri of targets) {
          const owners = new Set(codesOf(uri).map((c) => c.owner ?? ''));
          if (owners.size === 1 && [...owners][0]) for (const c of codesOf(uri)) add(c.name, uri, c, binding.local);
        }
      }
    } else if ((language === 'java' || language === 'kotlin') && index.resolve(summary, binding).length === 0) staticMember(binding);
    else member(summary, binding, binding.local, 0);
  }
  for (const uri of samePackage(index, summary)) {
    for (const c of codesOf(uri)) {
      if (c.owner) add(c.name, uri, c, c.owner, true);
      else if (language === 'go' || language === 'kotlin') add(c.name, uri, c, '');
    }
  }
  if (found.size === 0) return undefined;
  const byName = new Map<string, ForeignCode[]>();
  for (const { name, ...code } of found.values()) byName.set(name, [...(byName.get(name) ?? []), code]);
  const key = [...found.values()].map((c) => `${c.qualifier}.${c.name}${c.owned ? '*' : ''}=${c.kind}:${c.code}${c.byUse ? '?' : ''}@${c.uri}`).sort().join(',');
  return { byName, key };
}
