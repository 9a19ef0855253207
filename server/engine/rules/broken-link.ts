import { type Doc, type WorkspaceModel } from '../model';
import { basename, dirname, editDistance, relativePath } from '../paths';
import { documentRule, rangeKey, ReportMemo, type Rule } from '../rule';
import type { LinkInfo } from '../markdown/parse';
import { detached } from '../detach';

/**
 * RG003: a relative link, or a labelled code-span path, whose target file does not exist.
 * The repoint fix is preferred (applied by fix-all and --fix) only when the nearest
 * file is in the folder the link points into: a likely typo or rename, not a guess.
 */
export const brokenLink: Rule = documentRule({
  code: 'RG003',
  name: 'broken-link',
  description: 'Link whose target file does not exist',
  defaultSeverity: 'error',
  tags: ['links'],
  reads: ['files'],
  checkDocument(context, doc) {
    const { model } = context;
    if (isTemplate(model, doc.path)) return;
    const memo = new ReportMemo(context, `broken-link:${doc.path}`);
    for (const link of doc.links) {
      if (link.kind === 'reference' || link.target.includes('{{')) continue;
      const r = model.resolve(doc, link);
      if (r.status !== 'outside' && r.status !== 'missing') continue;
      const key = [doc.path, rangeKey(link.range), rangeKey(link.targetRange), link.kind, link.label ?? '', link.target, r.status === 'missing' ? r.path : ''].join('\u0000');
      // Kept while the link stays: strings that do not keep the document's text.
      memo.report(key, () => {
        if (r.status === 'outside') return { path: doc.path, range: link.range, message: detached(`Link "${link.target}" points outside the workspace.`) };
        const nearest = nearestFile(model, r.path, doc.path);
        const what = link.kind === 'codespan' ? `"${link.label}" path` : link.kind === 'image' ? 'Image' : 'Link';
        return {
          path: doc.path,
          range: link.range,
          message: detached(`${what} "${link.target}" points to ${r.path}, which does not exist.${nearest ? ` Did you mean ${nearest}?` : ''}`),
          fixes: nearest ? [{ title: `Repoint to ${nearest}`, preferred: dirname(nearest) === dirname(r.path), steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(rewriteTarget(doc, link, nearest)) }] }] }] : undefined,
          data: { target: detached(r.path), nearest },
        };
      });
    }
  },
});

function isTemplate(model: WorkspaceModel, path: string): boolean {
  const folder = model.config.templates.replace(/\/+$/, '');
  return path.startsWith(folder + '/');
}

/** The new destination text, in the link's own form (relative, or root-relative for code spans). */
export function rewriteTarget(doc: Doc, link: LinkInfo, newPath: string): string {
  const hash = link.target.indexOf('#');
  const fragment = hash >= 0 ? link.target.slice(hash) : '';
  if (link.kind === 'codespan') return (link.target.includes('/') ? newPath : relativePath(dirname(doc.path), newPath)) + fragment;
  if (link.target.startsWith('/')) return '/' + newPath + fragment;
  return relativePath(dirname(doc.path), newPath) + fragment;
}

/**
 * The existing file most like `missing`: same name elsewhere first, then the
 * closest name (edit distance ≤ a third of the name) in the same folder, then anywhere.
 */
export function nearestFile(model: WorkspaceModel, missing: string, from?: string): string | undefined {
  // The answer depends on the file list only: keep it while the file list lasts.
  const key = detached(`nearest\u0000${missing}\u0000${from ?? ''}`);
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as string | undefined;
  const found = searchNearestFile(model, missing, from);
  model.cache.memo.set(key, found);
  return found;
}

interface NameIndex {
  /** Files by the length of their lower-case name, each with that name and folder. */
  byLength: Map<number, NameEntry[]>;
  /** Character counts of every name, BUCKETS bytes each. */
  counts: Uint8Array;
}

interface NameEntry {
  path: string;
  name: string;
  folder: string;
  /** The name's character pairs, hashed into 64 bits (two halves): see `bigramSignature`. */
  sigLow: number;
  sigHigh: number;
  /** Where the name's character counts start in the index's `counts` (see `characterCounts`). */
  at: number;
}

const BUCKETS = 40;

/**
 * Character counts of `name` in 40 buckets (letters, digits, "-", "_", ".",
 * anything else). One edit changes the counts by at most one up and one
 * down, so the larger of the total surplus and the total shortfall between
 * two names is a lower bound of their edit distance.
 */
function characterCounts(name: string, into: Uint8Array = new Uint8Array(BUCKETS), at = 0): Uint8Array {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const bucket = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : c === 45 ? 36 : c === 95 ? 37 : c === 46 ? 38 : 39;
    if (into[at + bucket] < 255) into[at + bucket]++;
  }
  return into;
}

/** The bound for the name whose counts are `a` and the one whose counts start at `at` in `b`. */
function countDistance(a: Uint8Array, b: Uint8Array, at: number): number {
  let surplus = 0;
  let shortfall = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const d = a[i] - b[at + i];
    if (d > 0) surplus += d;
    else shortfall -= d;
  }
  return surplus > shortfall ? surplus : shortfall;
}

/**
 * A 64-bit set of the character pairs in `name` (each pair sets one bit).
 * One edit removes at most two of a name's pairs, so when more than 2·k of a
 * query's bits are missing from a file's signature, the two names are more
 * than k edits apart: a cheap test that skips most of the edit distances.
 */
function bigramSignature(name: string): [number, number] {
  let low = 0;
  let high = 0;
  for (let i = 1; i < name.length; i++) {
    const bit = (name.charCodeAt(i - 1) * 31 + name.charCodeAt(i)) & 63;
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  return [low, high];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Lower-case file names grouped by length, built once per file list. */
function nameIndex(model: WorkspaceModel): NameIndex {
  const known = model.cache.memo.get('nearest-index') as NameIndex | undefined;
  if (known) return known;
  const counts = new Uint8Array(model.files.size * BUCKETS);
  const index: NameIndex = { byLength: new Map(), counts };
  let at = 0;
  for (const file of model.files) {
    const name = basename(file).toLowerCase();
    let list = index.byLength.get(name.length);
    if (!list) index.byLength.set(name.length, (list = []));
    const [sigLow, sigHigh] = bigramSignature(name);
    characterCounts(name, counts, at);
    list.push({ path: file, name, folder: dirname(file), sigLow, sigHigh, at });
    at += BUCKETS;
  }
  model.cache.memo.set('nearest-index', index);
  return index;
}

function searchNearestFile(model: WorkspaceModel, missing: string, from?: string): string | undefined {
  const name = basename(missing).toLowerCase();
  const folder = dirname(missing);
  const ext = /\.[^./]+$/.exec(name)?.[0] ?? '';
  let best: { path: string; score: number } | undefined;
  const limit = Math.max(2, Math.floor(name.length / 5));
  const index = nameIndex(model);
  const [qLow, qHigh] = bigramSignature(name);
  const qCounts = characterCounts(name);
  // Names whose length differs by more than the limit cannot be within it.
  for (let length = name.length - limit; length <= name.length + limit; length++) {
    for (const file of index.byLength.get(length) ?? []) {
      if (file.path === from) continue; // a document never means itself
      if (ext && !file.name.endsWith(ext)) continue;
      // Prefer the same folder.
      const folderCost = file.folder === folder ? 0 : 5;
      // Only a distance that can still beat (or tie) the best so far is worth computing.
      const within = best ? Math.min(limit, Math.floor((best.score - folderCost) / 10)) : limit;
      if (within < 0) continue;
      if (popcount(qLow & ~file.sigLow) + popcount(qHigh & ~file.sigHigh) > 2 * within) continue;
      if (countDistance(qCounts, index.counts, file.at) > within) continue;
      const d = file.name === name ? 0 : editDistance(file.name, name, within);
      if (d > within) continue;
      const score = d * 10 + folderCost;
      if (!best || score < best.score || (score === best.score && file.path < best.path)) best = { path: file.path, score };
    }
  }
  return best?.path;
}
