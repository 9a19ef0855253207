/**
 * The reference parse: remark-parse + remark-gfm (+ front matter), chunk by
 * chunk, into the same `DocSummary` as the scanner. The differential test
 * (test/unit/markdown.test.ts) compares the two on the real corpus; the
 * benchmark times both. Kept out of parse.ts so that the bundles, which only
 * use the scanner, do not carry remark.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import type { Range } from '../types';
import { range } from '../types';
import { type ChunkSummary, emptyChunkSummary, parseInChunks } from './chunked';
import type { DocSummary, FieldInfo, ListItemInfo, TableInfo } from './parse';
import { headingSlug, scanInlineLinks } from './inline';
import { splitLines } from './split';

export { clearParseCache, parseMarkdown } from './parse';
export { withChunkCache } from './chunked';

// mdast, typed loosely: the engine reads a few fields of a few node types.
interface MdNode {
  type: string;
  children?: MdNode[];
  value?: string;
  url?: string;
  alt?: string | null;
  identifier?: string;
  depth?: number;
  checked?: boolean | null;
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

function nodeRange(node: MdNode): Range {
  const p = node.position!;
  return range(p.start.line - 1, p.start.column - 1, p.end.line - 1, p.end.column - 1);
}

export function plainText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'break') return ' ';
  if (node.type === 'html') return '';
  return (node.children ?? []).map(plainText).join('');
}

const FIELD_LINE = /^(\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?)?)\*\*([^*\n]+?)\*\*(:?)(.*)$/;
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

/** Inside a block quote, inside a list item: where a heading is (see `isInnerHeading`). */
const IN_QUOTE = 1;
const IN_LIST = 2;

/** GitHub's anchor text of a heading: its text content as rendered (no image alt text, no raw HTML). */
export function renderedText(node: MdNode): string {
  return toString(node as Parameters<typeof toString>[0], { includeImageAlt: false, includeHtml: false });
}

/** Extracts everything from one chunk, with lines relative to it (chunked.ts joins the chunks). */
function summarizeChunk(text: string): ChunkSummary {
  const tree = processor.parse(text) as MdNode;
  const lines = splitLines(text);
  const out = emptyChunkSummary();
  const paragraphLines = new Map<number, number>(); // relative line -> item index (or -1)

  const visit = (node: MdNode, item: number, inFirstParagraph: boolean, within = 0) => {
    switch (node.type) {
      case 'yaml':
        for (const line of (node.value ?? '').split('\n')) {
          const m = /^([A-Za-z][\w -]*):\s*(.*)$/.exec(line);
          if (m) out.frontmatter[m[1].trim().toLowerCase()] = m[2].trim().replace(/^["']|["']$/g, '');
        }
        return;
      case 'heading': {
        const heading = { depth: node.depth ?? 1, text: plainText(node), slug: headingSlug(renderedText(node)), range: nodeRange(node) };
        (isInnerHeading(lines, node, within) ? out.innerHeadings : out.headings).push(heading);
        for (const child of node.children ?? []) visit(child, item, false, within);
        return;
      }
      case 'blockquote':
        for (const child of node.children ?? []) visit(child, item, false, within | IN_QUOTE);
        return;
      case 'listItem': {
        const index = out.items.length;
        const first = node.children?.[0];
        const para = first && first.type === 'paragraph' ? first : undefined;
        const r = nodeRange(node);
        const info: ListItemInfo = {
          parent: item,
          checked: node.checked ?? null,
          range: r,
          contentColumn: para?.position ? para.position.start.column - 1 : r.start.character + 2,
          text: para ? plainText(para).trim() : '',
          firstLineEnd: { line: r.start.line, character: lines[r.start.line]?.replace(/\r$/, '').length ?? 0 },
        };
        const strong = para?.children?.find((c) => c.type === 'strong');
        if (strong && strong.position && strong.position.start.line === para!.position!.start.line) {
          info.title = plainText(strong).trim();
          info.titleRange = nodeRange(strong);
        }
        out.items.push(info);
        node.children?.forEach((child, i) => visit(child, index, i === 0, within | IN_LIST));
        return;
      }
      case 'paragraph': {
        const p = node.position!;
        for (let l = p.start.line; l <= p.end.line; l++) if (!paragraphLines.has(l - 1)) paragraphLines.set(l - 1, inFirstParagraph ? item : -1);
        for (const child of node.children ?? []) visit(child, inFirstParagraph ? item : -1, false, within);
        return;
      }
      case 'image': {
        const r = nodeRange(node);
        out.links.push({ kind: 'image', target: node.url ?? '', text: node.alt ?? '', range: r, targetRange: destinationRange(lines, node) ?? r, item: -1 });
        return;
      }
      case 'link': {
        const r = nodeRange(node);
        out.links.push({
          kind: 'inline',
          target: node.url ?? '',
          text: plainText(node).trim(),
          range: r,
          targetRange: destinationRange(lines, node) ?? r,
          item,
        });
        visitImagesIn(node);
        return;
      }
      case 'imageReference': {
        const r = nodeRange(node);
        out.links.push({ kind: 'image', target: '', text: node.alt ?? '', range: r, targetRange: r, item: -1, identifier: node.identifier });
        return;
      }
      case 'linkReference': {
        const r = nodeRange(node);
        out.links.push({ kind: 'reference', target: '', text: plainText(node).trim(), range: r, targetRange: r, item, identifier: node.identifier });
        visitImagesIn(node);
        return;
      }
      case 'definition': {
        const r = nodeRange(node);
        out.links.push({
          kind: 'definition',
          target: node.url ?? '',
          text: node.identifier ?? '',
          range: r,
          targetRange: definitionDestinationRange(lines, node) ?? r,
          item: -1,
          identifier: node.identifier,
        });
        return;
      }
      case 'table': {
        const rows = (node.children ?? []).map((row) => ({
          line: row.position!.start.line - 1,
          cells: (row.children ?? []).map((cell) => ({
            text: plainText(cell).trim(),
            range: nodeRange(cell),
            codes: (cell.children ?? []).filter((c) => c.type === 'inlineCode').map((c) => ({ text: c.value ?? '', range: nodeRange(c) })),
          })),
        }));
        out.tables.push({ range: nodeRange(node), header: rows[0]?.cells.map((c) => c.text) ?? [], rows: rows.slice(1) });
        for (const row of node.children ?? []) for (const cell of row.children ?? []) for (const child of cell.children ?? []) visit(child, -1, false);
        return;
      }
      case 'html':
        htmlLinks(text, node, item, out);
        return;
      case 'code':
      case 'inlineCode':
        return;
      default:
        for (const child of node.children ?? []) visit(child, item, false);
    }
  };
  // A link's text holds no link, but may hold images (a badge in a link).
  const visitImagesIn = (node: MdNode) => {
    for (const child of node.children ?? []) {
      if (child.type === 'image') visit(child, -1, false);
      else if (child.type === 'html') htmlLinks(text, child, -1, out, true);
      else visitImagesIn(child);
    }
  };
  visit(tree, -1, false);

  // Labelled fields (`**Status:** Draft`) are read line by line, so a
  // paragraph of several metadata lines gives one field per line.
  for (const [rel, item] of [...paragraphLines.entries()].sort((a, b) => a[0] - b[0])) {
    const raw = lines[rel]?.replace(/\r$/, '') ?? '';
    const m = FIELD_LINE.exec(raw);
    if (!m) continue;
    let label = m[2].trim();
    let rest = m[4];
    if (label.endsWith(':')) label = label.slice(0, -1).trim();
    else if (!m[3]) continue;
    const lineNo = rel;
    const valueStart = raw.length - rest.length + (rest.length - rest.trimStart().length);
    rest = rest.trim();
    const fieldItem = item >= 0 ? item : itemOfLine(out.items, lineNo);
    const codes: FieldInfo['codes'] = [];
    CODE_SPAN.lastIndex = 0;
    for (let c = CODE_SPAN.exec(raw); c; c = CODE_SPAN.exec(raw)) {
      if (c.index < valueStart) continue;
      const inner = c[2];
      const start = c.index + c[1].length;
      codes.push({ text: inner.trim(), range: range(lineNo, start, lineNo, start + inner.length) });
    }
    out.fields.push({
      key: label.toLowerCase(),
      label,
      value: rest,
      line: lineNo,
      range: range(lineNo, m[1].length, lineNo, raw.length),
      valueRange: range(lineNo, valueStart, lineNo, raw.trimEnd().length),
      item: fieldItem,
      codes,
    });
  }
  return out;
}

function itemOfLine(items: ListItemInfo[], line: number): number {
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i].range.start.line === line) return i;
  }
  return -1;
}

/**
 * Whether a heading is an inner one (see `DocSummary.innerHeadings`): in a
 * block quote, or in a list item unless it starts its own line within the
 * first 3 columns (the scanner reads that one as a heading of the document).
 */
function isInnerHeading(lines: string[], node: MdNode, within: number): boolean {
  if (within & IN_QUOTE) return true;
  if (!(within & IN_LIST)) return false;
  const start = node.position!.start;
  const before = (lines[start.line - 1] ?? '').slice(0, start.column - 1);
  return !/^ {0,3}$/.test(before);
}

/**
 * The `<a href>` and `<img src>` links and the `id` / `name` anchors of a
 * raw HTML node, read from its text in the source (with any quote markers:
 * they hold no tag) so that the ranges are the source's.
 */
function htmlLinks(text: string, node: MdNode, item: number, out: ChunkSummary, imagesOnly = false): void {
  const p = node.position!;
  if (p.start.offset === undefined || p.end.offset === undefined) return;
  const source = text.slice(p.start.offset, p.end.offset);
  const starts = [0];
  for (let k = 0; k < source.length; k++) if (source.charCodeAt(k) === 10) starts.push(k + 1);
  const at = (offset: number) => {
    let l = starts.length - 1;
    while (starts[l] > offset) l--;
    return { line: p.start.line - 1 + l, character: (l === 0 ? p.start.column - 1 : 0) + offset - starts[l] };
  };
  for (const found of scanInlineLinks(source, imagesOnly ? undefined : out.anchors)) {
    if (found.kind !== 'html' || (imagesOnly && !found.image)) continue;
    out.links.push({
      kind: found.image ? 'image' : 'html',
      target: found.destination ?? '',
      text: found.text,
      range: { start: at(found.start), end: at(found.end) },
      targetRange: { start: at(found.destStart!), end: at(found.destEnd!) },
      item: found.image ? -1 : item,
    });
  }
}

/** The range of `url` inside `[text](url "title")`, found in the source. */
function destinationRange(lines: string[], node: MdNode): Range | undefined {
  const end = node.position!.end;
  const lineText = lines[end.line - 1];
  if (lineText === undefined || lineText[end.column - 2] !== ')') return undefined;
  // Walk back from the closing parenthesis to the "](" that opens the destination.
  const close = end.column - 2;
  const open = lineText.lastIndexOf('](', close);
  if (open < 0) return undefined;
  let from = open + 2;
  let to = close;
  while (from < to && /\s/.test(lineText[from])) from++;
  if (lineText[from] === '<') {
    const gt = lineText.indexOf('>', from);
    if (gt > 0 && gt < to) return range(end.line - 1, from + 1, end.line - 1, gt);
  }
  const title = /\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$/.exec(lineText.slice(from, to));
  if (title) to = from + title.index;
  while (to > from && /\s/.test(lineText[to - 1])) to--;
  return range(end.line - 1, from, end.line - 1, to);
}

function definitionDestinationRange(lines: string[], node: MdNode): Range | undefined {
  const start = node.position!.start;
  const lineText = lines[start.line - 1];
  if (lineText === undefined) return undefined;
  const m = /^(\s*\[[^\]]*\]:\s*)(<[^>]*>|\S+)/.exec(lineText);
  if (!m) return undefined;
  let from = m[1].length;
  let to = from + m[2].length;
  if (m[2].startsWith('<')) {
    from++;
    to--;
  }
  return range(start.line - 1, from, start.line - 1, to);
}

/**
 * The reference parse with remark-parse + remark-gfm, chunk by chunk. The
 * differential test compares the scanner with it on the real corpus.
 */
export function parseMarkdownWithRemark(text: string): DocSummary {
  return parseInChunks(text, summarizeChunk);
}

