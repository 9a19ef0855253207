/**
 * `check --changed [BASE]`: the findings that concern what changed since a git
 * revision. Git runs here, in the CLI layer (never in the engine): the engine
 * checks the whole folder as always, and this module keeps the findings
 *
 * - in files that changed (added, modified, renamed to, untracked), and
 * - elsewhere, when their target is a changed file: a link in an untouched
 *   file that the change broke (its target was deleted or renamed away), a
 *   fragment whose heading was edited, a link to a plan that is now superseded.
 *
 * When a config file itself changed, every finding may be new: all are kept.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { UsageError } from './open';

export interface Changes {
  /** The revision asked for (`origin/HEAD`, `main`, a sha…). */
  base: string;
  /** The commit the working tree is compared with: the merge base of `base` and HEAD. */
  mergeBase: string;
  /** Workspace paths that exist and changed: added, modified, renamed to, untracked. */
  changed: Set<string>;
  /** Workspace paths that no longer exist: deleted, renamed away. */
  gone: Set<string>;
  /** True when HEAD has no commit yet: everything is new. */
  noCommit?: boolean;
}

/**
 * `--changed` takes an optional value: `--changed`, `--changed BASE` (when the
 * next word is not an option) or `--changed=BASE`. Returns the other arguments
 * and the base: undefined without the flag, '' for the default base.
 */
export function takeChanged(args: string[]): { rest: string[]; changed?: string } {
  const rest: string[] = [];
  let changed: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--changed') {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        changed = next;
        i++;
      } else changed = '';
    } else if (a.startsWith('--changed=')) changed = a.slice('--changed='.length);
    else rest.push(a);
  }
  return { rest, changed };
}

/** What `--changed` without a value compares with: see `defaultBase`. */
export const DEFAULT_BASES = ['origin/HEAD', 'HEAD'] as const;

type Git = (args: string[], input?: string) => string;

function gitIn(cwd: string): Git {
  return (args, input) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      input: input ?? '',
      // Explicitly piped: otherwise git's stderr would go through to ours.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Never wait on a pager or a credential prompt.
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
}

function gitError(error: unknown): string {
  const e = error as { code?: string; stderr?: string; message?: string };
  if (e.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  return (e.stderr || e.message || String(error))
    .trim()
    .split('\n')[0]
    .replace(/^(fatal|error): /, '')
    .replace(/[.:]+$/, '');
}

function revisionExists(git: Git, rev: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The base when none is given: `origin/HEAD` (the remote's default branch, as
 * `git clone` sets it) when it exists, else `HEAD` (only uncommitted changes).
 */
export function defaultBase(git: Git): string {
  return DEFAULT_BASES.find((rev) => revisionExists(git, rev)) ?? 'HEAD';
}

/** Entries of `git diff --name-status -z`: status, then one path (two for renames and copies). */
export function parseNameStatus(out: string): { status: string; paths: string[] }[] {
  const fields = out.split('\0');
  const entries: { status: string; paths: string[] }[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const count = /^[RC]/.test(status) ? 2 : 1;
    entries.push({ status: status[0], paths: fields.slice(i, i + count) });
    i += count;
  }
  return entries;
}

/**
 * The files changed since `base` (its merge base with HEAD) in the working
 * tree of the folder `root`, as workspace paths. Paths outside `root` are left out.
 */
export function gitChanges(root: string, base: string | undefined): Changes {
  const git = gitIn(root);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    throw new UsageError(`--changed needs a git repository: ${gitError(error)}.`);
  }
  const rev = base ?? defaultBase(git);
  if (rev === 'HEAD' && !revisionExists(git, 'HEAD')) {
    // No commit yet: everything in the index and the working tree is new.
    return { ...collect(top, root, rev, git(['hash-object', '-t', 'tree', '--stdin'], '').trim()), noCommit: true };
  }
  if (!revisionExists(git, rev)) {
    throw new UsageError(
      `--changed: "${rev}" is not a commit of this repository. Put DIR before --changed (\`check DIR --changed\`), or fetch the base first (in CI, a shallow clone lacks it: fetch-depth: 0).`,
    );
  }
  let mergeBase: string;
  try {
    mergeBase = git(['merge-base', rev, 'HEAD']).trim();
  } catch (error) {
    throw new UsageError(`--changed: ${rev} and HEAD have no common ancestor here (${gitError(error) || 'a shallow clone?'}); fetch more history (fetch-depth: 0).`);
  }
  return collect(top, root, rev, mergeBase);
}

function collect(top: string, root: string, rev: string, mergeBase: string): Changes {
  const run = gitIn(top);
  let diff: string;
  let untracked: string;
  try {
    // The working tree (with the index) against the merge base: commits since, staged and unstaged changes.
    diff = run(['-c', 'core.quotepath=off', 'diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', mergeBase, '--']);
    untracked = run(['ls-files', '--others', '--exclude-standard', '-z']);
  } catch (error) {
    throw new UsageError(`--changed: git diff failed: ${gitError(error)}.`);
  }
  const toWorkspace = workspaceMapper(top, root);
  const changed = new Set<string>();
  const gone = new Set<string>();
  const add = (set: Set<string>, p: string) => {
    const w = toWorkspace(p);
    if (w !== undefined) set.add(w);
  };
  for (const { status, paths } of parseNameStatus(diff)) {
    if (status === 'D') add(gone, paths[0]);
    else if (status === 'R') {
      add(gone, paths[0]);
      add(changed, paths[1]);
    } else add(changed, paths[paths.length - 1]);
  }
  for (const p of untracked.split('\0')) if (p) add(changed, p);
  return { base: rev, mergeBase, changed, gone };
}

/** Maps a path from the repository top level to a path in the folder `root`, or undefined when outside it. */
function workspaceMapper(top: string, root: string): (p: string) => string | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const prefix = path.relative(real(top), real(root)).split(path.sep).join('/');
  if (prefix === '') return (p) => p;
  if (prefix.startsWith('..')) return () => undefined;
  return (p) => (p.startsWith(prefix + '/') ? p.slice(prefix.length + 1) : undefined);
}

/** The workspace paths a finding is about besides its own file: the target of its link. */
export function findingTargets(finding: Finding): string[] {
  const data = finding.data ?? {};
  return [data.target, data.plan].filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * The findings that concern the changes: in a changed file, or with a target
 * among the changed or gone files. All of them when the config file changed.
 */
export function filterChanged(findings: Finding[], changes: Changes, configPaths: readonly string[] = []): Finding[] {
  const touched = (p: string) => changes.changed.has(p) || changes.gone.has(p);
  if (configPaths.some(touched)) return findings;
  return findings.filter((f) => changes.changed.has(f.path) || findingTargets(f).some(touched));
}

/** One line for stderr: what was compared. */
export function describeChanges(changes: Changes): string {
  const n = changes.changed.size + changes.gone.size;
  const short = changes.mergeBase.slice(0, 12);
  const since = changes.noCommit
    ? 'nothing (no commit yet)'
    : changes.mergeBase.startsWith(changes.base)
      ? short
      : `${changes.base} (${changes.base === 'HEAD' ? '' : 'merge base '}${short})`;
  return `--changed: ${n} file${n === 1 ? '' : 's'} changed since ${since}${changes.gone.size ? `, ${changes.gone.size} of them deleted or renamed` : ''}.`;
}
