/**
 * Turns markdown text into a `DocSummary`: the headings, links, list items,
 * labelled fields, tables and suppressions the rules read. The summary is
 * plain data, so it can be cached by content and shifted by line offsets.
 * The reference parser built on remark is in remark.ts (tests and the
 * benchmark use it; the bundles do not).
 */
import type { Range } from '../types';
import { clearChunkCaches } from './chunked';
import { scanMarkdown } from './scan';

export interface HeadingInfo {
  depth: number;
  /** The heading's plain text, blanks collapsed (what rules match). */
  text: string;
  /** GitHub's anchor: the slug of the text as rendered, duplicates numbered `-1`, `-2`... */
  slug: string;
  range: Range;
}

/**
 * `image`: `![alt](src)` or `<img src>`; `html`: `<a href>`. Both are checked
 * like links (the target must exist) but neither is an item's link: an image
 * never is, and an `<a>` keeps the item it is in, as an inline link does.
 */
export type LinkKind = 'inline' | 'reference' | 'definition' | 'codespan' | 'image' | 'html';

export interface LinkInfo {
  kind: LinkKind;
  /** The destination as written (for references: resolved from the definition). */
  target: string;
  /** The link text, or for a code span the label of its field. */
  text: string;
  /** Label of the field the link sits in (`Design` for `**Design:** ...`), if any. */
  label?: string;
  range: Range;
  /** Range of the destination in this document, for fixes that repoint it. */
  targetRange: Range;
  /** Index of the list item whose own paragraph holds the link, or -1. */
  item: number;
  /** For references: the identifier, to be matched with a definition. */
  identifier?: string;
  /** For definitions: no reference of the document uses it, so GitHub shows it nowhere. */
  unused?: true;
}

export interface ListItemInfo {
  /** Index of the enclosing list item, or -1 for a top-level item. */
  parent: number;
  checked: boolean | null;
  range: Range;
  /** Column of the item's content (where nested items and text align). */
  contentColumn: number;
  /** Plain text of the item's first paragraph. */
  text: string;
  /** Text and range of the first bold span of the first paragraph. */
  title?: string;
  titleRange?: Range;
  /** End of the first line of the first paragraph. */
  firstLineEnd: { line: number; character: number };
}

export interface FieldInfo {
  /** Lower-case label without the colon: `design doc`. */
  key: string;
  label: string;
  /** The text after the label, trimmed. */
  value: string;
  line: number;
  range: Range;
  valueRange: Range;
  /** Index of the list item this field line belongs to, or -1. */
  item: number;
  /** Code spans in the value. */
  codes: { text: string; range: Range }[];
}

export interface TableCell {
  text: string;
  range: Range;
  codes: { text: string; range: Range }[];
}

export interface TableInfo {
  range: Range;
  header: string[];
  rows: { line: number; cells: TableCell[] }[];
}

export interface Suppression {
  /** Line the comment is on. */
  line: number;
  /** The line whose findings it silences (-1: the whole file). */
  target: number;
  codes: string[];
  reason: string;
  range: Range;
}

export interface DocSummary {
  lineCount: number;
  frontmatter: Record<string, string>;
  headings: HeadingInfo[];
  links: LinkInfo[];
  items: ListItemInfo[];
  fields: FieldInfo[];
  tables: TableInfo[];
  suppressions: Suppression[];
  /** Explicit anchors from HTML (`id="x"`, `name="x"`). */
  anchors: string[];
  /**
   * Headings inside a block quote or a list item (`> ## Note`, `- ## Step`):
   * not sections of the document (rules read `headings`), but GitHub gives
   * them anchors, numbered in document order with the others.
   */
  innerHeadings: HeadingInfo[];
}

/** Every anchor a link's `#fragment` can name in the document: heading slugs (inner ones too) and HTML ids. */
export function documentAnchors(summary: DocSummary): string[] {
  const out = summary.headings.map((h) => h.slug);
  for (const h of summary.innerHeadings) out.push(h.slug);
  for (const a of summary.anchors) out.push(a.toLowerCase());
  return out;
}

/** Parses a document: the fast scanner (see scan.ts for why it exists). */
export function parseMarkdown(text: string): DocSummary {
  return scanMarkdown(text);
}

export function clearParseCache(): void {
  clearChunkCaches();
}
