import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, show } from './governance-fixture';

const TEMPLATE = 'docs/project/RELEASE_NOTES_TEMPLATE.md';

describe('RG021 release-template-headings', () => {
  it('is silent when every heading is present', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG021')), []);
  });

  it('reports each missing heading (a deeper heading or one in a code block does not count) and appends them all in one fix', async () => {
    const files = baseWorkspace();
    files[TEMPLATE] = '# Release Notes\n\n### Milestone\n\n## Release Summary\n\n### Added\n\n### Changed\n\n```\n### Deprecated\n```\n\n### Removed\n\n### Fixed\n\n### Security\n';
    const findings = await check(files, 'RG021');
    assert.deepEqual(show(findings), [
      `${TEMPLATE}:1:1 The release notes template has no "## Milestone" heading.`,
      `${TEMPLATE}:1:1 The release notes template has no "### Deprecated" heading.`,
    ]);
    assert.deepEqual(findings.map((f) => !!f.fixes![0].preferred), [true, false]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [TEMPLATE]);
    assert.equal(fixed[TEMPLATE], files[TEMPLATE] + '\n## Milestone\n\n### Deprecated\n');
    assert.deepEqual(await check(fixed, 'RG021'), []);
  });
});
