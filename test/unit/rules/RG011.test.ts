import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, lines, show } from './governance-fixture';

const REGISTRY = 'docs/plans/PLAN_LIFECYCLE.md';

function withRegistry(...rows: string[]): Record<string, string> {
  return {
    ...baseWorkspace(),
    [REGISTRY]: lines('# Plan Lifecycle Registry', '', '| Plan | Lifecycle | Superseded By | Notes |', '|------|-----------|---------------|-------|', ...rows, ''),
  };
}

describe('RG011 lifecycle-invalid-state', () => {
  it('is silent on a registry of known states and existing plans', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG011')), []);
  });

  it('reports a state outside lifecycle.states on its cell', async () => {
    const findings = await check(withRegistry('| `2026-02-01-parser-design.md` | Retired | - | old |'), 'RG011');
    assert.deepEqual(show(findings), [
      'docs/plans/PLAN_LIFECYCLE.md:5:35 Lifecycle state "Retired" of 2026-02-01-parser-design.md is not one of Active, Superseded, Archived.',
    ]);
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].fixes, undefined, 'no guess for an unknown word');
  });

  it('fixes a state that differs only in case, changing nothing else', async () => {
    const files = withRegistry('| `2026-02-01-parser-design.md` | active | - | old |');
    const [finding] = await check(files, 'RG011');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [REGISTRY]);
    assert.equal(fixed[REGISTRY], files[REGISTRY].replace('| active |', '| Active |'));
    assert.deepEqual(await check(fixed, 'RG011'), []);
  });

  it('reports a plan cell that is not a code-span path, and a plan file that does not exist', async () => {
    const findings = await check(
      withRegistry('| 2026-02-01-parser-design.md | Active | - | no code span |', '| `2026-01-01-gone-design.md` | Archived | - | deleted |'),
      'RG011',
    );
    assert.deepEqual(show(findings), [
      'docs/plans/PLAN_LIFECYCLE.md:5:3 Plan cell "2026-02-01-parser-design.md" is not a plan path in a code span (for example `2026-01-29-x-implementation.md`).',
      'docs/plans/PLAN_LIFECYCLE.md:6:3 The registry lists docs/plans/2026-01-01-gone-design.md, which does not exist.',
    ]);
  });

  it('accepts root-relative plan paths', async () => {
    const files = withRegistry('| `docs/plans/2026-02-01-parser-design.md` | Active | - | root path |');
    assert.deepEqual(show(await check(files, 'RG011')), []);
  });

  it('honours a suppression with a reason', async () => {
    const table = ['| Plan | Lifecycle | Superseded By | Notes |', '|---|---|---|---|', '| `2026-02-01-parser-design.md` | Retired | - | old |', ''];
    const plain = { ...baseWorkspace(), [REGISTRY]: lines('# Registry', '', ...table) };
    assert.equal((await check(plain, 'RG011')).length, 1);
    const suppressed = { ...baseWorkspace(), [REGISTRY]: lines('# Registry', '', '<!-- roadmap-governance-disable-file RG011 -- migrating states -->', '', ...table) };
    assert.deepEqual(show(await check(suppressed, 'RG011')), []);
  });
});
