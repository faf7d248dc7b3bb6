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
  /** An SDK that builds its own HTTP client without a timeout: how its construction is recognised (goSdkClients.ts). */
  sdkClient?: {
    /** Regular expression over the import path. */
    importPath: string;
    /** The package clause's name, used when the import has no alias. */
    packageName: string;
    constructors: string[];
    /** Options that hand the SDK a client of the caller's (`WithHTTPClient`). */
    clientOptions?: string[];
    /** Fields through which the caller replaces the client later (`bot.Client = …`). */
    clientFields?: string[];
    /** The argument that takes the caller's client: the SDK builds its own only when it is `nil`. */
    nilClientArgument?: number;
    /** The SDK's calls take a context, which may bound them. */
    callsTakeContext: boolean;
  };
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

/**
 * The constructor names of the SDKs that build a client without a timeout, for the CLI's pre-filter: a file whose
 * only request is `tgbotapi.NewBotAPI(token)` names no code. (`New` and `NewClient` are left out: half the packages
 * of Go have one, and the pre-filter sees words, not packages.)
 */
export function sdkConstructorWords(): string[] {
  return [...new Set(allTimeoutFacts().flatMap((f) => f.sdkClient?.constructors ?? []).filter((c) => !/^New(Client)?$/.test(c)))];
}
