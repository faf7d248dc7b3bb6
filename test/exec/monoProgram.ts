/**
 * The C# retry template run under Mono 6.8 (Debian mono-mcs, mono-devel; scripts/setup-exec.sh installs them).
 * Mono's compiler (mcs) stops at C# 7.x and its class library predates .NET 6, so the template cannot compile
 * there unchanged. The program applies exactly these rewrites — each asserted, so a template change fails
 * loudly — and runs the rest as written:
 *   - C# 9 target-typed `new() { … }` / `new(comparer) { … }`  → `new HashSet<T> …`
 *   - C# 9 `is not` patterns                                    → `!(x is T)`
 *   - C# 8 nullable annotation `string?`                        → `string`
 *   - .NET 6 `Random.Shared`                                    → one static `Random`
 *   - C# 7.1 async Main                                         → a sync Main that waits (the main is ours, not the template's)
 * What cannot run under Mono at all: the .NET 8 SDK program (top-level statements, `using var`, ranges;
 * test/exec/programs.ts `csharp-httpclient`), and the Polly / Microsoft.Extensions.Http.Resilience
 * configuration fixes (those packages are NuGet-only, not in Debian).
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { ProgramVariant } from './programs';
import { run, unavailableReason } from './runners';

export const MONO_REWRITES: [RegExp, string, string][] = [
  [/HashSet<int> RetryableStatuses = new\(\) \{/, 'HashSet<int> RetryableStatuses = new HashSet<int> {', 'target-typed new (C# 9)'],
  [/new\(StringComparer\.OrdinalIgnoreCase\)/, 'new HashSet<string>(StringComparer.OrdinalIgnoreCase)', 'target-typed new (C# 9)'],
  [/e\.InnerException is not AuthenticationException/, '!(e.InnerException is AuthenticationException)', 'is not pattern (C# 9)'],
  [/if \(wait is not TimeSpan delay\)/, 'if (!(wait is TimeSpan delay))', 'is not pattern (C# 9)'],
  [/string\? value/, 'string value', 'nullable reference annotation (C# 8)'],
  [/Random\.Shared\.NextDouble\(\)/, 'Jitter.NextDouble()', 'Random.Shared (.NET 6 API)'],
  [/static class HttpRetry\n\{/, 'static class HttpRetry\n{\n    static readonly Random Jitter = new Random();', 'the Random that replaces Random.Shared'],
];

/** Applies the rewrites that match (a fixed program holds the same helper); returns the text and which applied. */
export function monoDownlevel(text: string): { text: string; applied: string[] } {
  const applied: string[] = [];
  for (const [from, to, what] of MONO_REWRITES) {
    if (!from.test(text)) continue;
    text = text.replace(from, to);
    applied.push(what);
  }
  return { text, applied };
}

export const monoUnavailable = async (): Promise<string | undefined> =>
  (await unavailableReason('mcs', ['--version'], 'Mono C# compiler (Debian mono-mcs)')) ?? (await unavailableReason('mono', ['--version'], 'Mono runtime (Debian mono-devel)'));

/** Compiles one C# file with Mono's mcs (C# 7.2, System.Net.Http) into dir; the program to run. */
export async function buildWithMono(dir: string, source: string): Promise<{ command: string; args: string[] }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'Program.cs');
  fs.writeFileSync(file, source);
  const exe = path.join(dir, 'program.exe');
  const built = await run('mcs', ['-langversion:7.2', '-r:System.Net.Http.dll', `-out:${exe}`, file], { cwd: dir, timeoutMs: 120_000 });
  if (built.code !== 0) throw new Error(`mcs failed: ${built.stdout}${built.stderr}\n--- source ---\n${source}`);
  return { command: 'mono', args: [exe] };
}

const MAIN = `public static class Program
{
    // Mono 6.8 can hang at shutdown with HttpClient's threads still alive; the outcome is printed by then, so
    // the process ends explicitly once it is flushed.
    public static int Main(string[] args)
    {
        int code = Run(args).GetAwaiter().GetResult();
        Console.Out.Flush();
        Environment.Exit(code);
        return code;
    }

    static async Task<int> Run(string[] args)
    {
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            Func<HttpRequestMessage> create = () =>
            {
                var request = new HttpRequestMessage(new HttpMethod(args[0]), args[1]);
                if (args[0] == "POST") request.Content = new StringContent("{}");
                if (args.Length > 6) request.Headers.Add("Idempotency-Key", args[6]);
                return request;
            };
            try
            {
                using (var response = await HttpRetry.SendAsync(client, create, int.Parse(args[2]),
                    TimeSpan.FromMilliseconds(int.Parse(args[3])), TimeSpan.FromMilliseconds(int.Parse(args[4])),
                    TimeSpan.FromMilliseconds(int.Parse(args[5]))))
                {
                    Console.WriteLine("STATUS " + (int)response.StatusCode);
                }
            }
            catch (Exception e)
            {
                Console.WriteLine("ERROR " + e.Message);
                return 3;
            }
        }
        return 0;
    }
}`;

export const monoVariant: ProgramVariant = {
  name: 'csharp-mono',
  templateId: 'retry-csharp',
  unavailable: monoUnavailable,
  source: () => {
    const t = templateById('retry-csharp');
    if (!t) throw new Error('no template retry-csharp');
    let helper = renderTemplate(t.helper, { snippet: false });
    for (const [from, to, what] of MONO_REWRITES) {
      if (!from.test(helper)) throw new Error(`template changed: the ${what} rewrite for Mono no longer applies (${from})`);
      helper = helper.replace(from, to);
    }
    return `${[...new Set(t.imports)].join('\n')}\n\n${helper}\n\n${MAIN}\n`;
  },
  prepare: (dir) => buildWithMono(dir, monoVariant.source()),
};
