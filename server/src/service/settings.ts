import type { Severity } from './types';

/** Per-rule configuration: switch a rule off or change how loudly it speaks. */
export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
}

/** What the user can configure (`errorCodeInsight.*`), already read and checked by the caller. */
export interface Settings {
  rules: Record<string, RuleSetting>;
  /** Extra status or error codes to treat as retryable (e.g. a vendor's 520). */
  extraRetryableCodes: string[];
  /** Names of in-house functions that retry, so calls through them count as a retry mechanism. */
  retryFunctionNames: string[];
  /** Glob patterns of files not to analyse. */
  exclude: string[];
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
  inlayHints: boolean;
  /** Extra catalog files (paths), besides `*.errorcodes.json` found in the workspace. */
  catalogs: string[];
  /** Extra OpenAPI documents (paths). */
  openapi: string[];
  /** Generated code (a "generated / do not edit" header or a `generated` folder): no findings at all when true; one per rule otherwise. */
  skipGenerated: boolean;
  /** The timeout the request-without-timeout quick fix writes, in seconds. */
  requestTimeoutSeconds: number;
  /** no-retry-on-request also speaks about reads (GET, HEAD, OPTIONS); off: only writes and requests of unknown method. */
  reportReadsWithoutRetry: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  extraRetryableCodes: [],
  retryFunctionNames: [],
  exclude: [],
  maxFileSize: 2 * 1024 * 1024,
  inlayHints: true,
  catalogs: [],
  openapi: [],
  skipGenerated: false,
  requestTimeoutSeconds: 30,
  reportReadsWithoutRetry: false,
};

/** Reads an unknown settings object (from the client or a config file) into Settings, keeping defaults for bad values. */
export function normalizeSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  const rules: Record<string, RuleSetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof value === 'boolean') rules[id] = { enabled: value };
      else if (typeof value === 'string' && isSeverity(value)) rules[id] = { severity: value };
      else if (value === 'off') rules[id] = { enabled: false };
      else if (value && typeof value === 'object') {
        const v = value as Record<string, unknown>;
        rules[id] = {
          enabled: typeof v.enabled === 'boolean' ? v.enabled : undefined,
          severity: typeof v.severity === 'string' && isSeverity(v.severity) ? v.severity : undefined,
        };
      }
    }
  }
  return {
    rules,
    extraRetryableCodes: (strings(input.extraRetryableCodes) ?? []).concat(
      Array.isArray(input.extraRetryableCodes) ? input.extraRetryableCodes.filter((v) => typeof v === 'number').map(String) : [],
    ),
    retryFunctionNames: strings(input.retryFunctionNames) ?? [],
    exclude: strings(input.exclude) ?? [],
    maxFileSize: typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    inlayHints: typeof input.inlayHints === 'boolean' ? input.inlayHints : true,
    catalogs: strings(input.catalogs) ?? [],
    openapi: strings(input.openapi) ?? [],
    skipGenerated: input.skipGenerated === true,
    requestTimeoutSeconds:
      typeof input.requestTimeoutSeconds === 'number' && input.requestTimeoutSeconds > 0 && input.requestTimeoutSeconds <= 3600
        ? input.requestTimeoutSeconds
        : DEFAULT_SETTINGS.requestTimeoutSeconds,
    reportReadsWithoutRetry: input.reportReadsWithoutRetry === true,
  };
}

function isSeverity(value: string): value is Severity {
  return value === 'error' || value === 'warning' || value === 'information' || value === 'hint';
}
