/**
 * Inline scanning of one block's text for links, following CommonMark's rules
 * for the parts the engine reads: backslash escapes, code spans, autolinks,
 * nested brackets, inline destinations (with <…> and balanced parentheses),
 * titles, full / collapsed / shortcut references. Emphasis is not needed.
 * `test/unit/markdown.test.ts` checks it against remark on the real corpus.
 */

import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { slug as githubSlug } from 'github-slugger';

export interface InlineLink {
  /** `html`: an `<a href>` or (with `image`) an `<img src>` tag. */
  kind: 'inline' | 'reference' | 'html';
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  text: string;
  /** Destination as written, and its offsets (inline and HTML links only). */
  destination?: string;
  destStart?: number;
  destEnd?: number;
  /** Normalized label (references only). */
  label?: string;
  /** True for `[text]` with nothing after: a link only if a definition exists. */
  shortcut?: boolean;
  image: boolean;
}

/** CommonMark label normalization: case-fold and collapse whitespace. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Code spans of one text, found the CommonMark way: a backtick run closes at
 * the next run of exactly its length; a run that never closes is literal.
 * A run length that found no closer from some point is remembered, so hostile
 * text (thousands of unclosed runs) is not rescanned to its end each time.
 */
export class CodeSpans {
  /** Made on the first unclosed run: most texts have none, and many have no backtick at all. */
  private unclosedFrom?: Map<number, number>;
  constructor(private readonly text: string) {}

  /** Index just past the code span opening at the backtick run at `i`, or -1 when it never closes. */
  skip(i: number): number {
    const text = this.text;
    let n = 0;
    while (text.charCodeAt(i + n) === 96) n++;
    const known = this.unclosedFrom?.get(n);
    if (known !== undefined && known <= i) return -1;
    let j = i + n;
    for (;;) {
      const k = text.indexOf('`', j);
      if (k < 0) {
        (this.unclosedFrom ??= new Map()).set(n, Math.min(i, known ?? i));
        return -1;
      }
      let m = 0;
      while (text.charCodeAt(k + m) === 96) m++;
      if (m === n) return k + m;
      j = k + m;
    }
  }

  /** Every code span, left to right: offsets of the whole span and of its content. */
  all(): { start: number; end: number; contentStart: number; contentEnd: number }[] {
    const out: { start: number; end: number; contentStart: number; contentEnd: number }[] = [];
    const text = this.text;
    for (let i = text.indexOf('`'); i >= 0 && i < text.length; i = text.indexOf('`', i)) {
      let n = 0;
      while (text.charCodeAt(i + n) === 96) n++;
      const after = this.skip(i);
      if (after < 0) {
        i += n;
        continue;
      }
      out.push({ start: i, end: after, contentStart: i + n, contentEnd: after - n });
      i = after;
    }
    return out;
  }
}

/**
 * Matching `]` of each `[`, computed in one left-to-right pass with a stack
 * (the same tokenization as a scan from `from`: escapes and code spans).
 * Nested `[[[[…` is linear instead of one scan to the end per bracket.
 */
class BracketTable {
  /** By offset: the matching `]`, -1 for a `[` that never closes, -2 for "not a `[` of the last pass". */
  private matches?: Int32Array;
  constructor(
    private readonly text: string,
    private readonly spans: CodeSpans,
  ) {}

  /** Index of the `]` matching the `[` at `open`, or -1. */
  match(open: number): number {
    if (!this.matches || this.matches[open] === -2) {
      // `open` is not a token of the last pass (the scan jumped into a span of it): pass again from here.
      this.build(open);
    }
    return this.matches![open];
  }

  private build(from: number): void {
    const text = this.text;
    if (!this.matches) {
      // One buffer for every table: a table lives only while scanInlineLinks scans its text.
      if (bracketBuffer.length < text.length) bracketBuffer = new Int32Array(Math.max(text.length, 2 * bracketBuffer.length));
      this.matches = bracketBuffer;
    }
    this.matches.fill(-2, 0, text.length);
    const matches = this.matches;
    const stack: number[] = [];
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \\ */) {
        i++;
        continue;
      }
      if (c === 96 /* ` */) {
        const after = this.spans.skip(i);
        if (after < 0) {
          while (text.charCodeAt(i + 1) === 96) i++;
          continue;
        }
        i = after - 1;
        continue;
      }
      if (c === 91 /* [ */) {
        stack.push(i);
        matches[i] = -1;
      } else if (c === 93 /* ] */ && stack.length) matches[stack.pop()!] = i;
    }
  }
}

let bracketBuffer = new Int32Array(4096);

/** Space, tab or newline: the blanks around a destination and its title. */
function isLinkBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

/** Balanced parentheses allowed in a bare destination (micromark's limit too). */
const MAX_DESTINATION_PARENS = 32;

/** Parses `(dest "title")` starting at the `(` at `i`. */
function parseInlineTail(text: string, i: number): { end: number; dest: string; destStart: number; destEnd: number } | undefined {
  let j = i + 1;
  while (j < text.length && isLinkBlank(text.charCodeAt(j))) j++;
  let destStart = j;
  let destEnd: number;
  if (text[j] === '<') {
    // A <…> destination ends at the first `>`; a newline or another `<` first means it is not one.
    let close = j + 1;
    while (close < text.length && text[close] !== '>' && text[close] !== '\n' && text[close] !== '<') close += text[close] === '\\' ? 2 : 1;
    if (text[close] !== '>') return undefined;
    destStart = j + 1;
    destEnd = close;
    j = close + 1;
  } else {
    let depth = 0;
    while (j < text.length) {
      const c = text[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\n') break;
      if (c === '(') {
        if (++depth > MAX_DESTINATION_PARENS) return undefined;
      } else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      j++;
    }
    destEnd = j;
  }
  while (j < text.length && isLinkBlank(text.charCodeAt(j))) j++;
  if (text[j] === '"' || text[j] === "'" || (text[j] === '(' && destEnd > destStart)) {
    const closer = text[j] === '(' ? ')' : text[j];
    let k = j + 1;
    while (k < text.length && text[k] !== closer) k += text[k] === '\\' ? 2 : 1;
    if (k >= text.length) return undefined;
    j = k + 1;
    while (j < text.length && isLinkBlank(text.charCodeAt(j))) j++;
  }
  if (text[j] !== ')') return undefined;
  return { end: j + 1, dest: text.slice(destStart, destEnd).replace(/\\(.)/g, '$1'), destStart, destEnd };
}

/**
 * True for the characters `\s` matches and `trim()` removes (ECMAScript
 * WhiteSpace and LineTerminator), decided by char code.
 */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Index of the first character of the line that is not a blank, as
 * `trimStart()` sees blanks; the line's length for a blank line.
 */
export function contentStart(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (isSpaceCode(c)) return line.length - line.trimStart().length; // a rarer blank: let trimStart() decide
    else break;
  }
  return i;
}

/**
 * `text.replace(/\s+/g, ' ').trim()`, returning the text itself (no new
 * string) when it has no run of blanks, no blank other than a space and no
 * blank at either end, which is the common case.
 */
export function collapseSpaces(text: string): string {
  let previousSpace = true; // a space first is a leading blank
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return text.replace(/\s+/g, ' ').trim();
      previousSpace = true;
    } else if (isSpaceCode(c)) return text.replace(/\s+/g, ' ').trim();
    else previousSpace = false;
  }
  return previousSpace && text.length > 0 ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Strips the inline markup that does not change the visible text (code spans keep their content). */
export function inlinePlain(text: string): string {
  // One pass over the text: a character inline markup starts with (`` ` [ < * _ ~ \ ``)
  // sends it to the markup path; otherwise it only needs collapseSpaces(),
  // and not even that when no blank is out of place.
  let previousSpace = true; // a space first is a leading blank
  let collapsed = true;
  let markup = false;
  let nul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 96 || c === 91 || c === 60 || c === 42 || c === 95 || c === 126 || c === 92) markup = true;
    else if (c === 0) nul = true;
    if (c === 32) {
      if (previousSpace) collapsed = false;
      previousSpace = true;
    } else if (isSpaceCode(c)) {
      collapsed = false;
      previousSpace = true;
    } else previousSpace = false;
  }
  if (markup) return markupPlain(text, nul);
  if (previousSpace && text.length > 0) collapsed = false;
  return collapsed ? text : text.replace(/\s+/g, ' ').trim();
}

/** inlinePlain() of a text with a character that may start markup; `nul`: it has a `\0`. */
function markupPlain(text: string, nul: boolean): string {
  const codes: string[] = [];
  let masked = '';
  let last = 0;
  if (text.includes('`')) {
    for (const span of new CodeSpans(text).all()) {
      const code = text.slice(span.contentStart, span.contentEnd);
      // One space of padding on both sides is dropped (the pattern runs only on such a span).
      codes.push(code.length >= 2 && code.charCodeAt(0) === 32 && code.charCodeAt(code.length - 1) === 32 ? code.replace(/^ (.*) $/, '$1') : code);
      masked += `${text.slice(last, span.start)}\u0000${codes.length - 1}\u0000`;
      last = span.end;
    }
  }
  masked = last === 0 ? text : masked + text.slice(last);
  let plain = stripMarkup(masked);
  // Code span placeholders, and any `\0` of the text (as the pattern always did). Not
  // plain.includes('\0'): in a two-byte string that search is slow, matching every high byte.
  if (codes.length > 0 || nul) plain = plain.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => codes[Number(n)]);
  return collapseSpaces(plain);
}

/** Each replacement runs only when the text has what it cannot match without. */
function stripMarkup(text: string): string {
  // Bounded classes ([^[\]], [^()], [^<>]) keep each attempt short on hostile text.
  if (text.includes('](')) text = text.replace(/!?\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1');
  if (text.includes('<')) text = text.replace(/<\/?[a-zA-Z][^<>]*>/g, '');
  if (text.includes('**') || text.includes('__') || text.includes('~~')) text = text.replace(/(\*\*|__|~~)(.+?)\1/g, '$2');
  if (text.includes('*') || text.includes('_')) text = text.replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=$|[^\w*])/g, '$1$2');
  if (text.includes('\\')) text = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return text;
}

/**
 * An HTML open tag at the start of the text (CommonMark's raw HTML open tag):
 * its name and attributes. Unlike CommonMark, a quoted value holds no `<`: no
 * real link has one, and so no attempt reads past the next `<`, which keeps
 * the scan linear on text full of unclosed quotes and brackets.
 */
const OPEN_TAG = /^<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^'<]*'|"[^"<]*"))?)*)\s*\/?>/;
const TAG_ATTRIBUTE = /([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:([^\s"'=<>`]+)|'([^']*)'|"([^"]*)"))?/dg;

/** An attribute of an HTML tag: its value and where the value is in the scanned text. */
interface TagAttribute {
  value: string;
  start: number;
  end: number;
}

/** The attributes of the open tag at `at` whose attribute text is `attributes` (starting at `from`), by lower-case name. */
function tagAttributes(attributes: string, from: number): Map<string, TagAttribute> {
  const out = new Map<string, TagAttribute>();
  TAG_ATTRIBUTE.lastIndex = 0;
  for (let m = TAG_ATTRIBUTE.exec(attributes); m; m = TAG_ATTRIBUTE.exec(attributes)) {
    const name = m[1].toLowerCase();
    const group = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : 0;
    if (!group || out.has(name)) continue;
    const [s, e] = m.indices![group];
    out.set(name, { value: m[group], start: from + s, end: from + e });
  }
  return out;
}

/**
 * An HTML link or image of a block: `<a href="…">` (`image` false) or
 * `<img src="…">`, with the destination decoded and its offsets as written.
 */
function htmlLink(text: string, i: number, tag: RegExpExecArray, anchors: string[] | undefined): InlineLink | undefined {
  const name = tag[1].toLowerCase();
  const attributesFrom = i + 1 + tag[1].length;
  // Most tags of a document (<br>, <details>) have no attribute that matters.
  if (!/(?:href|src|id|name)\s*=/i.test(tag[2])) return undefined;
  const attributes = tagAttributes(tag[2], attributesFrom);
  if (anchors) {
    const id = attributes.get('id') ?? attributes.get('name');
    if (id && id.value) anchors.push(decodeReferences(id.value));
  }
  const destination = name === 'a' ? attributes.get('href') : name === 'img' ? attributes.get('src') : undefined;
  if (!destination) return undefined;
  const end = i + tag[0].length;
  let label = '';
  if (name === 'a') {
    const closing = text.slice(end, end + 1000).search(/<\/a\s*>/i);
    if (closing >= 0) label = inlinePlain(text.slice(end, end + closing));
  }
  return { kind: 'html', start: i, end, text: label, destination: decodeReferences(destination.value), destStart: destination.start, destEnd: destination.end, image: name === 'img' };
}

/**
 * Finds the links of a block of inline text: inline and reference links and
 * images, and the HTML `<a href>` and `<img src>` tags (`kind: 'html'`).
 * `anchors`, when given, receives the `id` / `name` of every HTML tag.
 */
export function scanInlineLinks(text: string, anchors?: string[]): InlineLink[] {
  const out: InlineLink[] = [];
  const spans = new CodeSpans(text);
  const brackets = new BracketTable(text, spans);
  // Inside a link's text (up to `insideUntil`, its `]`) only images are looked for; then the scan goes on at `resumeAt`.
  let insideUntil = -1;
  let resumeAt = -1;
  let unclosedComments = false;
  // By char code: no one-character string per character, and reading past the end gives NaN.
  for (let i = 0; i < text.length; i++) {
    if (insideUntil >= 0 && i >= insideUntil) {
      insideUntil = -1;
      if (i < resumeAt) {
        i = resumeAt - 1;
        continue;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) {
      i++;
      continue;
    }
    if (c === 96 /* ` */) {
      const after = spans.skip(i);
      if (after < 0) {
        while (text.charCodeAt(i + 1) === 96) i++;
        continue;
      }
      i = after - 1;
      continue;
    }
    if (c === 60 /* < */) {
      const head = text.slice(i, i + 4096);
      const auto = /^<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/.exec(head);
      if (auto) {
        i += auto[0].length - 1;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        // An HTML comment hides what it holds. (Once no `-->` follows, none will: not searched again.)
        const close = unclosedComments ? -1 : text.indexOf('-->', i + 4);
        if (close >= 0) i = close + 2;
        else unclosedComments = true;
        continue;
      }
      const tag = isAsciiLetter(text.charCodeAt(i + 1)) ? OPEN_TAG.exec(head) : null;
      if (tag) {
        const link = htmlLink(text, i, tag, anchors);
        if (link && (insideUntil < 0 || link.image)) out.push(link);
        i += tag[0].length - 1;
      }
      continue;
    }
    if (c !== 91 /* [ */) continue;
    const image = i > 0 && text.charCodeAt(i - 1) === 33 /* ! */ && (i < 2 || text.charCodeAt(i - 2) !== 92 /* \\ */);
    if (insideUntil >= 0 && !image) continue;
    const close = brackets.match(i);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    const start = image ? i - 1 : i;
    // A link's text may hold images (a badge in a link): look into it for them.
    const lookInside = insideUntil < 0 && !image && (inner.includes('![') || /<img/i.test(inner));
    if (text[close + 1] === '(') {
      const tail = parseInlineTail(text, close + 1);
      if (tail) {
        out.push({ kind: 'inline', start, end: tail.end, text: inlinePlain(inner), destination: tail.dest, destStart: tail.destStart, destEnd: tail.destEnd, image });
        if (lookInside) {
          insideUntil = close;
          resumeAt = tail.end;
        } else i = tail.end - 1;
        continue;
      }
    }
    if (text[close + 1] === '[') {
      const refClose = text.indexOf(']', close + 2);
      if (refClose > 0 && !text.slice(close + 2, refClose).includes('[')) {
        const ref = text.slice(close + 2, refClose);
        out.push({ kind: 'reference', start, end: refClose + 1, text: inlinePlain(inner), label: normalizeLabel(ref || inner), image });
        if (lookInside) {
          insideUntil = close;
          resumeAt = refClose + 1;
        } else i = refClose;
        continue;
      }
    }
    // Shortcut reference `[text]`: a link only if a definition exists (decided later).
    if (!inner.includes('[') && inner.trim() !== '' && text[close + 1] !== ':') {
      out.push({ kind: 'reference', start, end: close + 1, text: inlinePlain(inner), label: normalizeLabel(inner), shortcut: true, image });
      if (lookInside) {
        insideUntil = close;
        resumeAt = close + 1;
      } else i = close;
      continue;
    }
    // Brackets with nested brackets that are not a link: look inside them.
  }
  return out;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// ---------------------------------------------------------------------------
// Headings as GitHub renders them, and their anchors.
// ---------------------------------------------------------------------------

/** ASCII characters a GitHub slug keeps (github-slugger's pattern removes every other ASCII one). */
const SLUG_KEEPS = new Uint8Array(128);
for (const c of ' -0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz') SLUG_KEEPS[c.charCodeAt(0)] = 1;

/**
 * github-slugger's `slug()`: lower case, punctuation removed, spaces to
 * hyphens. ASCII text, nearly every heading, is done here without its large
 * Unicode pattern; anything else goes to github-slugger.
 */
export function headingSlug(text: string): string {
  let kept = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return githubSlug(text);
    if (!SLUG_KEEPS[c]) {
      kept += text.slice(run, i);
      run = i + 1;
    }
  }
  kept = run === 0 ? text : kept + text.slice(run);
  return kept.toLowerCase().replaceAll(' ', '-');
}

/**
 * The anchor GitHub gives a heading whose inline content is `raw`, before
 * duplicates are numbered; `isDefined` tells which reference labels the
 * document defines (none, when not given).
 */
export function headingAnchor(raw: string, isDefined?: (label: string) => boolean): string {
  return headingSlug(renderedHeadingText(raw, isDefined));
}

// ---------------------------------------------------------------------------

/** `&name;`, `&#123;`, `&#x1F;`: the character references markdown decodes (micromark's pattern). */
const CHARACTER_REFERENCE = /&(#(?:\d{1,7}|[xX][\da-fA-F]{1,6})|[\da-zA-Z]{1,31});/g;

/** A numeric reference's character; invalid and unsafe code points become U+FFFD (as micromark does). */
function numericReference(value: string, base: number): string {
  const code = Number.parseInt(value, base);
  if (code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) || (code > 55_295 && code < 57_344) || (code > 64_975 && code < 65_008) || (code & 65_535) === 65_535 || (code & 65_535) === 65_534 || code > 1_114_111) return '\uFFFD';
  return String.fromCodePoint(code);
}

/** The character a reference stands for (`amp`, `#38`, `#x26`), or undefined when it is not one. */
function referenceValue(body: string): string | undefined {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
    return numericReference(body.slice(hex ? 2 : 1), hex ? 16 : 10);
  }
  const named = decodeNamedCharacterReference(body);
  return named === false ? undefined : named;
}

/** Decodes the character references of a text (an HTML attribute value, a heading's text). */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE, (whole, body: string) => referenceValue(body) ?? whole);
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

/**
 * micromark's character classes around an emphasis delimiter: 1 for
 * whitespace (and the ends of the text), 2 for punctuation, 0 otherwise. Read
 * per UTF-16 code unit, as micromark reads them (an emoji is "other").
 */
function characterClass(text: string, i: number): number {
  if (i < 0 || i >= text.length) return 1;
  const c = text.charCodeAt(i);
  if (isSpaceCode(c)) return 1;
  const ch = text[i];
  return c < 128 ? (ASCII_PUNCTUATION.test(ch) ? 2 : 0) : UNICODE_PUNCTUATION.test(ch) ? 2 : 0;
}

/** Open tag, closing tag, comment, processing instruction, declaration or CDATA: CommonMark's raw HTML. */
const RAW_HTML =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!-->|<!--->|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>)/;
const AUTOLINK = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/;
const EMAIL_AUTOLINK = /^<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

function isUnicodePunctuation(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_PUNCTUATION.test(text[i]) : UNICODE_PUNCTUATION.test(text[i]);
}

/** `!"')*,.:;?_~`: what may trail a GFM autolink literal without being part of it. */
function isTrailCharacter(c: number): boolean {
  return c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126;
}

/** Whether the literal ends before `q`: what follows is trailing punctuation, then a blank, `<` or the end (micromark's trail). */
function isTrail(text: string, q: number): boolean {
  for (let k = q; ; ) {
    const c = text.charCodeAt(k);
    if (isTrailCharacter(c)) k++;
    else if (c === 38 /* & */) {
      // A character reference at the end: `&amp;`.
      k++;
      if (!isAsciiLetter(text.charCodeAt(k))) return false;
      while (isAsciiLetter(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 59) return false;
      k++;
    } else if (c === 93 /* ] */) {
      k++;
      const d = text.charCodeAt(k);
      if (Number.isNaN(d) || d === 40 || d === 91 || isSpaceCode(d)) return true;
    } else return c === 60 /* < */ || Number.isNaN(c) || isSpaceCode(c);
  }
}

/** `+ - . _` and ASCII letters and digits: what an email autolink literal's local part is made of. */
function isEmailCharacter(c: number): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || isAsciiAlphanumeric(c);
}

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57);
}

/**
 * The end of the GFM email autolink literal (`name@example.com`) starting at
 * `i`, or -1, by micromark's rules: not after `/` or another such character;
 * a domain with a dot that ends in a letter.
 */
function emailAutolinkEnd(text: string, i: number): number {
  const previous = text.charCodeAt(i - 1);
  if (!isEmailCharacter(text.charCodeAt(i)) || previous === 47 || isEmailCharacter(previous)) return -1;
  let q = i;
  while (isEmailCharacter(text.charCodeAt(q))) q++;
  if (text.charCodeAt(q) !== 64 /* @ */) return -1;
  q++;
  let data = false;
  let dot = false;
  for (;;) {
    const d = text.charCodeAt(q);
    if (d === 46) {
      if (!isAsciiAlphanumeric(text.charCodeAt(q + 1))) break;
      dot = true;
      q++;
    } else if (d === 45 || d === 95 || isAsciiAlphanumeric(d)) {
      data = true;
      q++;
    } else break;
  }
  return data && dot && isAsciiLetter(text.charCodeAt(q - 1)) ? q : -1;
}

/**
 * The end of the GFM autolink literal (`https://…`, `www.…`) starting at
 * `i`, or -1: micromark's rules for what may come before it, its domain and
 * its path, which ends at a blank or `<` less any trailing punctuation. Its
 * characters are text: an `_` in it is no emphasis.
 */
function literalAutolinkEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const previous = text.charCodeAt(i - 1);
  let q: number;
  if (c === 104 || c === 72 /* h H */) {
    if (isAsciiLetter(previous)) return -1;
    const prefix = /^https?:\/\//i.exec(text.slice(i, i + 8));
    if (!prefix) return -1;
    q = i + prefix[0].length;
    const first = text.charCodeAt(q);
    if (Number.isNaN(first) || first < 32 || first === 127 || isSpaceCode(first) || isUnicodePunctuation(text, q)) return -1;
  } else {
    if (!(Number.isNaN(previous) || previous === 40 || previous === 42 || previous === 95 || previous === 91 || previous === 93 || previous === 126 || isSpaceCode(previous))) return -1;
    if (!/^www\./i.test(text.slice(i, i + 4))) return -1;
    q = i; // the domain is read from the first `w`
  }
  // Domain: no `_` in its last two segments, at least one character.
  let seen = false;
  let underscoreLast = false;
  let underscoreLastButOne = false;
  for (;;) {
    const d = text.charCodeAt(q);
    if (d === 46 || d === 95) {
      if (isTrail(text, q)) break;
      if (d === 95) underscoreLast = true;
      else {
        underscoreLastButOne = underscoreLast;
        underscoreLast = false;
      }
      q++;
      continue;
    }
    if (Number.isNaN(d) || isSpaceCode(d) || (d !== 45 && isUnicodePunctuation(text, q))) break;
    seen = true;
    q++;
  }
  if (!seen || underscoreLast || underscoreLastButOne) return -1;
  // Path: balanced parentheses kept, trailing punctuation left out.
  let opened = 0;
  let closed = 0;
  for (;;) {
    const d = text.charCodeAt(q);
    if (d === 40) {
      opened++;
      q++;
    } else if (d === 41 && closed < opened) {
      closed++;
      q++;
    } else if (isTrailCharacter(d) || d === 38 || d === 60 || d === 93) {
      if (isTrail(text, q)) break;
      if (d === 41) closed++;
      q++;
    } else if (Number.isNaN(d) || isSpaceCode(d)) break;
    else q++;
  }
  return q;
}

interface Delimiter {
  /** Index of the piece in the output that holds the run's remaining characters. */
  piece: number;
  marker: string;
  length: number;
  open: boolean;
  close: boolean;
  active: boolean;
}

/**
 * The text of a heading's inline content as GitHub renders it (its HTML text
 * content), from which GitHub makes the anchor: emphasis, links and raw HTML
 * give their text only, images nothing, code spans their content; escapes and
 * character references are decoded; spaces are kept as written. This is
 * `mdast-util-to-string` of remark's heading (without image alt text and raw
 * HTML), which the differential test checks on the real corpus.
 */
export function renderedHeadingText(raw: string, isDefined: (label: string) => boolean = () => false): string {
  // The common heading has no markup at all.
  if (!/[\\`&<[*_~!@]|https?:\/\/|www\./i.test(raw)) return raw;
  // A pathological heading (a whole file on one line) is taken as written: bounded work.
  return raw.length > 20_000 ? raw : renderInline(raw, isDefined);
}

/** A `[` or `![` not yet closed: where its text starts among the pieces and the delimiter runs. */
interface Opener {
  piece: number;
  delimiter: number;
  image: boolean;
  /** False once a link formed after it: a link holds no link. */
  active: boolean;
  /** Offset of its text in the source. */
  start: number;
}

/**
 * CommonMark's inline parse of a heading's content, reduced to its text:
 * left to right, code spans, autolinks, raw HTML and references first; a `]`
 * closes the nearest `[` when a destination or a reference follows (making a
 * link, whose text stays, or an image, which leaves nothing); then emphasis
 * and strikethrough decide which delimiter characters are text.
 */
function renderInline(text: string, isDefined: (label: string) => boolean): string {
  const pieces: string[] = [];
  const delimiters: Delimiter[] = [];
  const openers: Opener[] = [];
  const spans = new CodeSpans(text);
  // The kind of the first delimiter run ('~' or '*'): it decides the order of resolution.
  let first: string | undefined;
  let plain = '';
  // An email literal needs an `@` after its start.
  const lastAt = text.lastIndexOf('@');
  const flush = () => {
    if (plain) pieces.push(plain);
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) {
      if (i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1])) {
        plain += text[++i];
      } else plain += '\\';
      continue;
    }
    if (c === 96 /* ` */) {
      let n = 0;
      while (text.charCodeAt(i + n) === 96) n++;
      const after = spans.skip(i);
      if (after < 0) {
        plain += text.slice(i, i + n);
        i += n - 1;
        continue;
      }
      let code = text.slice(i + n, after - n).replace(/\r\n|\r|\n/g, ' ');
      // One space of padding off each end, unless the span is all spaces (a tab is not one).
      if (code.length >= 2 && code[0] === ' ' && code[code.length - 1] === ' ' && /[^ ]/.test(code)) code = code.slice(1, -1);
      plain += code;
      i = after - 1;
      continue;
    }
    if (c === 38 /* & */) {
      CHARACTER_REFERENCE.lastIndex = i;
      const m = CHARACTER_REFERENCE.exec(text);
      const value = m && m.index === i ? referenceValue(m[1]) : undefined;
      if (m && value !== undefined) {
        plain += value;
        i += m[0].length - 1;
      } else plain += '&';
      continue;
    }
    if (c === 60 /* < */) {
      const head = text.slice(i, i + 4096);
      const auto = AUTOLINK.exec(head) ?? EMAIL_AUTOLINK.exec(head);
      if (auto) {
        plain += auto[1];
        i += auto[0].length - 1;
        continue;
      }
      const html = RAW_HTML.exec(head);
      if (html) {
        i += html[0].length - 1;
        continue;
      }
      plain += '<';
      continue;
    }
    // GFM autolink literals, never after an open `[` (micromark: no literal in a label).
    if (openers.length === 0 && i < lastAt && isEmailCharacter(c)) {
      const end = emailAutolinkEnd(text, i);
      if (end > i) {
        plain += text.slice(i, end);
        i = end - 1;
        continue;
      }
    }
    if ((c === 104 || c === 72 || c === 119 || c === 87) /* h H w W */ && openers.length === 0) {
      const end = literalAutolinkEnd(text, i);
      if (end > i) {
        plain += text.slice(i, end);
        i = end - 1;
        continue;
      }
    }
    if (c === 91 /* [ */ || (c === 33 /* ! */ && text.charCodeAt(i + 1) === 91)) {
      const image = c === 33;
      flush();
      openers.push({ piece: pieces.length, delimiter: delimiters.length, image, active: true, start: image ? i + 2 : i + 1 });
      pieces.push(image ? '![' : '[');
      if (image) i++;
      continue;
    }
    if (c === 93 /* ] */ && openers.length) {
      const opener = openers.pop()!;
      let end = -1;
      if (opener.active) {
        // micromark's label end: a destination; else a full reference to a defined
        // label, or (when the text is a defined label) a collapsed or shortcut one.
        const own = text.slice(opener.start, i);
        const defined = isDefined(own);
        if (text[i + 1] === '(') {
          end = parseInlineTail(text, i + 1)?.end ?? -1;
          if (end < 0 && defined) end = i + 1;
        } else if (text[i + 1] === '[') {
          const refClose = text.indexOf(']', i + 2);
          const label = refClose > 0 ? text.slice(i + 2, refClose) : undefined;
          if (label !== undefined && !label.includes('[') && label.trim() !== '' && isDefined(label)) end = refClose + 1;
          else if (defined && label !== undefined && label === '') end = refClose + 1;
        } else if (defined) end = i + 1;
      }
      if (end < 0) {
        plain += ']';
        continue;
      }
      // A link: its text is resolved on its own (strikethrough first) and stays; an image leaves nothing.
      flush();
      resolveRange(delimiters, opener.delimiter, delimiters.length, true);
      for (let k = opener.delimiter; k < delimiters.length; k++) pieces[delimiters[k].piece] = delimiters[k].marker.repeat(delimiters[k].length);
      const label = pieces.slice(opener.piece + 1).join('');
      pieces.length = opener.piece;
      delimiters.length = opener.delimiter;
      if (!opener.image) {
        pieces.push(label);
        for (const o of openers) if (!o.image) o.active = false;
      }
      i = end - 1;
      continue;
    }
    if (c === 126 /* ~ */) {
      // GFM strikethrough: a run of one or two tildes; a longer run is text.
      let n = 1;
      while (text.charCodeAt(i + n) === 126) n++;
      const before = characterClass(text, i - 1);
      const after = characterClass(text, i + n);
      flush();
      if (n <= 2) {
        first ??= '~';
        delimiters.push({ piece: pieces.length, marker: '~', length: n, open: !after || (after === 2 && !!before), close: !before || (before === 2 && !!after), active: true });
      }
      pieces.push(text.slice(i, i + n));
      i += n - 1;
      continue;
    }
    if (c === 42 /* * */ || c === 95 /* _ */) {
      let n = 1;
      while (text.charCodeAt(i + n) === c) n++;
      const before = characterClass(text, i - 1);
      const after = characterClass(text, i + n);
      const next = text.charCodeAt(i + n);
      const previous = text.charCodeAt(i - 1);
      // micromark's attention: `~` (GFM's other attention marker) next to the run counts as an opening side.
      const open = !after || (after === 2 && !!before) || next === 126;
      const close = !before || (before === 2 && !!after) || previous === 126;
      flush();
      first ??= '*';
      delimiters.push({
        piece: pieces.length,
        marker: text[i],
        length: n,
        open: c === 42 ? open : open && (!!before || !close),
        close: c === 42 ? close : close && (!!after || !open),
        active: true,
      });
      pieces.push(text.slice(i, i + n));
      i += n - 1;
      continue;
    }
    plain += text[i];
  }
  flush();
  if (delimiters.length > 1) resolveDelimiters(delimiters, pieces, first === '~');
  return pieces.join('');
}

/**
 * micromark's resolution of emphasis and strikethrough, for which characters
 * of the delimiter runs stay text. Strikethrough: each closing `~` / `~~` run,
 * left to right, takes the nearest earlier opening run of the same length.
 * Emphasis: each closing `*` / `_` run takes the nearest earlier opening run of
 * the same marker (skipping pairs the "rule of 3" forbids), both lose one or
 * two characters. Either way what is between a pair is resolved on its own,
 * strikethrough first, and is text afterwards. In the text itself the two run
 * in the order their first runs come (micromark resolves constructs in the
 * order it first meets them); inside a link's text, strikethrough first.
 */
function resolveDelimiters(delimiters: Delimiter[], pieces: string[], strikethroughFirst: boolean): void {
  resolveRange(delimiters, 0, delimiters.length, strikethroughFirst);
  for (const d of delimiters) pieces[d.piece] = d.marker.repeat(d.length);
}

function resolveRange(delimiters: Delimiter[], from: number, to: number, strikethroughFirst: boolean): void {
  if (strikethroughFirst) {
    resolveStrikethrough(delimiters, from, to);
    resolveEmphasis(delimiters, from, to);
  } else {
    resolveEmphasis(delimiters, from, to);
    resolveStrikethrough(delimiters, from, to);
  }
  // What is left here is text: nothing outside may pair with it.
  for (let k = from; k < to; k++) delimiters[k].active = false;
}

function resolveStrikethrough(delimiters: Delimiter[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const closer = delimiters[k];
    if (closer.marker !== '~' || !closer.active || !closer.close) continue;
    for (let j = k - 1; j >= from; j--) {
      const opener = delimiters[j];
      if (opener.marker !== '~' || !opener.active || !opener.open || opener.length !== closer.length) continue;
      resolveRange(delimiters, j + 1, k, true);
      opener.length = 0;
      closer.length = 0;
      opener.active = false;
      closer.active = false;
      break;
    }
  }
}

function resolveEmphasis(delimiters: Delimiter[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const closer = delimiters[k];
    if (closer.marker === '~') continue;
    while (closer.active && closer.close && closer.length > 0) {
      let found = -1;
      for (let j = k - 1; j >= from; j--) {
        const opener = delimiters[j];
        if (!opener.active || !opener.open || opener.length === 0 || opener.marker !== closer.marker) continue;
        if ((opener.close || closer.open) && closer.length % 3 && !((opener.length + closer.length) % 3)) continue;
        found = j;
        break;
      }
      if (found < 0) break;
      const opener = delimiters[found];
      const use = opener.length > 1 && closer.length > 1 ? 2 : 1;
      opener.length -= use;
      closer.length -= use;
      resolveRange(delimiters, found + 1, k, true);
    }
  }
}

