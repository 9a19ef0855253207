import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/engine/engine';
import { InMemoryWorkspace } from '../../../server/engine/workspace';
import { applyFix, baseWorkspace, check, NOW, show } from './governance-fixture';

const REQUIRED = ['docs/project/roadmap.md', 'docs/plans/PLAN_LIFECYCLE.md', 'CHANGELOG.md', 'docs/project/RELEASE_NOTES_TEMPLATE.md'];

/** `code path:line:col` of every finding, to compare what a fix changed. */
const everything = async (files: Record<string, string>) => (await check(files)).map((f) => `${f.code} ${show([f])[0]}`);

describe('RG022 required-file-missing', () => {
  it('is silent when every required file exists', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG022')), []);
  });

  it('reports each missing file in the config file, on the preset that requires it (a missing file cannot be opened)', async () => {
    const files = baseWorkspace();
    for (const p of REQUIRED) delete files[p];
    // {"extends":["docs-governance"]}: column 13 is the preset's name.
    const findings = await check(files, 'RG022');
    assert.deepEqual(show(findings), [
      '.roadmap-governance.json:1:13 Missing required file: docs/project/roadmap.md (the roadmap; none of ROADMAP.md, docs/ROADMAP.md, docs/roadmap.md, docs/roadmap/roadmap.md, roadmap.md exists either).',
      '.roadmap-governance.json:1:13 Missing required file: docs/plans/PLAN_LIFECYCLE.md (the plan lifecycle registry).',
      '.roadmap-governance.json:1:13 Missing required file: CHANGELOG.md (the changelog with its [Unreleased] Roadmap Alignment block).',
      '.roadmap-governance.json:1:13 Missing required file: docs/project/RELEASE_NOTES_TEMPLATE.md (the release notes template).',
    ]);
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 29 } });
    assert.deepEqual(findings.map((f) => f.fixes?.map((x) => x.title)), REQUIRED.map((p) => [`Create ${p}`]));
  });

  it('reports on the convention key that switched it on', async () => {
    const files = baseWorkspace();
    files['.roadmap-governance.json'] = '{\n  "conventions": {\n    "lifecycleRegistry": "on"\n  }\n}\n';
    delete files['docs/plans/PLAN_LIFECYCLE.md'];
    assert.deepEqual(show(await check(files, 'RG022')), ['.roadmap-governance.json:3:5 Missing required file: docs/plans/PLAN_LIFECYCLE.md (the plan lifecycle registry).']);
  });

  it('without a config file (an editor setting switched it on), reports on the roadmap\'s first line', async () => {
    const files = baseWorkspace();
    delete files['.roadmap-governance.json'];
    delete files['docs/project/RELEASE_NOTES_TEMPLATE.md'];
    const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
    engine.setEditorSettings({ conventions: { releaseTemplate: 'on' } });
    await engine.scan();
    const findings = engine.check().filter((f) => f.code === 'RG022');
    assert.deepEqual(show(findings), ['docs/project/roadmap.md:1:1 Missing required file: docs/project/RELEASE_NOTES_TEMPLATE.md (the release notes template).']);
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# Roadmap'.length } });
  });

  it('accepts a roadmap fallback, and creates a release template that RG021 accepts', async () => {
    const files = baseWorkspace();
    files['ROADMAP.md'] = files['docs/project/roadmap.md'];
    delete files['docs/project/roadmap.md'];
    delete files['docs/project/RELEASE_NOTES_TEMPLATE.md'];
    const findings = await check(files, 'RG022');
    assert.deepEqual(show(findings), ['.roadmap-governance.json:1:13 Missing required file: docs/project/RELEASE_NOTES_TEMPLATE.md (the release notes template).']);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(await check(fixed, 'RG022'), []);
    assert.deepEqual(await check(fixed, 'RG021'), []);
  });

  for (const missing of ['docs/project/roadmap.md', 'CHANGELOG.md', 'docs/project/RELEASE_NOTES_TEMPLATE.md']) {
    it(`creates ${missing}: the finding goes, and ${missing.endsWith('roadmap.md') ? 'only what a roadmap without items implies appears' : 'no other appears'}`, async () => {
      const files = baseWorkspace();
      const before = await everything(files);
      delete files[missing];
      const findings = await check(files, 'RG022');
      assert.equal(findings.length, 1);
      const fixed = applyFix(files, findings[0].fixes![0]);
      assert.deepEqual(await check(fixed, 'RG022'), []);
      const after = await everything(fixed);
      if (missing !== 'docs/project/roadmap.md') assert.deepEqual(after, before);
      else {
        // A new roadmap, with no item yet: the changelog's alignment block does not match it (yet); a
        // roadmap that links no document does not ask the plans to be linked from it (RG007).
        assert.deepEqual([...new Set(after.filter((f) => !before.includes(f)).map((f) => f.split(' ')[0]))].sort(), ['RG020']);
        assert.match(fixed[missing], /^# Roadmap\n\n\*\*Current Phase:\*\* Phase 1\n\n\*\*Last Updated:\*\* 2026-03-01\n/);
      }
    });
  }

  it('creates the lifecycle registry, an empty map that asks for nothing but the rows RG012 wants', async () => {
    const files = baseWorkspace();
    delete files['docs/plans/PLAN_LIFECYCLE.md'];
    const findings = await check(files, 'RG022');
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(await check(fixed, 'RG022'), []);
    const added = (await check(fixed)).filter((f) => !['RG012'].includes(f.code)).map((f) => f.code);
    assert.deepEqual(added, (await check(baseWorkspace())).map((f) => f.code));
  });
});
