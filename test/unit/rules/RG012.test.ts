import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, fixAll, lines, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-01-parser-design.md';

describe('RG012 lifecycle-marker-mismatch', () => {
  it('is silent when the marker equals the registry state', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG012')), []);
  });

  it('reports a missing marker on the H1 and inserts it into the metadata block', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Parser - Design', '', '**Date:** 2026-02-01', '**Status:** Approved', '', '## Design', '') };
    const findings = await check(files, 'RG012');
    assert.deepEqual(show(findings), [
      `${PLAN}:1:1 The plan has no **Lifecycle:** marker; docs/plans/PLAN_LIFECYCLE.md lists 2026-02-01-parser-design.md as Active.`,
    ]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [PLAN]);
    assert.equal(fixed[PLAN], lines('# Parser - Design', '', '**Lifecycle:** Active', '**Date:** 2026-02-01', '**Status:** Approved', '', '## Design', ''));
    assert.deepEqual(await check(fixed, 'RG012'), []);
  });

  it('reports a marker that differs from the registry on its line and replaces only the value', async () => {
    const files = baseWorkspace();
    files[PLAN] = files[PLAN].replace('**Lifecycle:** Active', '**Lifecycle:** Archived');
    const findings = await check(files, 'RG012');
    assert.deepEqual(show(findings), [`${PLAN}:3:1 The plan's Lifecycle is "Archived", but docs/plans/PLAN_LIFECYCLE.md lists it as Active.`]);
    const fixed = await fixAll(files, 'RG012');
    assert.equal(fixed[PLAN], baseWorkspace()[PLAN]);
  });

  it('reports a marker on a plan the registry does not list', async () => {
    const files = { ...baseWorkspace(), 'docs/plans/2026-02-02-other-design.md': lines('# Other', '', '**Lifecycle:** Active', '**Date:** 2026-02-02', '**Status:** Draft', '') };
    assert.deepEqual(show(await check(files, 'RG012')), [
      'docs/plans/2026-02-02-other-design.md:3:1 The plan says Lifecycle "Active", but docs/plans/PLAN_LIFECYCLE.md has no row for it.',
    ]);
  });

  it('inserts after the H1 when the plan has no metadata at all', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Parser - Design', '', '## Design', '') };
    const fixed = await fixAll(files, 'RG012');
    assert.equal(fixed[PLAN], lines('# Parser - Design', '', '**Lifecycle:** Active', '', '## Design', ''));
  });
});
