/**
 * Builds, at test time and FROM THE TEMPLATES (plain render), one small program per language
 * variant: the rendered helper + a main that sends METHOD URL through the helper and prints the
 * final `STATUS <n>` (or `ERROR <detail>`, exit 3).
 *   argv: METHOD URL ATTEMPTS BASE_MS CAP_MS RETRY_AFTER_CAP_MS [IDEMPOTENCY_KEY]
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import { LIBRARY_VARIANTS } from './libraryPrograms';
import { monoVariant } from './monoProgram';
import { kotlinVariant } from './kotlinProgram';
import { phpVariant } from './phpProgram';
import { rubyVariant } from './rubyProgram';
import { rustBlockingVariant, rustUreqVariant, rustVariant } from './rustProgram';
import { PYTHON, pythonModuleMissing, run, unavailableReason } from './runners';

export interface Prepared {
  command: string;
  args: string[];
}

export interface ProgramVariant {
  name: string;
  templateId: string;
  /** undefined when the runtime is here, else why not. */
  unavailable(): Promise<string | undefined>;
  /** The program source, built from the template. */
  source(): string;
  /** Writes (and if needed compiles) the program into dir. */
  prepare(dir: string): Promise<Prepared>;
}

function helperOf(id: string): { imports: string[]; helper: string } {
  const template = templateById(id);
  if (!template) throw new Error(`no template ${id}`);
  return { imports: template.imports, helper: renderTemplate(template.helper, { snippet: false }) };
}

const unique = (lines: string[]): string => [...new Set(lines)].join('\n');

function write(dir: string, file: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, text);
  return target;
}

function python(id: string, module: string, debianPackage: string, main: string): ProgramVariant {
  const source = () => {
    const { imports, helper } = helperOf(id);
    return `${unique([...imports, 'import sys'])}\n\n\n${helper}\n\n\n${main}\n`;
  };
  return {
    name: `python-${module}`,
    templateId: id,
    unavailable: () => pythonModuleMissing(module, debianPackage),
    source,
    prepare: async (dir) => ({ command: PYTHON, args: [write(dir, `${module}_retry.py`, source())] }),
  };
}

const PY_ARGS = `method, url, attempts, base_ms, cap_ms, ra_cap_ms = sys.argv[1:7]
    key = sys.argv[7] if len(sys.argv) > 7 else None
    headers = {"Idempotency-Key": key} if key else {}
    policy = dict(max_attempts=int(attempts), base_delay=int(base_ms) / 1000, max_delay=int(cap_ms) / 1000,
                  retry_after_cap=int(ra_cap_ms) / 1000)
    body = b"{}" if method == "POST" else None`;

const PY_SYNC_MAIN = (helper: string, client: string, bodyArg: string) => `def main():
    ${PY_ARGS}
    try:
        response = ${helper}(${client}, method, url, headers=headers, timeout=10, ${bodyArg}=body, **policy)
    except Exception as error:
        print("ERROR", repr(error))
        sys.exit(3)
    print("STATUS", response.status_code)


main()`;

const PY_AIOHTTP_MAIN = `async def main():
    ${PY_ARGS}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        try:
            response = await aiohttp_request_with_retry(session, method, url, headers=headers, data=body, **policy)
        except Exception as error:
            print("ERROR", repr(error))
            sys.exit(3)
        print("STATUS", response.status)
        response.release()


asyncio.run(main())`;

const NODE_MAIN = (ts: boolean) => `async function main()${ts ? ': Promise<void>' : ''} {
  const [method, url, attempts, baseMs, capMs, raCapMs, key] = process.argv.slice(2);
  try {
    const response = await fetchWithRetry(
      url,
      { method, headers: key ? { 'Idempotency-Key': key } : {}, body: method === 'POST' ? '{}' : undefined, signal: AbortSignal.timeout(10_000) },
      { maxAttempts: Number(attempts), baseDelayMs: Number(baseMs), maxDelayMs: Number(capMs), retryAfterCapMs: Number(raCapMs) },
    );
    console.log(\`STATUS \${response.status}\`);
  } catch (error) {
    console.log(\`ERROR \${String((error as { cause?: unknown })?.cause ?? error)}\`);
    process.exit(3);
  }
}

main();`;

function node(ts: boolean): ProgramVariant {
  const id = ts ? 'retry-fetch-ts' : 'retry-fetch';
  const source = () => {
    const { helper } = helperOf(id);
    const main = ts ? NODE_MAIN(true) : NODE_MAIN(false).replace(' as { cause?: unknown }', '');
    return `${helper}\n\n${main}\n`;
  };
  return {
    name: ts ? 'node-fetch-ts' : 'node-fetch-js',
    templateId: id,
    unavailable: async () => (typeof fetch === 'function' ? undefined : 'global fetch missing (Node < 18)'),
    source,
    prepare: async (dir) => {
      const file = write(dir, ts ? 'fetch_retry.mts' : 'fetch_retry.mjs', source());
      return ts
        ? { command: process.execPath, args: ['--import', 'tsx', file] }
        : { command: process.execPath, args: [file] };
    },
  };
}

const GO_MAIN = `func main() {
	method, url := os.Args[1], os.Args[2]
	attempts, _ := strconv.Atoi(os.Args[3])
	ms := func(s string) time.Duration { v, _ := strconv.Atoi(s); return time.Duration(v) * time.Millisecond }
	var body io.Reader
	if method == "POST" {
		body = strings.NewReader("{}")
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	if len(os.Args) > 7 {
		req.Header.Set("Idempotency-Key", os.Args[7])
	}
	policy := retryPolicy{maxAttempts: attempts, baseDelay: ms(os.Args[4]), maxDelay: ms(os.Args[5]), retryAfterCap: ms(os.Args[6])}
	resp, err := policy.do(&http.Client{Timeout: 10 * time.Second}, req)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	resp.Body.Close()
	fmt.Println("STATUS", resp.StatusCode)
}`;

const goVariant: ProgramVariant = {
  name: 'go-net-http',
  templateId: 'retry-go',
  unavailable: () => unavailableReason('go', ['version'], 'Go toolchain (Debian golang-go)'),
  source: () => {
    const { imports, helper } = helperOf('retry-go');
    return `package main\n\n${unique([...imports, 'import "fmt"', 'import "os"'])}\n\n${helper}\n\n${GO_MAIN}\n`;
  },
  prepare: async (dir) => {
    const file = write(dir, 'main.go', goVariant.source());
    const binary = path.join(dir, 'retry-go');
    const env = { ...process.env, GOCACHE: path.join(dir, '.gocache'), GOPATH: path.join(dir, '.gopath'), GOFLAGS: '-mod=mod', GO111MODULE: 'on' };
    const built = await run('go', ['build', '-o', binary, file], { cwd: dir, env, timeoutMs: 120_000 });
    if (built.code !== 0) throw new Error(`go build failed: ${built.stderr}`);
    return { command: binary, args: [] };
  },
};

const JAVA_MAIN = `public class Main {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest.BodyPublisher body = args[0].equals("POST")
                ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[1]))
                .timeout(Duration.ofSeconds(10))
                .method(args[0], body);
        if (args.length > 6) {
            request.header("Idempotency-Key", args[6]);
        }
        try {
            HttpResponse<String> response = HttpRetry.send(client, request.build(), HttpResponse.BodyHandlers.ofString(),
                    Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[3])),
                    Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])));
            System.out.println("STATUS " + response.statusCode());
        } catch (IOException e) {
            System.out.println("ERROR " + e);
            System.exit(3);
        }
    }
}`;

const javaVariant: ProgramVariant = {
  name: 'java-net-http',
  templateId: 'retry-java',
  unavailable: () => unavailableReason('java', ['-version'], 'Java 11+ (Debian openjdk-17)'),
  source: () => {
    const { imports, helper } = helperOf('retry-java');
    return `${unique([...imports, 'import java.net.URI;'])}\n\n${JAVA_MAIN}\n\n${helper}\n`;
  },
  prepare: async (dir) => ({ command: 'java', args: [write(dir, 'Main.java', javaVariant.source())] }),
};

const CSHARP_MAIN = `var args = Environment.GetCommandLineArgs()[1..];
using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
HttpRequestMessage CreateRequest()
{
    var request = new HttpRequestMessage(new HttpMethod(args[0]), args[1]);
    if (args[0] == "POST") request.Content = new StringContent("{}");
    if (args.Length > 6) request.Headers.Add("Idempotency-Key", args[6]);
    return request;
}
try
{
    using var response = await HttpRetry.SendAsync(client, CreateRequest, int.Parse(args[2]),
        TimeSpan.FromMilliseconds(int.Parse(args[3])), TimeSpan.FromMilliseconds(int.Parse(args[4])),
        TimeSpan.FromMilliseconds(int.Parse(args[5])));
    Console.WriteLine("STATUS " + (int)response.StatusCode);
}
catch (Exception e)
{
    Console.WriteLine("ERROR " + e.Message);
    Environment.Exit(3);
}`;

const csharpVariant: ProgramVariant = {
  name: 'csharp-httpclient',
  templateId: 'retry-csharp',
  unavailable: () => unavailableReason('dotnet', ['--version'], '.NET runtime (not packaged by Debian)'),
  source: () => {
    const { imports, helper } = helperOf('retry-csharp');
    return `${unique(imports)}\n\n${CSHARP_MAIN}\n\n${helper}\n`;
  },
  prepare: async (dir) => {
    write(dir, 'Program.cs', csharpVariant.source());
    write(dir, 'retry.csproj', `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup></Project>\n`);
    const built = await run('dotnet', ['build', '-o', path.join(dir, 'bin')], { cwd: dir, timeoutMs: 120_000 });
    if (built.code !== 0) throw new Error(`dotnet build failed: ${built.stdout}${built.stderr}`);
    return { command: 'dotnet', args: [path.join(dir, 'bin', 'retry.dll')] };
  },
};

export const PROGRAM_VARIANTS: ProgramVariant[] = [
  python('retry-requests', 'requests', 'python3-requests', PY_SYNC_MAIN('request_with_retry', 'requests.Session()', 'data')),
  python('retry-httpx', 'httpx', 'python3-httpx', PY_SYNC_MAIN('httpx_request_with_retry', 'httpx.Client()', 'content')),
  python('retry-aiohttp', 'aiohttp', 'python3-aiohttp', PY_AIOHTTP_MAIN),
  node(false),
  node(true),
  goVariant,
  javaVariant,
  csharpVariant,
  monoVariant,
  rubyVariant,
  phpVariant,
  rustVariant,
  rustBlockingVariant,
  rustUreqVariant,
  kotlinVariant,
  ...LIBRARY_VARIANTS,
];

/** Templates with no runnable program here (none since axios and got became dev dependencies: test/exec/libraryPrograms.ts). */
export const NOT_EXECUTED: Record<string, string> = {};
