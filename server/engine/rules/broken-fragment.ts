import { documentRule, rangeKey, ReportMemo, type Rule } from '../rule';
import { detached } from '../detach';
import { type DocSummary, documentAnchors } from '../markdown/parse';
import { type DocsSite, siteAnchors } from '../docsSites';
import type { WorkspaceModel } from '../model';
import { basename } from '../paths';

/**
 * RG004: a link whose #fragment matches no heading (GitHub slugs) or anchor of its target.
 * A link through a reference is reported once, at its definition: that is where the
 * destination is written, and where the fix changes it.
 */
export const brokenFragment: Rule = documentRule({
  code: 'RG004',
  name: 'broken-fragment',
  description: 'Link whose #fragment matches no heading of the target',
  defaultSeverity: 'warning',
  tags: ['links'],
  reads: ['files', 'anchors'],
  checkDocument(context, doc) {
    const { model } = context;
    const memo = new ReportMemo(context, `broken-fragment:${doc.path}`);
    for (const link of doc.links) {
      if (link.kind === 'reference') continue; // reported at its definition, where the destination is
      if (link.unused) continue; // a definition no reference uses: GitHub shows it nowhere
      const r = model.resolve(doc, link);
      if (r.status !== 'ok' || !r.fragment) continue;
      // A symbolic link to a document: its target's headings are the ones GitHub shows.
      const target = model.docs.get(r.path) ?? model.docs.get(model.cache.symlinks.get(r.path) ?? '');
      if (!target) continue; // not markdown, or skipped: nothing to match against
      // A text fragment (`#:~:text=…`, or after an anchor) highlights words, it names no heading.
      const directive = r.fragment.indexOf(':~:');
      const fragment = (directive >= 0 ? r.fragment.slice(0, directive) : r.fragment).toLowerCase();
      if (!fragment) continue;
      if (/^l\d+(-l\d+)?$/.test(fragment)) continue; // GitHub line anchors
      if (fragment === 'readme' && /^readme\.md$/i.test(basename(r.path))) continue; // the box GitHub shows a README in has id="readme"
      let anchors = documentAnchors(target.summary);
      // GitHub's own prefix of the ids it renders is also a way to name them.
      if (anchors.includes(fragment) || (fragment.startsWith('user-content-') && anchors.includes(fragment.slice(13)))) continue;
      // Between two pages of a docs site the link is read on the site, whose headings have its anchors too.
      const site = sameDocsSite(model, doc.path, target.path);
      if (site) {
        anchors = [...anchors, ...siteAnchors(target.summary, site.generator)];
        if (anchors.includes(fragment)) continue;
        // A Hugo shortcode (`{{% include-html api.html %}}`) renders content, and ids, this text does not show.
        if (site.generator === 'hugo' && (target.text.includes('{{<') || target.text.includes('{{%'))) continue;
      }
      const close = closestAnchorOf(target.summary, anchors, fragment);
      const fragmentAt = link.target.indexOf('#');
      const key = [doc.path, rangeKey(link.range), rangeKey(link.targetRange), link.kind, link.target, r.path, r.fragment, close ?? ''].join('\u0000');
      // Kept while the link stays: strings that do not keep the document's text.
      memo.report(key, () => ({
        path: doc.path,
        range: link.range,
        message: detached(`No heading in ${r.path} has the anchor #${r.fragment}.${close ? ` Did you mean #${close}?` : ''}`),
        fixes:
          close && fragmentAt >= 0 && link.kind !== 'codespan'
            ? [{ title: detached(`Change the fragment to #${close}`), preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(link.target.slice(0, fragmentAt + 1) + close) }] }] }]
            : undefined,
        data: { target: detached(r.path) },
      }));
    }
  },
});

/** The docs site whose pages `from` and `to` both are, if any (see the docs-site convention). */
function sameDocsSite(model: WorkspaceModel, from: string, to: string): DocsSite | undefined {
  const index = model.cache.docsSiteIndex;
  const a = index?.pageOf(from);
  return a && index!.pageOf(to)?.site === a.site ? a.site : undefined;
}

/** The closest anchor of a document to each broken fragment, kept while the document's summary lasts. */
const closeByDocument = new WeakMap<DocSummary, Map<string, string | undefined>>();

function closestAnchorOf(summary: DocSummary, anchors: readonly string[], fragment: string): string | undefined {
  let known = closeByDocument.get(summary);
  if (!known) closeByDocument.set(summary, (known = new Map()));
  if (known.has(fragment)) return known.get(fragment);
  const close = closestAnchor(fragment, anchors, summary.headings.find((h) => h.depth === 1)?.slug);
  known.set(detached(fragment), close);
  return close;
}

/** How similar an anchor must be to a broken fragment to be offered, and to be the title (H1). */
const CLOSE_ENOUGH = 0.6;
const TITLE_CLOSE_ENOUGH = 0.85;

/** Words that say little about which section is meant. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'to', 'for', 'in', 'on', 'with', 'or', 'vs']);

/**
 * The anchor most like a broken `fragment`, when one is close enough: the
 * similarity of their slug words (see `anchorSimilarity`) at least 0.6, and
 * for the document's title (`title`, its H1 slug) at least 0.85, since a
 * fragment that names a section rarely means the page itself. Ties between
 * different anchors leave the choice to the author: none is returned.
 */
export function closestAnchor(fragment: string, anchors: readonly string[], title?: string): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  let tied = false;
  for (const anchor of new Set(anchors)) {
    const score = anchorSimilarity(fragment, anchor);
    if (score < (anchor === title ? TITLE_CLOSE_ENOUGH : CLOSE_ENOUGH)) continue;
    if (score > bestScore + 1e-9) {
      best = anchor;
      bestScore = score;
      tied = false;
    } else if (Math.abs(score - bestScore) <= 1e-9) tied = true;
  }
  return tied ? undefined : best;
}

/** Typos allowed in a word (or a slug without hyphens) of this length: none below 4 characters, two from 8. */
function typosAllowed(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** Two words that are the same word: equal, or a typo or two apart; numbers only equal. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const limit = typosAllowed(Math.min(a.length, b.length));
  return limit > 0 && Math.abs(a.length - b.length) <= limit && typoDistance(a, b) <= limit;
}

/** Edit distance with a swap of two neighbours as one edit (optimal string alignment): `desing` is one typo of `design`. */
function typoDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}

function words(slug: string): string[] {
  const all = slug.split(/[-_]+/).filter(Boolean);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  return kept.length ? kept : all;
}

/**
 * Similarity of two slugs, 0 to 1: the Dice coefficient of their words (each
 * word matched at most once, a typo or two allowed), or, for a typo across
 * word boundaries (`setup` / `set-up`), one minus their typo distance
 * without hyphens over the longer length. A number in one and not the other (phase 2,
 * phase 3; a `-1` duplicate suffix) halves it: that is another section.
 */
export function anchorSimilarity(fragment: string, anchor: string): number {
  const a = words(fragment);
  const b = words(anchor);
  if (a.length === 0 || b.length === 0) return 0;
  const used = new Array<boolean>(b.length).fill(false);
  let matched = 0;
  for (const w of a) {
    let k = b.findIndex((x, i) => !used[i] && x === w);
    if (k < 0) k = b.findIndex((x, i) => !used[i] && sameWord(w, x));
    if (k >= 0) {
      used[k] = true;
      matched++;
    }
  }
  let score = (2 * matched) / (a.length + b.length);
  const joinedA = a.join('');
  const joinedB = b.join('');
  const longer = Math.max(joinedA.length, joinedB.length);
  // Only slugs of about the same length, and not long ones (a bounded cost): a heading slug is a few words.
  const typos = typosAllowed(Math.min(joinedA.length, joinedB.length));
  if (longer <= 200 && longer - Math.min(joinedA.length, joinedB.length) <= typos) {
    const d = typoDistance(joinedA, joinedB);
    if (d <= typos) score = Math.max(score, 1 - d / longer);
  }
  const numbers = (ws: string[]) => ws.filter((w) => /^\d+$/.test(w)).sort().join(' ');
  if (numbers(a) !== numbers(b)) score /= 2;
  return score;
}
