import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, fixAll, lines, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-03-cache-design.md';

describe('RG018 plan-date-mismatch', () => {
  it('is silent when the Date equals the file-name date (a later "Updated" note is fine)', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache', '', '**Date:** 2026-02-03 (Updated: 2026-02-20)', '**Status:** Draft', '') };
    assert.deepEqual(show(await check(files, 'RG018')), []);
  });

  it('reports a different Date on the date itself and fixes it to the file date', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache', '', '**Date:** 2026-02-04 (Updated: 2026-02-20)', '**Status:** Draft', '') };
    const findings = await check(files, 'RG018');
    assert.deepEqual(show(findings), [`${PLAN}:3:11 Date 2026-02-04 differs from the date in the file name, 2026-02-03.`]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [PLAN]);
    assert.equal(fixed[PLAN], files[PLAN].replace('2026-02-04', '2026-02-03'));
    assert.deepEqual(await fixAll(fixed, 'RG018'), fixed);
  });

  it('reads a date at the end of the file name too', async () => {
    const files = { ...baseWorkspace(), 'docs/plans/permission-design-2026-01-13.md': lines('# P', '', '**Date:** 2026-01-14', '**Status:** Draft', '') };
    assert.deepEqual(show(await check(files, 'RG018')), ['docs/plans/permission-design-2026-01-13.md:3:11 Date 2026-01-14 differs from the date in the file name, 2026-01-13.']);
  });
});
