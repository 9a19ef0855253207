/**
 * For RG001 and RG002: the plan that already exists for an open roadmap item
 * without a design or implementation link, when its name says so.
 *
 * Precision first: a suggestion becomes the preferred fix (`--fix` applies
 * it), so a plan is named only when
 * - its kind is the missing role (a design for RG001, an implementation plan
 *   for RG002): from its file name, else the `planKinds` of its folder, else
 *   its title ("… Design", "… Implementation Plan"). A plan whose kind is
 *   still unknown only by the item's exact name, and only when the item lacks
 *   that one role (with both missing, either label would be a guess);
 * - and its slug or H1 title names the item: the same significant words
 *   (category tag, stop words and design / implementation / plan / spec left
 *   out, plurals folded), or all the words of the shorter name and at least
 *   two thirds of the longer one, two words at least;
 * - or it names the item's phase (`phase-09` for Phase 9) together with the
 *   phase's title, and its kind is known; when such a plan has a section for
 *   each of several of the phase's items (headings named as above), it covers
 *   only the items it has a section for, and the link goes to the section;
 * - it is not retired (Superseded / Archived), names no other phase, and is
 *   not linked from the item already; a plan another item links only when
 *   the name is the item's exactly (or, for a phase's plan, when the items
 *   that link it are in the same phase);
 * - and no other plan matches as well.
 *
 * A plan is looked at only when its file name shares a word with the item's
 * title or its phase's title, or names the phase: the early check of the
 * roadmap (engine.ts) reads those plans and no others, and finds the same.
 */
import type { Config } from '../config';
import { inLinkScope } from '../coverage';
import { isSuperseded, planLifecycles } from '../lifecycle';
import type { Phase, Plan, RoadmapItem, WorkspaceModel } from '../model';
import { itemsWithin, phaseWithin } from '../model';
import { isRetired } from './planFacts';

export type MissingRole = 'design' | 'implementation';

/** What a name (a file name's slug, a title) says: the phases it names and its significant words. */
export interface NameFacts {
  phases: string[];
  words: Set<string>;
}

const STOP_WORDS = new Set(
  'a an the and or of for to in on at by as via with without from into onto over under per vs versus is are be it its this that our your all new'.split(' '),
);

/** Words that say what kind of document it is, not what it is about. */
const ROLE_WORDS = new Set(
  'design designs implementation implementations implement impl plan plans spec specs specification doc docs document documents proposal rfc draft'.split(' '),
);

const PHASE_TOKEN = /(?<![a-z])phase[\s_-]*(\d+(?:\.\d+)*)(?![0-9])/gi;

/** "09" → "9", "5.01" → "5.1": phase numbers compared as numbers. */
export function phaseKey(number: string): string {
  return number
    .split('.')
    .map((n) => String(Number.parseInt(n, 10)))
    .join('.');
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The significant words of a text, lower case, plurals folded: no stop words, role words, "phase" or bare numbers. */
export function significantWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!raw || /^\d+$/.test(raw) || STOP_WORDS.has(raw) || ROLE_WORDS.has(raw) || raw === 'phase') continue;
    out.add(stem(raw));
  }
  return out;
}

/** The phases a name mentions ("phase-09", "Phase 5", "PHASE_5_…") and its other significant words. */
export function nameFacts(text: string): NameFacts {
  const phases = new Set<string>();
  const rest = text.replace(PHASE_TOKEN, (_m, n: string) => {
    phases.add(phaseKey(n));
    return ' ';
  });
  return { phases: [...phases], words: significantWords(rest) };
}

/** The item's own name: its bold title, else the text before a dash or colon that starts its description; no category tag. */
export function itemName(item: RoadmapItem): string {
  let title = item.title.replace(/^\s*\[[^\]]*\]\s*/, '');
  if (item.item.title === undefined) title = title.split(/\s[—–-]\s|:\s/)[0];
  return title;
}

interface PlanNames {
  slug: NameFacts;
  title?: NameFacts;
  /** The kind its title says ("… Design", "… Implementation Plan"), when it says one. */
  titleKind?: MissingRole;
}

const planNames = new WeakMap<Plan, PlanNames>();

/** A plan's names, kept with the plan object (its document's text does not change under it). */
function namesOf(plan: Plan): PlanNames {
  let names = planNames.get(plan);
  if (names) return names;
  names = { slug: nameFacts(plan.slug) };
  const h1 = plan.doc.summary.headings.find((h) => h.depth === 1);
  if (h1) {
    const text = h1.text.trim();
    const design = /\b(design|spec|specification|rfc|proposal)\b/i.test(text);
    const implementation = /\b(implementation|implement|plan)\b/i.test(text);
    if (design !== implementation) names.titleKind = design ? 'design' : 'implementation';
    // "Phase 5: Storage — Implementation Plan": the tail after the last dash says what kind of document it is.
    const parts = text.split(/\s[—–-]\s/);
    const name = parts.length > 1 && /\b(design|spec|specification|implementation|plan|manual|guide|notes)\b/i.test(parts[parts.length - 1]) ? parts.slice(0, -1).join(' ') : text;
    names.title = nameFacts(name);
  }
  planNames.set(plan, names);
  return names;
}

/** The plan's kind: its own (from the file name or its folder's `planKinds`, see `planKindOf`), else its title's. */
export function planRole(config: Config, plan: Plan): Plan['kind'] {
  if (plan.kind !== 'unknown') return plan.kind;
  return namesOf(plan).titleKind ?? 'unknown';
}

// ---------------------------------------------------------------- file-name index

interface PathIndex {
  byWord: Map<string, string[]>;
  byPhase: Map<string, string[]>;
}

/** Plan files by the words and phases of their slugs: from the file list and config alone, kept as long as they are. */
function pathIndex(model: WorkspaceModel): PathIndex {
  const key = 'existing-plan:path-index';
  let index = model.cache.memo.get(key) as PathIndex | undefined;
  if (index) return index;
  index = { byWord: new Map(), byPhase: new Map() };
  const add = (map: Map<string, string[]>, k: string, path: string) => {
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(path);
  };
  for (const path of model.files) {
    if (!model.isPlan(path)) continue;
    const facts = nameFacts(model.cache.planKind(path).slug);
    for (const w of facts.words) add(index.byWord, w, path);
    for (const p of facts.phases) add(index.byPhase, p, path);
  }
  model.cache.memo.set(key, index);
  return index;
}

const itemWordsCache = new WeakMap<RoadmapItem, Set<string>>();
const phaseWordsCache = new WeakMap<Phase, Set<string>>();

function itemWords(item: RoadmapItem): Set<string> {
  let words = itemWordsCache.get(item);
  if (!words) itemWordsCache.set(item, (words = nameFacts(itemName(item)).words));
  return words;
}

function phaseWords(phase: Phase): Set<string> {
  let words = phaseWordsCache.get(phase);
  if (!words) phaseWordsCache.set(phase, (words = nameFacts(phase.title).words));
  return words;
}

/** The numbered phases an item is in: its own and those it is nested in (Phase 9a, then Phase 9). */
function phasesOf(item: RoadmapItem): Phase[] {
  const out: Phase[] = [];
  for (let p: Phase | undefined = item.phase; p; p = p.parent) if (p.kind === 'phase') out.push(p);
  return out;
}

/** Plan files whose file name could name the item: a shared word with its title or its phases' titles, or one of its phases. */
function candidatePaths(model: WorkspaceModel, item: RoadmapItem): Set<string> {
  const index = pathIndex(model);
  const out = new Set<string>();
  for (const w of itemWords(item)) for (const p of index.byWord.get(w) ?? []) out.add(p);
  for (const w of phaseWords(item.phase)) for (const p of index.byWord.get(w) ?? []) out.add(p);
  for (const phase of phasesOf(item)) {
    if (phase !== item.phase) for (const w of phaseWords(phase)) for (const p of index.byWord.get(w) ?? []) out.add(p);
    for (const p of index.byPhase.get(phaseKey(phase.number)) ?? []) out.add(p);
  }
  return out;
}

/**
 * The plan files the suggestions for the roadmap's open unlinked items may
 * name: what the early check of the roadmap must read to find what the full
 * check finds.
 */
export function suggestionCandidates(model: WorkspaceModel): Set<string> {
  const out = new Set<string>();
  for (const phase of model.roadmap?.phases ?? []) {
    for (const item of phase.items) {
      if ((item.hasDesign && item.hasImplementation) || !inLinkScope(model.config, item)) continue;
      for (const p of candidatePaths(model, item)) out.add(p);
    }
  }
  return out;
}

// ---------------------------------------------------------------- matching

const EXACT = 3;
const STRONG = 2;
const PHASE = 1;

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const w of a) if (!b.has(w)) return false;
  return true;
}

/** How well a name names the item: EXACT, STRONG, or 0. */
function titleScore(name: NameFacts, words: Set<string>): number {
  const [short, long] = name.words.size <= words.size ? [name.words, words] : [words, name.words];
  if (short.size < 2 || !subset(short, long)) return 0;
  if (short.size === long.size) return EXACT;
  return short.size * 3 >= long.size * 2 ? STRONG : 0;
}

/** Whether a name names the phase: its number, and words that are the phase title's or contain it. */
function namesPhase(name: NameFacts, phase: Phase): boolean {
  if (name.phases.length !== 1 || name.phases[0] !== phaseKey(phase.number)) return false;
  const title = phaseWords(phase);
  if (name.words.size === 0 || title.size === 0) return false;
  if (subset(name.words, title)) return name.words.size >= Math.min(2, title.size);
  return subset(title, name.words);
}

interface Linking {
  /** Items that link each plan path, by path. */
  byPath: Map<string, RoadmapItem[]>;
}

const linkingByModel = new WeakMap<WorkspaceModel, Linking>();

function linking(model: WorkspaceModel): Linking {
  let known = linkingByModel.get(model);
  if (known) return known;
  known = { byPath: new Map() };
  for (const phase of model.roadmap?.phases ?? []) {
    for (const item of phase.items) {
      const paths = new Set<string>();
      for (const l of item.links) if (l.path) paths.add(l.path);
      for (const l of phase.coverage) if (l.path) paths.add(l.path);
      for (const p of paths) {
        let list = known.byPath.get(p);
        if (!list) known.byPath.set(p, (list = []));
        list.push(item);
      }
    }
  }
  linkingByModel.set(model, known);
  return known;
}

/** Superseded or Archived, by its own markers or the registry, or naming its successor. */
function retired(model: WorkspaceModel, plan: Plan): boolean {
  if (isRetired(model, plan) || plan.meta.has('superseded by')) return true;
  return isSuperseded(planLifecycles(model).get(plan.path)?.state);
}

/**
 * The existing plan that `item` should link as its `role`, when one plainly
 * does (see the module comment); undefined when none does, or when two do
 * equally well.
 */
export function existingPlanFor(model: WorkspaceModel, item: RoadmapItem, role: MissingRole): string | undefined {
  const words = itemWords(item);
  const phases = phasesOf(item);
  const own = new Set(item.links.map((l) => l.path).filter((p): p is string => !!p));
  const hasOtherRole = role === 'design' ? item.hasImplementation : item.hasDesign;
  let best = 0;
  let found: string[] = [];
  /** The phase a phase's plan was found for (the item's own, or one it is nested in). */
  let foundPhase: Phase | undefined;
  for (const path of candidatePaths(model, item)) {
    if (own.has(path)) continue;
    const plan = model.plans.get(path);
    if (!plan) continue;
    const kind = planRole(model.config, plan);
    if (kind !== 'unknown' && kind !== role) continue;
    const names = namesOf(plan);
    const all = names.title ? [names.slug, names.title] : [names.slug];
    // A plan that names another phase is that phase's, whatever its words (a sub-phase's item may take its phase's plan).
    const keys = new Set(phases.map((p) => phaseKey(p.number)));
    if (all.some((n) => n.phases.some((p) => !keys.has(p)))) continue;
    let score = 0;
    for (const n of all) score = Math.max(score, titleScore(n, words));
    const named = score === 0 && kind !== 'unknown' ? phases.find((p) => all.some((n) => namesPhase(n, p))) : undefined;
    if (named) score = PHASE;
    // Of unknown kind: only by the item's exact name, and only as the one role the item lacks (a label would be a guess).
    if (score === 0 || (kind === 'unknown' && (score < EXACT || !hasOtherRole))) continue;
    if (score < best) continue;
    const others = (linking(model).byPath.get(path) ?? []).filter((i) => i !== item);
    if (others.length && score !== EXACT && !(score === PHASE && named && others.every((i) => phaseWithin(i.phase, named)))) continue;
    if (retired(model, plan)) continue;
    if (score > best) {
      best = score;
      found = [path];
      foundPhase = named;
    } else found.push(path);
  }
  if (found.length !== 1) return undefined;
  if (best !== PHASE) return found[0];
  // A phase's plan written as one section per item covers the items it has a section for: link that section.
  const sections = phaseSections(model, model.plans.get(found[0])!, foundPhase ?? item.phase);
  if (!sections.sectioned) return found[0];
  const slug = sections.byItem.get(item);
  return slug ? `${found[0]}#${slug}` : undefined;
}

interface PhaseSections {
  /** Whether two or more of the phase's items have a section of their own in the plan. */
  sectioned: boolean;
  /** The anchor of each item's section. */
  byItem: Map<RoadmapItem, string>;
}

const sectionsByPhase = new WeakMap<Phase, WeakMap<Plan, PhaseSections>>();

/** The sections of `plan` (below its title) that name items of `phase` (and of its sub-phases), as title matches do. */
function phaseSections(model: WorkspaceModel, plan: Plan, phase: Phase): PhaseSections {
  let byPlan = sectionsByPhase.get(phase);
  if (!byPlan) sectionsByPhase.set(phase, (byPlan = new WeakMap()));
  let sections = byPlan.get(plan);
  if (sections) return sections;
  const headings = plan.doc.summary.headings
    .filter((h) => h.depth >= 2)
    .map((h) => ({ slug: h.slug, name: nameFacts(h.text.replace(/\b(completed?|done|in progress|planned|wip)\b/gi, ' ')) }));
  const byItem = new Map<RoadmapItem, string>();
  for (const item of model.roadmap ? itemsWithin(model.roadmap, phase) : phase.items) {
    const words = itemWords(item);
    let best = 0;
    for (const h of headings) {
      const score = titleScore(h.name, words);
      if (score > best) {
        best = score;
        byItem.set(item, h.slug);
      }
    }
  }
  sections = { sectioned: byItem.size >= 2, byItem };
  byPlan.set(plan, sections);
  return sections;
}
