/**
 * The GitHub Action (action.yml → dist/action.js): the CLI's check in one
 * process, speaking GitHub's file protocol instead of a library. It reads the
 * inputs from `INPUT_*`, prints one annotation per finding (the CLI's
 * `--format github`), appends a job summary (totals, the findings, the
 * coverage matrix with its chart) to `$GITHUB_STEP_SUMMARY`, writes the
 * outputs `findings`, `errors`, `coverage` to `$GITHUB_OUTPUT`, optionally a
 * SARIF file for code scanning, and exits by `fail-on`.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeCoverage, renderCoverageMarkdown, COVERAGE_MARKER, type CoverageData } from '../engine/coverage';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { setChunkCacheEnabled } from '../engine/markdown/chunked';
import type { Finding, Severity } from '../engine/types';
import { describeChanges, filterChanged, gitChanges, type Changes } from './changed';
import { formatFindings, formatGithub, FORMATS, type Format, toSarif, TOOL_NAME, TOOL_VERSION } from './formats';
import { UsageError, assertConfigReadable, openEngine } from './open';

export const FAIL_ON = ['error', 'warning', 'info', 'hint', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

type Env = Record<string, string | undefined>;

/** An input as the runner passes it: `INPUT_<NAME>`, upper-case, spaces as underscores (dashes stay). */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** True when a finding is at or above the `fail-on` severity. */
export function failsOn(finding: Finding, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[failOn];
}

/**
 * The base revision for `changed`: the input as given, or with `auto` the
 * pull request's base commit (or, on a push, the commit before it); undefined
 * when the whole folder is to be checked.
 */
export function changedBase(input: string, env: Env): { base?: string; note?: string } {
  if (!input || input === 'false') return {};
  if (input !== 'auto' && input !== 'true') return { base: input };
  let event: Record<string, any> = {};
  try {
    if (env.GITHUB_EVENT_PATH) event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    // No readable event: check everything.
  }
  const prBase = event.pull_request?.base?.sha;
  if (typeof prBase === 'string' && prBase) return { base: prBase };
  const before = event.before;
  if (typeof before === 'string' && /^[0-9a-f]{40,64}$/.test(before) && !/^0+$/.test(before)) return { base: before };
  return { note: `changed: ${input} found no pull request or push base in the event (${env.GITHUB_EVENT_NAME || 'none'}); checking every file.` };
}

/** The percentage of in-scope roadmap items that link both a design and an implementation doc; '' when there are none. */
export function coveragePercent(data: CoverageData): string {
  return data.totals.items ? String(Math.round((data.totals.both / data.totals.items) * 100)) : '';
}

/** Text for a table cell of the summary. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One heading level down (the summary has its own title), outside fenced code. */
function demoteHeadings(markdown: string): string {
  let fence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^(```|~~~)/.test(line)) fence = !fence;
      return !fence && /^#{1,5} /.test(line) ? '#' + line : line;
    })
    .join('\n');
}

const MAX_ROWS = 200;
/** GitHub takes up to 1 MiB of summary per step; stay well below it. */
const MAX_SUMMARY = 900 * 1024;

export interface SummaryInput {
  findings: Finding[];
  failOn: FailOn;
  failed: boolean;
  /** Prefix that makes a workspace path a repository path (`docs-site/`), or ''. */
  prefix: string;
  /** URL of the repository's files at this commit, for links; undefined without one. */
  blobBase?: string;
  coverage: string;
  changes?: Changes;
}

export function renderSummary(s: SummaryInput): string {
  const count = (sev: Severity) => s.findings.filter((f) => f.severity === sev).length;
  const files = new Set(s.findings.map((f) => f.path)).size;
  const out = [`## Roadmap Governance ${s.failed ? '❌' : '✅'}`, ''];
  const scope = s.changes ? ` (${describeChanges(s.changes).replace(/^--changed: /, '').replace(/\.$/, '')}: only the findings they concern)` : '';
  out.push(
    s.findings.length ? `**${plural(s.findings.length, 'finding')}** in ${plural(files, 'file')}${scope}.` : `**No findings**${scope}.`,
    '',
    '| Errors | Warnings | Info | Hints | Fails on |',
    '|---:|---:|---:|---:|---|',
    `| ${count('error')} | ${count('warning')} | ${count('info')} | ${count('hint')} | ${s.failOn} |`,
    '',
  );
  if (s.findings.length) {
    out.push(`<details${s.failed ? ' open' : ''}><summary>Findings</summary>`, '', '| File | Line | Rule | Severity | Message |', '|---|---:|---|---|---|');
    for (const f of s.findings.slice(0, MAX_ROWS)) {
      const file = s.prefix + f.path;
      const line = f.range.start.line + 1;
      const where = s.blobBase ? `[${cell(file)}](${s.blobBase}${file.split('/').map(encodeURIComponent).join('/')}#L${line})` : cell(file);
      out.push(`| ${where} | ${line} | ${f.code} ${f.name} | ${f.severity} | ${cell(f.message)} |`);
    }
    out.push('');
    if (s.findings.length > MAX_ROWS) out.push(`…and ${s.findings.length - MAX_ROWS} more (see the annotations or the log).`, '');
    out.push('</details>', '');
  }
  out.push(demoteHeadings(s.coverage.replace(COVERAGE_MARKER, '').replace(/^\n+/, '')), '');
  out.push(`<sub>${TOOL_NAME} ${TOOL_VERSION}</sub>`, '');
  let text = out.join('\n');
  if (Buffer.byteLength(text) > MAX_SUMMARY) text = text.slice(0, MAX_SUMMARY) + '\n\n…(cut: the summary was too long for GitHub)\n';
  return text;
}

/** A value for `$GITHUB_OUTPUT`: one line, or the heredoc form for several. */
export function outputLine(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export interface ActionIo {
  env: Env;
  cwd: string;
  stdout: (text: string) => void;
}

/** Runs the action; returns the exit code (0 passed, 1 findings at `fail-on`, 2 a usage or config error). */
export async function runAction(io: ActionIo): Promise<number> {
  const { env, stdout } = io;
  try {
    return await run(io);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    stdout(`::error title=${TOOL_NAME}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    if (!(error instanceof UsageError)) stdout(`${(error as Error).stack ?? ''}\n`);
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLine('findings', '') + outputLine('errors', '') + outputLine('coverage', ''));
    return 2;
  }
}

async function run({ env, cwd, stdout }: ActionIo): Promise<number> {
  const repoRoot = path.resolve(cwd, env.GITHUB_WORKSPACE || '.');
  const pathInput = getInput(env, 'path') || '.';
  const dir = path.resolve(repoRoot, pathInput);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`path: "${pathInput}" is not a folder of ${repoRoot}.`);
  const configInput = getInput(env, 'config');
  const config = configInput ? path.resolve(repoRoot, configInput) : undefined;
  const format = (getInput(env, 'format') || 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${format}"; use one of ${FORMATS.join(', ')}.`);
  const failOn = (getInput(env, 'fail-on') || 'error').toLowerCase() as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`Unknown fail-on "${failOn}"; use one of ${FAIL_ON.join(', ')}.`);
  const sarif = getInput(env, 'sarif');
  const { base, note } = changedBase(getInput(env, 'changed'), env);
  if (note) stdout(`${note}\n`);

  setChunkCacheEnabled(false);
  const engine = await openEngine(dir, config);
  assertConfigReadable(engine, config);
  const root = engine.workspace.name;
  const changes = base !== undefined ? gitChanges(root, base) : undefined;
  if (changes) stdout(`${TOOL_NAME}: ${describeChanges(changes)}\n`);
  const all = engine.check();
  const configPaths = [...CONFIG_FILE_NAMES, ...(engine.configSource ? [engine.configSource] : [])];
  const findings = changes ? filterChanged(all, changes, configPaths) : all;

  // The checked folder as seen from the repository root, for annotations, SARIF and links.
  const rel = path.relative(repoRoot, root).split(path.sep).join('/');
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
  const prefix = inside && rel ? rel + '/' : '';

  // Annotations, then the log in the chosen format (with workflow commands off, so no text in it is taken for one).
  stdout(formatGithub(findings, { root, cwd: repoRoot }));
  if (format !== 'github') {
    const token = `rg-${randomUUID()}`;
    stdout(`::group::${TOOL_NAME} check (${format})\n::stop-commands::${token}\n`);
    stdout(formatFindings(findings, format, { root, cwd: repoRoot }));
    stdout(`::${token}::\n::endgroup::\n`);
  }

  if (sarif) {
    const file = path.resolve(repoRoot, sarif);
    // URIs from the repository root, as code scanning resolves them.
    const log = inside ? toSarif(findings.map((f) => ({ ...f, path: prefix + f.path })), { root: repoRoot }) : toSarif(findings, { root });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(log, null, 2) + '\n');
    stdout(`${TOOL_NAME}: wrote ${path.relative(repoRoot, file) || file} (SARIF 2.1.0, ${plural(findings.length, 'result')}).\n`);
  }

  const data = computeCoverage(engine.model(), engine.config);
  const coverage = coveragePercent(data);
  const failing = findings.filter((f) => failsOn(f, failOn));
  const failed = failing.length > 0;
  if (env.GITHUB_STEP_SUMMARY) {
    const blobBase =
      env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/` : undefined;
    const matrix = renderCoverageMarkdown(data, blobBase && inside ? { linkBase: blobBase + prefix } : {});
    appendFileSync(env.GITHUB_STEP_SUMMARY, renderSummary({ findings, failOn, failed, prefix, blobBase, coverage: matrix, changes }));
  }
  if (env.GITHUB_OUTPUT) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    appendFileSync(env.GITHUB_OUTPUT, outputLine('findings', String(findings.length)) + outputLine('errors', String(errors)) + outputLine('coverage', coverage));
  }
  if (failed) {
    stdout(`${TOOL_NAME}: ${plural(failing.length, 'finding')} at or above "fail-on: ${failOn}".\n`);
    return 1;
  }
  stdout(`${TOOL_NAME}: ${findings.length ? `${plural(findings.length, 'finding')}, none at or above "fail-on: ${failOn}"` : 'no findings'}.\n`);
  return 0;
}
