/**
 * What the editor-client suites share: finding the editor and the built
 * server, copying a fixture workspace to a temp folder, running one scenario
 * script in a real editor, and computing what the engine expects.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import type { Finding, Fix } from '../../server/engine/types';
import { FsWorkspace } from '../../server/node/fsWorkspace';

export const REPO = path.resolve(__dirname, '../..');
/** The server under test; ROADMAP_GOVERNANCE_SERVER points the suites at another build. */
export const SERVER = process.env.ROADMAP_GOVERNANCE_SERVER ? path.resolve(process.env.ROADMAP_GOVERNANCE_SERVER) : path.join(REPO, 'dist/server.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/clients');
export const ROADMAP = 'docs/project/roadmap.md';

/** How long the server may outlive its editor (shutdown/exit sent, or stdin closed) before that is a failure. */
export const SERVER_EXIT_MS = 5000;

/** How long one wait inside an editor may take before the script gives up (exit code 2). */
export const WAIT_MS = Number(process.env.RG_CLIENT_WAIT_MS) || 15_000;

/**
 * Skips the suite when `bin` or the built server is missing, saying why;
 * under CI (`CI` set) a missing client fails instead, so it cannot pass green unseen.
 */
export function requireClient(ctx: Mocha.Context, bin: string, aptPackages: string): void {
  const found = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const missing: string[] = [];
  if (found.error || found.status !== 0) missing.push(`\`${bin}\` is not installed (apt-get install -y ${aptPackages})`);
  if (!existsSync(SERVER)) missing.push(`${path.relative(REPO, SERVER)} is not built (npm run build)`);
  if (!missing.length) return;
  const message = `${bin} client tests cannot run: ${missing.join('; ')}`;
  if (process.env.CI) throw new Error(`${message}. CI is set, so this is a failure, not a skip.`);
  console.warn(`      SKIPPED: ${message}`);
  ctx.skip();
}

/** The first line of `bin --version`, for the report. */
export function versionOf(bin: string): string {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
}

/** A fresh copy of a fixture workspace; `cleanup()` removes it. */
export function copyFixture(name: string): { root: string; cleanup: () => void } {
  // realpath: editors report resolved paths, and /tmp may be a symlink.
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), `rg-client-${name}-`)));
  const root = path.join(base, name);
  cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return { root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

/** Today as the server computes it for new docs (UTC, like the engine's `today()`). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | number;
  message: string;
  severity?: number;
}

/** What a scenario script writes (both editors use the same shape where they can). */
export interface ScenarioResult {
  ok: boolean;
  error?: string;
  /** Milliseconds since the editor started running the script. */
  timings: Record<string, number>;
  /** Raw publishDiagnostics by workspace-relative path (last one wins). */
  published: Record<string, LspDiagnostic[]>;
  shown?: { line: number; code?: string | number; message?: string; text?: string }[];
  actions?: { title: string; kind?: string; command?: string; creates?: { uri: string; options?: Record<string, unknown> }[]; edits?: string[]; hasEdit?: boolean }[];
  menu?: string[];
  chosen?: string;
  missed?: string[];
  log?: string;
  serverPid?: number;
}

export interface Run {
  code: number | null;
  /** Wall time of the whole editor process, start to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  result?: ScenarioResult;
  /** The server was still running well after the editor exited (it was killed then). */
  serverLingered?: boolean;
  /** How long the server took to exit after the editor had. */
  serverExitMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until process `pid` has gone, at most `ms`; kills it and returns false if it has not. */
async function awaitExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return false;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/**
 * Runs an editor process to completion. The scripts exit by themselves (their
 * waits are bounded by WAIT_MS); the outer timeout is only a last resort
 * against an editor stuck before the script even started.
 */
export function runEditor(command: string, args: string[], env: Record<string, string>, resultFile: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // The server dates new docs from ROADMAP_GOVERNANCE_NOW when set: pin it to the day the
    // expectations use, so a run across midnight (UTC) cannot disagree with them.
    const pinned = { ROADMAP_GOVERNANCE_NOW: `${todayUtc()}T12:00:00Z` };
    const child = spawn(command, args, { env: { ...process.env, ...pinned, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => {
      // The editor's own process group, the server included.
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }, WAIT_MS * 3);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      const ms = Date.now() - started;
      let result: ScenarioResult | undefined;
      if (existsSync(resultFile)) result = JSON.parse(readFileSync(resultFile, 'utf8')) as ScenarioResult;
      const pid = result?.serverPid;
      if (!pid) return resolve({ code, ms, stdout, stderr, result });
      // The editor has closed the server's stdin (or told it to exit): it must not outlive the editor.
      const closed = Date.now();
      void awaitExit(pid, SERVER_EXIT_MS).then((exited) =>
        resolve({ code, ms, stdout, stderr, result, serverLingered: !exited, serverExitMs: Date.now() - closed }),
      );
    });
  });
}

/** One line explaining a failed run, for assertion messages. */
export function explain(run: Run): string {
  const parts = [`exit ${run.code} after ${run.ms} ms`];
  if (run.result?.error) parts.push(`error: ${run.result.error}`);
  if (run.result?.missed?.length) parts.push(`missed: ${run.result.missed.join(', ')}`);
  if (run.stderr.trim()) parts.push(`stderr: ${run.stderr.trim().slice(-2000)}`);
  if (run.result?.log) parts.push(`server log tail:\n${run.result.log}`);
  return parts.join('\n');
}

/** Codes and 0-based lines, sorted, for comparing with the expected findings. */
export function codesAndLines(diagnostics: { code?: string | number; line?: number; range?: LspDiagnostic['range'] }[], codes: string[]): string[] {
  return diagnostics
    .filter((d) => codes.includes(String(d.code)))
    .map((d) => `${d.code}@${d.line ?? d.range!.start.line}`)
    .sort();
}

/** The engine's own findings for a workspace, with today's date (what the server should compute). */
export async function engineFindings(root: string, date: string): Promise<Finding[]> {
  const engine = new Engine(new FsWorkspace(root), { now: () => new Date(`${date}T12:00:00Z`) });
  await engine.scan();
  return engine.check();
}

/** The fix titled like `pattern` of the finding with `code` on `line` of the roadmap. */
export function fixOf(findings: Finding[], code: string, line: number, pattern: RegExp): Fix {
  const finding = findings.find((f) => f.code === code && f.path === ROADMAP && f.range.start.line === line);
  if (!finding) throw new Error(`the engine reports no ${code} on ${ROADMAP}:${line + 1}`);
  const fix = finding.fixes?.find((f) => pattern.test(f.title));
  if (!fix) throw new Error(`no fix matching ${pattern} on ${code} ${ROADMAP}:${line + 1}`);
  return fix;
}
