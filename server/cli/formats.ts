/**
 * Renders findings for people (text) and for machines: json, SARIF 2.1.0,
 * GitHub Actions workflow commands and JUnit XML. Pure functions of the
 * findings and the rule registry, so they are easy to test.
 */
import { pathToFileURL } from 'node:url';
import * as nodePath from 'node:path';
import { version } from '../../package.json';
import { RULES } from '../engine/rules';
import { ruleDocsPath } from '../engine/rule';
import type { Finding, Severity } from '../engine/types';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export const TOOL_NAME = 'roadmap-governance';
export const TOOL_VERSION: string = version;

export interface FormatOptions {
  /** Absolute path of the checked folder. */
  root: string;
  /** Absolute current directory, for paths GitHub resolves from the repository root. Defaults to `root`. */
  cwd?: string;
}

export function formatFindings(findings: Finding[], format: Format, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return JSON.stringify(toSarif(findings, options), null, 2) + '\n';
    case 'github':
      return formatGithub(findings, options);
    case 'junit':
      return formatJunit(findings);
    default:
      return formatText(findings);
  }
}

const oneBased = (f: Finding) => ({
  line: f.range.start.line + 1,
  column: f.range.start.character + 1,
  endLine: f.range.end.line + 1,
  endColumn: f.range.end.character + 1,
});

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `path:line:col: severity CODE/name message`, then a one-line summary. */
export function formatText(findings: Finding[]): string {
  const lines = findings.map((f) => {
    const p = oneBased(f);
    return `${f.path}:${p.line}:${p.column}: ${f.severity} ${f.code}/${f.name} ${f.message}`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.path)).size;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const other = count('info') + count('hint');
  if (other) parts.push(`${other} info`);
  lines.push(findings.length === 0 ? 'No findings.' : `${plural(findings.length, 'finding')} in ${plural(files, 'file')} (${parts.join(', ')})`);
  return lines.join('\n') + '\n';
}

export function formatJson(findings: Finding[]): string {
  return (
    JSON.stringify(
      findings.map((f) => ({ path: f.path, ...oneBased(f), code: f.code, name: f.name, severity: f.severity, message: f.message, fixable: Boolean(f.fixes?.length) })),
      null,
      2,
    ) + '\n'
  );
}

// ---------------------------------------------------------------- SARIF

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The SARIF 2.1.0 log of one run. Locations are relative to `%SRCROOT%`, the checked folder. */
export function toSarif(findings: Finding[], options: FormatOptions): Record<string, unknown> {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  let rootUri = pathToFileURL(options.root).href;
  if (!rootUri.endsWith('/')) rootUri += '/';
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.description },
              help: { text: `${r.description}. Documentation: ${ruleDocsPath(r)} in the roadmap-governance package.` },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              properties: { tags: r.tags },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        results: findings.map((f) => {
          const p = oneBased(f);
          const result: Record<string, unknown> = {
            ruleId: f.code,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(f.path), uriBaseId: '%SRCROOT%' },
                  region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
                },
              },
            ],
          };
          const index = ruleIndex.get(f.code);
          if (index !== undefined) result.ruleIndex = index;
          return result;
        }),
      },
    ],
  };
}

// ---------------------------------------------------------------- GitHub

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping of a workflow command's message (GitHub's `escapeData`). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value (GitHub's `escapeProperty`). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error file=…,line=…::message` line per finding. GitHub resolves
 * `file` from the repository root, so paths are given relative to the current
 * directory when the checked folder is inside it.
 */
export function formatGithub(findings: Finding[], options: FormatOptions): string {
  const cwd = options.cwd ?? options.root;
  const prefix = nodePath.relative(cwd, options.root);
  const inside = !prefix.startsWith('..') && !nodePath.isAbsolute(prefix);
  const base = inside && prefix ? prefix.split(nodePath.sep).join('/') + '/' : '';
  return findings
    .map((f) => {
      const p = oneBased(f);
      const props = [
        `file=${escapeGithubProperty(base + f.path)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeGithubProperty(`${f.code} ${f.name}`)}`,
      ];
      return `::${GITHUB_COMMAND[f.severity]} ${props.join(',')}::${escapeGithubData(f.message)}\n`;
    })
    .join('');
}

// ---------------------------------------------------------------- JUnit

/** Escapes XML text and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/**
 * JUnit XML: one test suite per file with findings, one failing test case per
 * finding. With no findings, one passing case, so CI shows the check ran.
 */
export function formatJunit(findings: Finding[]): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byFile.get(f.path);
    if (!list) byFile.set(f.path, (list = []));
    list.push(f);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${TOOL_NAME}" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0">`];
  if (findings.length === 0) {
    out.push(`  <testsuite name="${TOOL_NAME}" tests="1" failures="0" errors="0" skipped="0">`, `    <testcase classname="${TOOL_NAME}" name="check"/>`, '  </testsuite>');
  }
  for (const [file, list] of byFile) {
    out.push(`  <testsuite name="${escapeXml(file)}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0">`);
    for (const f of list) {
      const p = oneBased(f);
      const name = `${f.code} ${f.name} at ${p.line}:${p.column}`;
      out.push(
        `    <testcase classname="${escapeXml(file)}" name="${escapeXml(name)}" file="${escapeXml(file)}" line="${p.line}">`,
        `      <failure type="${escapeXml(`${f.code}/${f.name}`)}" message="${escapeXml(f.message)}">${escapeXml(`${f.severity}: ${file}:${p.line}:${p.column} ${f.message}`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
