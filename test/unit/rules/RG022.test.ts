import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, check, show } from './governance-fixture';

describe('RG022 required-file-missing', () => {
  it('is silent when every required file exists', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG022')), []);
  });

  it('reports each missing file at its configured path, line 1', async () => {
    const files = baseWorkspace();
    for (const p of ['docs/project/roadmap.md', 'docs/plans/PLAN_LIFECYCLE.md', 'CHANGELOG.md', 'docs/project/RELEASE_NOTES_TEMPLATE.md']) delete files[p];
    const findings = await check(files, 'RG022');
    assert.deepEqual(show(findings), [
      'CHANGELOG.md:1:1 Missing required file: CHANGELOG.md (the changelog with its [Unreleased] Roadmap Alignment block).',
      'docs/plans/PLAN_LIFECYCLE.md:1:1 Missing required file: docs/plans/PLAN_LIFECYCLE.md (the plan lifecycle registry).',
      'docs/project/RELEASE_NOTES_TEMPLATE.md:1:1 Missing required file: docs/project/RELEASE_NOTES_TEMPLATE.md (the release notes template).',
      'docs/project/roadmap.md:1:1 Missing required file: docs/project/roadmap.md (the roadmap; none of ROADMAP.md, docs/ROADMAP.md, docs/roadmap.md, docs/roadmap/roadmap.md, roadmap.md exists either).',
    ]);
    assert.ok(findings.every((f) => f.severity === 'error'));
  });

  it('accepts a roadmap fallback, and creates a release template that RG021 accepts', async () => {
    const files = baseWorkspace();
    files['ROADMAP.md'] = files['docs/project/roadmap.md'];
    delete files['docs/project/roadmap.md'];
    delete files['docs/project/RELEASE_NOTES_TEMPLATE.md'];
    const findings = await check(files, 'RG022');
    assert.deepEqual(show(findings), ['docs/project/RELEASE_NOTES_TEMPLATE.md:1:1 Missing required file: docs/project/RELEASE_NOTES_TEMPLATE.md (the release notes template).']);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(await check(fixed, 'RG022'), []);
    assert.deepEqual(await check(fixed, 'RG021'), []);
  });
});
