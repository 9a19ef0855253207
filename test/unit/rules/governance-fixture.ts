/**
 * Fixture helpers for the lifecycle, metadata, changelog and drift rule tests
 * (RG011–RG024): run the engine on an in-memory workspace, apply a fix with
 * `applyEdits`, and check again.
 */
import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/engine/engine';
import { applyEdits } from '../../../server/engine/fixes';
import type { Finding, Fix } from '../../../server/engine/types';
import { InMemoryWorkspace } from '../../../server/engine/workspace';

export const NOW = () => new Date('2026-03-01T00:00:00Z');

/** A minimal workspace in which none of RG011–RG024 fires; tests override files. */
export function baseWorkspace(): Record<string, string> {
  return {
    // The project these rules come from: its checker's conventions, all required.
    '.roadmap-governance.json': JSON.stringify({ extends: ['docs-governance'] }),
    'docs/project/roadmap.md': [
      '# Roadmap',
      '',
      '**Current Phase:** Phase 1 (Build) - In Progress',
      '',
      '**Last Updated:** 2026-02-15',
      '',
      '## Phase 1: Build 🔄 **IN PROGRESS**',
      '',
      '- [x] **[Core] Parser** ([Design](../plans/2026-02-01-parser-design.md))',
      '- [ ] **[Core] Checker**',
      '',
    ].join('\n'),
    'docs/plans/2026-02-01-parser-design.md': '# Parser - Design\n\n**Lifecycle:** Active\n**Date:** 2026-02-01\n**Status:** Approved\n\n## Design\n',
    'docs/plans/PLAN_LIFECYCLE.md': [
      '# Plan Lifecycle Registry',
      '',
      '| Plan | Lifecycle | Superseded By | Notes |',
      '|------|-----------|---------------|-------|',
      '| `2026-02-01-parser-design.md` | Active | - | current |',
      '',
    ].join('\n'),
    'CHANGELOG.md': [
      '# Changelog',
      '',
      '## [Unreleased]',
      '',
      '### Roadmap Alignment',
      '- Current roadmap phase: Phase 1 (Build) - In Progress',
      '- Roadmap last updated: 2026-02-15',
      '',
      '### Added',
      '- Things',
      '',
      '## [0.1.0] - 2026-01-01',
      '',
    ].join('\n'),
    'docs/project/RELEASE_NOTES_TEMPLATE.md': '# Release Notes\n\n## Milestone\n\n## Release Summary\n\n### Added\n\n### Changed\n\n### Deprecated\n\n### Removed\n\n### Fixed\n\n### Security\n',
  };
}

export function lines(...text: string[]): string {
  return text.join('\n');
}

export async function check(files: Record<string, string>, code?: string): Promise<Finding[]> {
  const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
  await engine.scan();
  const findings = engine.check();
  return code ? findings.filter((f) => f.code === code) : findings;
}

/** `path:line:col message` (1-based), what a user reads in the CLI. */
export function show(findings: Finding[]): string[] {
  return findings.map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

/** Applies every step of `fix` to a copy of `files`. */
export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const step of fix.steps) {
    if (step.kind === 'create') {
      assert.equal(out[step.path], undefined, `create must not overwrite ${step.path}`);
      out[step.path] = step.content;
    } else {
      assert.notEqual(out[step.path], undefined, `edit of a missing file ${step.path}`);
      out[step.path] = applyEdits(out[step.path], step.edits);
    }
  }
  return out;
}

/**
 * Applies the first fix of the finding of `code`, checks that the rule no
 * longer fires, that applying it again is not offered, and returns the files.
 */
export async function fixAll(files: Record<string, string>, code: string): Promise<Record<string, string>> {
  let current = files;
  for (let round = 0; round < 10; round++) {
    const findings = await check(current, code);
    const fixable = findings.find((f) => f.fixes?.length);
    if (!fixable) {
      assert.deepEqual(show(findings), [], `${code} still fires after its fixes`);
      return current;
    }
    current = applyFix(current, fixable.fixes!.find((x) => x.preferred) ?? fixable.fixes![0]);
  }
  throw new Error(`${code}: fixes did not converge`);
}

/** The files whose text differs between two workspaces. */
export function changedFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]).sort();
}
