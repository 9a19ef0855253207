import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, lines, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-03-cache-design.md';

describe('RG016 plan-metadata-missing', () => {
  it('is silent when Date and Status are present, in bold lines or in front matter', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('---', 'date: 2026-02-03', 'status: Draft', '---', '# Cache', '') };
    assert.deepEqual(show(await check(files, 'RG016')), []);
  });

  it('reports a plan with neither a date nor a status, on its H1; neither fix is preferred', async () => {
    const undated = 'docs/plans/cache-notes.md';
    const files = { ...baseWorkspace(), [undated]: lines('# Cache notes', '', '## Problem', '') };
    const findings = await check(files, 'RG016');
    assert.deepEqual(show(findings), [`${undated}:1:1 Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.`]);
    assert.deepEqual(findings[0].fixes!.map((f) => [f.title, !!f.preferred]), [
      ['Add "**Status:** Draft"', false],
      ['Add "**Date:** 2026-03-01" (today) and "**Status:** Draft"', false],
    ]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [undated]);
    assert.equal(fixed[undated], lines('# Cache notes', '', '**Status:** Draft', '', '## Problem', ''));
    assert.deepEqual(await check(fixed, 'RG016'), []);
    const dated = applyFix(files, findings[0].fixes![1]);
    assert.equal(dated[undated], lines('# Cache notes', '', '**Date:** 2026-03-01', '**Status:** Draft', '', '## Problem', ''));
    assert.deepEqual(await check(dated, 'RG016'), []);
  });

  it('offers Status "Implemented" for a plan a checked item links (Draft would be RG023)', async () => {
    const undated = 'docs/plans/cache-notes.md';
    const files = baseWorkspace();
    files[undated] = lines('# Cache notes', '', '## Problem', '');
    files['docs/project/roadmap.md'] += '\n- [x] **Cache notes** ([Design](../plans/cache-notes.md))\n';
    const findings = await check(files, 'RG016');
    assert.deepEqual(findings[0].fixes!.map((f) => f.title), ['Add "**Status:** Implemented"', 'Add "**Date:** 2026-03-01" (today) and "**Status:** Implemented"']);
    for (const fix of findings[0].fixes!) assert.deepEqual(show(await check(applyFix(files, fix), 'RG023')), []);
  });

  it('dated today, the plan falls under the standards gate: the fix adds the standards section too', async () => {
    const undated = 'docs/plans/cache-notes.md';
    const files: Record<string, string> = { ...baseWorkspace(), [undated]: lines('# Cache notes', '', '## Problem', '', 'Slow.', '') };
    files['docs/plans/2026-01-01-gate-design.md'] = lines('# Gate', '', '**Date:** 2026-01-01', '**Status:** Draft', '', '## Open Standards Profile', '', '- Standard: RFC 9110', '- Enforced in: CI', '- Tests: http.test.ts', '');
    const findings = await check(files, 'RG016');
    const dated = findings[0].fixes![1];
    assert.match(dated.title, /and a standards section \(required from 2026-01-01\)$/);
    const fixed = applyFix(files, dated);
    assert.deepEqual(show(await check(fixed, 'RG016')), []);
    assert.deepEqual(show((await check(fixed, 'RG005')).filter((f) => f.path === undated)), []);
    assert.equal(show(await check(files, 'RG005')).length, show(await check(fixed, 'RG005')).length);
    assert.match(fixed[undated], /^# Cache notes\n\n\*\*Date:\*\* 2026-03-01\n\*\*Status:\*\* Draft\n\n## Problem\n\nSlow\.\n\n## /);
  });

  it('is silent when the file name has the date, even with no metadata line', async () => {
    const files = { ...baseWorkspace(), [PLAN]: lines('# Cache - Design', '', '## Problem', '') };
    assert.deepEqual(show(await check(files, 'RG016')), []);
  });

  it('does not count a Status or Date line deep inside the plan (a section status)', async () => {
    const undated = 'docs/plans/cache-notes.md';
    const body = Array.from({ length: 45 }, (_, i) => `Line ${i}.\n`);
    const files = { ...baseWorkspace(), [undated]: lines('# Cache', '', '## Tasks', '', ...body, '**Status:** Done', 'Date: 2026-02-03', '') };
    assert.deepEqual(show(await check(files, 'RG016')), [`${undated}:1:1 Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.`]);
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
