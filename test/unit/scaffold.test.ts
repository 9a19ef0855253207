/** New docs from templates: item matching, safe names, and the link in the item's own style. */
import { strict as assert } from 'node:assert';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import { ScaffoldError, cleanTitle, findItem, scaffoldDoc } from '../../server/engine/scaffold';
import type { FixStep } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const ROADMAP = [
  '# Roadmap',
  '',
  '## Phase 5: Ecosystem',
  '',
  '- [ ] **[Voice] Evaluate str0m** `Priority: Low`',
  '- [ ] **[SaaS] Limits & Monetization** ([Design](../plans/2026-01-01-limits-design.md))',
  '- [ ] **[UX] Search**',
  '  - **Design:** `docs/plans/2026-01-02-search-design.md`',
  '',
  '## Phase 6: Later',
  '',
  '- [ ] **[UX] Search**',
  '',
].join('\n');

async function engineFor(files: Record<string, string> = {}) {
  const engine = new Engine(
    new InMemoryWorkspace({
      'docs/project/roadmap.md': ROADMAP,
      'docs/plans/2026-01-01-limits-design.md': '# Limits\n',
      'docs/plans/2026-01-02-search-design.md': '# Search\n',
      ...files,
    }),
    { now: () => new Date('2026-03-01T00:00:00Z') },
  );
  await engine.scan();
  return engine;
}

function edited(engine: Engine, steps: FixStep[], path: string): string {
  const edit = steps.find((s): s is Extract<FixStep, { kind: 'edit' }> => s.kind === 'edit' && s.path === path)!;
  return applyEdits(engine.textOf(path)!, edit.edits);
}

describe('scaffold: new design, implementation and decision docs', () => {
  it('finds an item by title with or without its [Category], in any case, and reports ambiguity with candidates', async () => {
    const model = (await engineFor()).model();
    const a = findItem(model, 'evaluate STR0M');
    assert.equal(a.kind, 'found');
    assert.equal(a.kind === 'found' && a.item.title, '[Voice] Evaluate str0m');
    assert.equal(findItem(model, '[saas] limits & monetization').kind, 'found');
    const both = findItem(model, 'Search');
    assert.equal(both.kind, 'ambiguous');
    assert.deepEqual(both.kind === 'ambiguous' ? both.candidates.map((c) => c.phase.number) : [], ['5', '6']);
    const one = findItem(model, 'Search', '6');
    assert.equal(one.kind === 'found' && one.item.phase.number, '6');
    const none = findItem(model, 'limits');
    assert.equal(none.kind, 'none');
    assert.deepEqual(none.kind === 'none' ? none.candidates.map((c) => c.title) : [], ['[SaaS] Limits & Monetization']);
  });

  it('creates a dated, slugged doc from the template and links it inline after the existing links', async () => {
    const engine = await engineFor();
    const model = engine.model();
    const match = findItem(model, 'Limits & Monetization');
    assert.equal(match.kind, 'found');
    const item = match.kind === 'found' ? match.item : undefined;
    const s = scaffoldDoc(model, { kind: 'implementation', title: item!.title, date: '2026-03-01', template: engine.template('implementation'), item });
    assert.equal(s.path, 'docs/plans/2026-03-01-limits-monetization-implementation.md');
    assert.equal(s.steps[0].kind, 'create');
    const content = s.steps[0].kind === 'create' ? s.steps[0].content : '';
    assert.match(content, /^# Limits & Monetization - Implementation Plan\n/);
    assert.match(content, /\*\*Date:\*\* 2026-03-01/);
    assert.match(content, /\*\*Design Reference:\*\* `docs\/plans\/2026-01-01-limits-design.md`/);
    const roadmap = edited(engine, s.steps, 'docs/project/roadmap.md');
    assert.ok(
      roadmap.includes('- [ ] **[SaaS] Limits & Monetization** ([Design](../plans/2026-01-01-limits-design.md), [Implementation](../plans/2026-03-01-limits-monetization-implementation.md))'),
      roadmap,
    );
    // Nothing else changed.
    assert.equal(roadmap.split('\n').length, ROADMAP.split('\n').length);
  });

  it('links a labelled-style item with a labelled sub-bullet', async () => {
    const engine = await engineFor();
    const model = engine.model();
    const match = findItem(model, 'search', '5');
    const item = match.kind === 'found' ? match.item : undefined;
    const s = scaffoldDoc(model, { kind: 'implementation', title: 'Search', date: '2026-03-01', template: engine.template('implementation'), item });
    const roadmap = edited(engine, s.steps, 'docs/project/roadmap.md');
    assert.ok(roadmap.includes('  - **Design:** `docs/plans/2026-01-02-search-design.md`\n  - **Implementation:** `docs/plans/2026-03-01-search-implementation.md`\n'), roadmap);
  });

  it('never reuses an existing name, and never leaves the plans folder whatever the title', async () => {
    const engine = await engineFor({ 'docs/plans/2026-03-01-etc-x-design.md': '# taken\n' });
    const model = engine.model();
    const make = (title: string) => scaffoldDoc(model, { kind: 'design', title, date: '2026-03-01', template: engine.template('design') });
    assert.equal(make('../../etc/x').path, 'docs/plans/2026-03-01-etc-x-design-2.md');
    assert.equal(make('/etc/x').path, 'docs/plans/2026-03-01-etc-x-design-2.md');
    assert.equal(make('C:\\Windows\\system32').path, 'docs/plans/2026-03-01-c-windows-system32-design.md');
    assert.equal(make('CON').path, 'docs/plans/2026-03-01-con-doc-design.md');
    assert.equal(make('***').path, 'docs/plans/2026-03-01-untitled-design.md');
    const s = make('Line one\nline two\u0007');
    assert.equal(s.path, 'docs/plans/2026-03-01-line-one-line-two-design.md');
    assert.match(s.steps[0].kind === 'create' ? s.steps[0].content : '', /^# Line one line two - Design\n/);
    assert.equal(s.steps.length, 1, 'no item, no roadmap edit');
    assert.throws(() => make(' \n\t '), ScaffoldError);
    assert.throws(() => cleanTitle(''), /empty/);
  });

  it("fills a workspace template's own placeholders and leaves the others as written, object method names included", async () => {
    const template = [
      '# {{title}} - Design',
      '',
      '**Date:** {{ date }}',
      '**Status:** Draft',
      '**Roadmap Item:** {{item}}',
      '',
      'Owner: {{owner}}. Keep {{constructor}}, {{toString}}, {{hasOwnProperty}}, {{valueOf}}, {{__proto__}} and {{isPrototypeOf}} as they are.',
      '',
    ].join('\n');
    const engine = await engineFor({ 'docs/templates/design.md': template });
    const model = engine.model();
    const match = findItem(model, 'Evaluate str0m');
    const item = match.kind === 'found' ? match.item : undefined;
    const expected = [
      '# Evaluate str0m - Design',
      '',
      '**Date:** 2026-03-01',
      '**Status:** Draft',
      '**Roadmap Item:** Phase 5 `[Voice] Evaluate str0m`',
      '',
      'Owner: {{owner}}. Keep {{constructor}}, {{toString}}, {{hasOwnProperty}}, {{valueOf}}, {{__proto__}} and {{isPrototypeOf}} as they are.',
      '',
    ].join('\n');
    // `new` (the CLI and the editor command) ...
    const s = scaffoldDoc(model, { kind: 'design', title: item!.title, date: '2026-03-01', template: engine.template('design'), item });
    assert.equal(s.steps[0].kind === 'create' && s.steps[0].content, expected);
    // ... and the quick fix that creates the doc from the finding.
    const finding = engine.check().find((f) => f.code === 'RG001' && f.message.includes('Evaluate str0m'))!;
    const create = finding.fixes!.find((f) => f.title.startsWith('Create design doc'))!;
    const step = create.steps.find((x) => x.kind === 'create')!;
    assert.equal(step.kind === 'create' && step.content, expected);
  });

  it('refuses a plans folder configured outside the workspace', async () => {
    const engine = await engineFor({ '.roadmap-governance.json': '{"plans":["../elsewhere/**/*.md"]}' });
    assert.throws(
      () => scaffoldDoc(engine.model(), { kind: 'design', title: 'x', date: '2026-03-01', template: engine.template('design') }),
      /outside the workspace/,
    );
  });
});
