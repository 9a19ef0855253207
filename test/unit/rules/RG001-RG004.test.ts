/** Fixture tests for the roadmap-link rules RG001–RG002 and the link rules RG003–RG004, with their fixes. */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';
import { closestAnchor } from '../../../server/engine/rules/broken-fragment';

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
    'README.md': lines('# Readme', '', 'See [setup](docs/setup.md), [guide](docs/gide.md), [plans](docs/plans/), [web](https://example.com/x.md), [self](#readme), [missing][ref].', '', '[ref]: docs/missing.md', ''),
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

describe('RG003 / RG004: links and anchors as GitHub shows them', () => {
  const target = lines(
    '# Field Notes',
    '',
    '> ## Caveat Emptor',
    '',
    '- ## First Step',
    '',
    '## Tea &amp; Biscuits',
    '',
    '## Wide   Gaps',
    '',
    '## **Loud** and `quiet_code`',
    '',
    '## Repeated',
    '',
    '> ### Repeated',
    '',
  );
  const links = lines(
    '# Index',
    '',
    '[a](notes.md#caveat-emptor) [b](notes.md#first-step) [c](notes.md#tea--biscuits) [d](notes.md#wide---gaps)',
    '[e](notes.md#loud-and-quiet_code) [f](notes.md#repeated) [g](notes.md#repeated-1) [h](notes.md#user-content-first-step)',
    '[wrong](notes.md#tea-and-biscuits)',
    '',
  );

  it('finds headings in quotes and list items, decoded references, every blank a hyphen, markup removed', async () => {
    const { findings } = await run({ 'docs/notes.md': target, 'docs/index.md': links });
    assert.deepEqual(keys(findings, 'RG004'), ['docs/index.md:5 No heading in docs/notes.md has the anchor #tea-and-biscuits. Did you mean #tea--biscuits?']);
  });

  const pictures = lines(
    '# Pictures',
    '',
    '![flow](img/flow.png) ![typo](img/logoo.svg) <img src="img/gone.png" width="40"> <img src="https://example.com/x.png">',
    '[![status](badges/status.svg)](https://ci.example.com/job) <a href="notes.md">notes</a> <a href="lost.md">lost</a>',
    '`<img src="in-code.png">`',
    '',
    '```html',
    '<a href="in-fence.md">x</a>',
    '```',
    '',
  );
  const pictureFiles = { 'docs/pictures.md': pictures, 'docs/notes.md': target, 'docs/img/flow.png': '', 'docs/img/logo.svg': '' };

  it('checks images, <img src>, a badge inside a link and <a href>; not HTML in code, not external URLs', async () => {
    const { findings } = await run(pictureFiles);
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/pictures.md:3 Image "img/gone.png" points to docs/img/gone.png, which does not exist.',
      'docs/pictures.md:3 Image "img/logoo.svg" points to docs/img/logoo.svg, which does not exist. Did you mean docs/img/logo.svg?',
      'docs/pictures.md:4 Image "badges/status.svg" points to docs/badges/status.svg, which does not exist.',
      'docs/pictures.md:4 Link "lost.md" points to docs/lost.md, which does not exist.',
    ]);
  });

  it('repoints an image to the nearest file; the finding is gone', async () => {
    const { findings } = await run(pictureFiles);
    const typo = findings.find((f) => f.code === 'RG003' && f.message.includes('logoo'))!;
    assert.equal(typo.fixes![0].preferred, true);
    const after = applyFix(pictureFiles, typo.fixes![0]);
    assert.equal(after['docs/pictures.md'], pictures.replace('](img/logoo.svg)', '](img/logo.svg)'));
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG003').filter((k) => k.includes('logo')), []);
  });

  const viaReference = lines('# Uses', '', 'See [the caveat][c] and [it again][c], then [a lost page][lost].', '', '[c]: notes.md#caveat-emptr', '[lost]: nowhere.md', '');

  it('reports a broken fragment or target through a reference once, at the definition, whose destination the fix edits', async () => {
    const files = { 'docs/uses.md': viaReference, 'docs/notes.md': target };
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG004'), ['docs/uses.md:5 No heading in docs/notes.md has the anchor #caveat-emptr. Did you mean #caveat-emptor?']);
    assert.deepEqual(keys(findings, 'RG003'), ['docs/uses.md:6 Link "nowhere.md" points to docs/nowhere.md, which does not exist.']);
    const f = findings.find((x) => x.code === 'RG004')!;
    const after = applyFix(files, f.fixes![0]);
    assert.equal(after['docs/uses.md'], viaReference.replace('[c]: notes.md#caveat-emptr', '[c]: notes.md#caveat-emptor'));
    assert.deepEqual(keys((await run(after)).findings, 'RG004'), []);
  });

  it('checks a definition only when the document uses it (a link or an image); a footnote is no definition', async () => {
    const doc = lines(
      '# Uses',
      '',
      '[summary]: #summary',
      '[gone]: nowhere.md',
      '[pic]: missing.png',
      '[used]: also-missing.md',
      '',
      'See [the plan][used] and ![the chart][pic].',
      '',
      '[^1]: The #docs channel.',
      '',
      '[used]: later-duplicate.md',
      '',
    );
    const { findings } = await run({ 'docs/uses.md': doc });
    assert.deepEqual(keys(findings, 'RG004'), []);
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/uses.md:5 Link "missing.png" points to docs/missing.png, which does not exist.',
      'docs/uses.md:6 Link "also-missing.md" points to docs/also-missing.md, which does not exist.',
    ]);
  });

  it('leaves a template\'s placeholder file names and a README\'s #readme alone; a real broken link in a template is still one', async () => {
    const { findings } = await run({
      'docs/adr/template.md': lines('# Title', '', 'Supersedes [ADR](yyyymmdd-xxx.md) and [NNNN](NNNN-title.md); see [the guide](../guide.md).', ''),
      'README.md': lines('# Project', '', '<a href="#readme">logo</a> and [top](#readme).', ''),
      'docs/notes.md': lines('# Notes', '', 'See [the readme](../README.md#readme) and [nowhere](xxx.md).', ''),
    });
    assert.deepEqual(keys(findings, 'RG004'), []);
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/adr/template.md:3 Link "../guide.md" points to docs/guide.md, which does not exist.',
      'docs/notes.md:3 Link "xxx.md" points to docs/xxx.md, which does not exist.',
    ]);
  });
});

describe('RG004: the fix is the nearest heading, not any heading that shares words', () => {
  const design = lines(
    '# Search Design',
    '',
    '## Overview',
    '',
    '## Design Decisions',
    '',
    '## Phase 2: Search and Indexing',
    '',
    '## Phase 3: Ranking',
    '',
    '## Installation',
    '',
    '## Set up',
    '',
    '## Rollout Plan',
    '',
    '## Rollback Plan',
    '',
  );
  const cases: [string, string | undefined][] = [
    // The page title contains these words, the H2 is the section meant.
    ['search-design-decisions', 'design-decisions'],
    ['instalation', 'installation'],
    ['phase-2-search', 'phase-2-search-and-indexing'],
    ['setup', 'set-up'],
    // A typo of the title itself names it.
    ['search-desing', 'search-design'],
    // Another number is another section; nothing close; the title not named; two equally close.
    ['phase-4-ranking', undefined],
    ['pricing-model', undefined],
    ['search', undefined],
    ['plan', undefined],
  ];

  it('closestAnchor: by slug-word similarity, the title only when named, none below the threshold or on a tie', () => {
    const anchors = ['search-design', 'overview', 'design-decisions', 'phase-2-search-and-indexing', 'phase-3-ranking', 'installation', 'set-up', 'rollout-plan', 'rollback-plan'];
    for (const [fragment, expected] of cases) assert.equal(closestAnchor(fragment, anchors, 'search-design'), expected, fragment);
  });

  it('offers the preferred fix only when one heading is close; applying it removes the finding', async () => {
    const index = lines('# Links', '', ...cases.map(([fragment], i) => `- [case ${i}](design.md#${fragment})`), '');
    const files = { 'docs/design.md': design, 'docs/links.md': index };
    const { findings } = await run(files);
    const rg004 = findings.filter((f) => f.code === 'RG004').sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      rg004.map((f) => [f.range.start.line - 2, f.fixes?.length ? f.fixes[0].title : undefined, f.fixes?.[0]?.preferred]),
      cases.map(([, expected], i) => [i, expected ? `Change the fragment to #${expected}` : undefined, expected ? true : undefined]),
    );
    let after: Record<string, string> = files;
    for (const f of rg004) if (f.fixes) after = applyFix(after, f.fixes[0]);
    const again = await run(after);
    assert.deepEqual(
      keys(again.findings, 'RG004').map((k) => k.replace(/^.*anchor #([^.]+)\..*$/, '$1')).sort(),
      cases
        .filter(([, expected]) => !expected)
        .map(([fragment]) => fragment)
        .sort(),
    );
  });
});

describe('RG001: HTML links and images in roadmap items', () => {
  it('an <a href> to a design doc is the item\'s design link; an image never is', async () => {
    const road = lines(
      '# Roadmap',
      '',
      '## Phase 1: Start',
      '',
      '- [ ] **[UX] Html link** <a href="../plans/2026-03-01-ux-design.md">Design</a>',
      '- [ ] **[UX] Picture only** ![Design](../plans/2026-03-01-ux-design.md)',
      '',
    );
    const { findings } = await run({ [ROADMAP]: road, 'docs/plans/2026-03-01-ux-design.md': plan('UX') });
    assert.deepEqual(keys(findings, 'RG001'), [`${ROADMAP}:6 Phase 1 item "[UX] Picture only" has no design doc link.`]);
  });
});
