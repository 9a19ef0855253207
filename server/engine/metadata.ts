/**
 * A plan's metadata, from every place real plans keep it:
 * - bold labels near the top (`**Status:** Draft`, `**status:** draft`);
 * - YAML front matter (`status:` / `date:`, the MADR style);
 * - Date and Status as plain lines before the first section (`Date: 2026-03-11`),
 *   also in a quote (`> Status: Draft`) or a bullet (`- Date: 2026-04-19`, `* Status: accepted`);
 * - ADR sections (Nygard): `## Status` / `## Date`, the value on the first
 *   non-empty line under the heading.
 * The first place that has a key wins, in that order. Pure: reads the document only.
 */
import type { PlanKind } from './config';
import type { FieldInfo } from './markdown/parse';
import { textLines } from './markdown/split';
import type { Range } from './types';

/** The document a plan's metadata is read from (a model `Doc`). */
export interface MetaDoc {
  text: string;
  summary: import('./markdown/parse').DocSummary;
}

const frontMatterFields = new WeakSet<FieldInfo>();
const sectionFields = new WeakSet<FieldInfo>();

/** True for fields read from YAML front matter (they have no line of their own). */
export function isFrontMatter(field: FieldInfo): boolean {
  return frontMatterFields.has(field);
}

/** True for fields read from an ADR section (`## Status`): not a metadata line a fix may insert beside. */
export function isSection(field: FieldInfo): boolean {
  return sectionFields.has(field);
}

/** The value of a metadata field without emoji, parenthesized notes and surrounding punctuation. */
export function cleanValue(value: string): string {
  return value
    // A status written as a link (`[Accepted](https://…)`) or in brackets (`[Approved]`) is its text.
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[[\]]/g, '')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `value` starts with `word` as whole words (case-insensitive). */
export function startsWithWords(value: string, word: string): boolean {
  const v = value.toLowerCase();
  const w = word.toLowerCase();
  return v.startsWith(w) && (v.length === w.length || !/[\p{L}\p{N}]/u.test(v[w.length]));
}

/** True when a status value starts with one of `statuses`. */
export function isKnownStatus(value: string, statuses: readonly string[]): boolean {
  const v = cleanValue(value);
  return v !== '' && statuses.some((s) => startsWithWords(v, s));
}

const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

/** The keys the loose forms (plain lines, bullets, sections) are read for. */
const LOOSE_KEYS = new Set(['date', 'status']);

/** `Date: 2026-03-11`, `> Status: Draft`, `- Date: …`, `* Status: accepted`, `> **Status:** …`. */
const LOOSE_LINE = /^(\s{0,3}(?:>\s?)*(?:[-*+]\s+)?)(?:\*\*|__)?(date|status)(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)?\s*:)\s*(.*)$/i;

/** The line of a document's first section heading (`##` or deeper), or Infinity. */
function firstSectionLine(summary: MetaDoc['summary']): number {
  return summary.headings.find((h) => h.depth >= 2)?.range.start.line ?? Infinity;
}

/** How many lines at the top of a document its loose metadata lines are read in: those before its first section, at most 40. */
export function metadataTop(summary: MetaDoc['summary']): number {
  return Math.min(firstSectionLine(summary), 40);
}

/**
 * The metadata of a plan by lower-case key. `statuses` (the config's
 * `planStatuses`) decides whether a `## Status` section of a document that is
 * not a decision record holds a status (`## Status` in a design doc is often a
 * progress report).
 */
export function planMetadata(doc: MetaDoc, kind: PlanKind, statuses: readonly string[]): Map<string, FieldInfo> {
  const { summary } = doc;
  const firstSection = firstSectionLine(summary);
  const meta = new Map<string, FieldInfo>();
  const put = (field: FieldInfo) => {
    if (!meta.has(field.key)) meta.set(field.key, field);
  };
  // Bold labels outside lists near the top: the first section, or the first 40 lines.
  for (const f of summary.fields) if (f.item < 0 && f.line < Math.max(firstSection, 40)) put(f);
  for (const [key, value] of Object.entries(summary.frontmatter)) {
    const k = key.replace(/[_-]/g, ' ');
    if (meta.has(k)) continue;
    const field: FieldInfo = { key: k, label: key, value, line: 0, range: range(0, 0, 0, 3), valueRange: range(0, 0, 0, 3), item: -1, codes: [] };
    frontMatterFields.add(field);
    put(field);
  }
  if (meta.has('date') && meta.has('status')) return meta;
  const top = metadataTop(summary);
  // Bold Date / Status in a top-level bullet before the first section (`- **Status:** Draft`).
  for (const f of summary.fields) if (f.item >= 0 && f.line < top && LOOSE_KEYS.has(f.key) && summary.items[f.item]?.parent < 0) put(f);
  const lines = textLines(doc);
  let fence = false;
  for (let l = 0; l < Math.min(top, lines.length); l++) {
    const raw = lines[l];
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence || !/:/.test(raw)) continue;
    const field = looseField(raw, l);
    if (field) put(field);
  }
  for (const h of summary.headings) {
    if (h.depth < 2 || !/^(status|date)\s*:?$/i.test(h.text.trim())) continue;
    const key = h.text.trim().replace(/\s*:$/, '').toLowerCase();
    if (meta.has(key)) continue;
    const field = sectionField(lines, h.range.end.line + 1, key, h.text.trim().replace(/\s*:$/, ''));
    if (!field) continue;
    // Outside decision records, only a value that reads as a status or a date is metadata.
    if (kind !== 'decision' && (key === 'status' ? !isKnownStatus(field.value, statuses) : !DATE.test(field.value))) continue;
    sectionFields.add(field);
    put(field);
  }
  return meta;
}

function looseField(raw: string, line: number): FieldInfo | undefined {
  const m = LOOSE_LINE.exec(raw);
  if (!m) return undefined;
  const rest = m[3];
  if (rest.trim() === '') return undefined;
  const valueStart = raw.length - rest.length;
  const value = rest.replace(/\s+$/, '');
  return {
    key: m[2].toLowerCase(),
    label: m[2],
    value: value.trim(),
    line,
    range: range(line, m[1].length, line, raw.trimEnd().length),
    valueRange: range(line, valueStart, line, valueStart + value.length),
    item: -1,
    codes: codeSpans(raw, valueStart, line),
  };
}

/** The first non-empty line below a `## Status` heading, before the next heading, when it is a line of text. */
function sectionField(lines: string[], from: number, key: string, label: string): FieldInfo | undefined {
  for (let l = from; l < lines.length && l < from + 20; l++) {
    const raw = lines[l];
    if (raw.trim() === '' || /^\s*<!--.*-->\s*$/.test(raw)) continue;
    // A heading, a table, a fence or an HTML block is no value.
    if (/^\s{0,3}(#|\||```|~~~|<)/.test(raw)) return undefined;
    const lead = /^\s{0,3}(?:[-*+]\s+)?/.exec(raw)![0].length;
    const value = raw.slice(lead).trimEnd();
    if (value.length > 300) return undefined;
    return {
      key,
      label,
      value: value.trim(),
      line: l,
      range: range(l, lead, l, lead + value.length),
      valueRange: range(l, lead, l, lead + value.length),
      item: -1,
      codes: codeSpans(raw, lead, l),
    };
  }
  return undefined;
}

function codeSpans(raw: string, from: number, line: number): FieldInfo['codes'] {
  const out: FieldInfo['codes'] = [];
  for (const c of raw.slice(from).matchAll(/`([^`]+)`/g)) {
    const start = from + (c.index ?? 0) + 1;
    out.push({ text: c[1].trim(), range: range(line, start, line, start + c[1].length) });
  }
  return out;
}

/** The date of a plan's metadata: its Date, else a date inside its Status (`Accepted (2026-04-25)`). */
export function metadataDate(meta: ReadonlyMap<string, FieldInfo>): string | undefined {
  const date = meta.get('date');
  const fromDate = date && DATE.exec(date.value)?.[1];
  if (fromDate) return fromDate;
  const status = meta.get('status');
  return (status && DATE.exec(status.value)?.[1]) || undefined;
}

function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}
