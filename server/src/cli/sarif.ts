import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../service/types';
import type { FileReport } from './checkFiles';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface RuleInfo {
  id: string;
  description: string;
  helpUri?: string;
}

/** SARIF 2.1.0 as GitHub code scanning accepts it: one run, rules listed, paths relative to the working directory. */
export function toSarif(reports: readonly FileReport[], rules: readonly RuleInfo[], version: string): string {
  const cwd = process.cwd();
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(r.path, cwd), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Error Code Insight',
            informationUri: 'https://marketplace.visualstudio.com/items?itemName=error-code-insight.error-code-insight',
            version,
            rules: rules.map((rule) => ({ id: rule.id, shortDescription: { text: rule.description }, helpUri: rule.helpUri })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).toString() } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function relativeUri(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(file));
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
