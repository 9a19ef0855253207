/**
 * Shapes met in public repositories that plan in markdown (seven more were
 * read for this: planning folders of their own, phase tables, prefixed ADRs,
 * MADR front matter, roadmaps of plain bullets…), each as a small workspace
 * of our own words, run at zero config. What a maintainer of such a
 * repository expects on a first run: few findings, each of them true.
 */
import { strict as assert } from 'node:assert';
import { Engine } from '../../server/engine/engine';
import type { Finding } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const lines = (...l: string[]) => l.join('\n') + '\n';

async function check(files: Record<string, string>): Promise<{ engine: Engine; findings: Finding[] }> {
  const engine = new Engine(new InMemoryWorkspace(files), { now: () => new Date('2026-06-01T00:00:00Z') });
  await engine.scan();
  return { engine, findings: engine.check() };
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1}`);

describe('shapes of real planning repositories, at zero config', () => {
  it('a planning folder of its own with milestone headings, plain bullets and plans referenced by id: nothing to report', async () => {
    const { engine, findings } = await check({
      '.planning/ROADMAP.md': lines('# Roadmap: widget', '', '## Completed Milestones', '', '### v1.0 -- Core (3 phases, 5 plans)', 'Shipped. See `.planning/milestones/v1.0-ROADMAP.md`.', '', '## Backlog', '', '- REQ-7: `--compact` output (P2)'),
      '.planning/milestones/v1.0-ROADMAP.md': lines('# v1.0', '', '## Phase 1: Parser', '', '- [x] **Phase 1: Parser** - read the input', '- 01-01: project scaffold'),
      '.planning/phases/01-parser/01-01-PLAN.md': lines('---', 'phase: 01-parser', 'plan: 01', 'type: execute', '---', '', '# Plan 01-01'),
    });
    assert.equal(engine.model().roadmap?.path, '.planning/ROADMAP.md', 'the archived milestone roadmap is not followed');
    assert.deepEqual(summary(findings), []);
  });

  it('a phase overview table followed by one section per phase: the table is no list of items, the sections are', async () => {
    const { engine, findings } = await check({
      'tasks/ROADMAP.md': lines(
        '# Roadmap',
        '',
        '| Phase | Focus | Weeks | Status |',
        '|---|---|---|---|',
        '| **Phase 1** | Foundation | 1-6 | ✅ COMPLETE |',
        '| **Phase 2** | Transport | 7-12 | In progress |',
        '',
        '## Phase 1: Foundation (Weeks 1-6) ✅ COMPLETE',
        '',
        '- [x] Frame codec',
        '',
        '## Phase 2: Transport (Weeks 7-12)',
        '',
        '- [ ] Congestion control',
        '- [ ] Benchmark against the baseline (deferred to Phase 4)',
      ),
    });
    const phases = engine.model().roadmap!.phases.map((p) => `${p.number}:${p.items.map((i) => i.title).join('|')}`);
    assert.deepEqual(phases, ['1:Frame codec', '2:Congestion control|Benchmark against the baseline (deferred to Phase 4)']);
    assert.deepEqual(summary(findings), [], 'no plans anywhere: items are not asked for links');
  });

  it('prefixed decision records with bold labels whose colon is outside, a template and a translated index', async () => {
    const record = (n: string, title: string) => lines(`# ADR-${n}: ${title}`, '', '> **Status**: Accepted  ', '> **Date**: 2025-11-02  ', '', '## Context', '', 'Why.');
    const { engine, findings } = await check({
      'docs/decisions/README.md': lines('# Decisions', '', '| ID | Title | Status |', '|---|---|---|', '| [ADR-0001](ADR-0001-use-rust.md) | Use Rust | Accepted |', '| [ADR-0002](ADR-0002-ffi-design.md) | FFI design | Accepted |'),
      'docs/decisions/README.fr.md': lines('# Décisions', '', 'Voir README.md.'),
      'docs/decisions/adr-template.md': lines('# ADR-NNNN: Title', '', '> **Status**: Proposed'),
      'docs/decisions/ADR-0001-use-rust.md': record('0001', 'Use Rust'),
      'docs/decisions/ADR-0002-ffi-design.md': record('0002', 'FFI design'),
      'docs/decisions/ADR-0003-release-process.md': record('0003', 'Release process'),
    });
    assert.equal(engine.model().plans.get('docs/decisions/ADR-0002-ffi-design.md')?.kind, 'decision', 'a "-design" word in a record\'s title is no kind suffix');
    assert.equal(engine.model().plans.has('docs/decisions/adr-template.md'), false);
    assert.equal(engine.model().plans.has('docs/decisions/README.fr.md'), false);
    assert.deepEqual(summary(findings), ['RG007 docs/decisions/ADR-0003-release-process.md:1'], 'only the record the index misses');
  });

  it('MADR records with front matter, quoted and compound statuses, and Holocene-calendar dates', async () => {
    const madr = (status: string, date: string) => lines('---', `status: ${status}`, `date: ${date}`, 'decision-makers: core team', 'nav_order: 3', '---', '', '# Record');
    const { findings } = await check({
      'docs/decisions/README.md': lines('# Records', '', '- [0000](0000-use-madr.md)', '- [0001](0001-use-a-queue.md)', '- [0002](0002-drop-the-cache.md)'),
      'docs/decisions/0000-use-madr.md': madr('accepted', '12026-01-05'),
      'docs/decisions/0001-use-a-queue.md': madr('"proposed"', '12026-02-11'),
      'docs/decisions/0002-drop-the-cache.md': madr('accepted, updated by 0001', '2026-03-01'),
    });
    assert.deepEqual(summary(findings), []);
  });

  it('a roadmap whose phase template sits in a fenced block: the template is no phase', async () => {
    const { engine } = await check({
      'docs/tool/ROADMAP.md': lines(
        '# Roadmap',
        '',
        'Copy this for a new phase:',
        '',
        '```markdown',
        '## Phase N ✅ — <phase name>',
        '- [ ] <a deliverable>',
        '```',
        '',
        '<!-- PHASES START -->',
        '## Phase 1 ✅ — Bootstrap',
        '- [x] Command skeleton',
        '## Phase 2 — Sync',
        '- [ ] Two-way sync',
      ),
    });
    assert.deepEqual(
      engine.model().roadmap!.phases.map((p) => `${p.number} ${p.title} ${p.items.length}`),
      ['1 Bootstrap 1', '2 Sync 1'],
    );
  });

  it('a roadmap of plain bullets with a "(current)" phase and numbered records at the root: decisions read, nothing asked', async () => {
    const { findings } = await check({
      'ROADMAP.md': lines('# Roadmap', '', '## Phase 0 — Definition (current)', '', '- Publish the paper (`VISION.md`).', '', '## Phase 1 — Pilot', '', '- Run the pilot.'),
      'decisions/ADR-0001-scope.md': lines('# ADR-0001 Scope', '', '## Status', '', 'Accepted', '', '## Context', '', 'x'),
      'decisions/README.md': lines('# Decisions', '', '- `ADR-0001-scope.md`'),
    });
    assert.deepEqual(summary(findings), []);
  });

  it('a long to-do roadmap in a project that writes no plans: no finding at all', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] Task ${i + 1}`);
    const { findings } = await check({
      'ROADMAP.md': lines('# Roadmap', '', '## Phase 1: Core (PRIORITY: HIGH) ✅ COMPLETE', '', ...items.slice(0, 20), '', '## Phase 2: Polish (PRIORITY: MEDIUM)', '', '### Handles', '', ...items.slice(20)),
      'README.md': '# Tool\n',
    });
    assert.deepEqual(summary(findings), []);
  });
});
