import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { exceptionPosition } from './exceptionPositions';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * A cloud service's error codes as its SDK's exception classes. The AWS SDKs model each error a service answers with
 * as a class of the service's model namespace, named for the code: C# `using Amazon.SimpleEmailV2.Model;` then
 * `catch (MessageRejectedException)`, Java `import software.amazon.awssdk.services.s3.model.NoSuchKeyException;`
 * (or v1's `com.amazonaws.services.s3.model.…`). Where such a class stands as an exception type (exceptionPositions.ts)
 * it is the service's code, by the class's own name. The SDK's base classes (`AmazonServiceException`,
 * `AmazonSimpleEmailServiceV2Exception`, Java's `S3Exception`) name no code, and in C#, whose `using` names no class,
 * the platform's own exceptions caught beside them (`InvalidOperationException`, `TaskCanceledException`) are not the service's.
 */

/** C#: a service model namespace the file uses. */
const CSHARP_MODEL = /^[ \t]*using[ \t]+Amazon\.\w+\.Model[ \t]*;/m;
/** Java: a class imported from a service's model package (SDK v2, then v1), with the service's id. */
const JAVA_MODEL = /^[ \t]*import[ \t]+(?:software\.amazon\.awssdk\.services|com\.amazonaws\.services)\.([\w.]+?)\.model\.(\w+Exception)[ \t]*;/gm;
/** Candidates: a capitalised word ending in Exception. */
const CANDIDATE = /(?<![\w$.])[A-Z][A-Za-z0-9]*Exception(?![\w$])/g;
/** The SDK's base and client-side classes: no code of a service. */
const SDK_BASE = /^(Amazon\w*|Aws\w*|Sdk\w*)Exception$/;
/** .NET's own exceptions a C# file may catch beside a service's (the catalogued ones are spotted before this runs). */
const DOTNET_OWN =
  /^(System|Argument\w*|InvalidOperation|InvalidCast|NotSupported|NotImplemented|OperationCanceled|TaskCanceled|Timeout|IO|FileNotFound|DirectoryNotFound|UnauthorizedAccess|Json|Format|NullReference|KeyNotFound|IndexOutOfRange|ObjectDisposed|Aggregate|Overflow|DivideByZero|Security|Cryptographic|Serialization|Configuration|Http\w*|Socket|Web|Db\w*|Sql\w*|Validation)Exception$/;

export interface CloudSdkExceptionSite {
  code: string;
  site: Node;
  role: OccurrenceRole;
}

/** Cheap test: the file uses an AWS SDK's service model. */
export function mayCatchCloudSdkExceptions(language: 'csharp' | 'java', text: string): boolean {
  return language === 'csharp' ? CSHARP_MODEL.test(text) : /\.model\.\w+Exception\s*;/.test(text);
}

/** Each AWS service exception class in [from, to) that stands as an exception type; `visit` returns false to stop. */
export function findCloudSdkExceptions(
  language: 'csharp' | 'java',
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  visit: (site: CloudSdkExceptionSite) => boolean,
): void {
  const known = language === 'java' ? javaModelClasses(text) : undefined;
  const candidate = new RegExp(CANDIDATE.source, 'g');
  candidate.lastIndex = from;
  for (let match = candidate.exec(text); match && match.index < to; match = candidate.exec(text)) {
    const name = match[0];
    if (SDK_BASE.test(name) || (known ? !known.has(name) : DOTNET_OWN.test(name) || declaredHere(name, text))) continue;
    const node = root.descendantForIndex(match.index, match.index + name.length);
    if (!node || node.startIndex !== match.index || node.endIndex !== match.index + name.length || !/identifier/.test(node.type)) continue;
    const at = exceptionPosition(node, reader, s);
    if (!at || taken(at.site.startIndex) || taken(node.startIndex)) continue;
    if (!visit({ code: name, site: at.site, role: at.role })) break;
  }
}

/** Java: the service exceptions the file imports by name, without each service's base class (`S3Exception`). */
function javaModelClasses(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(JAVA_MODEL)) {
    const service = m[1].split('.').pop() ?? '';
    if (m[2].toLowerCase() !== `${service.toLowerCase()}exception`) names.add(m[2]);
  }
  return names;
}

/** A class of the file's own: `class QuotaException : Exception`. */
function declaredHere(name: string, text: string): boolean {
  return new RegExp(String.raw`\bclass\s+${name}\b`).test(text);
}
