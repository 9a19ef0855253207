/**
 * The markdown scanner: targeted cases, linear cost on long roadmaps, and a
 * differential test against remark-parse + remark-gfm on every document of the
 * real corpus (skipped, with a message, when the corpus is absent).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { scanInlineLinks } from '../../server/engine/markdown/inline';
import { type DocSummary, parseMarkdown } from '../../server/engine/markdown/parse';
import { parseMarkdownWithRemark } from '../../server/engine/markdown/remark';
import { splitIntoChunks } from '../../server/engine/markdown/split';
import { withChunkCache } from '../../server/engine/markdown/chunked';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

const join = (...lines: string[]) => lines.join('\n');

describe('markdown scanner', () => {
  it('reads headings with GitHub slugs, duplicates numbered', () => {
    const doc = parseMarkdown(join('# Title', '', '## Phase 5: Ecosystem & SaaS 🔄 **IN PROGRESS**', '', '## Notes', '## Notes', 'Setext', '------'));
    assert.deepEqual(
      doc.headings.map((h) => [h.range.start.line, h.depth, h.slug]),
      [
        [0, 1, 'title'],
        [2, 2, 'phase-5-ecosystem--saas--in-progress'],
        [4, 2, 'notes'],
        [5, 2, 'notes-1'],
        [6, 2, 'setext'],
      ],
    );
  });

  it('reads nested task items, titles, and links with destination ranges', () => {
    const doc = parseMarkdown(
      join(
        '- [ ] **[Voice] Item** ([Design](../plans/a-design.md), [Implementation](<../plans/b c.md> "t")) `Priority: Low`',
        '  - **Design:** `docs/plans/a-design.md`',
        '  - [x] sub-task',
        '- [x] Done [ref][r]',
        '',
        '[r]: ./target.md#part',
      ),
    );
    assert.deepEqual(
      doc.items.map((i) => [i.range.start.line, i.range.end.line, i.checked, i.parent, i.title ?? null, i.contentColumn]),
      [
        [0, 2, false, -1, '[Voice] Item', 2],
        [1, 1, null, 0, 'Design:', 4],
        [2, 2, true, 0, null, 4],
        [3, 3, true, -1, null, 2],
      ],
    );
    const source = [
      '- [ ] **[Voice] Item** ([Design](../plans/a-design.md), [Implementation](<../plans/b c.md> "t")) `Priority: Low`',
      '  - **Design:** `docs/plans/a-design.md`',
      '  - [x] sub-task',
      '- [x] Done [ref][r]',
      '',
      '[r]: ./target.md#part',
    ];
    const links = doc.links.map((l) => [l.kind, l.target, l.item, source[l.targetRange.start.line].slice(l.targetRange.start.character, l.targetRange.end.character)]);
    assert.deepEqual(links, [
      ['inline', '../plans/a-design.md', 0, '../plans/a-design.md'],
      ['inline', '../plans/b c.md', 0, '../plans/b c.md'],
      ['reference', './target.md#part', 3, '[ref][r]'],
      ['definition', './target.md#part', -1, './target.md#part'],
    ]);
    assert.deepEqual(
      doc.fields.map((f) => [f.key, f.item, f.codes.map((c) => c.text)]),
      [['design', 1, ['docs/plans/a-design.md']]],
    );
  });

  it('ignores links in fences, code spans, indented code, comments and autolinks', () => {
    const doc = parseMarkdown(
      join('```md', '[a](in-fence.md)', '```', 'Text `[b](code.md)` <https://x.y/[c](d)>', '', '    [e](indented.md)', '', '<!--', '[f](comment.md)', '-->', '[g](real.md)'),
    );
    assert.deepEqual(
      doc.links.map((l) => l.target),
      ['real.md'],
    );
  });

  it('reads GFM tables with cell code spans', () => {
    const doc = parseMarkdown(join('| Plan | Lifecycle |', '|---|---|', '| `a.md` | Active |', '| `b.md` | Superseded |'));
    assert.deepEqual(doc.tables[0].header, ['Plan', 'Lifecycle']);
    assert.deepEqual(
      doc.tables[0].rows.map((r) => [r.line, r.cells.map((c) => c.text), r.cells[0].codes[0].text, r.cells[0].codes[0].range.start.character]),
      [
        [2, ['a.md', 'Active'], 'a.md', 3],
        [3, ['b.md', 'Superseded'], 'b.md', 3],
      ],
    );
  });

  it('handles brackets the way CommonMark does', () => {
    const found = scanInlineLinks('see [outer [inner](x.md)] and [a](b(c).md) and \\[no](z.md) and [x]: not-def');
    assert.deepEqual(
      found.filter((f) => f.kind === 'inline').map((f) => f.destination),
      ['x.md', 'b(c).md'],
    );
  });

  it('cuts long lists into chunks only at safe places', () => {
    const lines = ['# R', ''];
    for (let i = 0; i < 300; i++) lines.push(`- [ ] item ${i}`, `  - sub ${i}`);
    lines.push('```', '- [ ] not an item', '```');
    const chunks = splitIntoChunks(lines);
    assert.ok(chunks.length > 5, `expected several chunks, got ${chunks.length}`);
    for (const c of chunks.slice(1)) assert.match(c.text, /^(#|- \[ \])/);
    const doc = parseMarkdown(lines.join('\n'));
    assert.equal(doc.items.filter((i) => i.parent === -1).length, 300);
  });

  it('gives the same summary for an edited document whether chunks come from the cache or not', () => {
    const lines = ['# R', '', '## Phase 1: A', ''];
    for (let i = 0; i < 200; i++) lines.push(`- [ ] **[C] Item ${i}** ([Design](../plans/x-${i}-design.md))`);
    const typed = (text: string) => withChunkCache('test:roadmap.md', () => parseMarkdown(text));
    const first = typed(lines.join('\n'));
    lines[50] += ' edited';
    const second = typed(lines.join('\n'));
    assert.deepEqual(second, parseMarkdown(lines.join('\n')));
    assert.equal(second.items.length, first.items.length);
    assert.equal(second.items[46].text.endsWith('edited'), true);
    assert.deepEqual(second.links.map((l) => l.range.start.line), first.links.map((l) => l.range.start.line));
    // Chunks after the edited one are the same objects: the cache was used.
    assert.equal(second.items[199], first.items[199]);
  });

  it('re-reads a chunk that now ends where the edit starts (a heading typed after unchanged lines)', () => {
    // Items on odd lines, each with a line of content: the first cut is at the
    // item just after 80 lines, and the content line before it (with a link)
    // can become a heading, so a cut, instead.
    const lines = ['# R'];
    for (let i = 0; i < 300; i++) lines.push(`- [ ] item ${i} [link](x-${i}.md)`, `  details [d](d-${i}.md)`);
    const starts = (ls: string[]) => splitIntoChunks(ls).map((c) => c.line);
    const before = starts(lines);
    // A line inside a chunk that, made a heading, becomes a cut: the chunk
    // before it keeps its start, and now ends right where the edit is.
    const at = lines.findIndex((_, i) => {
      if (i === 0 || before.includes(i)) return false;
      const edited = [...lines];
      edited[i] = '## Inserted';
      return starts(edited).includes(i);
    });
    assert.ok(at > 0, 'a line that becomes a cut');
    const typed = (text: string) => withChunkCache('test:cut.md', () => parseMarkdown(text));
    typed(lines.join('\n'));
    lines[at] = '## Inserted';
    assert.deepEqual(typed(lines.join('\n')), parseMarkdown(lines.join('\n')));
  });
});

/** The parts of a summary the engine relies on, as comparable strings. */
function comparable(doc: DocSummary, text: string) {
  const lines = text.split('\n');
  const inQuote = (line: number) => /^\s*>/.test(lines[line] ?? '');
  const itemLine = (i: number) => (i >= 0 ? doc.items[i].range.start.line : -1);
  return {
    headings: doc.headings.map((h) => `${h.range.start.line} ${h.depth} ${h.slug}`),
    fields: doc.fields.map((f) => `${f.line} ${f.key} ${f.value} ${itemLine(f.item)} ${f.codes.map((c) => c.text).join(',')}`),
    // Autolink literals (www.x, https://x) are external and not read by any rule.
    links: doc.links
      .filter((l) => l.kind !== 'reference' && !/^[a-z]+:/i.test(l.target))
      .map((l) => `${l.kind} ${l.range.start.line}:${l.range.start.character} ${l.target} ${l.targetRange.start.character}-${l.targetRange.end.character} ${itemLine(l.item)}`),
    // remark reads lists inside block quotes; the scanner does not (no rule reads them).
    items: doc.items
      .filter((i) => !inQuote(i.range.start.line))
      .map((i) => `${i.range.start.line}-${i.range.end.line} ${i.checked} ${itemLine(i.parent)} ${i.title ?? ''} ${i.text.replace(/\s+/g, ' ')}`),
    tables: doc.tables.map((t) => `${t.range.start.line} ${t.header.join('|')} ${t.rows.map((r) => r.cells.map((c) => c.codes.map((x) => x.text).join(',')).join('|')).join(';')}`),
  };
}

describe('markdown scanner vs remark on the real corpus', function () {
  this.timeout(300_000);
  before(function () {
    if (!existsSync(CORPUS)) {
      console.log(`    corpus not found at ${CORPUS}: the differential test is SKIPPED`);
      this.skip();
    }
  });

  for (const snapshot of ['kaiku-before-gap-closure', 'kaiku-after-gap-closure']) {
    it(`agrees with remark-parse + remark-gfm on every document of ${snapshot}`, () => {
      const root = path.join(CORPUS, snapshot);
      const files = fg.sync('**/*.md', { cwd: root }).sort();
      let compared = 0;
      const differences: string[] = [];
      for (const file of files) {
        const text = readFileSync(path.join(root, file), 'utf8');
        if (!text) continue;
        compared++;
        const ours = comparable(parseMarkdown(text), text);
        const theirs = comparable(parseMarkdownWithRemark(text), text);
        for (const key of Object.keys(ours) as (keyof typeof ours)[]) {
          const a = new Set(theirs[key]);
          const b = new Set(ours[key]);
          for (const v of theirs[key]) if (!b.has(v)) differences.push(`${file} ${key} remark: ${v}`);
          for (const v of ours[key]) if (!a.has(v)) differences.push(`${file} ${key} scanner: ${v}`);
        }
      }
      assert.ok(compared > 100, `compared ${compared} documents`);
      assert.deepEqual(differences, []);
    });
  }
});

describe('markdown scanner: list items indented with tabs', () => {
  it('starts an item range at the marker\'s offset in the line, not its column (fuzz-found: a tab counted as four)', async () => {
    const summary = parseMarkdown('- [ ] ****\n\n\t  - \n');
    const nested = summary.items[1];
    assert.deepEqual(nested.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 5 } });
  });
});
