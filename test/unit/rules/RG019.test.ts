import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, check, lines, show } from './governance-fixture';

const ROADMAP = 'docs/project/roadmap.md';

describe('RG019 roadmap-metadata-missing', () => {
  it('is silent when both lines are present', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG019')), []);
  });

  it('reports both missing lines on the H1 and fixes them from the changelog\'s Roadmap Alignment (so RG020 keeps agreeing)', async () => {
    const files = { ...baseWorkspace(), [ROADMAP]: lines('# Roadmap', '', '## Phase 1: Build 🔄 **IN PROGRESS**', '', '- [ ] **[Core] Checker**', '') };
    const findings = await check(files, 'RG019');
    assert.deepEqual(show(findings), [`${ROADMAP}:1:1 The roadmap has no **Current Phase:** line.`, `${ROADMAP}:1:1 The roadmap has no **Last Updated:** YYYY-MM-DD line.`]);
    assert.equal(findings[0].severity, 'error');
    const once = applyFix(files, findings[0].fixes![0]);
    assert.equal(once[ROADMAP], lines('# Roadmap', '', '**Current Phase:** Phase 1 (Build) - In Progress', '', '## Phase 1: Build 🔄 **IN PROGRESS**', '', '- [ ] **[Core] Checker**', ''));
    const [updated] = await check(once, 'RG019');
    const twice = applyFix(once, updated.fixes![0]);
    assert.equal(twice[ROADMAP], lines('# Roadmap', '', '**Current Phase:** Phase 1 (Build) - In Progress', '**Last Updated:** 2026-02-15', '', '## Phase 1: Build 🔄 **IN PROGRESS**', '', '- [ ] **[Core] Checker**', ''));
    assert.match(updated.fixes![0].title, /the date CHANGELOG\.md's Roadmap Alignment records/);
    assert.deepEqual(await check(twice, 'RG019'), []);
    assert.deepEqual(show(await check(twice, 'RG020')), []);
  });

  it('without a Roadmap Alignment block, fixes them from the phases and today', async () => {
    const files: Record<string, string> = { ...baseWorkspace(), [ROADMAP]: lines('# Roadmap', '', '## Phase 1: Build 🔄 **IN PROGRESS**', '', '- [ ] **[Core] Checker**', '') };
    delete files['CHANGELOG.md'];
    const findings = await check(files, 'RG019');
    const once = applyFix(files, findings[0].fixes![0]);
    const twice = applyFix(once, (await check(once, 'RG019'))[0].fixes![0]);
    assert.equal(twice[ROADMAP], lines('# Roadmap', '', '**Current Phase:** Phase 1 (Build) - In Progress', '**Last Updated:** 2026-03-01', '', '## Phase 1: Build 🔄 **IN PROGRESS**', '', '- [ ] **[Core] Checker**', ''));
  });

  it('reports a Last Updated that is not a date alone on the line', async () => {
    const files = baseWorkspace();
    files[ROADMAP] = files[ROADMAP].replace('**Last Updated:** 2026-02-15', '**Last Updated:** mid February');
    assert.deepEqual(show(await check(files, 'RG019')), [`${ROADMAP}:5:19 **Last Updated:** "mid February" is not a date written YYYY-MM-DD (alone on the line).`]);
  });
});
