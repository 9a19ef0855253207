/**
 * Inline scanning of one block's text for links, following CommonMark's rules
 * for the parts the engine reads: backslash escapes, code spans, autolinks,
 * nested brackets, inline destinations (with <…> and balanced parentheses),
 * titles, full / collapsed / shortcut references. Emphasis is not needed.
 * `test/unit/markdown.test.ts` checks it against remark on the real corpus.
 */

export interface InlineLink {
  kind: 'inline' | 'reference';
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  text: string;
  /** Destination as written, and its offsets (inline links only). */
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

/** Finds the links of a block of inline text. */
export function scanInlineLinks(text: string): InlineLink[] {
  const out: InlineLink[] = [];
  const spans = new CodeSpans(text);
  const brackets = new BracketTable(text, spans);
  // By char code: no one-character string per character, and reading past the end gives NaN.
  for (let i = 0; i < text.length; i++) {
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
      const auto = /^<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/.exec(text.slice(i, i + 2048));
      if (auto) i += auto[0].length - 1;
      continue;
    }
    if (c !== 91 /* [ */) continue;
    const image = i > 0 && text.charCodeAt(i - 1) === 33 /* ! */ && (i < 2 || text.charCodeAt(i - 2) !== 92 /* \\ */);
    const close = brackets.match(i);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    const start = image ? i - 1 : i;
    if (text[close + 1] === '(') {
      const tail = parseInlineTail(text, close + 1);
      if (tail) {
        out.push({ kind: 'inline', start, end: tail.end, text: inlinePlain(inner), destination: tail.dest, destStart: tail.destStart, destEnd: tail.destEnd, image });
        i = tail.end - 1;
        continue;
      }
    }
    if (text[close + 1] === '[') {
      const refClose = text.indexOf(']', close + 2);
      if (refClose > 0 && !text.slice(close + 2, refClose).includes('[')) {
        const ref = text.slice(close + 2, refClose);
        out.push({ kind: 'reference', start, end: refClose + 1, text: inlinePlain(inner), label: normalizeLabel(ref || inner), image });
        i = refClose;
        continue;
      }
    }
    // Shortcut reference `[text]`: a link only if a definition exists (decided later).
    if (!inner.includes('[') && inner.trim() !== '' && text[close + 1] !== ':') {
      out.push({ kind: 'reference', start, end: close + 1, text: inlinePlain(inner), label: normalizeLabel(inner), shortcut: true, image });
      i = close;
      continue;
    }
    // Brackets with nested brackets that are not a link: look inside them.
  }
  return out;
}
