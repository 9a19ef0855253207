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

    it('asks every open item for a design: the phase-level design quotes of phases 6 and 7 are broken on GitHub, so they credit nothing', () => {
      const perPhase: Record<string, number> = {};
      for (const f of byCode(findings, 'RG001')) {
        assert.equal(f.path, 'docs/ROADMAP.md');
        const phase = /^(.*?) item "/.exec(f.message)![1];
        perPhase[phase] = (perPhase[phase] ?? 0) + 1;
      }
      assert.deepEqual(perPhase, { 'Phase 6': 5, 'Phase 7b': 5, 'Phase 8a': 5, 'Phase 9a': 5, 'Phase 9b': 3, 'Phase 10': 6, 'Phase 11': 5, Backlog: 4 });
      const quotes = byCode(findings, 'RG003').filter((f) => f.path === 'docs/ROADMAP.md' && (f.range.start.line === 43 || f.range.start.line === 65) && /docs\/docs\/plans\//.test(f.message));
      assert.equal(quotes.length, 2, 'the two quoted design links are reported where they are');
    });

    it('names the implementation plans of phases 9 and 10 that exist unlinked, for their items only', () => {
      const suggested = byCode(findings, 'RG002').filter((f) => /looks like it/.test(f.message));
      assert.equal(suggested.length, 14);
      for (const f of suggested) {
        const phase = /^Phase (\d+)/.exec(f.message)![1];
        const plan = phase === '9' ? '2026-03-20-phase-09-event-driven-suggestions.md' : '2026-03-20-phase-10-notification-controls.md';
        assert.ok(['9', '10'].includes(phase), f.message);
        assert.ok(f.message.includes(`docs/superpowers/plans/${plan} looks like it`), f.message);
      }
    });

    it('reads the ADRs as decision records: their ## Status, no pairing asked, orphans only where the index misses them', () => {
      assert.deepEqual(byCode(findings, 'RG016'), []);
      assert.deepEqual([...byCode(findings, 'RG008'), ...byCode(findings, 'RG009')].filter((f) => f.path.startsWith('docs/adr/')), []);
      assert.deepEqual(
        byCode(findings, 'RG007').filter((f) => f.path.startsWith('docs/adr/')).map((f) => f.path.slice('docs/adr/'.length, 'docs/adr/'.length + 4)),
        ['0035', '0036', '0079', '0080', '0081', '0082', '0083', '0084', '0085'],
        'the records docs/adr/README.md does not list',
      );
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

    it('reads Phase 1 of the roadmap from its status table: ten done rows, nothing to ask of them', () => {
      const phase1 = engine.model().roadmap!.phases.find((p) => p.number === '1')!;
      assert.equal(phase1.items.length, 10);
      assert.ok(phase1.items.every((i) => i.checked));
      assert.deepEqual(byCode(findings, 'RG001'), []);
      assert.deepEqual(byCode(findings, 'RG002'), []);
    });

    it('takes the date in a plan\'s file name as its date (no RG016), and says a machine path is one', () => {
      assert.deepEqual(byCode(findings, 'RG016'), []);
      const machine = byCode(findings, 'RG003').filter((f) => /is an absolute path on the author's machine/.test(f.message));
      assert.equal(machine.length, 43);
      assert.ok(machine.every((f) => f.message.includes('"/Users/')));
    });
  });
});
