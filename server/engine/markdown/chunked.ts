/**
 * Parses a document chunk by chunk (see split.ts), then joins the chunk
 * summaries: shifts their lines, renumbers list items, resolves references
 * against the whole document's definitions and gives the headings their
 * GitHub slugs. A document open in an editor keeps its last parse: while the
 * user types, only the edited chunk is summarized again.
 */
import type { Range } from '../types';
import { range } from '../types';
import type { DocSummary, HeadingInfo, LinkInfo, ListItemInfo } from './parse';
import { chunkStarts, shareParsedLines, splitLines } from './split';
import { findSuppressions } from './suppressions';
import { detached } from '../detach';
import { pushAll } from '../arrays';
import { headingAnchor, normalizeLabel } from './inline';

/**
 * The source text of the headings whose anchor may depend on the document's
 * link definitions (`## [Name][ref]`): `finish` computes it again when the
 * document has definitions. Kept along with the copies the join makes.
 */
export const headingSources = new WeakMap<HeadingInfo, string>();

/** A copy of a chunk's heading, shifted by `by` lines. */
function copyHeading(h: HeadingInfo, by: number): HeadingInfo {
  const copy = { depth: h.depth, text: h.text, slug: h.slug, range: shift(h.range, by) };
  const source = headingSources.get(h);
  if (source !== undefined) headingSources.set(copy, source);
  return copy;
}

/** A chunk's summary, with lines relative to the chunk and references unresolved. */
export type ChunkSummary = Omit<DocSummary, 'lineCount' | 'suppressions'>;

export type ChunkSummarizer = (text: string) => ChunkSummary;

/** A summarizer that reads a chunk's lines (split at `\n`) instead of its text, and does not change them. */
export type LineSummarizer = (lines: string[]) => ChunkSummary;

/** A chunk summary with nothing in it, for summarizers to fill. */
export function emptyChunkSummary(): ChunkSummary {
  return { frontmatter: {}, headings: [], links: [], items: [], fields: [], tables: [], anchors: [], innerHeadings: [] };
}

/**
 * The chunk cache, per summarizer and per owner (a document open in an
 * editor): the owner's last parse, its lines and its chunks by first line. A
 * parse keeps only the chunks it used, so the cache holds one version of each
 * open document, however long the user types.
 */
const caches = new Map<ChunkSummarizer, Map<string, ParsedVersion>>();

interface ParsedVersion {
  lines: string[];
  /** Chunk summaries by first line, with the line after their last. */
  chunks: Map<number, { to: number; summary: ChunkSummary }>;
}

/** A 64-bit FNV-1a style key of the text (two 32-bit lanes) plus its length. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}:${text.length}`;
}

let cacheEnabled = true;
/** Whose chunks the parse under way caches (see `withChunkCache`); none: no caching. */
let owner: string | undefined;

/**
 * Turns the chunk cache off (and empties it): a one-shot run such as the CLI
 * never parses the same chunk twice, and the cache would only hold memory.
 */
export function setChunkCacheEnabled(enabled: boolean): void {
  cacheEnabled = enabled;
  if (!enabled) caches.clear();
}

/**
 * Runs `parse` with the chunk cache of `cacheOwner` (a key naming a document
 * open in an editor), or without the cache when it is undefined: documents
 * nobody edits need not fill it.
 */
export function withChunkCache<T>(cacheOwner: string | undefined, parse: () => T): T {
  const outer = owner;
  owner = cacheOwner;
  try {
    return parse();
  } finally {
    owner = outer;
  }
}

/** Forgets the cached chunks of `cacheOwner` (its document was closed). */
export function dropChunkCache(cacheOwner: string): void {
  for (const byOwner of caches.values()) byOwner.delete(cacheOwner);
}

/**
 * What one parse reads from and writes to: the owner's last parse, how many
 * lines at the start (`prefix`) and at the end (`suffix`) are the same in both,
 * and this parse. A chunk whose lines all lie in the same start or end was
 * summarized last time, at the same line or shifted by `shift`: typing
 * changes one chunk, and nothing else is summarized (or even hashed) again.
 */
interface ChunkStore {
  previous: ParsedVersion | undefined;
  prefix: number;
  suffix: number;
  shift: number;
  next: ParsedVersion;
}

/** Whether the parse under way fills a chunk cache (it is on, and the parse has an owner). */
function caching(): boolean {
  return cacheEnabled && owner !== undefined;
}

/** The chunk store of a parse of `lines` by `summarize` for the current owner, if the cache is on. */
function openStore(summarize: ChunkSummarizer, lines: string[]): ChunkStore | undefined {
  if (!caching()) return undefined;
  const previous = caches.get(summarize)?.get(owner!);
  let prefix = 0;
  let suffix = 0;
  if (previous) {
    const old = previous.lines;
    const most = Math.min(old.length, lines.length);
    while (prefix < most && old[prefix] === lines[prefix]) prefix++;
    while (suffix < most - prefix && old[old.length - 1 - suffix] === lines[lines.length - 1 - suffix]) suffix++;
  }
  return { previous, prefix, suffix, shift: lines.length - (previous?.lines.length ?? 0), next: { lines, chunks: new Map() } };
}

/** Keeps this parse as the owner's cache, and nothing older. */
function closeStore(summarize: ChunkSummarizer, store: ChunkStore | undefined): void {
  if (!store || owner === undefined) return;
  let byOwner = caches.get(summarize);
  if (!byOwner) caches.set(summarize, (byOwner = new Map()));
  byOwner.set(owner, store.next);
}

/** The summary of lines `from` to `to` of the document, from the store when there is one. */
function cachedChunk(store: ChunkStore | undefined, summarize: ChunkSummarizer, fromLines: LineSummarizer | undefined, lines: string[], from: number, to: number): ChunkSummary {
  if (!store) return fromLines ? fromLines(lines.slice(from, to)) : summarize(lines.slice(from, to).join('\n'));
  const { previous, prefix, suffix, shift } = store;
  // The same lines as a chunk of the last parse: in the unchanged start, or in the unchanged end.
  const at = !previous ? undefined : to <= prefix ? from : from >= lines.length - suffix ? from - shift : undefined;
  const known = at === undefined ? undefined : previous!.chunks.get(at);
  let summary = known && known.to === (at === from ? to : to - shift) ? known.summary : undefined;
  if (!summary) {
    // The document's lines are slices of its whole text, and so would be the
    // summary's strings: a cached chunk would keep that version of the text
    // alive for as long as it is cached. A copy of the chunk's own text cuts
    // the tie.
    const text = chunkCopy(lines, from, to);
    summary = fromLines ? fromLines(text.split('\n')) : summarize(text);
  }
  store.next.chunks.set(from, { to, summary });
  return summary;
}

/** Lines `from` to `to` joined into a new string that shares no memory with the document's text. */
function chunkCopy(lines: string[], from: number, to: number): string {
  // Joining two or more strings copies them; a single line needs `detached`.
  return to - from > 1 ? lines.slice(from, to).join('\n') : detached(lines[from]);
}

export function clearChunkCaches(): void {
  caches.clear();
}

function shift(r: Range, by: number): Range {
  return by === 0 ? r : range(r.start.line + by, r.start.character, r.end.line + by, r.end.character);
}

/**
 * Parses a document with `summarize`, or when given with `fromLines`, the
 * same summarizer reading the lines already split here (no chunk text is
 * joined only to be split again).
 */
export function parseInChunks(text: string, summarize: ChunkSummarizer, fromLines?: LineSummarizer): DocSummary {
  const lines = splitLines(text);
  // Most documents have no suppression comment: skip the line by line search.
  const suppressions = text.includes('roadmap-governance-disable') ? findSuppressions(lines) : [];
  // A line scanner reads the whole document in one pass as it would its
  // chunks one by one (they are cut where its state is fresh): without a
  // cache to fill, cutting would only cost copies of every range.
  const starts = fromLines !== undefined && !caching() ? [0] : chunkStarts(lines);
  if (starts.length === 1) {
    // One chunk (a small document, or a scan without the cache): summarized directly.
    const part = fromLines ? fromLines(lines) : summarize(text);
    // The keys in the order the empty summary, then the line count and suppressions, give them.
    const whole: DocSummary = {
      frontmatter: part.frontmatter,
      headings: part.headings,
      links: part.links,
      items: part.items,
      fields: part.fields,
      tables: part.tables,
      anchors: part.anchors,
      innerHeadings: part.innerHeadings,
      lineCount: lines.length,
      suppressions,
    };
    return finish(whole);
  }
  const doc: DocSummary = { frontmatter: {}, headings: [], links: [], items: [], fields: [], tables: [], anchors: [], innerHeadings: [], lineCount: lines.length, suppressions };
  const store = openStore(summarize, lines);
  for (let k = 0; k < starts.length; k++) {
    const by = starts[k];
    const part = cachedChunk(store, summarize, fromLines, lines, by, starts[k + 1] ?? lines.length);
    const itemOffset = doc.items.length;
    const shiftItem = (i: number) => (i < 0 ? -1 : i + itemOffset);
    Object.assign(doc.frontmatter, part.frontmatter);
    // A cached chunk at the same line and item offsets as in an earlier join
    // (every chunk but the edited one, while typing within a line) takes that
    // join's copies: no new objects, and what was derived from them (link
    // resolutions, findings) stays valid. Headings (their slugs are set per
    // document) and references (their destinations too) are copied anew.
    const shifted = store ? joined.get(part) : undefined;
    if (shifted && shifted.by === by && shifted.itemOffset === itemOffset) {
      for (const h of part.headings) doc.headings.push(copyHeading(h, by));
      for (const h of part.innerHeadings) doc.innerHeadings.push(copyHeading(h, by));
      for (const l of shifted.links) doc.links.push(l.kind === 'reference' ? { ...l } : l);
      for (const it of shifted.items) doc.items.push(it);
      for (const f of shifted.fields) doc.fields.push(f);
      for (const t of shifted.tables) doc.tables.push(t);
      pushAll(doc.anchors, part.anchors);
      continue;
    }
    const first = { links: doc.links.length, items: doc.items.length, fields: doc.fields.length, tables: doc.tables.length };
    // The copies are written out (same keys in the same order as the
    // summarizers write them) rather than spread: spreading objects of
    // several shapes is slow, and a long roadmap has many items.
    for (const h of part.headings) doc.headings.push(copyHeading(h, by));
    for (const h of part.innerHeadings) doc.innerHeadings.push(copyHeading(h, by));
    for (const l of part.links) {
      const copy: LinkInfo = { kind: l.kind, target: l.target, text: l.text, range: shift(l.range, by), targetRange: shift(l.targetRange, by), item: shiftItem(l.item) };
      if ('identifier' in l) copy.identifier = l.identifier;
      doc.links.push(copy);
    }
    for (const it of part.items) {
      const copy: ListItemInfo = {
        parent: shiftItem(it.parent),
        checked: it.checked,
        range: shift(it.range, by),
        contentColumn: it.contentColumn,
        text: it.text,
        firstLineEnd: { line: it.firstLineEnd.line + by, character: it.firstLineEnd.character },
      };
      if ('title' in it) copy.title = it.title;
      // Present where the scanner set it, as on a document scanned whole.
      if (it.titleRange) copy.titleRange = shift(it.titleRange, by);
      doc.items.push(copy);
    }
    for (const f of part.fields)
      doc.fields.push({
        key: f.key,
        label: f.label,
        value: f.value,
        line: f.line + by,
        range: shift(f.range, by),
        valueRange: shift(f.valueRange, by),
        item: shiftItem(f.item),
        codes: f.codes.map((c) => ({ text: c.text, range: shift(c.range, by) })),
      });
    for (const t of part.tables)
      doc.tables.push({
        range: shift(t.range, by),
        header: t.header,
        rows: t.rows.map((r) => ({ line: r.line + by, cells: r.cells.map((c) => ({ text: c.text, range: shift(c.range, by), codes: c.codes.map((x) => ({ text: x.text, range: shift(x.range, by) })) })) })),
      });
    pushAll(doc.anchors, part.anchors);
    if (store) {
      joined.set(part, {
        by,
        itemOffset,
        links: doc.links.slice(first.links).map((l) => (l.kind === 'reference' ? { ...l } : l)),
        items: doc.items.slice(first.items),
        fields: doc.fields.slice(first.fields),
        tables: doc.tables.slice(first.tables),
      });
    }
  }
  closeStore(summarize, store);
  const summary = finish(doc);
  if (store) shareParsedLines(summary, text, lines);
  return summary;
}

/** The last join's copies of a cached chunk's links, items, fields and tables, with the offsets they were shifted by. */
const joined = new WeakMap<ChunkSummary, { by: number; itemOffset: number; links: LinkInfo[]; items: ListItemInfo[]; fields: DocSummary['fields']; tables: DocSummary['tables'] }>();

/** Slugs, and references resolved against the whole document's definitions. */
function finish(doc: DocSummary): DocSummary {
  // GitHubSlugger's unique slugs: a repeated slug gets `-1`, `-2`, ..., in
  // document order over every heading, inner ones too. The summarizers give
  // each heading its slug before numbering: a chunk's summary keeps that one
  // (the joined document's headings are copies), a single chunk's is the document's.
  const definitions = new Map<string, LinkInfo>();
  for (const l of doc.links) if (l.kind === 'definition' && l.identifier && !definitions.has(l.identifier)) definitions.set(l.identifier, l);
  if (definitions.size > 0) {
    // A heading with a reference to a defined label shows the link's text.
    const isDefined = (label: string) => definitions.has(normalizeLabel(label));
    for (const list of [doc.headings, doc.innerHeadings]) {
      for (const h of list) {
        const source = headingSources.get(h);
        if (source !== undefined) h.slug = headingAnchor(source, isDefined);
      }
    }
  }
  const occurrences = new Map<string, number>();
  const inner = doc.innerHeadings;
  let k = 0;
  const before = (a: HeadingInfo, b: HeadingInfo) => a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character < b.range.start.character);
  for (const h of doc.headings) {
    while (k < inner.length && before(inner[k], h)) number(inner[k++], occurrences);
    number(h, occurrences);
  }
  while (k < inner.length) number(inner[k++], occurrences);
  // References take their destination from the document's first matching
  // definition; without one, `[text]` is plain text and is dropped. Images
  // through a reference only say that their definition is used.
  const used = new Set<LinkInfo>();
  doc.links = doc.links.filter((l) => {
    const imageReference = l.kind === 'image' && l.identifier !== undefined;
    if (l.kind !== 'reference' && !imageReference) return true;
    const def = l.identifier ? definitions.get(l.identifier) : undefined;
    if (def) used.add(def);
    if (!def || imageReference) return false;
    l.target = def.target;
    return true;
  });
  // A definition nothing uses is not shown (and a repeated label's later ones never are).
  for (const l of doc.links) {
    if (l.kind !== 'definition') continue;
    if (used.has(l)) delete l.unused;
    else l.unused = true;
  }
  doc.links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return doc;
}

/** Gives `h` its unique slug: github-slugger's `slug()` of a GithubSlugger. */
function number(h: HeadingInfo, occurrences: Map<string, number>): void {
  const original = h.slug;
  let slug = original;
  while (occurrences.has(slug)) {
    const n = occurrences.get(original)! + 1;
    occurrences.set(original, n);
    slug = `${original}-${n}`;
  }
  occurrences.set(slug, 0);
  h.slug = slug;
}
