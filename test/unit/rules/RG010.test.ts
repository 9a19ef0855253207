import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const ROADMAP = lines(
  '# Roadmap',
  '',
  '### Scale and Trust (Planned)',
  '- SRE foundations (SLOs, observability standards, alerting, incident playbooks) ([Design](../plans/2026-02-15-sre-design.md)).',
  '',
  '## Phase 5: Ecosystem 🔄 **IN PROGRESS**',
  '',
  '- [ ] **[UX] Production-Scale Polish** ([Design](../plans/2026-02-15-polish-design.md))',
  '- [ ] **[Ecosystem] Slash Command Reliability & /ping Reference Command** ([Design](../plans/2026-02-15-slash-design.md))',
  '- [ ] **[SaaS] Limits & Monetization Logic**',
  '',
  '## Phase 8: Reliability 📋 **PLANNED**',
  '',
  '- [ ] **[SaaS] FinOps & Cost Observability Track**',
  '- [ ] **[Security] Tenancy & Isolation Verification**',
  '',
);

const plan = (title: string, field: string) => lines(`# ${title}`, '', '**Date:** 2026-02-15', field, '', '## Goals', '');

describe('RG010 dangling-plan-reference', () => {
  it('reports Roadmap Scope / Roadmap Item that name no item or phase, and nothing for loose prose that matches', async () => {
    const files = {
      'docs/project/roadmap.md': ROADMAP,
      // Exact items (category and title), "&" written as "and", several items.
      'docs/plans/2026-02-15-ok1-design.md': plan('Ok1', '**Roadmap Scope:** Phase 5 `[SaaS] Limits and Monetization Logic`'),
      'docs/plans/2026-02-15-ok2-design.md': plan('Ok2', '**Roadmap Scope:** Phase 5 `[UX] Production-Scale Polish`, `[SaaS] Limits & Monetization Logic`'),
      // Prose, loosely matching a phase item or a topic-map bullet.
      'docs/plans/2026-02-15-ok3-design.md': plan('Ok3', '**Roadmap Item:** Phase 8 - FinOps and Cost Observability'),
      'docs/plans/2026-02-15-ok4-design.md': plan('Ok4', '**Roadmap Item:** Phase 8 - Tenancy and Isolation Verification'),
      'docs/plans/2026-02-15-ok5-design.md': plan('Ok5', '**Roadmap Item:** SRE foundations (SLOs, observability standards, alerting, incident playbooks)'),
      // Prose that names no item, but the roadmap links this plan: the link settles it.
      'docs/plans/2026-02-15-slash-design.md': plan('Slash', '**Roadmap Scope:** Phase 5 `/ command` feature hardening'),
      'docs/plans/2026-02-15-placeholder-design.md': plan('Placeholder', '**Roadmap Item:** TBD'),
      // Reported:
      'docs/plans/2026-02-15-polish-design.md': plan('Polish', '**Roadmap Scope:** Phase 5 `[UI] Production-Scale Polish`'),
      'docs/plans/2026-02-15-phase-design.md': plan('Phase', '**Roadmap Scope:** Phase 9 `[UX] Production-Scale Polish`'),
      'docs/plans/2026-02-15-wrong-phase-design.md': plan('Wrong phase', '**Roadmap Scope:** Phase 8 `[UX] Production-Scale Polish`'),
      'docs/plans/2026-02-15-prose-design.md': plan('Prose', '**Roadmap Item:** Quantum teleportation of chat messages'),
      'docs/plans/2026-02-15-unknown-design.md': plan('Unknown', '**Roadmap Scope:** `[Growth] Viral Loops`'),
    };
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG010'), [
      'docs/plans/2026-02-15-phase-design.md:4 "Roadmap Scope" names Phase 9, which docs/project/roadmap.md does not have (it has 5, 8).',
      'docs/plans/2026-02-15-polish-design.md:4 "Roadmap Scope" names "[UI] Production-Scale Polish", which is not an item of Phase 5 in docs/project/roadmap.md. Did you mean "[UX] Production-Scale Polish"?',
      'docs/plans/2026-02-15-prose-design.md:4 "Roadmap Item" names "Quantum teleportation of chat messages", which matches no item in docs/project/roadmap.md, and the roadmap does not link this plan.',
      'docs/plans/2026-02-15-unknown-design.md:4 "Roadmap Scope" names "[Growth] Viral Loops", which is not an item in docs/project/roadmap.md.',
      'docs/plans/2026-02-15-wrong-phase-design.md:4 "Roadmap Scope" says "[UX] Production-Scale Polish" is in Phase 8, but docs/project/roadmap.md has it in Phase 5.',
    ]);
    const polish = findings.find((f) => f.code === 'RG010' && f.path.endsWith('polish-design.md'))!;
    assert.equal(polish.severity, 'warning');
    assert.deepEqual(polish.range, { start: { line: 3, character: 28 }, end: { line: 3, character: 56 } });
    const phase = findings.find((f) => f.code === 'RG010' && f.path.endsWith('phase-design.md'))!;
    assert.deepEqual(phase.range, { start: { line: 3, character: 19 }, end: { line: 3, character: 26 } });

    // The fix puts the roadmap's title in the code span and changes nothing else.
    const after = applyFix(files, polish.fixes![0]);
    assert.equal(after['docs/plans/2026-02-15-polish-design.md'], files['docs/plans/2026-02-15-polish-design.md'].replace('[UI]', '[UX]'));
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG010').filter((k) => k.includes('polish-design')), []);
  });

  it('reports a Design Reference that names no file, but leaves a missing path to RG003', async () => {
    const files = {
      'docs/plans/2026-02-15-x-design.md': plan('X', '**Status:** Draft'),
      'docs/plans/2026-02-15-a-implementation.md': plan('A', '**Design Reference:** `docs/plans/2026-02-15-x-design.md`'),
      'docs/plans/2026-02-15-b-implementation.md': plan('B', '**Design Reference:** [X](2026-02-15-x-design.md)'),
      'docs/plans/2026-02-15-c-implementation.md': plan('C', '**Design Reference:** docs/plans/2026-02-15-x-design.md'),
      'docs/plans/2026-02-15-d-implementation.md': plan('D', '**Design Reference:** TBD'),
      'docs/plans/2026-02-15-missing-implementation.md': plan('Missing', '**Design Reference:** `docs/plans/2026-02-15-gone-design.md`'),
      'docs/plans/2026-02-15-name-implementation.md': plan('Name', '**Design Reference:** `2026-02-15-x-design`'),
      'docs/plans/2026-02-15-prose-implementation.md': plan('Prose', '**Design Reference:** the X design in the wiki'),
    };
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG010'), [
      'docs/plans/2026-02-15-name-implementation.md:4 "Design Reference" names "2026-02-15-x-design", which is not a link or a path to a design doc. Did you mean `docs/plans/2026-02-15-x-design.md`?',
      'docs/plans/2026-02-15-prose-implementation.md:4 "Design Reference" names "the X design in the wiki", which is not a link or a path to a design doc.',
    ]);
    assert.deepEqual(keys(findings, 'RG003').map((k) => k.split(' ')[0]), ['docs/plans/2026-02-15-missing-implementation.md:4']);
    const name = findings.find((f) => f.code === 'RG010' && f.path.includes('name-'))!;
    const after = applyFix(files, name.fixes![0]);
    assert.equal(after['docs/plans/2026-02-15-name-implementation.md'], files['docs/plans/2026-02-15-name-implementation.md'].replace('`2026-02-15-x-design`', '`docs/plans/2026-02-15-x-design.md`'));
    assert.deepEqual(keys((await run(after)).findings, 'RG010'), ['docs/plans/2026-02-15-prose-implementation.md:4 "Design Reference" names "the X design in the wiki", which is not a link or a path to a design doc.']);
  });

  it('checks nothing about roadmap items when there is no roadmap', async () => {
    const { findings } = await run({ 'docs/plans/2026-02-15-a-design.md': plan('A', '**Roadmap Scope:** Phase 5 `[UI] Anything`') });
    assert.deepEqual(keys(findings, 'RG010'), []);
  });
});
