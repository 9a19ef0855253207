/**
 * Helpers for the CI-facing tests (check --changed, the GitHub Action, the
 * pre-commit hook, the npm package): build one bundle, run a program, make a
 * git repository of fixture files.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const REPO = path.resolve(__dirname, '../..');

/** Builds one bundle of build.mjs's into dist/ (so a test does not depend on a full build). */
export async function buildBundle(entry: string, outfile: string, banner = true): Promise<string> {
  const out = path.join(REPO, outfile);
  await esbuild.build({
    entryPoints: [path.join(REPO, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    ...(banner ? { banner: { js: '#!/usr/bin/env node' } } : {}),
  });
  return out;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeout ?? 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const lines = (...l: string[]) => l.join('\n') + '\n';

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
}

/** An environment for git that ignores the user's and the system's config, with an author. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Hooks set GIT_DIR, GIT_INDEX_FILE…: none of them may leak into the fixture's repository.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Fixture',
    GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
    GIT_COMMITTER_NAME: 'Fixture',
    GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
    ...extra,
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git repository at `root` with `files` committed on branch main. */
export function gitRepo(root: string, files: Record<string, string>): void {
  mkdirSync(root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
}

export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A roadmap with one item linked to its design and implementation plans, the
 * plans linking each other, and one old broken link in a plan (the kind of
 * finding a change did not cause).
 */
export function governedDocs(): Record<string, string> {
  return {
    'docs/project/roadmap.md': lines(
      '# Roadmap',
      '',
      '**Current Phase:** 1',
      '**Last Updated:** 2026-03-01',
      '',
      '## Phase 1: Foundations',
      '',
      '- [ ] **[Core] Importer** ([Design](../plans/2026-03-01-importer-design.md), [Implementation](../plans/2026-03-01-importer-implementation.md))',
      '- [ ] **[Core] Exporter** ([Design](../plans/2026-03-02-exporter-design.md), [Implementation](../plans/2026-03-02-exporter-implementation.md))',
    ),
    'docs/plans/2026-03-01-importer-design.md': lines('# Importer', '', '**Date:** 2026-03-01', '**Status:** Approved', '', 'Built by the [plan](./2026-03-01-importer-implementation.md).'),
    'docs/plans/2026-03-01-importer-implementation.md': lines('# Importer plan', '', '**Date:** 2026-03-01', '**Status:** Draft', '**Design Reference:** `docs/plans/2026-03-01-importer-design.md`'),
    'docs/plans/2026-03-02-exporter-design.md': lines('# Exporter', '', '**Date:** 2026-03-02', '**Status:** Approved', '', 'Older notes are in [the wiki export](./exporter-wiki-notes.md).'),
    'docs/plans/2026-03-02-exporter-implementation.md': lines('# Exporter plan', '', '**Date:** 2026-03-02', '**Status:** Draft', '**Design Reference:** `docs/plans/2026-03-02-exporter-design.md`'),
  };
}
