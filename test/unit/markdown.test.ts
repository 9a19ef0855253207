/**
 * The markdown scanner: targeted cases, linear cost on long roadmaps, and a
 * differential test against remark-parse + remark-gfm on every document of the
 * real corpus (skipped, with a message, when the corpus is absent).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import fc from 'fast-check';
import GithubSlugger from 'github-slugger';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { scanInlineLinks } from '../../server/engine/markdown/inline';
import { type DocSummary, parseMarkdown } from '../../server/engine/markdown/parse';
import { parseMarkdownWithRemark, renderedText } from '../../server/engine/markdown/remark';
import { splitIntoChunks, splitLines } from '../../server/engine/markdown/split';
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

  it('slugs a heading as GitHub renders it: references decoded, every space a hyphen, markup gone', () => {
    const doc = parseMarkdown(
      join('# Tea &amp; Cake', '## Tea &amp; Cake', '## Left   Right', '## **Strong** words and `a_code_span`', '## _Lean_ but snake_case_kept', '## ![logo](logo.png) Named <b>in</b> [a link](x.md)', '## Ünïcode &copy; 2026 🎉', 'Two lines', 'under one rule', '---'),
    );
    assert.deepEqual(
      doc.headings.map((h) => h.slug),
      ['tea--cake', 'tea--cake-1', 'left---right', 'strong-words-and-a_code_span', 'lean-but-snake_case_kept', '-named-in-a-link', 'ünïcode--2026-', 'two-linesunder-one-rule'],
    );
    // The text rules read stays the plain text, blanks collapsed.
    assert.equal(doc.headings[2].text, 'Left Right');
  });

  it('gives headings in block quotes and list items their anchors, numbered with the others; not sections', () => {
    const text = join('# Notes', '', '> ## Quoted Part', '> text', '', '- ## Listed Part', '- [ ] task', '  text', '', '    ### Deep In Item', '', '> - ## Both', '', '## Quoted Part', '', '```', '> ## In A Fence', '```', '', '    ## Indented Code', '', '> ```sh', '> ## a shell comment, [not](a-link.md)', '> ```');
    const doc = parseMarkdown(text);
    assert.deepEqual(
      doc.headings.map((h) => h.slug),
      ['notes', 'quoted-part-1'],
    );
    assert.deepEqual(
      doc.innerHeadings.map((h) => `${h.range.start.line} ${h.depth} ${h.slug}`),
      ['2 2 quoted-part', '5 2 listed-part', '9 3 deep-in-item', '11 2 both'],
    );
    // Nor is a link in a fence in a quote a link.
    assert.deepEqual(doc.links, []);
    // The item that is a heading has no text of its own; the task item after it is unchanged.
    assert.deepEqual(
      doc.items.map((i) => [i.range.start.line, i.text]),
      [
        [5, ''],
        [6, 'task text'],
      ],
    );
  });

  it('reads images, <img src> and <a href> as links (a badge in a link too), never in code or comments', () => {
    const text = join(
      '![diagram](img/flow.png) and <img src="img/logo.svg" width="20"> and <a href="guide.md#setup">the guide</a>',
      '[![build](badges/build.svg)](https://ci.example.com) `<img src="code.png">` <!-- <a href="hidden.md">x</a> -->',
      '',
      '```html',
      '<img src="fenced.png">',
      '```',
      '',
      '| col | pic |',
      '|---|---|',
      '| a | <img src="cell.png"> |',
      '',
      '<p align="center">',
      '  <img',
      '    src="multi-line.png"',
      '    alt="x">',
      '</p>',
      '<span id="custom-anchor"></span>',
    );
    const doc = parseMarkdown(text);
    const source = text.split('\n');
    assert.deepEqual(
      doc.links.map((l) => `${l.kind} ${l.target} ${l.item} ${source[l.targetRange.start.line].slice(l.targetRange.start.character, l.targetRange.end.character)}`),
      [
        'image img/flow.png -1 img/flow.png',
        'image img/logo.svg -1 img/logo.svg',
        'html guide.md#setup -1 guide.md#setup',
        'inline https://ci.example.com -1 https://ci.example.com',
        'image badges/build.svg -1 badges/build.svg',
        'image cell.png -1 cell.png',
        'image multi-line.png -1 multi-line.png',
      ],
    );
    assert.equal(doc.links[2].text, 'the guide');
    assert.deepEqual(doc.anchors, ['custom-anchor']);
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

  it('reads a GFM footnote as text, not as a link definition; links inside it are links', () => {
    const text = join('A note[^irc] and [a ref][r].', '', '[^irc]: The #docs channel, see [the guide](guide.md).', '', '   [^2]: Indented, still a footnote.', '', '[r]: other.md');
    for (const doc of [parseMarkdown(text), parseMarkdownWithRemark(text)]) {
      assert.deepEqual(
        doc.links.map((l) => [l.kind, l.target, l.range.start.line]),
        [
          ['reference', 'other.md', 0],
          ['inline', 'guide.md', 2],
          ['definition', 'other.md', 6],
        ],
      );
    }
  });

  it('reads a definition only where its line ends after the destination or a title', () => {
    const text = join(
      '[3]: {% link a.md %}',
      '',
      '[t]: t.md "A title"',
      '',
      "[u]: u.md 'open title",
      'closed here\'',
      '',
      '[v]: v.md "title" and more',
      '',
      '[w]: <w w.md> (paren)',
      '',
      '[x]: x.md',
    );
    for (const doc of [parseMarkdown(text), parseMarkdownWithRemark(text)]) {
      assert.deepEqual(
        doc.links.filter((l) => l.kind === 'definition').map((l) => [l.target, l.range.start.line]),
        [
          ['t.md', 2],
          ['u.md', 4],
          ['w w.md', 9],
          ['x.md', 11],
        ],
      );
    }
  });

  it('reads a fence opened on a list marker line as code, to its closing fence', () => {
    const text = join(
      '- ```json',
      '  # not a heading',
      '  [a](in-fence.md)',
      '  ```',
      '- after [b](b.md)',
      '',
      '## Real heading',
      '',
      '1. ~~~',
      '   # still code',
      '   ~~~',
      '',
      '[c](c.md)',
    );
    for (const doc of [parseMarkdown(text), parseMarkdownWithRemark(text)]) {
      assert.deepEqual(
        doc.headings.map((h) => [h.text, h.range.start.line]),
        [
          ['Real heading', 6],
        ],
      );
      assert.deepEqual(doc.innerHeadings, []);
      assert.deepEqual(
        doc.links.map((l) => l.target),
        ['b.md', 'c.md'],
      );
      assert.deepEqual(
        doc.items.map((it) => [it.range.start.line, it.range.end.line, it.text]),
        [
          [0, 3, ''],
          [4, 4, 'after b'],
          [8, 10, ''],
        ],
      );
    }
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

  it('does not cut at a numbered line that is a paragraph\'s text (`7.` cannot interrupt a paragraph)', () => {
    // Found on a real plan: "**Edge Cases:**" then "5. …", "6. …" with a fence and
    // an indented line, then "7. …": all one paragraph, no list, on GitHub.
    const lines: string[] = [];
    for (let i = 0; i < 90; i++) lines.push(`line ${i}`, '');
    lines.push('**Edge Cases:**', '5. five', '6. six:', '   ```', '   code', '   ```', '   -- after', '7. seven', '8. eight', '', '- a bullet');
    const starts = splitIntoChunks(lines).map((c) => c.line);
    assert.ok(!starts.includes(lines.indexOf('7. seven')), `cut at 7.: ${starts}`);
    const cached = withChunkCache('test:numbered.md', () => parseMarkdown(lines.join('\n')));
    assert.deepEqual(cached, parseMarkdown(lines.join('\n')));
    assert.deepEqual(cached.items.map((i) => i.text), ['a bullet']);
  });

  it('gives the same summary cut into chunks (as for an open document) as scanned whole (as for the CLI): generated lists, paragraphs, fences, headings', () => {
    // The lines a cut's safety turns on, often; the rarer constructs less often.
    const common = fc.constantFrom('- [ ] item', '1. one', '7. seven', '  indented text', 'text at the margin', '', '');
    const rare = fc.constantFrom(
      '- [x] done [d](a.md)', '12) twelve', '* star', '  - sub', '    code?', '## Heading', '  ## indented heading', '> quote', '> 7. quoted',
      '```', '  ```', '| a | b |', '|---|---|', '<!-- open', '-->', '- [ ] x<!--', '~~~', '[ref]: x.md', 'see [ref]', '---', '===', '- ', '2.', '<div>', '</div>', '  > in item', '***', '\t- tab', '- ```json', '1. ~~~', '- ```', '# margin heading',
    );
    const block = fc.oneof({ weight: 3, arbitrary: common }, { weight: 1, arbitrary: rare });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 60 }), (blocks) => {
        // Enough lines without a cut before the blocks that the first cut may fall on any of them.
        const lines = [...Array.from({ length: 85 }, (_, i) => `filler ${i}`), '', ...blocks];
        const text = lines.join('\n');
        assert.deepEqual(withChunkCache('test:fuzz.md', () => parseMarkdown(text)), parseMarkdown(text));
      }),
      { numRuns: 1000 },
    );
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
    innerHeadings: doc.innerHeadings.map((h) => `${h.range.start.line} ${h.depth} ${h.slug}`),
    anchors: doc.anchors,
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

  // The world/ repositories: headings, links (images and HTML ones too) and
  // anchors; their lists and tables differ from remark's in ways no rule reads
  // (task items in quotes, `\|` in a table's code span).
  for (const [snapshot, keys] of [
    ['kaiku-before-gap-closure', undefined],
    ['kaiku-after-gap-closure', undefined],
    ['world/papai', ['headings', 'innerHeadings', 'anchors', 'links']],
    ['world/elephant', ['headings', 'innerHeadings', 'anchors', 'links']],
  ] as const) {
    it(`agrees with remark-parse + remark-gfm on every document of ${snapshot}${keys ? ` (${keys.join(', ')})` : ''}`, function () {
      const root = path.join(CORPUS, snapshot);
      if (!existsSync(root)) this.skip();
      const files = fg.sync('**/*.md', { cwd: root }).sort();
      let compared = 0;
      const differences: string[] = [];
      for (const file of files) {
        const text = readFileSync(path.join(root, file), 'utf8');
        if (!text) continue;
        compared++;
        const ours = comparable(parseMarkdown(text), text);
        const theirs = comparable(parseMarkdownWithRemark(text), text);
        for (const key of (keys ?? Object.keys(ours)) as (keyof typeof ours)[]) {
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

describe('markdown scanner: chunks as for an open document vs the document whole, on the real corpus', function () {
  this.timeout(300_000);
  it('gives the same summary for every document of the corpus', function () {
    if (!existsSync(CORPUS)) this.skip();
    const files = fg.sync('**/*.md', { cwd: CORPUS }).sort();
    const differences: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      try {
        assert.deepEqual(withChunkCache(`test:${file}`, () => parseMarkdown(text)), parseMarkdown(text));
      } catch {
        differences.push(file);
      }
    }
    assert.ok(files.length > 100, `compared ${files.length} documents`);
    assert.deepEqual(differences, []);
  });
});

describe('markdown scanner: list items indented with tabs', () => {
  it('starts an item range at the marker\'s offset in the line, not its column (fuzz-found: a tab counted as four)', async () => {
    const summary = parseMarkdown('- [ ] ****\n\n\t  - \n');
    const nested = summary.items[1];
    assert.deepEqual(nested.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 5 } });
  });
});

/** GitHub's anchors of a document by the reference parse: remark's rendered heading text through one GithubSlugger. */
const referenceProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
function referenceAnchors(text: string, whole = false): string[] {
  const slugger = new GithubSlugger();
  const out: string[] = [];
  // Chunks (as the engine cuts them: never inside a heading) keep long documents fast.
  const chunks = whole ? [{ line: 0, text }] : splitIntoChunks(splitLines(text));
  for (const chunk of chunks) {
    const visit = (n: { type: string; children?: unknown[]; position?: { start: { line: number } } }) => {
      if (n.type === 'heading') out.push(`${chunk.line + n.position!.start.line - 1} ${slugger.slug(renderedText(n as never))}`);
      for (const child of n.children ?? []) visit(child as typeof n);
    };
    visit(referenceProcessor.parse(chunk.text));
  }
  return out;
}

/** The scanner's anchors, every heading (inner ones too) in document order. */
function scannerAnchors(text: string): string[] {
  const doc = parseMarkdown(text);
  return [...doc.headings, ...doc.innerHeadings].sort((a, b) => a.range.start.line - b.range.start.line).map((h) => `${h.range.start.line} ${h.slug}`);
}

describe('heading anchors vs remark + github-slugger (differential)', function () {
  this.timeout(300_000);

  it('agree on every markdown document of the corpus (kaiku snapshots and world/)', function () {
    if (!existsSync(CORPUS)) {
      console.log(`    corpus not found at ${CORPUS}: the anchor differential on it is SKIPPED`);
      this.skip();
    }
    const files = fg.sync('**/*.md', { cwd: CORPUS, dot: true }).sort();
    const differences: string[] = [];
    let headings = 0;
    for (const file of files) {
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      const theirs = referenceAnchors(text);
      const ours = scannerAnchors(text);
      headings += theirs.length;
      if (theirs.join('\n') !== ours.join('\n')) differences.push(`${file}: remark ${JSON.stringify(theirs.filter((x) => !ours.includes(x)))}, scanner ${JSON.stringify(ours.filter((x) => !theirs.includes(x)))}`);
    }
    assert.ok(files.length > 400 && headings > 1000, `${files.length} documents, ${headings} headings`);
    assert.deepEqual(differences, []);
  });

  // Pieces of heading text: words, references, emoji, punctuation, runs of blanks.
  const word = fc.constantFrom('Alpha', 'beta', 'Gamma2', 'x', 'Über', 'naïve', '日本語', 'snake_case', 'a.b', 'v1.2');
  const entity = fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&copy;', '&#169;', '&#x1F600;', '&nbsp;', '&bogus;', '&#0;', '&amp', '&AMP;');
  const emoji = fc.constantFrom('🎉', '🚀', '✅', '👩‍💻', ':tada:', '©');
  const punctuation = fc.constantFrom('.', ',', ':', '!', '?', '(', ')', '/', "'", '"', '-', '--', '_', '__', '*', '+', '=', '@', '$', '%', '^', '{', '}', '~', '&', '<', '>', '[', ']', '\\');
  const blanks = fc.constantFrom(' ', '  ', '   ', '\t');
  const plain = fc.oneof({ weight: 4, arbitrary: word }, entity, emoji, punctuation, { weight: 3, arbitrary: blanks });
  const inner = fc.array(plain, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  // Markup around a piece: emphasis, code, links, images, raw HTML, escapes, autolinks.
  const markup = fc.oneof(
    inner.map((t) => `**${t}**`),
    inner.map((t) => `*${t}*`),
    inner.map((t) => `_${t}_`),
    inner.map((t) => `__${t}__`),
    inner.map((t) => `~~${t}~~`),
    inner.map((t) => `\`${t.replace(/`/g, '')}\``),
    inner.map((t) => `[${t.replace(/[[\]]/g, '')}](other.md#x)`),
    inner.map((t) => `![${t.replace(/[[\]]/g, '')}](pic.png)`),
    inner.map((t) => `<b>${t}</b>`),
    fc.constantFrom('<a id="here"></a>', '<br>', '<!-- note -->', '\\*', '\\_', '\\#', '<https://example.com/a_b_>', 'https://example.com/x_y', 'www.example.com/_a_', 'first_last@example.com', '`` a`b ``', '` `'),
    // References: defined or not (the document may define `ref` and `alpha`).
    fc.constantFrom('[Alpha][ref]', '[Alpha][]', '[alpha]', '[Beta][nope]', '[ref]', '[*x*][ref]'),
  );
  const headingText = fc
    .array(fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: markup }), { minLength: 1, maxLength: 8 })
    .map((p) => p.join(''))
    .filter((t) => t.trim() !== '');
  const container = fc.constantFrom('', '', '', '> ', '- ', '1. ', '> > ', '- > ', '  ');
  const heading = fc.record({ level: fc.integer({ min: 1, max: 6 }), container, text: headingText, setext: fc.boolean() });
  const doc = fc.record({ headings: fc.array(heading, { minLength: 1, maxLength: 6 }), repeats: fc.array(fc.nat(), { maxLength: 4 }), definitions: fc.boolean() }).map(({ headings, repeats, definitions }) => {
    // Duplicates: some headings again, further down (GitHub numbers them -1, -2...).
    const all = [...headings, ...repeats.map((r) => headings[r % headings.length])];
    return all
      .map((h) => {
        // A setext heading only where its text cannot be read as something else (a list, a quote, a table).
        if (h.setext && h.container === '' && /^[A-Za-z]/.test(h.text) && !/[|<]/.test(h.text)) return `${h.text.trim()}\n${h.level === 1 ? '===' : '---'}`;
        return `${h.container}${'#'.repeat(h.level)} ${h.text}`;
      })
      .concat(definitions ? ['[ref]: defined.md\n[Alpha]: a.md'] : [])
      .join('\n\n');
  });

  it('agree on generated headings: character references, emoji, punctuation, blanks, markup, link references, containers, duplicates', () => {
    fc.assert(
      fc.property(doc, (text) => {
        assert.deepEqual(scannerAnchors(text), referenceAnchors(text, true), JSON.stringify(text));
      }),
      { numRuns: 1500 },
    );
  });
});
