/**
 * Layout detection and presets: what the engine finds in a workspace with no
 * config, which conventions it switches on and why, and what `extends` and
 * the `conventions` settings do. Every workspace here is a small one of our
 * own, shaped like a layout real repositories use.
 */
import { strict as assert } from 'node:assert';
import { Engine } from '../../server/engine/engine';
import { effectiveConfig } from '../../server/engine/effective';
import { PRESETS, convention } from '../../server/engine/presets';
import type { ConventionsConfig } from '../../server/engine/config';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const NOW = () => new Date('2026-05-01T00:00:00Z');
const lines = (...l: string[]) => l.join('\n') + '\n';

async function open(files: Record<string, string>): Promise<{ engine: Engine; ws: InMemoryWorkspace }> {
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: NOW });
  await engine.scan();
  return { engine, ws };
}

function conventionsOn(engine: Engine): string[] {
  const model = engine.model();
  return (['itemLinks', 'standardsGate', 'lifecycleRegistry', 'changelogAlignment', 'releaseTemplate', 'roadmapMetadata'] as (keyof ConventionsConfig)[]).filter((k) => convention(model, k).on);
}

const codes = (engine: Engine) => [...new Set(engine.check().map((f) => f.code))].sort();

describe('layout detection and presets', () => {
  it('gives a folder with no roadmap and no plans no finding and no convention, whatever else it has', async () => {
    const { engine } = await open({
      'README.md': '# Tool\n\nSee [the guide](docs/guide.md).\n',
      'docs/guide.md': '# Guide\n',
      'CHANGELOG.md': lines('# Changelog', '', '## [Unreleased]', '', '### Added', '', '- Things.'),
    });
    assert.deepEqual(engine.check(), []);
    assert.deepEqual(conventionsOn(engine), []);
    assert.deepEqual(engine.config.plans, []);
  });

  it('finds each plan layout by its folders, with the kind of each folder', async () => {
    const { engine } = await open({
      'docs/plans/2026-01-02-sync-design.md': '# Sync\n',
      'docs/superpowers/specs/2026-03-01-inbox-design.md': '# Inbox\n',
      'docs/superpowers/plans/2026-03-04-inbox.md': '# Inbox plan\n',
      'docs/adr/0001-use-sqlite.md': '# 1. Use SQLite\n',
      'docs/decisions/ADR-0002-queue.md': '# Queue\n',
      'docs/rfcs/0007-plugin-api.md': '# Plugin API\n',
      // A folder of notes that are neither dated nor numbered is no plan folder.
      'docs/specs/overview.md': '# Overview\n',
    });
    assert.deepEqual(engine.config.plans, [
      'docs/plans/**/*.md',
      'docs/superpowers/specs/**/*.md',
      'docs/superpowers/plans/**/*.md',
      'docs/adr/**/*.md',
      'docs/decisions/**/*.md',
      'docs/rfcs/**/*.md',
    ]);
    assert.deepEqual(engine.config.planKinds, {
      'docs/superpowers/specs/**': 'design',
      'docs/superpowers/plans/**': 'implementation',
      'docs/adr/**': 'decision',
      'docs/decisions/**': 'decision',
      'docs/rfcs/**': 'design',
    });
    const origin = engine.configOrigins.get('plans')!;
    assert.match(origin, /^detected: /);
    assert.match(origin, /docs\/superpowers\/specs has 1 dated design docs/);
    assert.match(origin, /docs\/adr has 1 numbered decision records/);
  });

  it('leaves plans alone when a layer sets them, and detects what no layer set', async () => {
    const { engine } = await open({
      '.roadmap-governance.json': JSON.stringify({ plans: ['notes/**/*.md'] }),
      'docs/plans/2026-01-02-sync-design.md': '# Sync\n',
      'notes/2026-01-01-a.md': '# A\n',
      'docs/ROADMAP.md': lines('# Roadmap', '', '## Phase 1', '', '- [ ] Thing'),
    });
    assert.deepEqual(engine.config.plans, ['notes/**/*.md']);
    assert.equal(engine.configOrigins.get('plans'), '.roadmap-governance.json');
    assert.equal(engine.config.roadmap, 'docs/ROADMAP.md');
    assert.equal(engine.configOrigins.get('roadmap'), 'detected: docs/ROADMAP.md exists');
  });

  it('finds a roadmap in a folder of its own, shallowest first, not in an archive', async () => {
    const { engine } = await open({
      'planning/archive/roadmap.md': lines('# Old', '', '- [ ] old'),
      'planning/ROADMAP.md': lines('# Roadmap', '', '## Milestone 1', '', '- [ ] Ship'),
      'planning/deep/more/roadmap.md': lines('# Deeper', '', '- [ ] x'),
    });
    assert.equal(engine.config.roadmap, 'planning/ROADMAP.md');
    assert.equal(engine.model().roadmap?.path, 'planning/ROADMAP.md');
  });

  it('follows a stub roadmap that names the real one, by link or by a path in backticks', async () => {
    const real = lines('# Roadmap', '', '## Phase 1: Start', '', '- [ ] **[Core] Sync**');
    const byCode = await open({
      'ROADMAP.md': lines('# Project roadmap', '', 'The current roadmap: `docs/roadmap/roadmap.md` (authoritative).', '', '## Reading order', '', '1. `README.md`'),
      'docs/roadmap/roadmap.md': real,
    });
    assert.equal(byCode.engine.model().roadmap?.path, 'docs/roadmap/roadmap.md');
    assert.match(byCode.engine.configOrigins.get('roadmap')!, /ROADMAP\.md is a stub that names it/);
    const byLink = await open({
      'ROADMAP.md': lines('# Roadmap', '', 'Moved to [the plan](planning/roadmap.md).'),
      'planning/roadmap.md': real,
    });
    assert.equal(byLink.engine.model().roadmap?.path, 'planning/roadmap.md');
    // A roadmap with items is no stub, whatever it links; a versioned or archived roadmap is not followed.
    const notStub = await open({
      'ROADMAP.md': lines('# Roadmap', '', 'Details of v1 are in `milestones/v1.0-ROADMAP.md`.', '', '- REQ-1: plain bullets only'),
      'milestones/v1.0-ROADMAP.md': real,
    });
    assert.equal(notStub.engine.model().roadmap?.path, 'ROADMAP.md');
  });

  it('switches each convention on by what the workspace shows, and says why', async () => {
    const { engine } = await open({
      'docs/project/roadmap.md': lines('# Roadmap', '', '**Last Updated:** 2026-04-01', '', '## Phase 1: Start', '', '- [ ] **[Core] Sync** ([Design](../plans/2026-04-01-sync-design.md))'),
      'docs/plans/2026-04-01-sync-design.md': lines('# Sync', '', '**Date:** 2026-04-01', '', '## Standards Compliance', '', '- OpenAPI 3.1, enforced by a CI lint, proven by contract tests.'),
      'docs/plans/PLAN_LIFECYCLE.md': lines('# Registry', '', '| Plan | Lifecycle | Superseded By | Notes |', '|---|---|---|---|', '| `2026-04-01-sync-design.md` | Active | - | - |'),
      'CHANGELOG.md': lines('# Changelog', '', '## [Unreleased]', '', '### Roadmap Alignment', '- Current roadmap phase: Phase 1', '- Roadmap last updated: 2026-04-01'),
      'docs/project/RELEASE_NOTES_TEMPLATE.md': '# Release notes\n',
    });
    assert.deepEqual(conventionsOn(engine), ['itemLinks', 'standardsGate', 'lifecycleRegistry', 'changelogAlignment', 'releaseTemplate', 'roadmapMetadata']);
    const report = effectiveConfig(engine.config, engine.configOrigins, engine.model());
    const why = Object.fromEntries(report.conventions.map((c) => [c.preset, c.why]));
    assert.equal(why['standards-gate'], 'detected: 1 plan has a standards-compliance section');
    assert.equal(why['lifecycle-registry'], 'detected: docs/plans/PLAN_LIFECYCLE.md exists');
    assert.equal(why['changelog-alignment'], 'detected: CHANGELOG.md has a "Roadmap Alignment" heading (line 5)');
    assert.equal(why['roadmap-metadata'], 'detected: docs/project/roadmap.md has a **Last Updated:** line (line 3)');
    assert.equal(why['item-links'], 'detected: 1 design doc or plan in docs/plans/**/*.md');
    // Found in the roadmap, the metadata lines it has are checked; the one it lacks is not required.
    assert.deepEqual(engine.check().filter((f) => f.code === 'RG019'), []);
  });

  it('requires the standards section from the first plan that has one: older plans are history', async () => {
    const { engine } = await open({
      'docs/plans/2026-01-10-old-design.md': lines('# Old', '', '**Date:** 2026-01-10'),
      'docs/plans/2026-02-01-first-design.md': lines('# First', '', '**Date:** 2026-02-01', '', '## Open Standards Profile', '', '- WCAG 2.2, enforced by an axe CI gate, proven by accessibility tests.'),
      'docs/plans/2026-03-01-later-design.md': lines('# Later', '', '**Date:** 2026-03-01'),
    });
    assert.deepEqual(
      engine.check().filter((f) => f.code === 'RG005').map((f) => `${f.path} ${f.message}`),
      ['docs/plans/2026-03-01-later-design.md Plan has no standards-compliance section (a heading such as "Open Standards Profile"); it is required in plans dated on or after 2026-02-01.'],
    );
  });

  it('a standards profile alone switches the gate on for plans written from today', async () => {
    const { engine } = await open({
      'docs/standards/open-standards-profile.md': lines('# Profile', '', '| Domain | Required standards |', '|---|---|', '| API | OpenAPI 3.1 |'),
      'docs/plans/2026-01-10-old-design.md': lines('# Old', '', '**Date:** 2026-01-10'),
      'docs/plans/2026-05-01-new-design.md': lines('# New', '', '**Date:** 2026-05-01'),
    });
    assert.deepEqual(engine.check().filter((f) => f.code === 'RG005').map((f) => f.path), ['docs/plans/2026-05-01-new-design.md']);
  });

  it('asks roadmap items for links only where the project writes plans or links docs from its items', async () => {
    const roadmap = lines('# Roadmap', '', '## Phase 1: Start', '', '- [ ] Write the parser', '- [ ] Ship it');
    const todo = await open({ 'ROADMAP.md': roadmap });
    assert.deepEqual(codes(todo.engine), [], 'a to-do list in a project without plans');
    assert.equal(convention(todo.engine.model(), 'itemLinks').why, 'not detected');
    const planned = await open({ 'ROADMAP.md': roadmap, 'docs/plans/2026-01-01-parser-design.md': lines('# Parser', '', '**Date:** 2026-01-01', '**Status:** Draft') });
    assert.deepEqual(
      planned.engine.check().filter((f) => f.code === 'RG001').length,
      2,
      'with a plans folder, open items without a design link are reported',
    );
  });

  it('"on" requires a convention\'s files and "off" silences it even where the workspace shows it', async () => {
    const on = await open({
      '.roadmap-governance.json': JSON.stringify({ conventions: { lifecycleRegistry: 'on', releaseTemplate: 'on' } }),
      'docs/plans/2026-01-01-a-design.md': lines('# A', '', '**Date:** 2026-01-01', '**Status:** Draft'),
    });
    assert.deepEqual(
      on.engine.check().filter((f) => f.code === 'RG022').map((f) => f.data?.missing),
      ['docs/plans/PLAN_LIFECYCLE.md', 'docs/project/RELEASE_NOTES_TEMPLATE.md'],
    );
    const off = await open({
      '.roadmap-governance.json': JSON.stringify({ conventions: { changelogAlignment: 'off' } }),
      'CHANGELOG.md': lines('# Changelog', '', '## [Unreleased]', '', '### Roadmap Alignment', '- Current roadmap phase: nonsense'),
      'ROADMAP.md': lines('# Roadmap', '', '**Current Phase:** Phase 1', '**Last Updated:** 2026-04-01', '', '## Phase 1', '', '- [ ] x'),
    });
    assert.deepEqual(off.engine.check().filter((f) => f.code === 'RG020'), []);
    assert.equal(convention(off.engine.model(), 'changelogAlignment').why, 'switched off by the config');
  });

  it('"extends" names presets: docs-governance requires every file its checker needs', async () => {
    const { engine } = await open({
      '.roadmap-governance.json': JSON.stringify({ extends: ['docs-governance'] }),
      'README.md': '# Nothing yet\n',
    });
    assert.deepEqual(engine.check().filter((f) => f.code === 'RG022').map((f) => f.data?.missing), [
      'docs/project/roadmap.md',
      'docs/plans/PLAN_LIFECYCLE.md',
      'CHANGELOG.md',
      'docs/project/RELEASE_NOTES_TEMPLATE.md',
    ]);
    assert.equal(engine.configOrigins.get('conventions.lifecycleRegistry'), 'preset docs-governance');
    assert.equal(engine.configOrigins.get('plans'), 'preset docs-governance');
  });

  it('two layout presets in "extends" add up their folders; an unknown preset is one RG900 and the rest stands', async () => {
    const { engine } = await open({
      '.roadmap-governance.json': JSON.stringify({ extends: ['superpowers', 'decision-records', 'eslint:recommended'] }),
      'README.md': '# x\n',
    });
    assert.deepEqual(engine.config.plans.slice(0, 4), ['docs/superpowers/specs/**/*.md', 'docs/superpowers/plans/**/*.md', 'docs/adr/**/*.md', 'docs/adrs/**/*.md']);
    assert.ok(engine.config.plans.includes('docs/decisions/**/*.md'));
    assert.equal(engine.config.planKinds['docs/adr/**'], 'decision');
    const problems = engine.check().filter((f) => f.code === 'RG900');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /Unknown preset "eslint:recommended" in "extends"; known presets: .*docs-governance/);
  });

  it('sees a new plan folder created on disk without a restart', async () => {
    const { engine, ws } = await open({ 'ROADMAP.md': lines('# Roadmap', '', '## Phase 1', '', '- [ ] **[Core] Sync**') });
    assert.deepEqual(engine.check(), []);
    ws.files.set('docs/adr/0001-sync-protocol.md', lines('# 1. Sync protocol', '', '## Status', '', 'Accepted'));
    assert.equal(await engine.fileChanged('docs/adr/0001-sync-protocol.md'), true, 'the layout changed: a rescan');
    assert.deepEqual(engine.config.plans, ['docs/adr/**/*.md']);
    assert.ok(engine.model().isPlan('docs/adr/0001-sync-protocol.md'));
  });

  it('has a docs section for every preset', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/layouts.md', import.meta.url), 'utf8');
    for (const preset of PRESETS) {
      assert.ok(preset.docs.startsWith('docs/layouts.md#'), preset.name);
      assert.ok(doc.includes(`\n### ${preset.name}\n`) || doc.includes(`\n## ${preset.name}\n`), `docs/layouts.md has a section for ${preset.name}`);
    }
  });
});
