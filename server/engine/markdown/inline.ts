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

/** Index just past the code span opening at `i` (a backtick run), or -1 when it never closes. */
function skipCodeSpan(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '`') n++;
  let j = i + n;
  for (;;) {
    const k = text.indexOf('`', j);
    if (k < 0) return -1;
    let m = 0;
    while (text[k + m] === '`') m++;
    if (m === n) return k + m;
    j = k + m;
  }
}

/** Index of the `]` matching the `[` at `open`, or -1. */
function matchBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const after = skipCodeSpan(text, i);
      if (after < 0) {
        while (text[i + 1] === '`') i++;
        continue;
      }
      i = after - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Parses `(dest "title")` starting at the `(` at `i`. */
function parseInlineTail(text: string, i: number): { end: number; dest: string; destStart: number; destEnd: number } | undefined {
  let j = i + 1;
  while (j < text.length && /[ \t\n]/.test(text[j])) j++;
  let destStart = j;
  let destEnd: number;
  if (text[j] === '<') {
    const close = text.indexOf('>', j);
    if (close < 0 || text.slice(j, close).includes('\n')) return undefined;
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
      if (/[ \t\n]/.test(c)) break;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      j++;
    }
    destEnd = j;
  }
  while (j < text.length && /[ \t\n]/.test(text[j])) j++;
  if (text[j] === '"' || text[j] === "'" || (text[j] === '(' && destEnd > destStart)) {
    const closer = text[j] === '(' ? ')' : text[j];
    let k = j + 1;
    while (k < text.length && text[k] !== closer) k += text[k] === '\\' ? 2 : 1;
    if (k >= text.length) return undefined;
    j = k + 1;
    while (j < text.length && /[ \t\n]/.test(text[j])) j++;
  }
  if (text[j] !== ')') return undefined;
  return { end: j + 1, dest: text.slice(destStart, destEnd).replace(/\\(.)/g, '$1'), destStart, destEnd };
}

/** Strips the inline markup that does not change the visible text (code spans keep their content). */
export function inlinePlain(text: string): string {
  if (!/[`[<*_~\\]/.test(text)) return text.replace(/\s+/g, ' ').trim();
  const codes: string[] = [];
  const masked = text.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, body: string) => {
    codes.push(body.replace(/^ (.*) $/, '$1'));
    return `\u0000${codes.length - 1}\u0000`;
  });
  return stripMarkup(masked)
    .replace(/\u0000(\d+)\u0000/g, (_m, n: string) => codes[Number(n)])
    .replace(/\s+/g, ' ')
    .trim();
}

function stripMarkup(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=$|[^\w*])/g, '$1$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Finds the links of a block of inline text. */
export function scanInlineLinks(text: string): InlineLink[] {
  const out: InlineLink[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const after = skipCodeSpan(text, i);
      if (after < 0) {
        while (text[i + 1] === '`') i++;
        continue;
      }
      i = after - 1;
      continue;
    }
    if (c === '<') {
      const auto = /^<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/.exec(text.slice(i, i + 2048));
      if (auto) i += auto[0].length - 1;
      continue;
    }
    if (c !== '[') continue;
    const image = i > 0 && text[i - 1] === '!' && (i < 2 || text[i - 2] !== '\\');
    const close = matchBracket(text, i);
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
