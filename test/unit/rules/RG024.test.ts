import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, fixAll, lines, show } from './governance-fixture';

const ROADMAP = 'docs/project/roadmap.md';

function roadmap(...rows: string[]): Record<string, string> {
  const items = (done: number, open: number) => [
    ...Array.from({ length: done }, (_, i) => `- [x] **[Core] Done ${i}** ✅\n  - [ ] a nested sub-task does not count`),
    ...Array.from({ length: open }, (_, i) => `- [ ] **[Core] Open ${i}**`),
  ];
  return {
    ...baseWorkspace(),
    [ROADMAP]: lines(
      '# Roadmap',
      '',
      '**Current Phase:** Phase 2 (Grow) - In Progress',
      '',
      '**Last Updated:** 2026-02-15',
      '',
      '## Quick Status Overview',
      '',
      '| Phase | Status | Completion | Notes |',
      '|-------|--------|------------|-------|',
      ...rows,
      '',
      '## Phase 1: Build ✅ **COMPLETED**',
      '',
      ...items(2, 0),
      '- a plain bullet is a note, not an item',
      '',
      '## Phase 2: Grow 🔄 **IN PROGRESS**',
      '',
      ...items(7, 9),
      '',
      '## Phase 3: Later',
      '',
      ...items(0, 1),
      '',
    ),
  };
}

describe('RG024 status-table-drift', () => {
  it('is silent when the table agrees with the items and headings (rounded or exact percentages)', async () => {
    const files = roadmap('| **Phase 1** | ✅ Complete | 100% | |', '| **Phase 2** | 🔄 In Progress | 43.75% (7/16) | |', '| **Phase 3** | 📋 Planned | 0% | |');
    assert.deepEqual(show(await check(files, 'RG024')), []);
    assert.deepEqual(show(await check(roadmap('| Phase 2 | 🔄 In Progress | 44% | |'), 'RG024')), []);
  });

  it('reports a stale completion and fixes it to the counts of top-level items', async () => {
    const files = roadmap('| **Phase 2** | 🔄 In Progress | 41.18% (7/17) | |');
    const findings = await check(files, 'RG024');
    assert.deepEqual(show(findings), [`${ROADMAP}:11:34 Phase 2 completion "41.18% (7/17)" disagrees with the roadmap: 7 of 16 top-level items are checked (43.75%).`]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [ROADMAP]);
    assert.equal(fixed[ROADMAP], files[ROADMAP].replace('41.18% (7/17)', '43.75% (7/16)'));
    assert.deepEqual(await check(fixed, 'RG024'), []);
  });

  it('reports 0% for a phase with checked items, adding the count', async () => {
    const files = roadmap('| **Phase 2** | 🔄 In Progress | 0% | |');
    const fixed = await fixAll(files, 'RG024');
    assert.equal(fixed[ROADMAP], files[ROADMAP].replace('| 0% |', '| 43.75% (7/16) |'));
  });

  it("reports a status that disagrees with the phase heading's marker, not one for a heading without a marker", async () => {
    const files = roadmap('| **Phase 1** | 🔄 In Progress | 100% | |', '| **Phase 3** | ✅ Complete | 0% | |');
    const findings = await check(files, 'RG024');
    assert.deepEqual(show(findings), [`${ROADMAP}:11:17 Phase 1 status "🔄 In Progress" disagrees with its heading, which says completed (✅) (line 14).`]);
    const fixed = await fixAll(files, 'RG024');
    assert.equal(fixed[ROADMAP], files[ROADMAP].replace('| **Phase 1** | 🔄 In Progress |', '| **Phase 1** | ✅ Complete |'));
  });
});
