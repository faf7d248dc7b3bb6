import data from '../../../../data/request-timeouts.json';
import type { TimeoutLibrary } from './unbounded';

/** One library's documented behaviour when no timeout is set (server/data/request-timeouts.json). */
export interface TimeoutFact {
  id: string;
  language: string;
  name: string;
  /** null: waits for ever. */
  defaultSeconds: number | null;
  option: string;
  /** What the documentation says, in our words. */
  behaviour: string;
  source: { library: string; version: string; file: string };
}

const FACTS = new Map<string, TimeoutFact>((data.libraries as TimeoutFact[]).map((f) => [f.id, f]));

/** The documented facts for a library the timeout model reports on; a missing entry is a bug in the data. */
export function timeoutFact(library: TimeoutLibrary): TimeoutFact {
  const fact = FACTS.get(library);
  if (!fact) throw new Error(`server/data/request-timeouts.json has no entry ${library}`);
  return fact;
}

export function allTimeoutFacts(): readonly TimeoutFact[] {
  return [...FACTS.values()];
}
