import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, lines, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-03-cache-design.md';

describe('RG016 plan-metadata-missing', () => {
  it('is silent when Date and Status are present, in bold lines or in front matter', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('---', 'date: 2026-02-03', 'status: Draft', '---', '# Cache', '') };
    assert.deepEqual(show(await check(files, 'RG016')), []);
  });

  it('reports a plan without both, on its H1', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache - Design', '', '## Problem', '') };
    const findings = await check(files, 'RG016');
    assert.deepEqual(show(findings), [`${PLAN}:1:1 Plan has no **Date:** and no **Status:** metadata line.`]);
    assert.deepEqual(findings[0].fixes!.map((f) => [f.title, !!f.preferred]), [
      ['Add "**Date:** 2026-02-03" (from the file name)', true],
      ['Add "**Status:** Draft"', false],
    ]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [PLAN]);
    assert.equal(fixed[PLAN], lines('# Cache - Design', '', '**Date:** 2026-02-03', '', '## Problem', ''));
    assert.deepEqual(show(await check(fixed, 'RG016')), [`${PLAN}:1:1 Plan has no **Status:** metadata line.`]);
    const done = applyFix(fixed, (await check(fixed, 'RG016'))[0].fixes![0]);
    assert.equal(done[PLAN], lines('# Cache - Design', '', '**Date:** 2026-02-03', '**Status:** Draft', '', '## Problem', ''));
    assert.deepEqual(await check(done, 'RG016'), []);
  });

  it('does not count a Status line deep inside the plan (a section status)', async () => {
    const body = Array.from({ length: 45 }, (_, i) => `Line ${i}.\n`);
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache', '', '**Date:** 2026-02-03', '', '## Tasks', '', ...body, '**Status:** Done', '') };
    assert.deepEqual(show(await check(files, 'RG016')), [`${PLAN}:1:1 Plan has no **Status:** metadata line.`]);
  });
});

describe('RG016 plan-metadata-missing: blockquoted metadata', () => {
  it('counts `> **Status:**` / `> **Date:**` lines at the top of a plan', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache - Design', '', '> **Status:** Approved', '> **Date:** 2026-02-03', '', '## Problem', '') };
    assert.deepEqual(show(await check(files, 'RG016')), []);
    assert.deepEqual(show(await check(files, 'RG017')), []);
    const wrong = { ...files, [PLAN]: files[PLAN].replace('> **Date:** 2026-02-03', '> **Date:** 2026-02-04') };
    assert.deepEqual(show(await check(wrong, 'RG018')), [`${PLAN}:4:13 Date 2026-02-04 differs from the date in the file name, 2026-02-03.`]);
  });
});
