/**
 * Acceptance on two more real repositories of other layouts
 * (../shared/corpus/world, see WORLD.md there), at zero config: what a correct
 * tool finds there, checked by hand, and the findings that would be wrong.
 * Skipped, and says so, when the folder is not there.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import { convention } from '../../server/engine/presets';
import type { Finding } from '../../server/engine/types';
import { FsWorkspace } from '../../server/node/fsWorkspace';

const WORLD = path.resolve(__dirname, '../../../shared/corpus/world');

async function open(name: string): Promise<{ engine: Engine; findings: Finding[] }> {
  const engine = new Engine(new FsWorkspace(path.join(WORLD, name)), { now: () => new Date('2026-12-01T00:00:00Z') });
  await engine.scan();
  return { engine, findings: engine.check() };
}

const byCode = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);
/** Rules of conventions neither repository follows: none may fire there. */
const CONVENTION_RULES = ['RG005', 'RG006', 'RG011', 'RG012', 'RG019', 'RG020', 'RG021', 'RG022'];

describe('real repositories of other layouts (../shared/corpus/world)', function () {
  before(function () {
    if (!existsSync(WORLD)) {
      console.log(`      (skipped: ${WORLD} is not there)`);
      this.skip();
    }
  });

  describe('papai: superpowers specs and plans, ADRs, a ROADMAP.md of phases', () => {
    let engine: Engine;
    let findings: Finding[];
    before(async () => ({ engine, findings } = await open('papai')));

    it('finds the roadmap in docs/ and the three plan folders with their kinds', () => {
      assert.equal(engine.model().roadmap?.path, 'docs/ROADMAP.md');
      assert.deepEqual(engine.config.plans, ['docs/superpowers/specs/**/*.md', 'docs/superpowers/plans/**/*.md', 'docs/adr/**/*.md']);
      assert.deepEqual(engine.config.planKinds, { 'docs/superpowers/specs/**': 'design', 'docs/superpowers/plans/**': 'implementation', 'docs/adr/**': 'decision' });
    });

    it('holds it to none of the conventions it does not follow', () => {
      const model = engine.model();
      for (const key of ['standardsGate', 'lifecycleRegistry', 'changelogAlignment', 'releaseTemplate', 'roadmapMetadata'] as const) assert.equal(convention(model, key).on, false, key);
      assert.equal(convention(model, 'itemLinks').on, true, 'it writes plans');
      for (const code of CONVENTION_RULES) assert.deepEqual(byCode(findings, code), [], code);
    });
  });

  describe('elephant: a stub roadmap, a roadmap of tables, unsuffixed dated plans', () => {
    let engine: Engine;
    let findings: Finding[];
    before(async () => ({ engine, findings } = await open('elephant')));

    it('follows the stub ROADMAP.md to docs/roadmap/roadmap.md', () => {
      assert.equal(engine.model().roadmap?.path, 'docs/roadmap/roadmap.md');
      assert.match(engine.configOrigins.get('roadmap')!, /ROADMAP\.md is a stub that names it/);
      assert.ok(engine.config.plans.includes('docs/plans/**/*.md'));
    });

    it('holds it to none of the conventions it does not follow', () => {
      for (const code of CONVENTION_RULES) assert.deepEqual(byCode(findings, code), [], code);
    });
  });
});
