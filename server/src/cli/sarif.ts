import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../service/types';
import type { FileReport } from './checkFiles';
import { FINGERPRINT_KEY, fingerprintsOfFile, type SourceReader } from './fingerprint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Where docs/rules.md is published; each rule's section is its anchor (test/unit/sarif.test.ts checks they exist). */
export const RULES_DOC_URL = 'https://github.com/error-code-insight/error-code-insight/blob/main/docs/rules.md';
const INFORMATION_URI = 'https://github.com/error-code-insight/error-code-insight';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Longer help: the opening of the rule's section in docs/rules.md. */
  help?: string;
  cwe?: number;
}

export interface SarifOptions {
  version: string;
  /** Code scanning keeps one set of alerts per category (`runAutomationDetails.id` up to its last '/'). */
  category?: string;
  /** Folder artifact URIs are relative to (`%SRCROOT%`); the working directory by default. */
  root?: string;
  /** Source of files checked from somewhere other than the disk (`--staged`). */
  read?: SourceReader;
}

/** SARIF 2.1.0 as GitHub code scanning reads it: one run, rule metadata, line-independent fingerprints. */
export function toSarif(reports: readonly FileReport[], rules: readonly RuleInfo[], options: SarifOptions): string {
  const root = options.root ?? process.cwd();
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = reports.flatMap((r) => {
    const fingerprints = fingerprintsOfFile(r.path, r.findings, options.read);
    return r.findings.map((f, i) => ({
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(r.path, root), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
    }));
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Error Code Insight',
            informationUri: INFORMATION_URI,
            version: options.version,
            semanticVersion: options.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `${options.category ?? 'error-code-insight'}/` },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).toString() } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function ruleDescriptor(rule: RuleInfo) {
  const helpUri = `${RULES_DOC_URL}#${rule.id}`;
  const help = rule.help ?? rule.description;
  const plain = help.replace(/\*\*|`/g, '');
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: plain },
    help: { text: `${plain}\n\nMore: ${helpUri}`, markdown: `${help}\n\n[docs/rules.md#${rule.id}](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['reliability', 'http', ...(rule.cwe ? [`external/cwe/cwe-${rule.cwe}`] : [])], precision: 'high' },
  };
}

/** The first paragraph of each `## rule-id` section of docs/rules.md, as plain text. */
export function ruleHelpFromDoc(markdown: string): Map<string, string> {
  const help = new Map<string, string>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const [heading, ...body] = section.split('\n');
    const paragraph = body.join('\n').trim().split(/\n\s*\n/)[0] ?? '';
    if (paragraph && !paragraph.startsWith('|') && !paragraph.startsWith('```')) help.set(heading.trim(), paragraph.replace(/\s*\n\s*/g, ' '));
  }
  return help;
}

function relativeUri(file: string, root: string): string {
  const rel = path.relative(root, path.resolve(file));
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
