/** RG003's fixes as a careful person would make them: same kind, honest link text, encoded destinations, and the doc a stub names. */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const ROADMAP = 'docs/project/roadmap.md';
const roadmapWith = (...items: string[]) => lines('# Roadmap', '', '## Phase 1: Build', '', ...items, '');
const rg003 = async (files: Record<string, string>) => (await run(files)).findings.filter((f) => f.code === 'RG003');

describe('RG003 broken-link: fixes', () => {
  it('names the roadmap item as it is now in the doc it creates, after an edit moves the item to another phase', async () => {
    // Found by the incremental fuzz: the finding was kept from the check before the edit, "Phase 1" and all.
    const before = lines('# Roadmap', '', '## Phase 1: Build', '', 'Notes.', '', '- [ ] **Search** ([Design](../plans/2026-03-01-search-design.md))', '');
    const { engine } = await run({ [ROADMAP]: before, 'docs/plans/2026-02-01-other-design.md': lines('# Other - Design', '', '**Date:** 2026-02-01', '') });
    engine.setOverlay(ROADMAP, before);
    const content = () => {
      const finding = engine.check().find((f) => f.code === 'RG003')!;
      const step = finding.fixes!.find((f) => f.title.startsWith('Create'))!.steps[0];
      return step.kind === 'create' ? (/\*\*Roadmap Item:\*\* .*/.exec(step.content)?.[0] ?? '') : '';
    };
    assert.equal(content(), '**Roadmap Item:** Phase 1 `Search`');
    engine.setOverlay(ROADMAP, before.replace('Notes.', '## Phase 7: Inserted'));
    assert.equal(content(), '**Roadmap Item:** Phase 7 `Search`');
  });

  it('never repoints a link to a deleted implementation plan at the design doc of the same topic', async () => {
    const files = {
      [ROADMAP]: roadmapWith('- [ ] **Search** ([Design](../plans/2026-03-01-search-design.md), [Implementation](../plans/2026-03-01-search-implementation.md))'),
      'docs/plans/2026-03-01-search-design.md': lines('# Search - Design', '', '**Date:** 2026-03-01', '**Status:** Draft', ''),
    };
    const [finding] = await rg003(files);
    assert.equal(finding.message, 'Link "../plans/2026-03-01-search-implementation.md" points to docs/plans/2026-03-01-search-implementation.md, which does not exist.');
    assert.deepEqual(finding.fixes!.map((f) => f.title), ['Create implementation doc docs/plans/2026-03-01-search-implementation.md from the template']);
  });

  it('still repoints to a plan of the same kind (a typo in the name)', async () => {
    const files = {
      [ROADMAP]: roadmapWith('- [ ] **Search** ([Design](../plans/2026-03-01-serch-design.md))'),
      'docs/plans/2026-03-01-search-design.md': lines('# Search - Design', '', '**Date:** 2026-03-01', ''),
    };
    const [finding] = await rg003(files);
    assert.deepEqual(finding.fixes!.map((f) => [f.title, !!f.preferred]), [
      ['Repoint to docs/plans/2026-03-01-search-design.md', true],
      ['Create design doc docs/plans/2026-03-01-serch-design.md from the template', false],
    ]);
  });

  it('the link stub RG001 inserts gets a fix that creates its doc, titled from the item; then nothing of RG001–RG003 is left for it', async () => {
    const files: Record<string, string> = {
      [ROADMAP]: roadmapWith('- [ ] **[UX] Dark mode**'),
      'docs/plans/2026-01-01-other-design.md': lines('# Other', '', '**Date:** 2026-01-01', ''),
    };
    const { findings } = await run(files);
    const rg001 = findings.find((f) => f.code === 'RG001')!;
    const stub = rg001.fixes!.find((f) => /link stub/.test(f.title))!;
    const stubbed = applyFix(files, stub);
    const [broken] = await rg003(stubbed);
    assert.match(broken.message, /points to docs\/plans\/2026-03-01-dark-mode-design\.md, which does not exist\.$/);
    const create = broken.fixes!.find((f) => /from the template$/.test(f.title))!;
    assert.equal(create.title, 'Create design doc docs/plans/2026-03-01-dark-mode-design.md from the template');
    const created = applyFix(stubbed, create);
    const doc = created['docs/plans/2026-03-01-dark-mode-design.md'];
    assert.match(doc, /^# Dark mode - Design\n\n\*\*Date:\*\* 2026-03-01\n\*\*Status:\*\* Draft\n\*\*Roadmap Item:\*\* Phase 1 `\[UX\] Dark mode`\n/);
    const after = (await run(created)).findings;
    assert.deepEqual(keys(after, 'RG001'), []);
    assert.deepEqual(keys(after, 'RG003'), []);
  });

  it('rewrites link text that repeats the old destination or file name, and leaves other text alone', async () => {
    const files = {
      'docs/guide.md': lines(
        '# Guide',
        '',
        '- [../AGENT.md](../AGENT.md)',
        '- [`AGENT.md`](../AGENT.md)',
        '- [the agents file](../AGENT.md)',
        '- ![../AGENT.md](../AGENT.md)',
      ),
      'AGENTS.md': '# Agents\n',
    };
    const findings = await rg003(files);
    const fixed = findings.reduce((acc, f) => applyFix(acc, f.fixes![0]), files as Record<string, string>);
    assert.equal(
      fixed['docs/guide.md'],
      lines('# Guide', '', '- [../AGENTS.md](../AGENTS.md)', '- [`AGENTS.md`](../AGENTS.md)', '- [the agents file](../AGENTS.md)', '- ![../AGENTS.md](../AGENTS.md)'),
    );
    assert.deepEqual(await rg003(fixed), []);
  });

  it('percent-encodes a space or parenthesis in the new destination, so that GitHub follows it', async () => {
    const files = {
      'docs/guide.md': lines('# Guide', '', 'See [notes](./meeting%20note%20(draft).md).', ''),
      'docs/meeting notes (draft).md': '# Notes\n',
    };
    const [finding] = await rg003(files);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['docs/guide.md'], lines('# Guide', '', 'See [notes](meeting%20notes%20%28draft%29.md).', ''));
    assert.deepEqual(await rg003(fixed), []);
  });
});

describe('RG003 broken-link: a list that is out of date', () => {
  const index = (names: string[]) => lines('# Index: plans', '', ...names.map((n) => `- [${n}](${n})`), '');
  const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}.md`);

  it('a document most of whose links lead nowhere is one finding, on the first, with the count and a few names', async () => {
    const live = names(5, 'live');
    const files: Record<string, string> = { 'docs/plans/README.md': index([...names(25, 'gone'), ...live]) };
    for (const n of live) files[`docs/plans/${n}`] = `# ${n}\n`;
    const found = await rg003(files);
    assert.deepEqual(
      found.map((f) => `${f.range.start.line + 1} ${f.message}`),
      ['3 25 of the 30 links to files in this document point to files that do not exist: "gone-00.md" (line 3), "gone-01.md" (line 4), "gone-02.md" (line 5) and 22 more. The list looks out of date: regenerate it or remove what was moved or deleted.'],
    );
    assert.equal((found[0].data as { targets: string[] }).targets.length, 25);
  });

  it('fewer dead links, or fewer than half of the links, are reported one by one', async () => {
    const few: Record<string, string> = { 'docs/plans/README.md': index(names(19, 'gone')) };
    assert.equal((await rg003(few)).length, 19);
    const live = names(30, 'live');
    const mostlyFine: Record<string, string> = { 'docs/plans/README.md': index([...names(25, 'gone'), ...live]) };
    for (const n of live) mostlyFine[`docs/plans/${n}`] = `# ${n}\n`;
    assert.equal((await rg003(mostlyFine)).length, 25);
  });
});
