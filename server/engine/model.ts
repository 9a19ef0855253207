/**
 * The workspace model the rules read: parsed documents, the roadmap (phases,
 * items, their links), the plans (kind, metadata, sections), the lifecycle
 * registry, and every link resolved against the file list.
 */
import type { Config, PlanKind } from './config';
import type { DocSummary, FieldInfo, HeadingInfo, LinkInfo, ListItemInfo, TableInfo } from './markdown/parse';
import { basename, dirname, hasScheme, joinPath, matcher, safeDecode } from './paths';
import type { Range } from './types';
import { detached } from './detach';

export interface Doc {
  path: string;
  text: string;
  summary: DocSummary;
  /** Links the rules check: inline, definitions, references and labelled code spans. */
  links: LinkInfo[];
}

export type Resolution =
  | { status: 'external' }
  | { status: 'ok'; path: string; fragment?: string }
  | { status: 'missing'; path: string; fragment?: string }
  | { status: 'outside' }
  | { status: 'unresolved-reference' };

export type LinkRole = 'design' | 'implementation' | 'decision' | 'related';

export interface ItemLink {
  link: LinkInfo;
  role: LinkRole;
  resolution: Resolution;
  /** Workspace path of the target when it resolved to a file (existing or not). */
  path?: string;
}

export type PhaseStatus = 'completed' | 'in-progress' | 'planned' | 'unknown';

export interface Phase {
  number: string;
  title: string;
  status: PhaseStatus;
  heading: HeadingInfo;
  /** Last line of the phase section (inclusive). */
  endLine: number;
  items: RoadmapItem[];
  /** Links of a phase-level "Implementation coverage:" line, covering every item. */
  coverage: ItemLink[];
}

export type LinkStyle = 'inline' | 'labelled' | 'reference' | 'none';

export interface RoadmapItem {
  phase: Phase;
  index: number;
  item: ListItemInfo;
  title: string;
  category?: string;
  priority?: string;
  checked: boolean;
  links: ItemLink[];
  style: LinkStyle;
  hasDesign: boolean;
  hasImplementation: boolean;
}

export interface Roadmap {
  path: string;
  doc: Doc;
  phases: Phase[];
  currentPhase?: FieldInfo;
  lastUpdated?: FieldInfo;
}

export interface Plan {
  path: string;
  doc: Doc;
  kind: PlanKind;
  /** Date from the file name, YYYY-MM-DD. */
  fileDate?: string;
  /** File name without date and kind suffix. */
  slug: string;
  /** Metadata near the top, by lower-case key. */
  meta: Map<string, FieldInfo>;
  /** The standards-compliance section, when the plan has one (see `findStandardsSection`). */
  standards?: StandardsSection;
}

export interface StandardsSection {
  heading: HeadingInfo;
  /** Last line of the section (inclusive): the line before the next heading of the same or a higher level. */
  endLine: number;
  /** The section's body, without the heading line. */
  text: string;
}

export interface RegistryRow {
  line: number;
  planCell: TableInfo['rows'][number]['cells'][number];
  plan?: string;
  state: string;
  stateRange: Range;
  supersededByCell?: TableInfo['rows'][number]['cells'][number];
  supersededBy?: string;
}

export interface Registry {
  path: string;
  doc: Doc;
  rows: RegistryRow[];
}

/** Labels of fields whose code spans are links. */
export const LINK_LABELS = new Set([
  'design',
  'design doc',
  'design document',
  'design reference',
  'plan',
  'implementation',
  'implementation plan',
  'decision',
  'decision record',
  'supersedes',
  'superseded by',
  'roadmap',
  'see',
]);

const PLAN_NAME = /^(\d{4}-\d{2}-\d{2})-(.+?)(?:-(design|implementation-plan|implementation|plan|decision|adr))?\.md$/i;

export function planKindOf(path: string): { kind: PlanKind; date?: string; slug: string } {
  const name = basename(path);
  const m = PLAN_NAME.exec(name);
  if (!m) return { kind: 'unknown', slug: name.replace(/\.md$/i, '') };
  const suffix = (m[3] ?? '').toLowerCase();
  const kind: PlanKind =
    suffix === 'design' ? 'design' : suffix === 'decision' || suffix === 'adr' ? 'decision' : suffix ? 'implementation' : 'unknown';
  return { kind, date: m[1], slug: m[2] };
}

export function roleFromLabel(label: string): LinkRole | undefined {
  const l = label.toLowerCase();
  if (/\bdesign\b/.test(l)) return 'design';
  if (/\b(decision|adr)\b/.test(l)) return 'decision';
  if (/\b(implementation|impl|plan)\b/.test(l)) return 'implementation';
  return undefined;
}

/**
 * What stays valid across model builds while the file list and the config do
 * not change: the folder set, link resolutions (by link object: a document's
 * links live as long as its text) and plans (by document). The engine makes a
 * new one when files come or go or the config changes; typing reuses it.
 */
export class ModelCache {
  readonly dirs = new Set<string>();
  /**
   * Link resolutions by what decides them (link form, document, destination):
   * a re-parsed document's new link objects find their old answers here.
   */
  readonly resolutions = new Map<string, Resolution>();
  /**
   * The same answers by link object: unchanged documents keep their link
   * objects. With the document's path, since two documents with the same
   * chunk at the same place may share link objects (see chunked.ts).
   */
  readonly resolved = new WeakMap<LinkInfo, { path: string; resolution: Resolution }>();
  /** Roadmap item links (role, resolution) by link object, with the roadmap's path. */
  readonly itemLinks = new WeakMap<LinkInfo, { path: string; itemLink: ItemLink }>();
  readonly plans = new WeakMap<Doc, Plan>();
  readonly isPlanPath: (path: string) => boolean;
  /** Values rules derive from the file list and config only, by name. */
  readonly memo = new Map<string, unknown>();
  /** Links by target, kept up to date document by document (see `IncomingIndex`). */
  readonly incoming = new IncomingIndex();
  /** The roadmap of the last build, whose phases the next build may take over (see `buildRoadmap`). */
  lastRoadmap?: Roadmap;
  /** What each phase was built from: its heading, and its items' indices, objects and links. */
  readonly phaseSources = new WeakMap<Phase, unknown[]>();

  constructor(
    readonly config: Config,
    /** The workspace's files, and its symbolic links to files (they exist too). */
    readonly files: Set<string>,
    /** Symbolic links to files of the workspace, with their targets (see `WorkspaceFiles.symlinks`). */
    readonly symlinks: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const f of files) {
      for (let d = dirname(f); d && !this.dirs.has(d); d = dirname(d)) this.dirs.add(d);
    }
    const inPlans = matcher(config.plans);
    const excluded = matcher(config.planExclude);
    // Asked for every document at every model build: remember the answers.
    const known = new Map<string, boolean>();
    this.isPlanPath = (p) => {
      let plan = known.get(p);
      if (plan === undefined) known.set(p, (plan = inPlans(p) && !excluded(p) && p !== config.lifecycle.registry && /\.md$/i.test(p)));
      return plan;
    };
  }
}

export interface IncomingLink {
  from: string;
  link: LinkInfo;
}

/**
 * For each target path, the links that reach it. Updated per document: a
 * model build re-indexes only the documents whose text changed since the
 * last build, so typing in one document costs its own links, not the
 * workspace's. It always describes the newest model built on its cache.
 */
export class IncomingIndex {
  readonly byTarget = new Map<string, IncomingLink[]>();
  /** The document each path was indexed from, its entries by link index, and the targets they went to. */
  private readonly indexed = new Map<string, { doc: Doc; entries: (IncomingLink | undefined)[]; targets: Set<string> }>();
  /** The documents of the last update. */
  private described?: ReadonlyMap<string, Doc>;

  /**
   * Describes `docs` from now on. With `since` (the documents of the last
   * update and the paths changed from them), only those paths are looked at.
   */
  update(docs: Map<string, Doc>, resolve: (doc: Doc, link: LinkInfo) => Resolution, since?: ModelChange): void {
    const paths = since && since.docs === this.described ? since.changed : undefined;
    this.described = docs;
    if (paths) {
      for (const path of paths) {
        const doc = docs.get(path);
        if (doc) this.index(doc, resolve);
        else {
          const entry = this.indexed.get(path);
          if (entry) this.remove(path, entry.targets);
        }
      }
      return;
    }
    for (const [path, entry] of this.indexed) if (!docs.has(path)) this.remove(path, entry.targets);
    for (const doc of docs.values()) this.index(doc, resolve);
  }

  private index(doc: Doc, resolve: (doc: Doc, link: LinkInfo) => Resolution): void {
    const known = this.indexed.get(doc.path);
    if (known?.doc === doc) return;
    if (known && sameDestinations(known.doc.links, doc.links)) {
      // Typing that moved links but kept every destination: the same
      // entries, pointing at the new link objects.
      known.entries.forEach((entry, i) => {
        if (entry) entry.link = doc.links[i];
      });
      known.doc = doc;
      return;
    }
    if (known) this.remove(doc.path, known.targets);
    const entries: (IncomingLink | undefined)[] = [];
    const targets = new Set<string>();
    for (const link of doc.links) {
      const r = resolve(doc, link);
      if (r.status !== 'ok') {
        entries.push(undefined);
        continue;
      }
      const entry = { from: doc.path, link };
      let list = this.byTarget.get(r.path);
      if (!list) this.byTarget.set(r.path, (list = []));
      list.push(entry);
      entries.push(entry);
      targets.add(r.path);
    }
    this.indexed.set(doc.path, { doc, entries, targets });
  }

  private remove(path: string, targets: Set<string>): void {
    this.indexed.delete(path);
    for (const target of targets) {
      const list = this.byTarget.get(target);
      if (!list) continue;
      const kept = list.filter((ref) => ref.from !== path);
      if (kept.length) this.byTarget.set(target, kept);
      else this.byTarget.delete(target);
    }
  }
}

/** Whether two versions of a document's links have the same forms and destinations, in order. */
export function sameDestinations(a: LinkInfo[], b: LinkInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].target !== b[i].target || a[i].kind !== b[i].kind) return false;
  return true;
}

/** A document's checked links: its markdown links plus labelled code-span paths. */
export function documentLinks(summary: DocSummary): LinkInfo[] {
  const links = summary.links.slice();
  for (const field of summary.fields) {
    if (!LINK_LABELS.has(field.key)) continue;
    // A field object that a re-parse kept (see chunked.ts) keeps its links too.
    let own = fieldLinks.get(field);
    if (!own) {
      own = [];
      for (const code of field.codes) {
        if (!looksLikePath(code.text)) continue;
        own.push({ kind: 'codespan', target: code.text, text: field.label, label: field.label, range: code.range, targetRange: code.range, item: field.item });
      }
      fieldLinks.set(field, own);
    }
    for (const link of own) links.push(link);
  }
  return links;
}

const fieldLinks = new WeakMap<FieldInfo, LinkInfo[]>();

/** What changed since an earlier model on the same cache: its documents, and the paths that may differ. */
export interface ModelChange {
  docs: ReadonlyMap<string, Doc>;
  changed: ReadonlySet<string>;
}

export class WorkspaceModel {
  readonly files: Set<string>;
  readonly dirs: Set<string>;
  readonly plans = new Map<string, Plan>();
  roadmap?: Roadmap;
  registry?: Registry;
  /** For each target path, the links that reach it. */
  readonly incoming: ReadonlyMap<string, readonly IncomingLink[]>;
  private readonly isPlanPath: (path: string) => boolean;
  private readonly resolutions: Map<string, Resolution>;
  private readonly resolved: WeakMap<LinkInfo, { path: string; resolution: Resolution }>;

  constructor(
    readonly config: Config,
    readonly cache: ModelCache,
    readonly docs: Map<string, Doc>,
    /** Files that could not be read, with the reason. */
    readonly skipped: Map<string, string>,
    /** The last model's documents and what changed since (typing): only those paths are looked at again. */
    since?: ModelChange,
  ) {
    this.files = cache.files;
    this.dirs = cache.dirs;
    this.isPlanPath = cache.isPlanPath;
    this.resolutions = cache.resolutions;
    this.resolved = cache.resolved;
    for (const doc of docs.values()) {
      if (!this.isPlanPath(doc.path)) continue;
      let plan = cache.plans.get(doc);
      if (!plan) cache.plans.set(doc, (plan = buildPlan(doc, config.standards.headings)));
      this.plans.set(doc.path, plan);
    }
    const roadmapPath = this.roadmapPath();
    const roadmapDoc = roadmapPath ? docs.get(roadmapPath) : undefined;
    if (roadmapDoc) this.roadmap = this.buildRoadmap(roadmapDoc);
    const registryDoc = docs.get(config.lifecycle.registry);
    if (registryDoc) this.registry = buildRegistry(registryDoc);
    cache.incoming.update(docs, (doc, link) => this.resolve(doc, link), since);
    this.incoming = cache.incoming.byTarget;
  }

  isPlan(path: string): boolean {
    return this.isPlanPath(path);
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.dirs.has(path.replace(/\/$/, ''));
  }

  /** The roadmap file in use: the configured one, else the first fallback that exists. */
  roadmapPath(): string | undefined {
    for (const p of [this.config.roadmap, ...this.config.roadmapFallbacks]) if (this.files.has(p)) return p;
    return undefined;
  }

  /** Resolves a link of `doc` against the workspace file list. */
  resolve(doc: Doc, link: LinkInfo): Resolution {
    const known = this.resolved.get(link);
    if (known?.path === doc.path) return known.resolution;
    // What decides the answer: whether the link is an unresolved reference, a
    // code span (resolved from the root too) or a link, its document, its destination.
    const form = link.kind === 'reference' && !link.target ? 'r' : link.kind === 'codespan' ? 'c' : 'l';
    // Kept for as long as the file list: a copy, not a slice of the document's text.
    const key = detached(`${form}\u0000${doc.path}\u0000${link.target}`);
    let resolution = this.resolutions.get(key);
    if (!resolution) this.resolutions.set(key, (resolution = this.resolveUncached(doc, link)));
    this.resolved.set(link, { path: doc.path, resolution });
    return resolution;
  }

  private resolveUncached(doc: Doc, link: LinkInfo): Resolution {
    if (link.kind === 'reference' && !link.target) return { status: 'unresolved-reference' };
    const target = link.target.trim();
    if (!target || hasScheme(target)) return { status: 'external' };
    const hash = target.indexOf('#');
    const pathPart = safeDecode((hash >= 0 ? target.slice(0, hash) : target).replace(/\?.*$/, ''));
    const fragment = hash >= 0 ? safeDecode(target.slice(hash + 1)) : undefined;
    if (pathPart === '') return { status: 'ok', path: doc.path, fragment };
    if (link.kind === 'codespan') {
      // Code-span paths are written from the repository root, or beside the document.
      const candidates = [joinPath('', pathPart), joinPath(dirname(doc.path), pathPart)].filter((p): p is string => p !== null);
      for (const c of candidates) if (this.exists(c)) return { status: 'ok', path: c, fragment };
      if (candidates.length === 0) return { status: 'outside' };
      return { status: 'missing', path: pathPart.includes('/') ? candidates[0] : candidates[candidates.length - 1], fragment };
    }
    const resolved = joinPath(pathPart.startsWith('/') ? '' : dirname(doc.path), pathPart);
    if (resolved === null) return { status: 'outside' };
    return this.exists(resolved) ? { status: 'ok', path: resolved, fragment } : { status: 'missing', path: resolved, fragment };
  }

  private buildRoadmap(doc: Doc): Roadmap {
    const { headings, items, fields } = doc.summary;
    const roadmap: Roadmap = {
      path: doc.path,
      doc,
      phases: [],
      currentPhase: fields.find((f) => f.key === 'current phase' && f.item < 0),
      lastUpdated: fields.find((f) => f.key === 'last updated' && f.item < 0),
    };
    headings.forEach((h, i) => {
      const m = /^Phase\s+(\d+(?:\.\d+)*)\b\s*[:.\-–—]?\s*(.*)$/i.exec(h.text.trim());
      if (!m || h.depth > 3) return;
      let endLine = doc.summary.lineCount - 1;
      for (let j = i + 1; j < headings.length; j++) {
        if (headings[j].depth <= h.depth) {
          endLine = headings[j].range.start.line - 1;
          break;
        }
      }
      roadmap.phases.push({ number: m[1], title: cleanPhaseTitle(m[2]), status: phaseStatus(h.text), heading: h, endLine, items: [], coverage: [] });
    });
    // Every list item belongs to its top-level ancestor (parents come first).
    const top = new Array<number>(items.length);
    for (let i = 0; i < items.length; i++) top[i] = items[i].parent < 0 ? i : top[items[i].parent];
    const linksByTop = new Map<number, LinkInfo[]>();
    for (const link of doc.links) {
      if (link.item < 0 || link.kind === 'definition') continue;
      const t = top[link.item];
      let list = linksByTop.get(t);
      if (!list) linksByTop.set(t, (list = []));
      list.push(link);
    }
    // The top-level items of each phase.
    const members = roadmap.phases.map((): number[] => []);
    let phaseIndex = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (it.parent >= 0) continue;
      const line = it.range.start.line;
      while (phaseIndex < roadmap.phases.length && roadmap.phases[phaseIndex].endLine < line) phaseIndex++;
      const phase = roadmap.phases[phaseIndex];
      if (!phase || phase.heading.range.start.line > line) continue;
      members[phaseIndex].push(i);
    }
    // A phase built from the same heading, item objects and link objects as
    // one of the last build's (typing elsewhere: a re-parse keeps the objects
    // of unchanged chunks) is that phase, items and all.
    const last = this.cache.lastRoadmap?.path === doc.path ? this.cache.lastRoadmap.phases : [];
    roadmap.phases = roadmap.phases.map((phase, k) => {
      const h = phase.heading;
      const sources: unknown[] = [h.text, h.slug, h.depth, h.range.start.line, h.range.end.character, phase.endLine];
      for (const i of members[k]) {
        sources.push(i, items[i]);
        for (const link of linksByTop.get(i) ?? []) sources.push(link);
        sources.push(undefined);
      }
      const known = last[k] && this.cache.phaseSources.get(last[k]);
      if (known && sameItems(known, sources)) return last[k];
      this.fillPhase(doc, phase, members[k], linksByTop);
      this.cache.phaseSources.set(phase, sources);
      return phase;
    });
    this.cache.lastRoadmap = roadmap;
    return roadmap;
  }

  /** Builds the items (and coverage links) of `phase` from its top-level list items. */
  private fillPhase(doc: Doc, phase: Phase, members: number[], linksByTop: Map<number, LinkInfo[]>): void {
    const items = doc.summary.items;
    for (const i of members) {
      const it = items[i];
      const links = (linksByTop.get(i) ?? []).map((l) => this.itemLink(doc, l));
      if (it.checked === null) {
        if (/^implementation coverage\b/i.test(it.text)) phase.coverage.push(...links.filter((l) => l.role !== 'related').map((l) => ({ ...l, role: 'implementation' as const })));
        continue;
      }
      const title = it.title ?? it.text.split('\n')[0];
      const cat = /^\[([^\]]+)\]\s*/.exec(title);
      const priority = /Priority:\s*([A-Za-z]+)/.exec(it.text);
      const roles = new Set(links.map((l) => l.role));
      const style: LinkStyle = links.some((l) => l.link.kind === 'inline' && l.link.item === i)
        ? 'inline'
        : links.some((l) => l.link.kind === 'codespan')
          ? 'labelled'
          : links.some((l) => l.link.kind === 'reference')
            ? 'reference'
            : 'none';
      phase.items.push({
        phase,
        index: i,
        item: it,
        title,
        category: cat?.[1],
        priority: priority?.[1],
        checked: it.checked === true,
        links,
        style,
        hasDesign: roles.has('design') || roles.has('decision'),
        hasImplementation: roles.has('implementation'),
      });
    }
    if (phase.coverage.length) for (const item of phase.items) item.hasImplementation = true;
  }

  private itemLink(doc: Doc, link: LinkInfo): ItemLink {
    // The same link object (kept by a re-parse) in the same file list gives the same answer.
    const known = this.cache.itemLinks.get(link);
    if (known?.path === doc.path) return known.itemLink;
    const itemLink = this.newItemLink(doc, link);
    this.cache.itemLinks.set(link, { path: doc.path, itemLink });
    return itemLink;
  }

  private newItemLink(doc: Doc, link: LinkInfo): ItemLink {
    const resolution = this.resolve(doc, link);
    const path = resolution.status === 'ok' || resolution.status === 'missing' ? resolution.path : undefined;
    let role = roleFromLabel(link.label ?? link.text);
    if (!role && path && (this.isPlan(path) || /\.md$/i.test(path))) {
      const kind = planKindOf(path).kind;
      role = kind === 'unknown' ? undefined : kind;
    }
    return { link, role: role ?? 'related', resolution, path };
  }

  /** Items of the roadmap that link to `path`. */
  itemsLinking(path: string): RoadmapItem[] {
    if (!this.roadmap) return [];
    const out: RoadmapItem[] = [];
    for (const phase of this.roadmap.phases)
      for (const item of phase.items) if (item.links.some((l) => l.path === path) || phase.coverage.some((l) => l.path === path)) out.push(item);
    return out;
  }
}

/** Whether two lists hold the same values and objects, in order. */
export function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function looksLikePath(text: string): boolean {
  return !/\s/.test(text) && (/\.md(#.*)?$/i.test(text) || (text.includes('/') && /\.[a-z0-9]+$/i.test(text)));
}

function cleanPhaseTitle(title: string): string {
  return title
    .replace(/[✅🔄📋]/gu, '')
    .replace(/\*\*?(COMPLETED|IN PROGRESS|PLANNED)\*\*?/gi, '')
    .replace(/(\s*[-–—:]?\s*\b(COMPLETED|IN PROGRESS|PLANNED)\b)+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function phaseStatus(text: string): PhaseStatus {
  if (/✅|\bCOMPLETED?\b/i.test(text)) return 'completed';
  if (/🔄|\bIN PROGRESS\b/i.test(text)) return 'in-progress';
  if (/📋|\bPLANNED\b/i.test(text)) return 'planned';
  return 'unknown';
}

/** Topic words that, next to "standards", make a heading a standards-compliance section. */
const STANDARDS_TOPIC = /\b(profile|enforce|enforcement|compliance|compliant|conformance|baseline)\b/i;

/** Whether a heading text names a standards-compliance section. */
export function isStandardsHeading(text: string, headings: readonly string[]): boolean {
  const t = text.toLowerCase();
  if (headings.some((h) => h.trim() !== '' && t.includes(h.toLowerCase()))) return true;
  return /\bstandards\b/i.test(text) && STANDARDS_TOPIC.test(text);
}

/**
 * The standards-compliance section of a document: the first heading below the
 * title that matches one of the configured `headings` (case-insensitive
 * substring) or says "standards" together with profile / enforcement /
 * compliance / conformance / baseline. It runs to the next heading of the same
 * or a higher level.
 */
export function findStandardsSection(summary: DocSummary, text: string, headings: readonly string[]): StandardsSection | undefined {
  const heading = summary.headings.find((h) => h.depth >= 2 && isStandardsHeading(h.text, headings));
  if (!heading) return undefined;
  const start = heading.range.start.line;
  let endLine = summary.lineCount - 1;
  for (const h of summary.headings) {
    if (h.range.start.line > start && h.depth <= heading.depth) {
      endLine = h.range.start.line - 1;
      break;
    }
  }
  const lines = text.split('\n').slice(heading.range.end.line + 1, endLine + 1);
  return { heading, endLine, text: lines.map((l) => l.replace(/\r$/, '')).join('\n') };
}

function buildPlan(doc: Doc, standardsHeadings: readonly string[]): Plan {
  const { kind, date, slug } = planKindOf(doc.path);
  const firstSection = doc.summary.headings.find((h) => h.depth >= 2)?.range.start.line ?? Infinity;
  const meta = new Map<string, FieldInfo>();
  for (const f of doc.summary.fields) {
    if (f.item >= 0 || f.line >= Math.max(firstSection, 40)) continue;
    if (!meta.has(f.key)) meta.set(f.key, f);
  }
  for (const [key, value] of Object.entries(doc.summary.frontmatter)) {
    const k = key.replace(/[_-]/g, ' ');
    if (!meta.has(k)) meta.set(k, { key: k, label: key, value, line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, valueRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, item: -1, codes: [] });
  }
  return { path: doc.path, doc, kind, fileDate: date, slug, meta, standards: findStandardsSection(doc.summary, doc.text, standardsHeadings) };
}

function buildRegistry(doc: Doc): Registry {
  const rows: RegistryRow[] = [];
  const base = dirname(doc.path);
  for (const table of doc.summary.tables) {
    const header = table.header.map((h) => h.toLowerCase());
    const planCol = header.findIndex((h) => h === 'plan');
    const stateCol = header.findIndex((h) => h.includes('lifecycle') || h === 'state' || h === 'status');
    if (planCol < 0 || stateCol < 0) continue;
    const byCol = header.findIndex((h) => h.includes('superseded by'));
    for (const row of table.rows) {
      const planCell = row.cells[planCol];
      const stateCell = row.cells[stateCol];
      if (!planCell || !stateCell) continue;
      const code = planCell.codes[0]?.text;
      const byCell = byCol >= 0 ? row.cells[byCol] : undefined;
      const byCode = byCell?.codes[0]?.text;
      rows.push({
        line: row.line,
        planCell,
        plan: code ? (joinPath(base, code) ?? undefined) : undefined,
        state: stateCell.text,
        stateRange: stateCell.range,
        supersededByCell: byCell,
        supersededBy: byCode ? (joinPath(base, byCode) ?? undefined) : undefined,
      });
    }
  }
  return { path: doc.path, doc, rows };
}
