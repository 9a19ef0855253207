/** Renders findings for people (text) and machines (json, sarif, github, junit). */
import type { Finding } from '../engine/types';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  /** Absolute path of the checked folder. */
  root: string;
}

export function formatFindings(findings: Finding[], format: Format, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        findings.map((f) => ({ path: f.path, line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1, code: f.code, name: f.name, severity: f.severity, message: f.message })),
        null,
        2,
      ) + '\n';
    default:
      return formatText(findings, options);
  }
}

function formatText(findings: Finding[], _options: FormatOptions): string {
  const lines = findings.map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}/${f.name} ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})`);
  return lines.join('\n') + '\n';
}
