import { strict as assert } from 'node:assert';
import { keys, lines, run } from './planRuleHelpers';

const doc = (title: string, ...body: string[]) => lines(`# ${title}`, '', ...body, '');
const msg = (date: string, slug: string) => `Implementation plan has no design doc: no ${date}-${slug}-design.md, no **Design Reference:** or other link to a design doc, and no roadmap item links it with one.`;

describe('RG009 implementation-without-design', () => {
  it('reports implementation plans with no design doc by name, link or roadmap item', async () => {
    const { findings } = await run({
      'docs/project/roadmap.md': lines(
        '# Roadmap',
        '',
        '## Phase 1: Start',
        '',
        '- [ ] **[Core] Both** ([Design](../plans/2026-02-01-d-design.md), [Implementation](../plans/2026-02-01-roadmap-paired-implementation.md))',
        '- [ ] **[Core] Impl only** ([Implementation](../plans/2026-02-01-roadmap-alone-implementation.md))',
        '',
      ),
      'docs/plans/2026-02-01-d-design.md': doc('D'),
      'docs/plans/2026-02-01-roadmap-paired-implementation.md': doc('Paired by the roadmap item'),
      'docs/plans/2026-02-01-roadmap-alone-implementation.md': doc('Alone'),
      'docs/plans/2026-02-01-same-implementation.md': doc('Same'),
      'docs/plans/2026-01-20-same-design.md': doc('Same design, earlier date'),
      'docs/plans/2026-02-01-decided-implementation.md': doc('Decided', 'Based on [the decision](2026-01-30-choice-decision.md).'),
      'docs/plans/2026-01-30-choice-decision.md': doc('Choice'),
      // A Design Reference to a missing file does not pair (RG003 reports the path).
      'docs/plans/2026-02-01-broken-ref-implementation.md': doc('Broken ref', '**Design Reference:** `docs/plans/2026-02-01-nowhere-design.md`'),
      'docs/plans/2026-02-01-old-implementation.md': doc('Old', '**Status:** Superseded'),
    });
    assert.deepEqual(keys(findings, 'RG009'), [
      `docs/plans/2026-02-01-broken-ref-implementation.md:1 ${msg('2026-02-01', 'broken-ref')}`,
      `docs/plans/2026-02-01-roadmap-alone-implementation.md:1 ${msg('2026-02-01', 'roadmap-alone')}`,
    ]);
    assert.equal(findings.find((f) => f.code === 'RG009')!.severity, 'info');
  });

  it('reports nothing in a workspace with no design doc or decision record at all, and reports once one is written', async () => {
    const plans = { 'docs/plans/2026-02-01-x-implementation.md': doc('X'), 'docs/plans/2026-02-02-z-plan.md': doc('Z') };
    assert.deepEqual(keys((await run(plans)).findings, 'RG009'), []);
    const withDesign = { ...plans, 'docs/plans/2026-02-01-y-design.md': doc('Y') };
    assert.deepEqual(
      keys((await run(withDesign)).findings, 'RG009').map((k) => k.split(' ')[0]),
      ['docs/plans/2026-02-01-x-implementation.md:1', 'docs/plans/2026-02-02-z-plan.md:1'],
    );
  });

  it('can be turned off in the config', async () => {
    const { findings } = await run({
      '.roadmap-governance.json': JSON.stringify({ rules: { 'implementation-without-design': 'off' } }),
      'docs/plans/2026-02-01-x-implementation.md': doc('X'),
      'docs/plans/2026-02-01-y-design.md': doc('Y'),
    });
    assert.deepEqual(keys(findings, 'RG009'), []);
  });
});
