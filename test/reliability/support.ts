/**
 * Helpers for the reliability tests: temp workspaces on disk, the built CLI as
 * a child process, and `WorkspaceFiles` wrappers that inject faults.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../server/engine/types';
import type { ReadResult, WorkspaceFiles } from '../../server/engine/workspace';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');
export const NOW = () => new Date('2026-03-01T00:00:00Z');

export const lines = (...l: string[]) => l.join('\n') + '\n';

/** A small healthy workspace: a roadmap with one item linked to a design doc, and a guide with one broken link. */
export const HEALTHY: Record<string, string> = {
  'docs/project/roadmap.md': lines(
    '# Roadmap',
    '',
    '**Current Phase:** 1',
    '**Last Updated:** 2026-02-01',
    '',
    '## Phase 1: Start',
    '',
    '- [ ] **Search** ([Design](../plans/2026-01-10-search-design.md))',
  ),
  'docs/plans/2026-01-10-search-design.md': lines('# Search', '', '**Date:** 2026-01-10', '**Status:** Draft'),
  'docs/guide.md': lines('# Guide', '', 'See [the gone page](./gone.md).'),
};

export function tempDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `rg-rel-${name}-`));
}

/** Writes files (text or bytes) under `root`. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), content);
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function byPath(findings: Finding[], p: string): Finding[] {
  return findings.filter((f) => f.path === p);
}

/** Wraps a workspace and lets a test change what listing and reading return. */
export class FaultyWorkspace implements WorkspaceFiles {
  /** Paths deleted after they were listed (read gives the inner "no such file" error). */
  readonly vanishAfterListing = new Set<string>();
  /** Paths whose read throws this error. */
  readonly throwOnRead = new Map<string, Error>();
  reads = 0;

  constructor(readonly inner: WorkspaceFiles & { files?: Map<string, string> }) {}

  get name(): string {
    return this.inner.name;
  }

  async listFiles(ignore: string[], gitignore: boolean): Promise<string[]> {
    const listed = await this.inner.listFiles(ignore, gitignore);
    for (const p of this.vanishAfterListing) this.inner.files?.delete(p);
    return listed;
  }

  async readFile(p: string, maxSize: number): Promise<ReadResult> {
    this.reads++;
    const error = this.throwOnRead.get(p);
    if (error) throw error;
    return this.inner.readFile(p, maxSize);
  }

  createFile(p: string, content: string): Promise<void> {
    return this.inner.createFile(p, content);
  }

  writeFile(p: string, content: string): Promise<void> {
    return this.inner.writeFile(p, content);
  }

  fileExists(p: string): Promise<boolean> {
    return this.inner.fileExists(p);
  }
}
