/** Fixture tests for the roadmap-link rules RG001–RG002 and the link rules RG003–RG004, with their fixes. */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const ROADMAP = 'docs/project/roadmap.md';

const roadmap = lines(
  '# Roadmap',
  '',
  '**Current Phase:** Phase 2',
  '**Last Updated:** 2026-03-01',
  '',
  '## Phase 1: Done ✅ **COMPLETED**',
  '',
  '- [x] **[Core] Shipped** `Priority: High`',
  '',
  '## Phase 2: Next 🔄 **IN PROGRESS**',
  '- Implementation coverage: [Phase 2 plan](../plans/2026-03-01-phase-2-implementation.md)',
  '',
  '- [ ] **[UX] Inline style** ([Design](../plans/2026-03-01-ux-design.md))',
  '- [ ] **[API] Labelled style**',
  '  - **Design:** `docs/plans/2026-03-01-api-design.md`',
  '  - Notes.',
  '- [ ] **[Ops] No links** `Priority: Low`',
  '',
  '## Phase 3: Later 📋 **PLANNED**',
  '',
  '- [ ] **[Data] Reference style** [design][d]',
  '- [ ] **[Infra] Nothing**',
  '',
  '[d]: ../plans/2026-03-01-data-design.md',
  '',
);

const plan = (title: string) => lines(`# ${title}`, '', '**Date:** 2026-03-01', '**Status:** Draft', '', '## Open Standards Profile', '', '- **Standards used:** OpenAPI 3.1', '- **Where enforced:** CI', '- **Conformance tests:** contract tests', '');

const files: Record<string, string> = {
  [ROADMAP]: roadmap,
  'docs/plans/2026-03-01-phase-2-implementation.md': plan('Phase 2'),
  'docs/plans/2026-03-01-ux-design.md': plan('UX'),
  'docs/plans/2026-03-01-api-design.md': plan('API'),
  'docs/plans/2026-03-01-data-design.md': plan('Data'),
};

describe('RG001 item-missing-design / RG002 item-missing-implementation', () => {
  it('reports open items without a design or implementation link, in any link style, not checked items', async () => {
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG001'), [
      `${ROADMAP}:17 Phase 2 item "[Ops] No links" has no design doc link.`,
      `${ROADMAP}:22 Phase 3 item "[Infra] Nothing" has no design doc link.`,
    ]);
    // Phase 2's coverage line gives every item there an implementation link.
    assert.deepEqual(keys(findings, 'RG002'), [
      `${ROADMAP}:21 Phase 3 item "[Data] Reference style" has no implementation plan link.`,
      `${ROADMAP}:22 Phase 3 item "[Infra] Nothing" has no implementation plan link.`,
    ]);
    const f = findings.find((x) => x.code === 'RG001')!;
    assert.deepEqual(f.range, { start: { line: 16, character: 6 }, end: { line: 16, character: 24 } }, 'on the bold title');
  });

  it('follows the link scope: phases, and checked items when asked', async () => {
    const { findings } = await run({ ...files, '.roadmap-governance.json': JSON.stringify({ linkScope: { phases: ['1'], checkedItems: true } }) });
    assert.deepEqual(keys(findings, 'RG001'), [`${ROADMAP}:8 Phase 1 item "[Core] Shipped" has no design doc link.`]);
  });

  it('inserts a link stub in the inline style, after the title', async () => {
    const { findings } = await run(files);
    const f = findings.find((x) => x.code === 'RG001' && x.data?.item === '[Ops] No links')!;
    const stub = f.fixes!.find((x) => x.title.startsWith('Insert'))!;
    const after = applyFix(files, stub);
    assert.equal(after[ROADMAP].split('\n')[16], '- [ ] **[Ops] No links** ([Design](../plans/2026-03-01-no-links-design.md)) `Priority: Low`');
    assert.equal(after[ROADMAP].split('\n').length, roadmap.split('\n').length, 'no other line changes');
  });

  it('adds to an existing inline group, and writes a labelled sub-bullet in the labelled style', async () => {
    const withImpl = { ...files, [ROADMAP]: roadmap.replace('## Phase 2: Next 🔄 **IN PROGRESS**\n- Implementation coverage: [Phase 2 plan](../plans/2026-03-01-phase-2-implementation.md)\n', '## Phase 2: Next 🔄 **IN PROGRESS**\n') };
    const { findings } = await run(withImpl);
    const inline = findings.find((x) => x.code === 'RG002' && x.data?.item === '[UX] Inline style')!;
    const a = applyFix(withImpl, inline.fixes![0]);
    assert.match(a[ROADMAP], /- \[ \] \*\*\[UX\] Inline style\*\* \(\[Design\]\(\.\.\/plans\/2026-03-01-ux-design\.md\), \[Implementation\]\(\.\.\/plans\/2026-03-01-inline-style-implementation\.md\)\)\n/);
    const labelled = findings.find((x) => x.code === 'RG002' && x.data?.item === '[API] Labelled style')!;
    const b = applyFix(withImpl, labelled.fixes![0]);
    assert.match(b[ROADMAP], /  - \*\*Design:\*\* `docs\/plans\/2026-03-01-api-design\.md`\n  - \*\*Implementation:\*\* `docs\/plans\/2026-03-01-labelled-style-implementation\.md`\n  - Notes\./);
  });

  it('creates the doc from its template and links it; the finding is gone and nothing is overwritten', async () => {
    const { findings } = await run(files);
    const f = findings.find((x) => x.code === 'RG001' && x.data?.item === '[Ops] No links')!;
    const create = f.fixes!.find((x) => x.title.startsWith('Create'))!;
    assert.deepEqual(create.steps.map((s) => s.kind), ['create', 'edit'], 'create before edit');
    const after = applyFix(files, create);
    const created = after['docs/plans/2026-03-01-no-links-design.md'];
    assert.match(created, /^# No links - Design\n\n\*\*Date:\*\* 2026-03-01\n\*\*Status:\*\* Draft\n\*\*Roadmap Item:\*\* Phase 2 `\[Ops\] No links`/);
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG001').filter((k) => k.includes('[Ops]')), []);
    // A second doc for the same item gets a fresh name, never the existing one.
    const third = await run({ ...after, [ROADMAP]: roadmap });
    const next = third.findings.find((x) => x.code === 'RG001' && x.data?.item === '[Ops] No links')!;
    const step = next.fixes!.find((x) => x.title.startsWith('Create'))!.steps[0];
    assert.equal(step.path, 'docs/plans/2026-03-01-no-links-design-2.md');
  });

  it('uses the workspace template when there is one', async () => {
    const { findings } = await run({ ...files, 'docs/templates/design.md': '# {{title}} ({{kind}})\n\nItem: {{item}}\n' });
    const f = findings.find((x) => x.code === 'RG001' && x.data?.item === '[Infra] Nothing')!;
    const step = f.fixes!.find((x) => x.title.startsWith('Create'))!.steps[0];
    assert.equal(step.kind === 'create' && step.content, '# Nothing (design)\n\nItem: Phase 3 `[Infra] Nothing`\n');
  });

  it('is silenced by a suppression with a reason', async () => {
    const suppressed = roadmap.replace('- [ ] **[Infra] Nothing**', '<!-- roadmap-governance-disable-next-line RG001 RG002 -- planned later -->\n- [ ] **[Infra] Nothing**');
    const { findings } = await run({ ...files, [ROADMAP]: suppressed });
    assert.deepEqual(keys(findings, 'RG001').filter((k) => k.includes('[Infra]')), []);
    assert.deepEqual(keys(findings, 'RG902'), []);
  });
});

describe('RG003 broken-link / RG004 broken-fragment', () => {
  const docs: Record<string, string> = {
    'README.md': lines('# Readme', '', 'See [setup](docs/setup.md), [guide](docs/gide.md), [plans](docs/plans/), [web](https://example.com/x.md), [self](#readme).', '', '[ref]: docs/missing.md', ''),
    'docs/guide.md': lines('# Guide', '', '## Getting Started', '', 'Back to [top](#guide) or [start](#getting-started), not [nowhere](#nowhere), [Readme](../README.md#readm).', ''),
    'docs/plans/2026-03-01-x-design.md': lines('# X', '', '**Design Doc:** `docs/plans/2026-03-01-y-design.md`', '', 'Create: `docs/standards/new-profile.md` (prose, not a link).', ''),
    'docs/plans/2026-03-01-y-implementation.md': lines('# Y', '', 'Escapes: [out](../../../etc/passwd).', ''),
  };

  it('reports missing targets of links, definitions and labelled code spans, not prose code spans or external links', async () => {
    const { findings } = await run(docs);
    assert.deepEqual(keys(findings, 'RG003'), [
      'README.md:3 Link "docs/gide.md" points to docs/gide.md, which does not exist. Did you mean docs/guide.md?',
      'README.md:3 Link "docs/setup.md" points to docs/setup.md, which does not exist.',
      'README.md:5 Link "docs/missing.md" points to docs/missing.md, which does not exist.',
      'docs/plans/2026-03-01-x-design.md:3 "Design Doc" path "docs/plans/2026-03-01-y-design.md" points to docs/plans/2026-03-01-y-design.md, which does not exist.',
      'docs/plans/2026-03-01-y-implementation.md:3 Link "../../../etc/passwd" points outside the workspace.',
    ]);
  });

  it('repoints to the nearest file; the fix is preferred only within the same folder', async () => {
    const { findings } = await run(docs);
    const typo = findings.find((f) => f.code === 'RG003' && f.message.includes('gide'))!;
    assert.equal(typo.fixes![0].preferred, true);
    const after = applyFix(docs, typo.fixes![0]);
    assert.equal(after['README.md'], docs['README.md'].replace('](docs/gide.md)', '](docs/guide.md)'));
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG003').filter((k) => k.includes('gide')), []);
  });

  it('reports fragments that match no GitHub heading slug, with the closest as the fix', async () => {
    const { findings } = await run(docs);
    assert.deepEqual(keys(findings, 'RG004'), [
      'docs/guide.md:5 No heading in README.md has the anchor #readm. Did you mean #readme?',
      'docs/guide.md:5 No heading in docs/guide.md has the anchor #nowhere.',
    ]);
    const f = findings.find((x) => x.code === 'RG004' && x.message.includes('readm'))!;
    const after = applyFix(docs, f.fixes![0]);
    assert.equal(after['docs/guide.md'], docs['docs/guide.md'].replace('../README.md#readm)', '../README.md#readme)'));
  });
});
