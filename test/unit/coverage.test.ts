/** The coverage matrix: states, statuses, totals, scope, and the markdown a reader sees on GitHub. */
import { strict as assert } from 'node:assert';
import { COVERAGE_MARKER, computeCoverage, renderCoverageMarkdown } from '../../server/engine/coverage';
import { Engine } from '../../server/engine/engine';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const lines = (...l: string[]) => l.join('\n') + '\n';

const ROADMAP = lines(
  '# Roadmap',
  '',
  '## Phase 1: Base ✅ **COMPLETED**',
  '',
  '- [x] **[Core] Parser** done',
  '',
  '## Phase 2: Next 🔄 **IN PROGRESS**',
  '',
  '- [ ] **[UX] Search** ([Design](../plans/2026-01-10-search-design.md), [Implementation](../plans/2026-01-10-search-implementation.md))',
  '- [ ] **[API] Webhooks | hooks** `Priority: High`',
  '  - **Design:** `docs/plans/2026-01-11-webhooks-design.md`',
  '- [ ] **[Ops] Backups** ([Implementation](../plans/2026-01-12-backups-implementation.md))',
  '- [ ] **[UX] Themes**',
  '',
  '## Phase 3: Later 📋 **PLANNED**',
  '',
  '- Implementation coverage: [Later plan](../plans/2026-01-20-later-implementation.md)',
  '- [ ] **[Infra] Scale** ([Design](../plans/2026-01-21-scale-design.md))',
);

function workspace(extra: Record<string, string> = {}) {
  return new InMemoryWorkspace({
    'docs/project/roadmap.md': ROADMAP,
    'docs/plans/2026-01-10-search-design.md': '# Search\n\n**Date:** 2026-01-10\n**Status:** Approved\n',
    'docs/plans/2026-01-10-search-implementation.md': '# Search plan\n\n**Date:** 2026-01-10\n**Status:** In Progress\n',
    'docs/plans/2026-01-11-webhooks-design.md': '# Hooks\n\n**Date:** 2026-01-11\n**Status:** Draft\n',
    'docs/plans/2026-01-20-later-implementation.md': '# Later\n\n**Date:** 2026-01-20\n**Status:** Planned\n',
    'docs/plans/2026-01-21-scale-design.md': '# Scale\n\n**Date:** 2026-01-21\n**Status:** Draft\n',
    ...extra,
  });
}

async function coverageOf(ws: InMemoryWorkspace) {
  const engine = new Engine(ws, { now: () => new Date('2026-03-01T00:00:00Z') });
  await engine.scan();
  return computeCoverage(engine.model(), engine.config);
}

describe('coverage matrix', () => {
  it('gives each open item its state, links and plan statuses, with totals per phase and overall', async () => {
    const data = await coverageOf(workspace());
    assert.equal(data.roadmap, 'docs/project/roadmap.md');
    assert.deepEqual(
      data.phases.map((p) => [p.number, p.items.map((i) => [i.title, i.state])]),
      [
        ['2', [['[UX] Search', 'both'], ['[API] Webhooks | hooks', 'design-linked'], ['[Ops] Backups', 'missing'], ['[UX] Themes', 'missing']]],
        ['3', [['[Infra] Scale', 'both']]],
      ],
    );
    const search = data.phases[0].items[0];
    assert.deepEqual(search.design, [{ path: 'docs/plans/2026-01-10-search-design.md', exists: true, status: 'Approved' }]);
    assert.deepEqual(search.implementation, [{ path: 'docs/plans/2026-01-10-search-implementation.md', exists: true, status: 'In Progress' }]);
    assert.equal(search.line, 9);
    // Its implementation link points at a file that does not exist: shown, but no coverage.
    const backups = data.phases[0].items[2];
    assert.deepEqual(backups.implementation, [{ path: 'docs/plans/2026-01-12-backups-implementation.md', exists: false }]);
    // The phase-level coverage line counts as every item's implementation link.
    assert.deepEqual(data.phases[1].items[0].implementation, [{ path: 'docs/plans/2026-01-20-later-implementation.md', exists: true, status: 'Planned', phaseLevel: true }]);
    assert.deepEqual(data.phases[0].totals, { items: 4, both: 1, designOnly: 1, implOnly: 0, missing: 2, designLinked: 2, implLinked: 1 });
    assert.deepEqual(data.totals, { items: 5, both: 2, designOnly: 1, implOnly: 0, missing: 2, designLinked: 3, implLinked: 2 });
  });

  it('follows the link scope: phases, and checked items when asked', async () => {
    const scoped = await coverageOf(workspace({ '.roadmap-governance.json': '{"linkScope":{"phases":["3"]}}' }));
    assert.deepEqual(scoped.phases.map((p) => p.number), ['3']);
    const all = await coverageOf(workspace({ '.roadmap-governance.json': '{"linkScope":{"checkedItems":true}}' }));
    assert.deepEqual(all.phases[0].items.map((i) => [i.title, i.checked, i.state]), [['[Core] Parser', true, 'missing']]);
    assert.equal(all.totals.items, 6);
  });

  it('renders markdown with the marker first, a summary, a mermaid pie and one table per phase', async () => {
    const md = renderCoverageMarkdown(await coverageOf(workspace()), { outputPath: 'docs/project/coverage.md' });
    const out = md.split('\n');
    assert.equal(out[0], COVERAGE_MARKER);
    assert.ok(out.includes('| **Total** | 5 | 2 | 1 | 0 | 2 | 40% |'), md);
    assert.ok(md.includes('```mermaid\npie showData\n'), md);
    assert.ok(md.includes('    "Missing" : 2\n'));
    assert.ok(out.includes('## Phase 2: Next (🔄 in progress)'), md);
    // Links are relative to where the file is written; a pipe in a title does not break the table.
    assert.ok(
      out.includes(
        '| [UX] Search | [2026-01-10-search-design.md](../plans/2026-01-10-search-design.md) | [2026-01-10-search-implementation.md](../plans/2026-01-10-search-implementation.md) | Approved / In Progress | ✅ both |',
      ),
      md,
    );
    assert.ok(out.some((l) => l.startsWith('| [API] Webhooks \\| hooks |')), md);
    // Named, not linked: a link would be one more broken link (RG003) in the matrix file.
    assert.ok(md.includes('`docs/plans/2026-01-12-backups-implementation.md` (**file missing**)'), md);
    assert.ok(out.includes('| [Phase 2](#phase-2-next--in-progress) | 4 | 1 | 1 | 0 | 2 | 25% |'), md);
  });

  it('says so when there is no roadmap', async () => {
    const data = await coverageOf(new InMemoryWorkspace({ 'README.md': '# x\n' }));
    assert.equal(data.roadmap, undefined);
    assert.deepEqual(data.totals.items, 0);
    assert.match(renderCoverageMarkdown(data), /No roadmap was found/);
  });
});

describe('coverage matrix: links to missing files', () => {
  it("counts an item whose design link is broken as not designed, in the matrix and in the editor's figure; an external design counts", async () => {
    const { coverageOf: editorCoverage } = await import('../../server/engine/queries');
    const engine = new Engine(
      new InMemoryWorkspace({
        'docs/project/roadmap.md': [
          '# Roadmap',
          '',
          '## Phase 1: Start',
          '',
          '- [ ] **[Core] Sync** ([Design](../plans/2026-01-01-sync-design.md), [Implementation](../plans/2026-01-01-sync-implementation.md))',
          '- [ ] **[Core] Gone** ([Design](../plans/2026-01-01-deleted-design.md), [Implementation](../plans/2026-01-01-sync-implementation.md))',
          '- [ ] **[Core] Elsewhere** ([Design](https://example.com/design), [Implementation](../plans/2026-01-01-sync-implementation.md))',
          '',
        ].join('\n'),
        'docs/plans/2026-01-01-sync-design.md': '# Sync\n',
        'docs/plans/2026-01-01-sync-implementation.md': '# Sync plan\n',
      }),
    );
    await engine.scan();
    const model = engine.model();
    assert.deepEqual(
      computeCoverage(model).phases[0].items.map((i) => `${i.title}: ${i.state}`),
      ['[Core] Sync: both', '[Core] Gone: impl-linked', '[Core] Elsewhere: both'],
    );
    const totals = editorCoverage(model).totals;
    assert.equal(totals.both, 2);
    assert.equal(totals.design, 2);
    assert.ok(engine.check().some((f) => f.code === 'RG003' && f.message.includes('2026-01-01-deleted-design.md')), 'the broken link itself is RG003');
  });
});
