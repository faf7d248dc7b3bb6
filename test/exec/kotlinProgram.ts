/**
 * The Kotlin OkHttp retry template, compiled by Debian's kotlinc (`kotlin`, 1.3.31) against Debian's OkHttp 3.13
 * (`libokhttp-java`) and run on the JVM (scripts/setup-exec.sh installs both): the rendered helper + a main that sends
 * METHOD URL through `executeWithRetry` and prints `STATUS <n>` or `ERROR …` (exit 3).
 *   argv: METHOD URL ATTEMPTS BASE_MS CAP_MS RETRY_AFTER_CAP_MS [IDEMPOTENCY_KEY]
 *
 * The template is written for OkHttp 4, whose Kotlin API reads `response.code` and `request.method` as properties;
 * OkHttp 3 (the one Debian packages) has Java methods `code()` and `method()`. The program rewrites exactly those two
 * reads (OKHTTP3_REWRITES); nothing else differs. Compiling takes about 5 s here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { Prepared, ProgramVariant } from './programs';
import { run, unavailableReason } from './runners';

const JARS = ['/usr/share/java/okhttp.jar', '/usr/share/java/okio.jar'];
const STDLIB = '/usr/share/java/kotlin-stdlib.jar';

/** OkHttp 4 property reads → OkHttp 3 method calls. */
export const OKHTTP3_REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/\b(response|request)\.(code|method)\b(?!\s*\()/g, '$1.$2()'],
];

const KOTLIN_MAIN = `fun main(args: Array<String>) {
    val method = args[0]
    val client = OkHttpClient.Builder()
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(10, TimeUnit.SECONDS)
        .retryOnConnectionFailure(false)
        .build()
    val body = if (method == "POST" || method == "PUT" || method == "PATCH") RequestBody.create(MediaType.parse("application/json"), "{}") else null
    val builder = Request.Builder().url(args[1]).method(method, body)
    if (args.size > 6) builder.header("Idempotency-Key", args[6])
    try {
        val response = executeWithRetry(client, builder.build(), args[2].toInt(), args[3].toLong(), args[4].toLong(), args[5].toLong())
        println("STATUS " + response.code)
        response.close()
    } catch (e: Exception) {
        println("ERROR " + e)
        System.exit(3)
    }
}`;

/** Compiles a Kotlin program (OkHttp 4 reads rewritten for OkHttp 3) into dir; the command runs its main. */
export async function compileKotlin(dir: string, text: string, mainClass: string): Promise<Prepared> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${mainClass.replace(/Kt$/, '')}.kt`);
  const jar = path.join(dir, 'program.jar');
  let rewritten = text;
  for (const [pattern, replacement] of OKHTTP3_REWRITES) rewritten = rewritten.replace(pattern, replacement);
  fs.writeFileSync(file, rewritten);
  const compiled = await run('kotlinc', ['-nowarn', '-cp', JARS.join(':'), file, '-d', jar], { timeoutMs: 120_000 });
  if (compiled.code !== 0) throw new Error(`kotlinc failed: ${compiled.stderr || compiled.stdout}\n--- source ---\n${rewritten}`);
  return { command: 'java', args: ['-cp', [jar, STDLIB, ...JARS].join(':'), mainClass] };
}

function source(): string {
  const template = templateById('retry-okhttp-kotlin');
  if (!template) throw new Error('no template retry-okhttp-kotlin');
  const imports = [...template.imports, 'import java.util.concurrent.TimeUnit', 'import okhttp3.MediaType', 'import okhttp3.RequestBody'];
  return `${[...new Set(imports)].join('\n')}\n\n${renderTemplate(template.helper, { snippet: false })}\n\n${KOTLIN_MAIN}\n`;
}

export const kotlinVariant: ProgramVariant = {
  name: 'kotlin-okhttp',
  templateId: 'retry-okhttp-kotlin',
  unavailable: async () => {
    const missing = [...JARS, STDLIB].find((jar) => !fs.existsSync(jar));
    if (missing) return `${missing} is missing (Debian libokhttp-java / kotlin)`;
    return unavailableReason('kotlinc', ['-version'], 'Kotlin (Debian kotlin)');
  },
  source,
  prepare: (dir) => compileKotlin(dir, source(), 'RetryKt'),
};
