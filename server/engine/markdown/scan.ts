/**
 * The fast path from markdown text to a `DocSummary`: one pass over the lines
 * for block structure (front matter, fences, HTML comments, ATX and setext
 * headings, nested list items with task checkboxes, GFM tables, link
 * definitions, paragraphs), then an inline scan of each block for links.
 *
 * Why not remark for everything: remark-parse reads ~0.5 MB/s here and is
 * superlinear on long lists (a 10,000-item roadmap takes over a minute), while
 * the engine needs only headings, links, list items, labelled fields and
 * tables. This scanner is linear and ~50× faster; `test/unit/markdown.test.ts`
 * compares its output with remark's (`parseMarkdownWithRemark`) on every
 * document of the real corpus, so the two stay in step.
 */
import type { Range } from '../types';
import { range } from '../types';
import { CodeSpans, contentStart, headingAnchor, inlinePlain, normalizeLabel, scanInlineLinks } from './inline';
import { type ChunkSummary, emptyChunkSummary, headingSources, parseInChunks } from './chunked';
import type { DocSummary, FieldInfo, LinkInfo, ListItemInfo, TableCell, TableInfo } from './parse';

const FENCE_OPEN = /^( {0,3}|\s*)(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const DEFINITION = /^( {0,3})\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
// Written so that no two runs of blanks can trade characters: a line of spaces stays linear.
const TABLE_DELIMITER = /^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;
const FIELD_LINE = /^(\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?)?)\*\*([^*\n]+?)\*\*(:?)(.*)$/;
const BOLD = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/;

function indentOf(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n += 4 - (n % 4);
    else break;
  }
  return n;
}

// The block patterns above each need a given character where the line's
// content starts (`contentStart`): `#` for ATX, a backtick or tilde for a
// fence, `-`, `*`, `+` or a digit for a list marker... The scan tests that
// character first and runs a pattern only on the lines that can match it.

/** A list item's start: what `listMarker` found. */
export interface ListMarker {
  /** Length of indent, marker, the blanks after it and the checkbox with its blanks. */
  length: number;
  /** The marker as written: `-`, `*`, `+`, `1.`, `12)`... */
  bullet: string;
  /** Spaces and tabs after the marker (none only at the end of the line). */
  spaces: number;
  /** The character in the checkbox (` `, `x` or `X`), if there is one. */
  check?: string;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The list marker at the start of the line, read by hand; the match of
 * `/^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)(?:\[([ xX])\](?=[ \t]|$)[ \t]*)?/`:
 * indent, bullet or 1-9 digits and `.` or `)`, blanks or the end of the
 * line, then an optional `[ ]`/`[x]`/`[X]` followed by a blank or the end.
 */
export function listMarker(line: string): ListMarker | null {
  let p = 0;
  while (isSpaceOrTab(line.charCodeAt(p))) p++;
  const c = line.charCodeAt(p);
  let bulletEnd: number;
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) bulletEnd = p + 1;
  else {
    let q = p;
    while (q - p < 10 && line.charCodeAt(q) >= 48 && line.charCodeAt(q) <= 57) q++;
    const d = line.charCodeAt(q);
    if (q === p || q - p > 9 || (d !== 46 /* . */ && d !== 41 /* ) */)) return null;
    bulletEnd = q + 1;
  }
  let s = bulletEnd;
  while (isSpaceOrTab(line.charCodeAt(s))) s++;
  if (s === bulletEnd && s !== line.length) return null;
  const marker: ListMarker = { length: s, bullet: line.slice(p, bulletEnd), spaces: s - bulletEnd };
  const box = line.charCodeAt(s + 1);
  if (line.charCodeAt(s) === 91 /* [ */ && (box === 32 || box === 120 /* x */ || box === 88 /* X */) && line.charCodeAt(s + 2) === 93 /* ] */ && (s + 3 === line.length || isSpaceOrTab(line.charCodeAt(s + 3)))) {
    let t = s + 3;
    while (isSpaceOrTab(line.charCodeAt(t))) t++;
    marker.length = t;
    marker.check = line[s + 1];
  }
  return marker;
}

/** Can the line start with a list marker, given the character code at its content start? */
function mayBeMarker(c: number): boolean {
  return c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */ || (c >= 48 && c <= 57) /* digit */;
}

/** Whether a `FENCE_OPEN` match opens a fence: a backtick fence's info string may hold no backtick. */
function opensFence(m: RegExpExecArray): boolean {
  return !(m[2][0] === '`' && m[3].includes('`'));
}

/** Can the line open or close a fence (`FENCE_OPEN`)? */
function mayBeFence(c: number): boolean {
  return c === 96 /* ` */ || c === 126 /* ~ */;
}

interface Block {
  kind: 'para' | 'heading';
  start: number;
  lines: string[];
  /** Item that owns the block, or -1. */
  owner: number;
  /** Columns blanked on the first line (list marker and checkbox). */
  prefix: number;
}

interface OpenItem {
  index: number;
  contentIndent: number;
}

/** Scans a whole document, chunk by chunk, with the chunk cache. */
export function scanMarkdown(text: string): DocSummary {
  return parseInChunks(text, scanChunk, scanLines);
}

/** Scans one chunk; lines are relative to it and references are left for the join. */
export function scanChunk(text: string): ChunkSummary {
  return scanLines(text.split('\n'));
}

/** Scans one chunk given as its lines (split at `\n`, a `\r` before it still there); the array is not changed. */
export function scanLines(split: string[]): ChunkSummary {
  let lines = split;
  for (const l of split) {
    if (l.charCodeAt(l.length - 1) === 13 /* \r */) {
      lines = split.map((x) => (x.endsWith('\r') ? x.slice(0, -1) : x));
      break;
    }
  }
  const doc = emptyChunkSummary();
  const blocks: Block[] = [];
  const stack: OpenItem[] = [];
  let block: Block | undefined;
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let inIndentedCode = false;
  // A fence inside a block quote (`> ```): its lines are code, to the closing fence or the end of the quote.
  let quotedFence: { char: string; length: number } | undefined;
  let previousBlank = true;

  const flush = () => {
    if (block) blocks.push(block);
    block = undefined;
  };
  // A block that cannot continue a paragraph lazily ends the items it is not indented into.
  const popLessIndented = (indent: number) => {
    while (stack.length && indent < stack[stack.length - 1].contentIndent) stack.pop();
  };
  const owner = () => (stack.length ? stack[stack.length - 1].index : -1);
  // The open items' ranges are fresh objects of this scan: moved in place, line by line.
  const extendItems = (line: number) => {
    for (const open of stack) {
      const end = doc.items[open.index].range.end;
      end.line = line;
      end.character = lines[line].length;
    }
  };
  /** Length of each item's marker and checkbox, by item index (finishItems cuts the first line there). */
  const markerEnds: number[] = [];

  let i = 0;
  if (lines[0] === '---') {
    let j = 1;
    while (j < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[j])) j++;
    if (j < lines.length) {
      for (const line of lines.slice(1, j)) {
        const m = /^([A-Za-z][\w -]*):\s*(.*)$/.exec(line);
        if (m) doc.frontmatter[m[1].trim().toLowerCase()] = m[2].trim().replace(/^["']|["']$/g, '');
      }
      i = j + 1;
    }
  }

  for (; i < lines.length; i++) {
    const line = lines[i];
    const content = contentStart(line);
    const c = line.charCodeAt(content); // NaN on a blank line
    if (fence) {
      const m = mayBeFence(c) ? FENCE_OPEN.exec(line) : null;
      if (m && m[2][0] === fence.char && m[2].length >= fence.length && m[3].trim() === '') fence = undefined;
      if (stack.length) extendItems(i);
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (quotedFence) {
      const quoted = c === 62 /* > */ ? quoteContent(line) : undefined;
      if (quoted !== undefined) {
        const m = FENCE_OPEN.exec(quoted);
        if (m && m[2][0] === quotedFence.char && m[2].length >= quotedFence.length && m[3].trim() === '') quotedFence = undefined;
        if (stack.length) extendItems(i);
        continue;
      }
      quotedFence = undefined;
    }
    if (content === line.length) {
      flush();
      previousBlank = true;
      continue;
    }
    const indent = indentOf(line);
    if (inIndentedCode && indent >= 4) continue;
    inIndentedCode = false;
    if (previousBlank) {
      while (stack.length && indent < stack[stack.length - 1].contentIndent && !(mayBeMarker(c) && listMarker(line))) stack.pop();
      if (!stack.length && indent >= 4) {
        flush();
        inIndentedCode = true;
        continue;
      }
    }
    const fenceOpen = mayBeFence(c) ? FENCE_OPEN.exec(line) : null;
    if (fenceOpen && opensFence(fenceOpen)) {
      flush();
      popLessIndented(indent);
      fence = { char: fenceOpen[2][0], length: fenceOpen[2].length };
      if (stack.length) extendItems(i);
      previousBlank = false;
      continue;
    }
    if (c === 60 /* < */ && line.startsWith('<!--', content)) {
      if (!line.includes('-->', content + 4)) inComment = true;
      flush();
      previousBlank = false;
      continue;
    }
    if (c === 62 /* > */) {
      const quoted = quoteContent(line);
      const m = mayBeFence(quoted.charCodeAt(contentStart(quoted))) ? FENCE_OPEN.exec(quoted) : null;
      if (m && opensFence(m)) {
        flush();
        quotedFence = { char: m[2][0], length: m[2].length };
        if (stack.length) extendItems(i);
        previousBlank = false;
        continue;
      }
    }
    // A heading in a block quote (`> ## Note`), or indented into a list item's content.
    const inner = c === 62 /* > */ || (c === 35 /* # */ && indent >= 4 && stack.length) ? innerHeading(line, indent, stack) : null;
    if (inner) {
      flush();
      doc.innerHeadings.push({ depth: inner.depth, text: inner.text, slug: '', range: range(i, inner.at, i, line.length) });
      blocks.push({ kind: 'heading', start: i, lines: [line], owner: owner(), prefix: 0 });
      if (stack.length) extendItems(i);
      previousBlank = false;
      continue;
    }
    const atx = indent <= 3 && c === 35 /* # */ ? ATX.exec(line) : null;
    if (atx) {
      flush();
      stack.length = 0;
      // The closing sequence, when there is a `#` to end with.
      const content = (atx[2].includes('#') ? atx[2].replace(/(?:^|[ \t]+)#+[ \t]*$/, '') : atx[2]).trimEnd();
      const start = line.length - atx[2].length;
      doc.headings.push({ depth: atx[1].length, text: content, slug: '', range: range(i, line.indexOf('#'), i, line.length) });
      blocks.push({ kind: 'heading', start: i, lines: [' '.repeat(start) + atx[2]], owner: -1, prefix: 0 });
      previousBlank = false;
      continue;
    }
    if (block && block.kind === 'para' && block.owner === -1 && !stack.length && !previousBlank && (c === 61 /* = */ || c === 45 /* - */) && SETEXT.test(line) && !/^\s*(?:[-*+]\s|>)/.test(block.lines[0])) {
      // The paragraph above is a setext heading.
      const b = block;
      block = undefined;
      doc.headings.push({ depth: line.trim()[0] === '=' ? 1 : 2, text: b.lines.map((l) => l.trim()).join('\n'), slug: '', range: range(b.start, 0, i, line.length) });
      blocks.push({ ...b, kind: 'heading' });
      previousBlank = false;
      continue;
    }
    if ((c === 45 /* - */ || c === 42 /* * */ || c === 95 /* _ */) && THEMATIC.test(line)) {
      flush();
      if (indent < 2) stack.length = 0;
      previousBlank = false;
      continue;
    }
    const marker = mayBeMarker(c) ? listMarker(line) : null;
    // Not stack[-1] on an empty stack: an index out of bounds is a slow lookup.
    const top = stack.length ? stack[stack.length - 1] : undefined;
    // A marker that closes the open item always starts an item; inside the
    // paragraph's own container it interrupts only as CommonMark allows.
    const startsItem =
      !!marker &&
      (stack.length > 0 || indent <= 3) &&
      (!block || previousBlank || (top !== undefined && indent < top.contentIndent) || ((c < 48 || c > 57 || marker.bullet === '1.' || marker.bullet === '1)') && line.slice(marker.length).trim() !== ''));
    if (marker && startsItem) {
      flush();
      while (stack.length && stack[stack.length - 1].contentIndent > indent) stack.pop();
      const spaces = marker.spaces;
      const markerEnd = indent + marker.bullet.length;
      const contentIndent = spaces === 0 || spaces > 4 ? markerEnd + 1 : markerEnd + spaces;
      const index = doc.items.length;
      const prefix = marker.length;
      const rest = line.slice(prefix);
      // `indent` is a column (a tab counts to the next stop); the range needs the offset in the line.
      let markerAt = 0;
      while (line.charCodeAt(markerAt) === 32 || line.charCodeAt(markerAt) === 9) markerAt++;
      const item: ListItemInfo = {
        parent: owner(),
        checked: marker.check === undefined ? null : marker.check !== ' ',
        range: range(i, markerAt, i, line.length),
        contentColumn: contentIndent,
        text: '',
        firstLineEnd: { line: i, character: line.length },
      };
      // `- ```json`: the item opens with fenced code, its lines are code to the closing fence.
      const itemFence = marker.check === undefined && mayBeFence(rest.charCodeAt(0)) ? FENCE_OPEN.exec(rest) : null;
      if (itemFence && opensFence(itemFence)) {
        doc.items.push(item);
        markerEnds.push(-1);
        stack.push({ index, contentIndent });
        extendItems(i);
        fence = { char: itemFence[2][0], length: itemFence[2].length };
        previousBlank = false;
        continue;
      }
      // `- ## Step` or `- > ## Note`: the item holds a heading, not a paragraph.
      const heading = marker.check === undefined && (rest.charCodeAt(0) === 35 /* # */ || rest.charCodeAt(0) === 62 /* > */) ? innerHeading(line, indent, stack) : null;
      const bold = !heading && (rest.includes('**') || rest.includes('__')) ? BOLD.exec(blankCodeSpans(rest)) : null;
      if (bold) {
        item.title = inlinePlain(rest.slice(bold.index + bold[1].length, bold.index + bold[0].length - bold[1].length));
        item.titleRange = range(i, prefix + bold.index, i, prefix + bold.index + bold[0].length);
      }
      doc.items.push(item);
      // An item that starts with a heading has no text of its own (finishItems reads none).
      markerEnds.push(heading ? -1 : prefix);
      stack.push({ index, contentIndent });
      extendItems(i);
      if (heading) {
        doc.innerHeadings.push({ depth: heading.depth, text: heading.text, slug: '', range: range(i, heading.at, i, line.length) });
        blocks.push({ kind: 'heading', start: i, lines: [' '.repeat(prefix) + rest], owner: index, prefix });
      } else block = { kind: 'para', start: i, lines: [' '.repeat(prefix) + rest], owner: index, prefix };
      previousBlank = false;
      continue;
    }
    const header = line.includes('|') && i + 1 < lines.length ? tableHeader(line, lines[i + 1], i) : null;
    if (header) {
      flush();
      popLessIndented(indent);
      const table = readTable(lines, i, header);
      doc.tables.push(table.info);
      for (let r = i; r <= table.last; r++) if (lines[r].includes('](') || lines[r].includes('<')) blocks.push({ kind: 'para', start: r, lines: [lines[r]], owner: owner(), prefix: 0 });
      if (stack.length) extendItems(table.last);
      i = table.last;
      previousBlank = false;
      continue;
    }
    // `[^label]: …` is a GFM footnote: its text is a paragraph, not a link's destination.
    const def = (!block || previousBlank) && c === 91 /* [ */ && DEFINITION.exec(line);
    if (def && !def[2].startsWith('^') && definitionEnds(line.slice(def[0].length))) {
      flush();
      const label = normalizeLabel(def[2]);
      let dest = def[3];
      let from = def[0].length - dest.length;
      if (dest.startsWith('<')) {
        dest = dest.slice(1, -1);
        from++;
      }
      const link: LinkInfo = { kind: 'definition', target: dest, text: label, range: range(i, def[1].length, i, line.length), targetRange: range(i, from, i, from + dest.length), item: -1, identifier: label };
      doc.links.push(link);
      if (stack.length) extendItems(i);
      previousBlank = false;
      continue;
    }
    if (block && !previousBlank) block.lines.push(line);
    else {
      flush();
      block = { kind: 'para', start: i, lines: [line], owner: owner(), prefix: 0 };
    }
    if (stack.length) extendItems(i);
    previousBlank = false;
  }
  flush();

  for (const b of blocks) scanBlock(b, doc, lines);
  finishItems(doc, lines, markerEnds);
  // The slug before duplicates are numbered, with no reference defined:
  // numbering and definitions need the whole document (see chunked.ts).
  for (const list of [doc.headings, doc.innerHeadings]) {
    for (const h of list) {
      if (h.text.includes(']')) headingSources.set(h, h.text);
      h.slug = headingAnchor(h.text);
      h.text = inlinePlain(h.text);
    }
  }
  return doc;
}

/**
 * Whether what follows a definition's destination on its line lets it be one:
 * nothing but blanks, or blanks and a title (`"…"`, `'…'`, `(…)`) with only
 * blanks after it. A title still open at the end of the line may close on the
 * next ones. `[3]: {% link a.md %}` is a paragraph, not a definition.
 */
function definitionEnds(rest: string): boolean {
  const t = rest.trim();
  if (t === '') return true;
  if (!isSpaceOrTab(rest.charCodeAt(0))) return false;
  const open = t[0];
  const close = open === '(' ? ')' : open;
  if (open !== '"' && open !== "'" && open !== '(') return false;
  for (let k = 1; k < t.length; k++) {
    const ch = t[k];
    if (ch === '\\') k++;
    else if (ch === close) return k === t.length - 1;
    else if (open === '(' && ch === '(') return false;
  }
  return true;
}

/** The line without its block quote markers (`>`, `> >`, each with up to 3 spaces before and one after). */
function quoteContent(line: string): string {
  let p = 0;
  for (;;) {
    let q = p;
    while (q - p < 3 && line.charCodeAt(q) === 32) q++;
    if (line.charCodeAt(q) !== 62) return line.slice(p);
    p = q + 1;
    if (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9) p++;
  }
}

/**
 * The ATX heading inside containers at the start of `line`: block quote
 * markers (`>`), list markers (`-`, `1.`), or the indent of an open list
 * item's content (`indent`, the line's, against the `stack`). Null when the
 * line holds no such heading, or none inside a container.
 */
function innerHeading(line: string, indent: number, stack: OpenItem[]): { depth: number; text: string; at: number } | null {
  let p = 0;
  let contained = false;
  if (indent >= 4) {
    // Indented code, unless an open item's content starts within 3 columns of it.
    let k = stack.length - 1;
    while (k >= 0 && stack[k].contentIndent > indent) k--;
    if (k < 0 || indent - stack[k].contentIndent > 3) return null;
    contained = true;
  }
  for (let guard = 0; guard < 100; guard++) {
    let q = p;
    let columns = 0;
    while (line.charCodeAt(q) === 32 || line.charCodeAt(q) === 9) {
      columns += line.charCodeAt(q) === 9 ? 4 : 1;
      q++;
    }
    if (columns > 3 && !contained) return null;
    if (line.charCodeAt(q) === 62 /* > */) {
      p = q + 1;
      if (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9) p++;
      contained = true;
      continue;
    }
    const marker = mayBeMarker(line.charCodeAt(q)) ? listMarker(line.slice(q)) : null;
    if (marker && marker.check === undefined && marker.spaces >= 1 && marker.spaces <= 4) {
      p = q + marker.length;
      contained = true;
      continue;
    }
    p = q;
    break;
  }
  if (!contained || line.charCodeAt(p) !== 35 /* # */) return null;
  const atx = ATX.exec(line.slice(p));
  if (!atx) return null;
  const text = (atx[2].includes('#') ? atx[2].replace(/(?:^|[ \t]+)#+[ \t]*$/, '') : atx[2]).trim();
  return { depth: atx[1].length, text, at: p };
}

/** Links and labelled fields of one block. */
function scanBlock(b: Block, doc: ChunkSummary, lines: string[]): void {
  if (b.lines.some((l) => l.includes('[') || l.includes('<'))) {
    const text = b.lines.length === 1 ? b.lines[0] : b.lines.join('\n');
    const lineStarts = [0];
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
    // Binary search: a paragraph of many lines with many links stays n log n.
    const at = (offset: number) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: b.start + lo, character: offset - lineStarts[lo] };
    };
    for (const found of scanInlineLinks(text, doc.anchors)) {
      const s = at(found.start);
      const e = at(found.end);
      const r: Range = { start: s, end: e };
      if (found.image && found.kind === 'reference') {
        // An image through a reference is checked at its definition; it is kept until the join to say the definition is used.
        doc.links.push({ kind: 'image', target: '', text: found.text, range: r, targetRange: r, item: -1, identifier: found.label });
      } else if (found.kind !== 'reference') {
        // Images are never an item's link; `<a href>` is, as an inline link is.
        const kind = found.image ? 'image' : found.kind;
        doc.links.push({ kind, target: found.destination ?? '', text: found.text, range: r, targetRange: { start: at(found.destStart!), end: at(found.destEnd!) }, item: found.image ? -1 : b.owner });
      } else {
        doc.links.push({ kind: 'reference', target: '', text: found.text, range: r, targetRange: r, item: b.owner, identifier: found.label });
      }
    }
  }
  if (b.kind !== 'para') return;
  for (let k = 0; k < b.lines.length; k++) {
    const lineNo = b.start + k;
    const raw = lines[lineNo];
    if (!raw.includes('**')) continue;
    const m = FIELD_LINE.exec(raw);
    if (!m) continue;
    let label = m[2].trim();
    if (label.endsWith(':')) label = label.slice(0, -1).trim();
    else if (!m[3]) continue;
    const rest = m[4];
    const valueStart = raw.length - rest.length + (rest.length - rest.trimStart().length);
    const codes: FieldInfo['codes'] = [];
    for (const c of new CodeSpans(raw).all()) {
      if (c.start < valueStart) continue;
      codes.push({ text: raw.slice(c.contentStart, c.contentEnd).trim(), range: range(lineNo, c.contentStart, lineNo, c.contentEnd) });
    }
    doc.fields.push({
      key: label.toLowerCase(),
      label,
      value: rest.trim(),
      line: lineNo,
      range: range(lineNo, m[1].length, lineNo, raw.length),
      valueRange: range(lineNo, valueStart, lineNo, raw.trimEnd().length),
      item: b.owner,
      codes,
    });
  }
}

/** Item texts: the plain text of the item's first paragraph. */
function finishItems(doc: ChunkSummary, lines: string[], markerEnds: number[]): void {
  for (let index = 0; index < doc.items.length; index++) {
    const item = doc.items[index];
    if (markerEnds[index] < 0) continue; // a heading, not a paragraph
    const first = item.range.start.line;
    // The first line without its marker and checkbox (what listMarker found when the item was read).
    let text = lines[first].slice(markerEnds[index]);
    for (let l = first + 1; l <= item.range.end.line; l++) {
      const raw = lines[l];
      const content = contentStart(raw);
      if (content === raw.length) break;
      const c = raw.charCodeAt(content);
      if ((mayBeMarker(c) && listMarker(raw)) || (mayBeFence(c) && FENCE_OPEN.test(raw)) || (c === 35 && ATX.test(raw)) || raw.startsWith('<!--', content) || raw.includes('|')) break;
      text += ` ${raw.trim()}`;
    }
    item.text = inlinePlain(text);
  }
}

/** The text with code spans (and their backticks) replaced by letters, offsets unchanged. */
export function blankCodeSpans(text: string): string {
  if (!text.includes('`')) return text;
  let out = '';
  let last = 0;
  for (const span of new CodeSpans(text).all()) {
    out += text.slice(last, span.start) + 'x'.repeat(span.end - span.start);
    last = span.end;
  }
  return out + text.slice(last);
}

function splitRow(line: string, lineNo: number): TableCell[] {
  const cells: TableCell[] = [];
  // line.search(/\S/), the line being known not blank.
  const first = contentStart(line);
  let start = line.indexOf('|') === first ? first + 1 : first;
  let i = start;
  let inCode = 0;
  for (; i <= line.length; i++) {
    const c = line.charCodeAt(i); // NaN at the end of the line
    if (c === 92 /* \\ */) {
      i++;
      continue;
    }
    if (c === 96 /* ` */) {
      let n = 0;
      while (line.charCodeAt(i + n) === 96) n++;
      inCode = inCode === n ? 0 : inCode || n;
      i += n - 1;
      continue;
    }
    if ((c === 124 /* | */ && !inCode) || i === line.length) {
      const raw = line.slice(start, i);
      if (!(i === line.length && raw.trim() === '' && line.trimEnd().endsWith('|'))) {
        const lead = raw.length - raw.trimStart().length;
        const body = raw.trim();
        const codes: TableCell['codes'] = [];
        if (body.includes('`')) {
          for (const m of new CodeSpans(body).all()) {
            const s = start + lead + m.contentStart;
            codes.push({ text: body.slice(m.contentStart, m.contentEnd).trim(), range: range(lineNo, s, lineNo, s + m.contentEnd - m.contentStart) });
          }
        }
        cells.push({ text: inlinePlain(body.includes('\\') ? body.replace(/\\\|/g, '|') : body), range: range(lineNo, start + lead, lineNo, start + lead + body.length), codes });
      }
      start = i + 1;
    }
  }
  return cells;
}

/**
 * The header cells of a GFM table starting at `header`, or null: a header
 * row then a delimiter row with a pipe and as many cells (`| a |` over `---` is a setext heading, `| a | b |` over
 * `| --- |` a paragraph).
 */
function tableHeader(header: string, delimiter: string, lineNo: number): TableCell[] | null {
  if (!delimiter.includes('|') || !delimiter.includes('-') || !TABLE_DELIMITER.test(delimiter)) return null;
  const trimmed = delimiter.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells = splitRow(header, lineNo);
  return trimmed.split('|').length === cells.length ? cells : null;
}

function readTable(lines: string[], first: number, header: TableCell[]): { info: TableInfo; last: number } {
  let last = first + 1;
  const rows: TableInfo['rows'] = [];
  for (let r = first + 2; r < lines.length; r++) {
    const line = lines[r];
    const content = contentStart(line);
    const c = line.charCodeAt(content);
    // A row ends at a blank line or where another block starts: a heading, a fence, a quote, a list item.
    if (content === line.length || (c === 35 && ATX.test(line)) || (mayBeFence(c) && FENCE_OPEN.test(line))) break;
    if (content < 4 && (c === 62 /* > */ || (mayBeMarker(c) && listMarker(line)))) break;
    rows.push({ line: r, cells: splitRow(line, r) });
    last = r;
  }
  return { info: { range: range(first, 0, last, lines[last].length), header: header.map((c) => c.text), rows }, last };
}
