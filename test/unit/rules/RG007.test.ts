import { strict as assert } from 'node:assert';
import { keys, lines, run } from './planRuleHelpers';

const doc = (title: string, ...body: string[]) => lines(`# ${title}`, '', ...body, '');

describe('RG007 orphan-plan', () => {
  it('reports plans that neither the roadmap nor another plan links or names', async () => {
    const { findings } = await run({
      'docs/project/roadmap.md': lines('# Roadmap', '', '## Phase 1: Start', '', '- [ ] **[Core] A** ([Design](../plans/2026-01-01-a-design.md))', ''),
      'docs/plans/2026-01-01-a-design.md': doc('A', 'Next: [the plan](2026-01-01-a-implementation.md).'),
      'docs/plans/2026-01-01-a-implementation.md': doc('A impl', '**Supersedes:** `docs/plans/2026-01-01-old-implementation.md`'),
      'docs/plans/2026-01-01-old-implementation.md': doc('Old', '**Lifecycle:** Superseded'),
      // Named by a code-span path in another plan's prose: referenced.
      'docs/plans/2026-01-01-b-design.md': doc('B', 'See `docs/plans/2026-01-01-named-design.md`.'),
      'docs/plans/2026-01-01-named-design.md': doc('Named'),
      // Linked only from the registry, from a non-plan doc, and from itself: orphan.
      'docs/plans/2026-01-01-lonely-design.md': doc('Lonely', 'Back to [top](#lonely) or [me](2026-01-01-lonely-design.md).'),
      'docs/plans/PLAN_LIFECYCLE.md': lines('# Registry', '', '| Plan | Lifecycle | Superseded By | Notes |', '|---|---|---|---|', '| `2026-01-01-lonely-design.md` | Active | - | |', ''),
      'docs/features/x.md': doc('Feature', '[lonely](../plans/2026-01-01-lonely-design.md)'),
      // Archived plans are history.
      'docs/plans/2026-01-01-archived-design.md': doc('Archived', '**Lifecycle:** Archived'),
      // A path inside fenced code names nothing.
      'docs/plans/2026-01-01-c-design.md': doc('C', '```', '`docs/plans/2026-01-01-fenced-design.md`', '```', '[b](2026-01-01-b-design.md) [c](2026-01-01-c-design.md)'),
      'docs/plans/2026-01-01-fenced-design.md': doc('Fenced'),
    });
    const msg = 'No roadmap item (docs/project/roadmap.md) and no other plan links to this plan or names its path.';
    assert.deepEqual(keys(findings, 'RG007'), [
      `docs/plans/2026-01-01-c-design.md:1 ${msg}`,
      `docs/plans/2026-01-01-fenced-design.md:1 ${msg}`,
      `docs/plans/2026-01-01-lonely-design.md:1 ${msg}`,
    ]);
    assert.equal(findings.find((f) => f.code === 'RG007')!.severity, 'info');
  });

  it('counts a code-span path with a #fragment, the only path in its document', async () => {
    const { findings } = await run({
      'docs/project/roadmap.md': lines('# Roadmap', '', '## Phase 1: Start', '', '- [ ] **[Core] A** ([Design](../plans/2026-01-01-a-design.md))', ''),
      'docs/plans/2026-01-01-a-design.md': doc('A', 'Details in `2026-01-01-details-design.md#api`.'),
      'docs/plans/2026-01-01-details-design.md': doc('Details', 'See `docs/plans/2026-01-01-a-design.md`.'),
    });
    assert.deepEqual(keys(findings, 'RG007'), []);
  });

  it('with no roadmap, reports only plans of a folder an index lists, and names it', async () => {
    assert.deepEqual(keys((await run({ 'docs/plans/2026-01-01-a-design.md': doc('A') })).findings, 'RG007'), []);
    // An index that lists none of the folder's plans is not their list.
    const unlisted = await run({ 'docs/plans/2026-01-01-a-design.md': doc('A'), 'docs/README.md': doc('Docs', 'Plans live in docs/plans.') });
    assert.deepEqual(keys(unlisted.findings, 'RG007'), []);
    const { findings } = await run({
      'docs/plans/2026-01-01-a-design.md': doc('A'),
      'docs/plans/2026-01-02-b-design.md': doc('B'),
      'docs/README.md': doc('Docs', '- [A](plans/2026-01-01-a-design.md)'),
    });
    assert.deepEqual(keys(findings, 'RG007'), ['docs/plans/2026-01-02-b-design.md:1 Neither the index docs/README.md nor any other plan links to this plan or names its path (and there is no roadmap).']);
  });

  it('with no roadmap, an index that lists fewer than half of a folder\'s plans is not their list (a home page, a generated TOC)', async () => {
    const files: Record<string, string> = { 'docs/README.md': doc('Docs', 'Start with [the first decision](decisions/0001-a.md).') };
    for (const n of ['0001-a', '0002-b', '0003-c', '0004-d', '0005-e']) files[`docs/decisions/${n}.md`] = doc(n);
    assert.deepEqual(keys((await run(files)).findings, 'RG007'), []);
  });

  it('a roadmap that links no document (a prose note found by its name) does not ask plans to be linked from it', async () => {
    const files = {
      '.notes/research/roadmap.md': doc('Roadmap', '1. **Faster tests** - 34 s to 5 s'),
      'docs/plans/2026-01-01-a-design.md': doc('A'),
      'docs/plans/2026-01-02-b-design.md': doc('B'),
    };
    const { engine, findings } = await run(files);
    assert.equal(engine.model().roadmap?.path, '.notes/research/roadmap.md');
    assert.deepEqual(keys(findings, 'RG007'), []);
    const indexed = await run({ ...files, 'docs/plans/README.md': doc('Plans', '- [A](2026-01-01-a-design.md)') });
    assert.deepEqual(keys(indexed.findings, 'RG007'), [
      'docs/plans/2026-01-02-b-design.md:1 Neither the index docs/plans/README.md nor any other plan links to this plan or names its path (the roadmap .notes/research/roadmap.md links no plan).',
    ]);
  });

  it('is silenced by a suppression before the title', async () => {
    const { findings } = await run({ 'docs/plans/2026-01-01-a-design.md': lines('<!-- roadmap-governance-disable-next-line orphan-plan -- kept for reference -->', '# A', '') });
    assert.deepEqual(keys(findings, 'RG007'), []);
  });
});
