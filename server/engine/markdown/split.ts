/**
 * Splits a markdown document into chunks that can be parsed on their own.
 *
 * remark-parse is superlinear on long lists, so a 10,000-item roadmap parsed in
 * one piece takes over a minute. Cutting before headings and before top-level
 * list markers (never inside a fence, an HTML comment or front matter) keeps
 * every parse small, and lets unchanged chunks come from the cache while the
 * user types. Cutting there changes nothing the engine reads: headings, list
 * items, links and tables all start on the line they are cut at.
 */

import { contentStart } from './inline';

export interface Chunk {
  /** 0-based line of the chunk's first line in the document. */
  line: number;
  text: string;
}

const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const TOP_LEVEL_ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]/;
const FENCE = /^\s*(`{3,}|~{3,})/;
/** A fence opened where a line's content starts or right after its list marker (`- ```json`). */
const FENCE_OPENING = /^\s*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})/;

/**
 * Follows fenced code line by line, for the readers that only need to know
 * which lines are code: give each line in turn with the fence open before it
 * (its run of backticks or tildes, or null); returns the fence open after it.
 * `toggled` says whether the line opened or closed one (it is part of the code).
 */
export function nextFence(line: string, open: string | null): { fence: string | null; toggled: boolean } {
  if (open === null) {
    const m = FENCE_OPENING.exec(line);
    return m ? { fence: m[1], toggled: true } : { fence: null, toggled: false };
  }
  const m = FENCE.exec(line);
  return m && m[1][0] === open[0] && m[1].length >= open.length ? { fence: null, toggled: true } : { fence: open, toggled: false };
}
/** Lines gathered into one chunk before a cut: small documents stay whole. */
const MIN_CHUNK_LINES = 80;

/**
 * The lines of a document's text without their `\r`, kept with the document
 * object for as long as it lives: rules and fixes ask for the lines of the
 * same (possibly large) document many times. Keyed by the object, not the
 * text, so that the versions of a document being typed in are not kept. The
 * array is shared: do not change it.
 */
export function textLines(doc: { readonly text: string; readonly summary?: object }): string[] {
  let lines = linesCache.get(doc);
  if (!lines) linesCache.set(doc, (lines = (doc.summary && parsedLines.get(doc.summary)) || doc.text.split('\n').map((l) => l.replace(/\r$/, ''))));
  return lines;
}

const linesCache = new WeakMap<object, string[]>();

/**
 * The lines a parse split its text into, by the summary it gave, for a text
 * without `\r` (then they are `textLines`): a document typed in is split once
 * per keystroke, not twice. Only parses with the chunk cache share them (it
 * keeps those lines anyway).
 */
const parsedLines = new WeakMap<object, string[]>();

export function shareParsedLines(summary: object, text: string, lines: string[]): void {
  if (!text.includes('\r')) parsedLines.set(summary, lines);
}

export function splitLines(text: string): string[] {
  return text.split('\n');
}

export function splitIntoChunks(lines: string[]): Chunk[] {
  const starts = chunkStarts(lines);
  return starts.map((start, k) => ({ line: start, text: lines.slice(start, starts[k + 1] ?? lines.length).join('\n') }));
}

/**
 * The first line of each chunk (the first is 0; none for no lines): where
 * `splitIntoChunks` cuts, without building the chunks' texts.
 */
export function chunkStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let start = 0;
  let i = 0;
  // Front matter stays with the first chunk.
  if (lines[0]?.trimEnd() === '---') {
    for (i = 1; i < lines.length; i++) {
      if (/^(---|\.\.\.)\s*$/.test(lines[i])) {
        i++;
        break;
      }
    }
  }
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  let previousBlank = true;
  // Whether the line before is a top-level marker line that starts an item.
  let previousItem = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const content = contentStart(line);
    // FENCE needs a backtick or a tilde where the content starts.
    const c = line.charCodeAt(content);
    const mayBeFence = c === 96 || c === 126;
    if (fence) {
      const m = mayBeFence ? FENCE.exec(line) : null;
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const m = mayBeFence ? FENCE.exec(line) : c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57) ? FENCE_OPENING.exec(line) : null;
    if (m) {
      fence = { char: m[1][0], length: m[1].length };
      previousBlank = previousItem = false;
      continue;
    }
    const blank = content === line.length;
    const item: boolean = !blank && startsItem(line, previousBlank, previousItem);
    // A heading indented by a space or more may be a list item's.
    const cut = i - start >= MIN_CHUNK_LINES && ((content === 0 && HEADING.test(line)) || (item && previousBlankOrItem(lines[i - 1], previousBlank)));
    if (cut) {
      starts.push(start);
      start = i;
    }
    // A comment block left open, as the scanner reads one: `<!--` where the
    // line's content starts (one later in a line is inline, and ends with its paragraph).
    if (c === 60 /* < */ && line.startsWith('<!--', content) && !line.includes('-->', content + 4)) inComment = true;
    previousBlank = blank;
    previousItem = item;
  }
  if (start < lines.length) starts.push(start);
  return starts;
}

/**
 * Whether a top-level marker line surely starts a list item, whatever the
 * lines before it are: after a blank line; a bullet or `1.` with text, which
 * interrupt a paragraph; any marker right after an item's first line. Other
 * numbers after text may be that paragraph's text (`7.` cannot interrupt
 * one), or an item of an open list: not sure, so no.
 */
function startsItem(line: string, previousBlank: boolean, previousItem: boolean): boolean {
  const marker = TOP_LEVEL_ITEM.exec(line);
  if (!marker) return false;
  if (previousBlank || previousItem) return true;
  const hasText = line.length > marker[0].length && line.slice(marker[0].length).trim() !== '';
  return hasText && (!/^\d/.test(marker[0]) || /^0*1[.)]/.test(marker[0]));
}

/**
 * A list marker starts a new block after a blank line, or after a line of a
 * list item (a sibling or its indented content). After a paragraph line a
 * marker also interrupts the paragraph, but we do not cut there, to stay safe
 * with lazy continuation lines.
 */
function previousBlankOrItem(previous: string, previousBlank: boolean): boolean {
  return previousBlank || TOP_LEVEL_ITEM.test(previous) || /^\s+\S/.test(previous);
}
