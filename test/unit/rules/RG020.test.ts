import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, fixAll, lines, show } from './governance-fixture';

const CHANGELOG = 'CHANGELOG.md';

describe('RG020 changelog-alignment', () => {
  it('is silent when the block repeats the roadmap metadata', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG020')), []);
  });

  it('reports a missing block on the [Unreleased] heading and inserts it from the roadmap', async () => {
    const files = baseWorkspace();
    files[CHANGELOG] = lines('# Changelog', '', '## [Unreleased]', '', '### Added', '- Things', '', '## [0.1.0] - 2026-01-01', '');
    const findings = await check(files, 'RG020');
    assert.deepEqual(show(findings), [`${CHANGELOG}:3:1 The [Unreleased] section has no ### Roadmap Alignment block (current roadmap phase and last-updated date).`]);
    assert.equal(findings[0].severity, 'error');
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [CHANGELOG]);
    assert.equal(fixed[CHANGELOG], baseWorkspace()[CHANGELOG]);
  });

  it('finds the block when [Unreleased] is a link reference (Keep a Changelog footer)', async () => {
    const files = baseWorkspace();
    files[CHANGELOG] += '\n[Unreleased]: https://example.com/compare/v0.1.0...HEAD\n';
    assert.deepEqual(show(await check(files, 'RG020')), []);
  });

  it('reports values that disagree with the roadmap on their lines and rewrites them', async () => {
    const files = baseWorkspace();
    files[CHANGELOG] = files[CHANGELOG].replace('Phase 1 (Build) - In Progress', 'Phase 0').replace('last updated: 2026-02-15', 'last updated: 2026-02-01');
    assert.deepEqual(show(await check(files, 'RG020')), [
      `${CHANGELOG}:6:1 Current roadmap phase "Phase 0" disagrees with the roadmap (docs/project/roadmap.md): "Phase 1 (Build) - In Progress".`,
      `${CHANGELOG}:7:1 Roadmap last updated "2026-02-01" disagrees with the roadmap (docs/project/roadmap.md): "2026-02-15".`,
    ]);
    assert.equal((await fixAll(files, 'RG020'))[CHANGELOG], baseWorkspace()[CHANGELOG]);
  });

  it('reports a missing line of the block, and a changelog without [Unreleased]', async () => {
    const files = baseWorkspace();
    files[CHANGELOG] = files[CHANGELOG].replace('- Roadmap last updated: 2026-02-15\n', '');
    assert.deepEqual(show(await check(files, 'RG020')), [`${CHANGELOG}:5:1 The Roadmap Alignment block has no "- Roadmap last updated:" line.`]);
    assert.equal((await fixAll(files, 'RG020'))[CHANGELOG], baseWorkspace()[CHANGELOG]);
    const none = { ...baseWorkspace(), [CHANGELOG]: lines('# Changelog', '', '## [0.1.0] - 2026-01-01', '') };
    assert.deepEqual(show(await check(none, 'RG020')), [`${CHANGELOG}:1:1 CHANGELOG.md has no ## [Unreleased] section (with its ### Roadmap Alignment block).`]);
    const fixed = await fixAll(none, 'RG020');
    assert.match(fixed[CHANGELOG], /^# Changelog\n\n## \[Unreleased\]\n\n### Roadmap Alignment\n- Current roadmap phase: Phase 1 \(Build\) - In Progress\n- Roadmap last updated: 2026-02-15\n\n## \[0\.1\.0\]/);
  });
});
