import assert from 'node:assert/strict';
import { Engine } from '../../server/engine/engine';
import {
  completionContext,
  coverageOf,
  coveragePercent,
  coverageTotals,
  definitionTargets,
  documentLinks,
  itemAt,
  itemHover,
  pathCompletions,
  referencesTo,
  renameEdits,
} from '../../server/engine/queries';
import { computeCoverage } from '../../server/engine/coverage';
import { applyEdits } from '../../server/engine/fixes';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const ROADMAP = [
  '# Roadmap',
  '',
  '## Phase 2: Build',
  '',
  '- [ ] **[Core] Inline item** ([Design](../plans/2026-01-01-a-design.md), [Implementation](../plans/2026-01-01-a-implementation.md))',
  '- [ ] **[Core] Labelled item**',
  '  - **Design:** `docs/plans/2026-01-01-b-design.md`',
  '  - sub-task',
  '- [x] **[Core] Done item**',
  '- [ ] **[Core] Broken item** ([Design](../plans/nowhere-design.md))',
  '',
].join('\n');

async function engineWith(files: Record<string, string>): Promise<Engine> {
  const engine = new Engine(new InMemoryWorkspace(files), { now: () => new Date('2026-03-01T00:00:00Z') });
  await engine.scan();
  return engine;
}

const FILES = {
  'docs/project/roadmap.md': ROADMAP,
  'docs/plans/2026-01-01-a-design.md': '# A\n\n**Date:** 2026-01-01\n**Status:** Approved\n\n## Goals\n',
  'docs/plans/2026-01-01-a-implementation.md': '# A impl\n\n**Status:** Draft\n**Design Reference:** `docs/plans/2026-01-01-a-design.md`\n\nSee [goals](2026-01-01-a-design.md#goals).\n',
  'docs/plans/2026-01-01-b-design.md': '# B\n\n**Status:** **Proposed**\n',
  'docs/notes/index.md': 'Read [A](../plans/2026-01-01-a-design.md) and [self](#top).\n',
};

describe('queries', () => {
  it('finds the top-level item at a position, sub-bullets included, and nothing outside items or the roadmap', async () => {
    const model = (await engineWith(FILES)).model();
    assert.equal(itemAt(model, 'docs/project/roadmap.md', { line: 4, character: 3 })?.title, '[Core] Inline item');
    assert.equal(itemAt(model, 'docs/project/roadmap.md', { line: 7, character: 5 })?.title, '[Core] Labelled item');
    assert.equal(itemAt(model, 'docs/project/roadmap.md', { line: 0, character: 0 }), undefined);
    assert.equal(itemAt(model, 'docs/notes/index.md', { line: 0, character: 0 }), undefined);
  });

  it('hovers an item with each plan and its Status, and says what is missing or broken', async () => {
    const model = (await engineWith(FILES)).model();
    const at = (line: number) => itemHover(model, itemAt(model, 'docs/project/roadmap.md', { line, character: 8 })!);
    assert.equal(
      at(4),
      '**[Core] Inline item** — Phase 2: Build\n\n- Design: `docs/plans/2026-01-01-a-design.md` — Status: Approved\n- Implementation: `docs/plans/2026-01-01-a-implementation.md` — Status: Draft',
    );
    assert.equal(at(5), '**[Core] Labelled item** — Phase 2: Build\n\n- Design: `docs/plans/2026-01-01-b-design.md` — Status: Proposed\n- Implementation: missing');
    assert.match(at(8), /Done item\*\* — Phase 2: Build \(done\)/);
    assert.match(at(9), /- Design: `docs\/plans\/nowhere-design\.md` \(file not found\)/);
  });

  it('lists document links only for targets that exist, at the destination text', async () => {
    const model = (await engineWith(FILES)).model();
    assert.deepEqual(
      documentLinks(model, 'docs/project/roadmap.md').map((l) => `${l.range.start.line}:${l.range.start.character} ${l.target}`),
      ['4:39 docs/plans/2026-01-01-a-design.md', '4:90 docs/plans/2026-01-01-a-implementation.md', '6:17 docs/plans/2026-01-01-b-design.md'],
    );
    assert.deepEqual(documentLinks(model, 'docs/notes/index.md').map((l) => l.target), ['docs/plans/2026-01-01-a-design.md']);
  });

  it('goes to a link\'s heading and an item\'s plans; finds the items and links that reference a plan', async () => {
    const model = (await engineWith(FILES)).model();
    assert.deepEqual(definitionTargets(model, 'docs/plans/2026-01-01-a-implementation.md', { line: 5, character: 6 }), [
      { path: 'docs/plans/2026-01-01-a-design.md', range: { start: { line: 5, character: 0 }, end: { line: 5, character: 8 } } },
    ]);
    assert.deepEqual(
      definitionTargets(model, 'docs/project/roadmap.md', { line: 4, character: 8 }).map((t) => t.path),
      ['docs/plans/2026-01-01-a-design.md', 'docs/plans/2026-01-01-a-implementation.md'],
    );
    assert.deepEqual(definitionTargets(model, 'docs/project/roadmap.md', { line: 9, character: 8 }), []);
    assert.deepEqual(
      referencesTo(model, 'docs/plans/2026-01-01-a-design.md').map((r) => `${r.path}:${r.range.start.line}`),
      ['docs/project/roadmap.md:4', 'docs/notes/index.md:0', 'docs/plans/2026-01-01-a-implementation.md:3', 'docs/plans/2026-01-01-a-implementation.md:5'],
    );
  });

  it('goes to a heading inside a block quote that a fragment names', async () => {
    const model = (await engineWith({ 'docs/a.md': '# A\n\n> ## Known Limits\n', 'docs/b.md': '[limits](a.md#known-limits)\n' })).model();
    assert.deepEqual(definitionTargets(model, 'docs/b.md', { line: 0, character: 3 }), [{ path: 'docs/a.md', range: { start: { line: 2, character: 2 }, end: { line: 2, character: 17 } } }]);
  });

  it('recognizes where a path is being typed', () => {
    assert.deepEqual(completionContext('see [x](../pl', 13), { style: 'relative', prefix: '../pl', start: 8 });
    assert.deepEqual(completionContext('  - **Design:** `docs/pl', 24), { style: 'root', prefix: 'docs/pl', start: 17 });
    assert.equal(completionContext('  - **Design:** `docs/a.md` and more', 35), undefined, 'after a closed code span');
    assert.equal(completionContext('Create `docs/x', 14), undefined, 'a code span in prose is not a link');
    assert.equal(completionContext('plain text', 5), undefined);
  });

  it('completes workspace paths, markdown first, relative to the document or from the root', async () => {
    const model = (await engineWith({ ...FILES, 'docs/plans/diagram.png': '' })).model();
    const line = '- [ ] **X** ([Design](../plans/2026-01-01-b';
    const { items } = pathCompletions(model, 'docs/project/roadmap.md', line, { line: 20, character: line.length });
    assert.deepEqual(items.map((i) => i.label), ['../plans/2026-01-01-b-design.md']);
    assert.deepEqual(items[0].range, { start: { line: 20, character: 22 }, end: { line: 20, character: line.length } });
    const all = pathCompletions(model, 'docs/project/roadmap.md', '[x](', { line: 0, character: 4 });
    assert.equal(all.items.at(-1)?.label, '../plans/diagram.png');
    const limited = pathCompletions(model, 'docs/project/roadmap.md', '[x](', { line: 0, character: 4 }, 2);
    assert.equal(limited.items.length, 2);
    assert.equal(limited.incomplete, true);
  });

  it('computes rename edits for links to a moved plan, in each link\'s own form, and for links inside a moved plan', async () => {
    const engine = await engineWith(FILES);
    const model = engine.model();
    const edits = renameEdits(model, [{ oldPath: 'docs/plans/2026-01-01-a-design.md', newPath: 'docs/archive/2026-01-01-a-design.md' }]);
    const after = (path: string) => applyEdits(engine.textOf(path)!, edits.get(path) ?? []);
    assert.match(after('docs/project/roadmap.md'), /\[Design\]\(\.\.\/archive\/2026-01-01-a-design\.md\)/);
    assert.match(after('docs/plans/2026-01-01-a-implementation.md'), /\*\*Design Reference:\*\* `docs\/archive\/2026-01-01-a-design\.md`/);
    assert.match(after('docs/plans/2026-01-01-a-implementation.md'), /\[goals\]\(\.\.\/archive\/2026-01-01-a-design\.md#goals\)/);
    assert.match(after('docs/notes/index.md'), /\[A\]\(\.\.\/archive\/2026-01-01-a-design\.md\) and \[self\]\(#top\)/);
    // Moving the implementation plan: its own relative link is rewritten; its root-relative code span is not.
    const own = renameEdits(model, [{ oldPath: 'docs/plans/2026-01-01-a-implementation.md', newPath: 'docs/x/y/impl.md' }]).get('docs/plans/2026-01-01-a-implementation.md');
    assert.deepEqual(own?.map((e) => e.newText), ['../../plans/2026-01-01-a-design.md#goals']);
    // A folder rename moves everything under it.
    const folder = renameEdits(model, [{ oldPath: 'docs/plans', newPath: 'docs/designs' }]);
    assert.match(applyEdits(engine.textOf('docs/project/roadmap.md')!, folder.get('docs/project/roadmap.md')!), /\(\.\.\/designs\/2026-01-01-a-design\.md\), \[Implementation\]\(\.\.\/designs\/2026-01-01-a-implementation\.md\)/);
    assert.equal(folder.get('docs/plans/2026-01-01-a-implementation.md')?.some((e) => e.newText.includes('#goals')), false, 'links between files that move together stay');
  });

  it('lists every item, and counts those in the link scope: the coverage matrix\'s figure', async () => {
    const engine = await engineWith(FILES);
    const info = coverageOf(engine.model());
    // The checked item is outside the default link scope: listed, not counted.
    assert.deepEqual(
      info.phases[0].items.map((i) => `${i.title}: ${i.inScope ? 'counted' : 'not counted'}`),
      ['[Core] Inline item: counted', '[Core] Labelled item: counted', '[Core] Done item: not counted', '[Core] Broken item: counted'],
    );
    // The broken item's design link points at a missing file: no coverage (RG003 reports the link).
    assert.deepEqual(info.totals, { items: 3, design: 2, implementation: 1, both: 1, missing: 1 });
    assert.equal(coveragePercent(info.totals), 33);
    assert.equal(coveragePercent({ items: 0, design: 0, implementation: 0, both: 0, missing: 0 }), null);
    const matrix = computeCoverage(engine.model(), engine.config).totals;
    assert.deepEqual([matrix.items, matrix.both], [info.totals.items, info.totals.both], 'the same counts as the CLI\'s matrix');
    // With checked items in the scope, they count too.
    const all = await engineWith({ ...FILES, '.roadmap-governance.json': '{"linkScope":{"checkedItems":true}}' });
    assert.deepEqual(coverageOf(all.model()).totals, { items: 4, design: 2, implementation: 1, both: 1, missing: 2 });
    // The status bar's totals, counted without the item lists, are the same.
    assert.deepEqual(coverageTotals(engine.model()), info.totals);
    assert.deepEqual(coverageTotals(all.model()), coverageOf(all.model()).totals);
  });
});
