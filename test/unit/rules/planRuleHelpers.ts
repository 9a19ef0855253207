/** Helpers for the plan-rule fixture tests (RG005–RG010): run the engine on an in-memory workspace. */
import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/engine/engine';
import { applyEdits } from '../../../server/engine/fixes';
import type { Finding, Fix } from '../../../server/engine/types';
import { InMemoryWorkspace } from '../../../server/engine/workspace';

export const NOW = () => new Date('2026-03-01T00:00:00Z');

export const lines = (...l: string[]) => l.join('\n');

export async function run(files: Record<string, string>): Promise<{ engine: Engine; ws: InMemoryWorkspace; findings: Finding[] }> {
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: NOW });
  await engine.scan();
  return { engine, ws, findings: engine.check() };
}

/** Findings of one rule as `path:line message` (1-based line), sorted. */
export function keys(findings: Finding[], code: string): string[] {
  return findings
    .filter((f) => f.code === code)
    .map((f) => `${f.path}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

/** Applies a fix's edit steps to the workspace files and returns the new texts by path. */
export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const step of fix.steps) {
    if (step.kind === 'create') {
      assert.equal(out[step.path], undefined, `the fix must not overwrite ${step.path}`);
      out[step.path] = step.content;
    } else {
      assert.notEqual(out[step.path], undefined, `the fix edits ${step.path}, which exists`);
      out[step.path] = applyEdits(out[step.path], step.edits);
    }
  }
  return out;
}
