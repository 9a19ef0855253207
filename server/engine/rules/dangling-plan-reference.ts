import type { FieldInfo } from '../markdown/parse';
import { itemsWithin, type Phase, phaseWithin, type Plan, type Roadmap, type RoadmapItem, type WorkspaceModel } from '../model';
import type { Rule, RuleContext } from '../rule';
import { dirname, joinPath } from '../paths';
import type { Range } from '../types';
import { range } from '../types';
import { detached } from '../detach';

/**
 * RG010: plan metadata that points at nothing. `**Roadmap Scope:**` /
 * `**Roadmap Item:**` naming a phase the roadmap does not have or an item
 * that is not in it, and `**Design Reference:**` (or `**Design doc:**`,
 * `**Design spec:**`) that names no file. (A path that does not exist is
 * RG003's finding.)
 */
export const danglingPlanReference: Rule = {
  code: 'RG010',
  name: 'dangling-plan-reference',
  description: 'Roadmap Scope / Roadmap Item / Design Reference metadata that points at nothing',
  defaultSeverity: 'warning',
  tags: ['plans', 'roadmap', 'links'],
  reportsIn: ['plans'],
  check(context) {
    const { model } = context;
    for (const plan of model.plans.values()) {
      for (const key of ROADMAP_KEYS) {
        const field = plan.meta.get(key);
        if (field && field.line > 0 && model.roadmap) checkRoadmapReference(context, plan, field);
      }
      for (const key of DESIGN_KEYS) {
        const design = plan.meta.get(key);
        if (design) checkDesignReference(context, plan, design);
      }
    }
  },
};

const ROADMAP_KEYS = ['roadmap scope', 'roadmap item', 'roadmap items'];

/** Metadata that names the plan's design doc (`**Spec:**` alone is left out: it often names a standard). */
const DESIGN_KEYS = ['design reference', 'design doc', 'design document', 'design spec'];

/** A code span that names an item the way the roadmap writes it: `[Category] Title`. */
const ITEM_REF = /^\[[^\]]+\]\s*\S/;
const PHASE_PREFIX = /^(\s*)Phase\s+(\d+[a-z]?(?:\.\d+[a-z]?)*)\b\s*[-–—:]?\s*/i;

/** Lower case, "&" as "and", no markup or punctuation, single spaces. */
export function normalizeTitle(text: string): string {
  let normal = normalCache.get(text);
  if (normal === undefined) {
    if (normalCache.size > 100_000) normalCache.clear();
    normalCache.set(detached(text), (normal = detached(computeNormalTitle(text))));
  }
  return normal;
}

// Titles are compared against every reference: normalize each text once.
const normalCache = new Map<string, string>();
const tokenCache = new Map<string, string[]>();

function computeNormalTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}[\]]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Per roadmap object (a new one each model build): its items.
const itemsCache = new WeakMap<Roadmap, RoadmapItem[]>();

function itemsOf(roadmap: Roadmap): RoadmapItem[] {
  let items = itemsCache.get(roadmap);
  if (!items) itemsCache.set(roadmap, (items = roadmap.phases.flatMap((p) => p.items)));
  return items;
}

/**
 * The item a reference probably meant: the same title under another category,
 * else a near spelling (loose match ≥ 0.8), in the named phase first, then in
 * roadmap order. Only items sharing a word with the reference can match, so
 * an index by word keeps this fast on long roadmaps.
 */
function similarItem(roadmap: Roadmap, reference: string, phase: Phase | undefined): RoadmapItem | undefined {
  const order = (i: RoadmapItem) => (phase && phaseWithin(i.phase, phase) ? 0 : 1) * 1e9 + i.index;
  const first = (items: RoadmapItem[]) => items.reduce<RoadmapItem | undefined>((best, i) => (!best || order(i) < order(best) ? i : best), undefined);
  const index = titleIndex(roadmap);
  const same = index.byBareTitle.get(normalizeTitle(withoutCategory(reference)));
  if (same?.length) return first(same);
  // looselyMatches(reference, title, 0.8), computed from shared-word counts over the index.
  const words = tokenSet(reference);
  if (words.size === 0) return undefined;
  const matches: RoadmapItem[] = [];
  for (const item of looseCandidates(index, words)) {
    const own = tokenSet(item.title);
    let count = 0;
    for (const token of words) if (own.has(token)) count++;
    if (count / words.size >= 0.8 || (own.size >= 2 && count === own.size)) matches.push(item);
  }
  return first(matches);
}

/**
 * The only items that can loosely match `words`: an item sharing at least
 * 80% of the words shares one of the rarest |words| - needed + 1 of them, and
 * an item whose every word is among `words` has its own rarest word among
 * them. Looking up those few lists, not every list, keeps common words such
 * as a project's name from making each lookup visit the whole roadmap.
 */
function looseCandidates(index: TitleIndex, words: Set<string>): Set<RoadmapItem> {
  let needed = 0;
  while (needed / words.size < 0.8) needed++;
  const byRarity = [...words].sort((a, b) => (index.byToken.get(a)?.length ?? 0) - (index.byToken.get(b)?.length ?? 0));
  const out = new Set<RoadmapItem>();
  for (const token of byRarity.slice(0, words.size - needed + 1)) for (const item of index.byToken.get(token) ?? []) out.add(item);
  for (const token of words) for (const item of index.byRarestToken.get(token) ?? []) out.add(item);
  return out;
}

interface TitleIndex {
  /** Items by normalized title, by normalized title without its category, and by word. */
  byTitle: Map<string, RoadmapItem[]>;
  byBareTitle: Map<string, RoadmapItem[]>;
  byToken: Map<string, RoadmapItem[]>;
  /** Items by their own word that the fewest items share. */
  byRarestToken: Map<string, RoadmapItem[]>;
}

const titleIndexes = new WeakMap<Roadmap, TitleIndex>();

/** The roadmap's items indexed once per roadmap object, for every lookup of this rule. */
function titleIndex(roadmap: Roadmap): TitleIndex {
  let index = titleIndexes.get(roadmap);
  if (!index) {
    index = { byTitle: new Map(), byBareTitle: new Map(), byToken: new Map(), byRarestToken: new Map() };
    const add = (map: Map<string, RoadmapItem[]>, key: string, item: RoadmapItem) => {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    };
    for (const item of itemsOf(roadmap)) {
      add(index.byTitle, normalizeTitle(item.title), item);
      add(index.byBareTitle, normalizeTitle(withoutCategory(item.title)), item);
      for (const token of tokenSet(item.title)) add(index.byToken, token, item);
    }
    for (const item of itemsOf(roadmap)) {
      let rarest: string | undefined;
      for (const token of tokenSet(item.title)) if (rarest === undefined || index.byToken.get(token)!.length < index.byToken.get(rarest)!.length) rarest = token;
      if (rarest !== undefined) add(index.byRarestToken, rarest, item);
    }
    titleIndexes.set(roadmap, index);
  }
  return index;
}

/** The candidates that share at least one word with `text` (the only ones a loose match can accept). */
function sharingATokenWith(text: string, candidates: string[]): string[] {
  const words = tokenSet(text);
  return candidates.filter((c) => {
    for (const t of tokenSet(c)) if (words.has(t)) return true;
    return false;
  });
}

const withoutCategory = (title: string) => title.replace(/^\s*\[[^\]]*\]\s*/, '');

function checkRoadmapReference(context: RuleContext, plan: Plan, field: FieldInfo): void {
  const { model } = context;
  const roadmap = model.roadmap!;
  // The value as written (code spans included), starting at valueRange.start.
  const value = field.value;
  if (value.trim() === '' || isPlaceholder(value, context.config.standards.placeholders)) return;
  const phaseMatch = PHASE_PREFIX.exec(value);
  let phase: Phase | undefined;
  if (phaseMatch) {
    const phases = roadmap.phases.filter((p) => p.kind === 'phase');
    phase = phases.find((p) => p.number.toLowerCase() === phaseMatch[2].toLowerCase());
    if (!phase) {
      const from = field.valueRange.start.character + phaseMatch[1].length;
      const at = range(field.line, from, field.line, from + phaseMatch[0].trimEnd().length - phaseMatch[1].length);
      context.report({
        path: plan.path,
        range: at,
        message: `"${field.label}" names Phase ${phaseMatch[2]}, which ${roadmap.path} does not have (it has ${phases.map((p) => p.number).join(', ') || 'no phases'}).`,
        data: { phase: phaseMatch[2] },
      });
      return;
    }
  }
  const allItems = itemsOf(roadmap);
  const itemRefs = field.codes.filter((c) => ITEM_REF.test(c.text));
  if (itemRefs.length) {
    for (const code of itemRefs) checkItemReference(context, plan, field, code, phase, allItems);
    return;
  }
  // Free prose ("SRE foundations (SLOs, …)"): a link from the roadmap settles it, else a loose match.
  const prose = (phaseMatch ? value.slice(phaseMatch[0].length) : value).replace(/`/g, '').trim();
  if (!prose) return;
  if (linkedFromRoadmap(model, plan.path)) return;
  const candidates = [...(phase ? itemsWithin(roadmap, phase) : allItems).map((i) => i.title), ...topLevelBullets(model)];
  if (sharingATokenWith(prose, candidates).some((c) => looselyMatches(prose, c))) return;
  context.report({
    path: plan.path,
    range: field.valueRange,
    message: `"${field.label}" names "${prose}", which matches no item${phase ? ` of ${phase.label}` : ''} in ${roadmap.path}, and the roadmap does not link this plan.`,
    data: { reference: prose },
  });
}

function checkItemReference(
  context: RuleContext,
  plan: Plan,
  field: FieldInfo,
  code: { text: string; range: Range },
  phase: Phase | undefined,
  allItems: RoadmapItem[],
): void {
  const roadmap = context.model.roadmap!;
  const wanted = normalizeTitle(code.text);
  const exact = titleIndex(roadmap).byTitle.get(wanted) ?? [];
  if (exact.length) {
    if (!phase || exact.some((i) => phaseWithin(i.phase, phase))) return;
    const where = [...new Set(exact.map((i) => i.phase.label))].join(', ');
    context.report({
      path: plan.path,
      range: code.range,
      message: `"${field.label}" says "${code.text}" is in ${phase.label}, but ${roadmap.path} has it in ${where}.`,
      data: { reference: code.text, phase: phase.number, actualPhase: [...new Set(exact.map((i) => i.phase.number))].join(', ') },
    });
    return;
  }
  // Same title under another category, or a near spelling, in the named phase first.
  const similar = similarItem(roadmap, code.text, phase);
  context.report({
    path: plan.path,
    range: code.range,
    message: `"${field.label}" names "${code.text}", which is not an item${phase ? ` of ${phase.label}` : ''} in ${roadmap.path}.${similar ? ` Did you mean "${similar.title}"${phase && !phaseWithin(similar.phase, phase) ? ` (${similar.phase.label})` : ''}?` : ''}`,
    fixes: similar
      ? [{ title: `Change to "${similar.title}"`, preferred: true, steps: [{ kind: 'edit', path: plan.path, edits: [{ range: code.range, newText: similar.title }] }] }]
      : undefined,
    data: { reference: code.text, suggestion: similar?.title },
  });
}

function checkDesignReference(context: RuleContext, plan: Plan, field: FieldInfo): void {
  const { model } = context;
  const value = field.value.trim();
  if (value === '' || isPlaceholder(value, context.config.standards.placeholders)) return;
  // A markdown link or a path-like code span on the line is a link: RG003 reports it when its target is missing.
  if (plan.doc.links.some((l) => l.range.start.line === field.line && l.kind !== 'definition')) return;
  const named = field.codes[0]?.text ?? value.replace(/[*_]/g, '').trim();
  if (field.codes.length === 0 && /^[^\s]+\.md(#.*)?$/i.test(named)) {
    // A bare path (front matter, or written without backticks): resolved from the root or beside the plan.
    const path = named.replace(/#.*$/, '');
    if ([joinPath('', path), joinPath(dirname(plan.path), path)].some((p) => p !== null && model.exists(p))) return;
  }
  const guess = [...model.plans.keys()].find((p) => {
    const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
    return base === named.toLowerCase() || base === `${named.toLowerCase()}.md`;
  });
  context.report({
    path: plan.path,
    range: field.codes[0]?.range ?? field.valueRange,
    message: `"${field.label}" names "${named}", which is not a link or a path to a design doc.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
    fixes: guess
      ? [{ title: `Change to \`${guess}\``, preferred: true, steps: [{ kind: 'edit', path: plan.path, edits: [{ range: field.codes[0]?.range ?? field.valueRange, newText: field.codes[0] ? guess : `\`${guess}\`` }] }] }]
      : undefined,
    data: { reference: named },
  });
}

function isPlaceholder(value: string, placeholders: readonly string[]): boolean {
  const v = value.replace(/[`*_]/g, '').trim().toLowerCase();
  return placeholders.some((p) => p.trim() !== '' && (v === p.toLowerCase() || v.startsWith(`${p.toLowerCase()} `)));
}

function linkedFromRoadmap(model: WorkspaceModel, path: string): boolean {
  const roadmap = model.roadmap?.path;
  return (model.incoming.get(path) ?? []).some((ref) => ref.from === roadmap);
}

/** First lines of the roadmap's top-level bullets (its topic map), outside and inside phases. */
function topLevelBullets(model: WorkspaceModel): string[] {
  const summary = model.roadmap?.doc.summary;
  if (!summary) return [];
  let bullets = bulletsBySummary.get(summary);
  if (!bullets) bulletsBySummary.set(summary, (bullets = summary.items.filter((i) => i.parent < 0).map((i) => i.text.split('\n')[0])));
  return bullets;
}

const bulletsBySummary = new WeakMap<object, string[]>();

const STOP = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'as', 'by', 'or', 'phase', 'design', 'implementation', 'plan']);

const tokenSets = new Map<string, Set<string>>();

function tokenSet(text: string): Set<string> {
  let set = tokenSets.get(text);
  if (!set) {
    if (tokenSets.size > 100_000) tokenSets.clear();
    tokenSets.set(detached(text), (set = new Set(tokens(text).map(detached))));
  }
  return set;
}

function tokens(text: string): string[] {
  let list = tokenCache.get(text);
  if (!list) {
    list = normalizeTitle(withoutCategory(text))
      .replace(/[[\]]/g, ' ')
      .split(' ')
      .filter((t) => t && !STOP.has(t))
      .map((t) => (t.length > 3 ? t.replace(/s$/, '') : t));
    if (tokenCache.size > 100_000) tokenCache.clear();
    tokenCache.set(detached(text), list);
  }
  return list;
}

/**
 * Whether free text names `candidate`: most of its words are the candidate's
 * words (share ≥ `threshold`), or all of a several-word candidate's words are in it.
 */
export function looselyMatches(text: string, candidate: string, threshold = 0.6): boolean {
  const ref = tokenSet(text);
  const cand = tokenSet(candidate);
  if (ref.size === 0 || cand.size === 0) return false;
  let shared = 0;
  for (const t of ref) if (cand.has(t)) shared++;
  if (shared / ref.size >= threshold) return true;
  return cand.size >= 2 && [...cand].every((t) => ref.has(t));
}
