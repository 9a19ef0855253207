import { strict as assert } from 'node:assert';
import { keys, lines, run } from './planRuleHelpers';

const doc = (title: string, ...body: string[]) => lines(`# ${title}`, '', ...body, '');
const msg = (date: string, slug: string) => `Design doc has no implementation plan: no ${date}-${slug}-implementation.md (or -plan.md), no plan links it, and no roadmap item links it with one.`;

describe('RG008 design-without-implementation', () => {
  it('pairs by date+slug, slug across dates, links either way and roadmap items; reports the rest', async () => {
    const { findings } = await run({
      'docs/project/roadmap.md': lines(
        '# Roadmap',
        '',
        '## Topics',
        '',
        '- Topic ([Design](../plans/2026-02-01-topic-design.md), [Implementation](../plans/2026-02-01-umbrella-implementation.md))',
        '',
        '## Phase 1: Start',
        '',
        '- Implementation coverage: [Phase plan](../plans/2026-02-01-phase-1-implementation.md)',
        '- [ ] **[Core] Covered** ([Design](../plans/2026-02-01-covered-design.md))',
        '',
        '## Phase 2: Next',
        '',
        '- [ ] **[Core] Alone** ([Design](../plans/2026-02-01-roadmap-alone-design.md))',
        '',
      ),
      'docs/plans/2026-02-01-same-design.md': doc('Same'),
      'docs/plans/2026-02-01-same-implementation.md': doc('Same impl'),
      'docs/plans/2026-02-01-plan-suffix-design.md': doc('Plan suffix'),
      'docs/plans/2026-02-01-plan-suffix-plan.md': doc('Plan'),
      'docs/plans/2026-02-01-later-design.md': doc('Later'),
      'docs/plans/2026-02-09-later-implementation-plan.md': doc('Later impl'),
      'docs/plans/2026-02-01-referenced-design.md': doc('Referenced'),
      'docs/plans/2026-02-03-other-name-implementation.md': doc('Other', '**Design Reference:** `docs/plans/2026-02-01-referenced-design.md`'),
      'docs/plans/2026-02-01-links-out-design.md': doc('Links out', 'Plan: [impl](2026-02-05-whatever-implementation.md)'),
      'docs/plans/2026-02-05-whatever-implementation.md': doc('Whatever'),
      'docs/plans/2026-02-01-topic-design.md': doc('Topic'),
      'docs/plans/2026-02-01-umbrella-implementation.md': doc('Umbrella'),
      'docs/plans/2026-02-01-covered-design.md': doc('Covered by the phase\'s Implementation coverage line'),
      'docs/plans/2026-02-01-phase-1-implementation.md': doc('Phase 1'),
      'docs/plans/2026-01-16-bun-migration-design.md': doc('Bun'),
      'docs/plans/2026-01-16-bun-migration.md': doc('Bun plan (unknown kind, same date and slug)'),
      // Reported:
      'docs/plans/2026-02-01-roadmap-alone-design.md': doc('Roadmap alone'),
      'docs/plans/2026-02-01-lonely-design.md': doc('Lonely', 'Mentions `docs/plans/2026-02-01-same-implementation.md` in prose only.'),
      // Retired designs are left alone, by their marker or by the registry.
      'docs/plans/2026-02-01-retired-design.md': doc('Retired', '**Lifecycle:** Superseded', '**Superseded By:** `docs/plans/2026-02-01-same-design.md`'),
      'docs/plans/2026-02-01-archived-design.md': doc('Archived'),
      'docs/plans/PLAN_LIFECYCLE.md': lines('# Registry', '', '| Plan | Lifecycle | Superseded By | Notes |', '|---|---|---|---|', '| `2026-02-01-archived-design.md` | Archived | - | |', ''),
    });
    assert.deepEqual(keys(findings, 'RG008'), [
      `docs/plans/2026-02-01-lonely-design.md:1 ${msg('2026-02-01', 'lonely')}`,
      `docs/plans/2026-02-01-roadmap-alone-design.md:1 ${msg('2026-02-01', 'roadmap-alone')}`,
    ]);
    assert.equal(findings.find((f) => f.code === 'RG008')!.severity, 'info');
  });

  it('is silenced by a suppression before the title', async () => {
    const { findings } = await run({ 'docs/plans/2026-02-01-a-design.md': lines('<!-- roadmap-governance-disable-next-line RG008 -- exploratory -->', '# A', '') });
    assert.deepEqual(keys(findings, 'RG008'), []);
  });
});
