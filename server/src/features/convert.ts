import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../service/types';
import { rulesDocLink } from './rulesDoc';

export const DIAGNOSTIC_SOURCE = 'error-code-insight';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};


export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: rulesDocLink(finding.rule) },
    message: finding.message,
    relatedInformation: finding.related?.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })),
    data: finding.data,
  };
}
