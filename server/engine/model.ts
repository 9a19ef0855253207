/**
 * The workspace model the rules read: parsed documents, the roadmap (phases,
 * items, their links), the plans (kind, metadata, sections), the lifecycle
 * registry, and every link resolved against the file list.
 */
import type { Config, PlanKind } from './config';
import type { DocSummary, FieldInfo, HeadingInfo, LinkInfo, ListItemInfo, TableCell, TableInfo } from './markdown/parse';
import { textLines } from './markdown/split';
import {
  cellTitle,
  isCoverageLine,
  isDoneStatus,
  isSubNumber,
  listItemTitle,
  notAnItemSection,
  PHASE_LINE,
  type PhaseKind,
  type PhaseStatus,
  phaseStatus,
  roadmapSections,
  scopeKey,
  statusTableColumns,
} from './roadmap';
import { basename, dirname, hasScheme, isTemplateTarget, joinPath, matcher, safeDecode } from './paths';
import type { Range } from './types';
import { range } from './types';
import { detached } from './detach';
import { pushAll } from './arrays';
import { planMetadata } from './metadata';
import { DocsSiteIndex, type DocsSite, type RouteResolution } from './docsSites';

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

export type { PhaseKind, PhaseStatus } from './roadmap';

/**
 * A section of the roadmap that holds items: a phase (`## Phase 5: …`, a
 * sub-phase `### Phase 7.1` or `### 7a. …` in `## Phase 7`), a milestone, a
 * sub-project, or any other heading that directly holds task items
 * (`## Backlog`). Sections nest: an item belongs to the innermost one.
 */
export interface Phase {
  /** What `linkScope.phases` names the section by: `5`, `7.1`, `A.1`; `Milestone 3`, `M2`, `Sub-project B`; `Backlog`. */
  number: string;
  /** How messages name it: `Phase 7.1`, `Milestone 3`, `Backlog`. */
  label: string;
  kind: PhaseKind;
  title: string;
  status: PhaseStatus;
  heading: HeadingInfo;
  /** Last line of the phase section (inclusive). */
  endLine: number;
  /** The section this one is nested in (`## Phase 7` for `### Phase 7.1`), if any. */
  parent?: Phase;
  items: RoadmapItem[];
  /**
   * Phase-level links of this section (not of the ones it is nested in): an
   * "Implementation coverage:" line, a `See [design doc](…)` line or quote
   * under the heading. Those to existing files credit every item of the section.
   */
  coverage: ItemLink[];
}

export type LinkStyle = 'inline' | 'labelled' | 'reference' | 'none';

/** A row of a status table standing as a roadmap item. */
export interface TableRowItem {
  table: TableInfo;
  /** Index of the row in `table.rows`. */
  index: number;
  /** The cell that holds the item's title. */
  titleCell: TableCell;
}

export interface RoadmapItem {
  phase: Phase;
  /** Index of the list item in the roadmap's summary; for a table row, a number past the list items. */
  index: number;
  /** The list item; for a table row, a stand-in whose range is the row and whose title is the title cell. */
  item: ListItemInfo;
  /** Set when the item is a row of a status table. */
  row?: TableRowItem;
  title: string;
  /** Where the title is: the bold span, the title link, the plain text before its separator, the title cell. */
  titleRange?: Range;
  category?: string;
  priority?: string;
  checked: boolean;
  links: ItemLink[];
  /** Phase-level links of its section and of the sections that enclose it (only those to existing files credit it). */
  phaseLinks: ItemLink[];
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
  /** Number from the file name of a numbered record (`0007-title.md`), as written. */
  number?: string;
  /** File name without date or number and kind suffix. */
  slug: string;
  /** Metadata (bold lines near the top, front matter, plain Date / Status lines, ADR sections: see metadata.ts), by lower-case key. */
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
  /** Whether the registry has a table with Plan and Lifecycle columns (an empty one is an empty registry, not a broken one). */
  hasTable: boolean;
}

/** Labels of fields whose code spans are links. */
export const LINK_LABELS = new Set([
  'design',
  'design doc',
  'design document',
  'design reference',
  'design spec',
  'spec',
  'specification',
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

/** What a plan's file name says: its date or number, its slug, and the kind its suffix names. */
export interface PlanName {
  /** YYYY-MM-DD, from a dated name (`2026-03-18-foo-design.md`). */
  date?: string;
  /** The number of a numbered record (`0007-foo.md`), as written. */
  number?: string;
  /** The name without date or number, kind suffix and extension. */
  slug: string;
  /** The kind the suffix names (`-design`, `-implementation`, `-plan`, `-decision`, `-adr`), if any. */
  suffix?: PlanKind;
}

export interface PlanKindInfo extends PlanName {
  kind: PlanKind;
}

const KIND_SUFFIX = /-(design|implementation-plan|implementation|plan|decision|adr)$/i;
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})[-_](.+)$/;
/** `0001-title`, and with a record-type prefix `ADR-0001-title`, `adr_012_title`, `RFC-0042-title`. */
const NUMBERED_NAME = /^(?:(?:adr|rfc|dec|decision)[-_]?)?(\d{3,5})[-_](.+)$/i;

function suffixKind(suffix: string): PlanKind {
  const s = suffix.toLowerCase();
  return s === 'design' ? 'design' : s === 'decision' || s === 'adr' ? 'decision' : 'implementation';
}

/**
 * Reads a plan's file name. A dated or plain name's kind suffix names its
 * kind; a numbered record's title is only its title (`0077-audit-implementation.md`
 * is a decision record about an implementation), except `-adr` / `-decision`.
 */
export function planNameOf(path: string): PlanName {
  const stem = basename(path).replace(/\.md$/i, '');
  const numbered = NUMBERED_NAME.exec(stem);
  if (numbered && !DATED_NAME.test(stem)) {
    const m = /-(decision|adr)$/i.exec(numbered[2]);
    const slug = m && m.index > 0 ? numbered[2].slice(0, m.index) : numbered[2];
    return { number: numbered[1], slug, suffix: m && m.index > 0 ? 'decision' : undefined };
  }
  const dated = DATED_NAME.exec(stem);
  const rest = dated ? dated[2] : stem;
  const m = KIND_SUFFIX.exec(rest);
  if (m && m.index > 0) return { date: dated?.[1], slug: rest.slice(0, m.index), suffix: suffixKind(m[1]) };
  return { date: dated?.[1], slug: rest };
}

/**
 * The kind of the `planKinds` glob that matches `path`, if any: the most
 * specific (longest) glob wins when several do.
 */
export function planKindResolver(planKinds: Record<string, PlanKind>): (path: string) => PlanKind | undefined {
  let known = resolvers.get(planKinds);
  if (!known) {
    const globs = Object.entries(planKinds)
      .filter(([glob]) => glob.trim() !== '')
      .sort((a, b) => b[0].length - a[0].length)
      .map(([glob, kind]) => ({ test: matcher([glob]), kind }));
    known = (path) => globs.find((g) => g.test(path))?.kind;
    resolvers.set(planKinds, known);
  }
  return known;
}

const resolvers = new WeakMap<Record<string, PlanKind>, (path: string) => PlanKind | undefined>();

/**
 * A plan's kind: its file-name suffix wins, else the kind of the `planKinds`
 * glob it is under (`docs/superpowers/plans/**`: implementation), else unknown.
 * The engine asks `ModelCache.planKind`, which remembers the answers.
 */
export function planKindOf(path: string, planKinds: Record<string, PlanKind>): PlanKindInfo {
  const name = planNameOf(path);
  return { ...name, kind: name.suffix ?? planKindResolver(planKinds)(path) ?? 'unknown' };
}

export function roleFromLabel(label: string): LinkRole | undefined {
  const l = label.toLowerCase();
  if (/\b(design|spec|specification)\b/.test(l)) return 'design';
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
  /** A plan path's kind, date or number and slug, by the config's `planKinds` (see `planKindOf`). */
  readonly planKind: (path: string) => PlanKindInfo;
  /** Values rules derive from the file list and config only, by name. */
  readonly memo = new Map<string, unknown>();
  /** Links by target, kept up to date document by document (see `IncomingIndex`). */
  readonly incoming = new IncomingIndex();
  /** The roadmap of the last build, whose phases the next build may take over (see `buildRoadmap`). */
  lastRoadmap?: Roadmap;
  /** What each phase was built from: its heading, and its items' indices, objects and links. */
  readonly phaseSources = new WeakMap<Phase, unknown[]>();
  private siteIndex?: DocsSiteIndex | null;

  /** The pages of the docs sites by route, when there is a site and `conventions.docsSite` is not "off". */
  get docsSiteIndex(): DocsSiteIndex | undefined {
    if (this.siteIndex === undefined) this.siteIndex = this.docsSites.length && this.config.conventions.docsSite !== 'off' ? new DocsSiteIndex(this.docsSites, this.files) : null;
    return this.siteIndex ?? undefined;
  }

  constructor(
    readonly config: Config,
    /** The workspace's files, and its symbolic links to files (they exist too). */
    readonly files: Set<string>,
    /** Symbolic links to files of the workspace, with their targets (see `WorkspaceFiles.symlinks`). */
    readonly symlinks: ReadonlyMap<string, string> = new Map(),
    /** The documentation sites of the workspace (see docsSites.ts), whose pages link each other by route. */
    readonly docsSites: readonly DocsSite[] = [],
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
    const kinds = new Map<string, PlanKindInfo>();
    this.planKind = (p) => {
      let info = kinds.get(p);
      if (!info) kinds.set(p, (info = planKindOf(p, config.planKinds)));
      return info;
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
  /** An index of its own (a model apart from the engine's chain of builds), made when first asked for. */
  private ownIncoming?: IncomingIndex;
  private readonly isPlanPath: (path: string) => boolean;
  private readonly resolutions: Map<string, Resolution>;
  private readonly resolved: WeakMap<LinkInfo, { path: string; resolution: Resolution }>;

  constructor(
    readonly config: Config,
    readonly cache: ModelCache,
    readonly docs: Map<string, Doc>,
    /** Files that could not be read, with the reason. */
    readonly skipped: Map<string, string>,
    /**
     * The last model's documents and what changed since (typing): only those
     * paths are looked at again. `apart`: a model of some documents only (the
     * early check's), which must not disturb the cache's index of the
     * engine's models: its own index is built if a rule asks for it.
     */
    since?: ModelChange | 'apart',
  ) {
    this.files = cache.files;
    this.dirs = cache.dirs;
    this.isPlanPath = cache.isPlanPath;
    this.resolutions = cache.resolutions;
    this.resolved = cache.resolved;
    for (const doc of docs.values()) {
      if (!this.isPlanPath(doc.path)) continue;
      let plan = cache.plans.get(doc);
      if (!plan) cache.plans.set(doc, (plan = buildPlan(doc, cache)));
      this.plans.set(doc.path, plan);
    }
    const roadmapPath = this.roadmapPath();
    const roadmapDoc = roadmapPath ? docs.get(roadmapPath) : undefined;
    if (roadmapDoc) this.roadmap = this.buildRoadmap(roadmapDoc);
    const registryDoc = docs.get(config.lifecycle.registry);
    if (registryDoc) this.registry = buildRegistry(registryDoc);
    if (since !== 'apart') cache.incoming.update(docs, (doc, link) => this.resolve(doc, link), since);
    else this.apart = true;
  }

  private readonly apart: boolean = false;

  /** For each target path, the links that reach it. */
  get incoming(): ReadonlyMap<string, readonly IncomingLink[]> {
    if (!this.apart) return this.cache.incoming.byTarget;
    if (!this.ownIncoming) {
      this.ownIncoming = new IncomingIndex();
      this.ownIncoming.update(this.docs, (doc, link) => this.resolve(doc, link));
    }
    return this.ownIncoming.byTarget;
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
    if (resolved !== null && this.exists(resolved)) return { status: 'ok', path: resolved, fragment };
    // In a docs site's content, a link that GitHub cannot follow may be a route of the site.
    const route = this.routeOf(doc, pathPart);
    if (route) return { status: route.status, path: route.path, fragment };
    if (resolved === null) return { status: 'outside' };
    return { status: 'missing', path: resolved, fragment };
  }

  /**
   * How a docs site reads the link path `pathPart` of `doc` (see
   * `DocsSiteIndex.resolve`), when `doc` is a page of one and the path is a
   * route there. Undefined for every other document and link.
   */
  routeOf(doc: Doc, pathPart: string): RouteResolution | undefined {
    const index = this.cache.docsSiteIndex;
    const page = index?.pageOf(doc.path);
    return page ? index!.resolve(page, pathPart, (p) => this.exists(p)) : undefined;
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
    // The roadmap item each list item belongs to: a task item with no task
    // item above it is one (at the top of its section or under a plain
    // grouping bullet); nested task items and bullets belong to it; -1 for
    // plain bullets with no task item above them (notes, grouping bullets).
    const owner = new Int32Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const up = items[i].parent < 0 ? -1 : owner[items[i].parent];
      owner[i] = up >= 0 ? up : items[i].checked !== null ? i : -1;
    }
    // The heading whose region (up to the next heading) holds a line, or -1 above the first heading.
    const headingAt = (line: number): number => {
      let lo = 0;
      let hi = headings.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (headings[mid].range.start.line <= line) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    };
    const holds = new Uint8Array(headings.length);
    for (let i = 0; i < items.length; i++) {
      if (owner[i] !== i) continue;
      const k = headingAt(items[i].range.start.line);
      if (k >= 0) holds[k] = 1;
    }
    const { sections, innermost } = roadmapSections(headings, doc.summary.lineCount, (k) => holds[k] === 1);
    const sectionAt = (line: number) => {
      const k = headingAt(line);
      return k >= 0 ? innermost[k] : -1;
    };
    // What each section holds: its roadmap items, the rows of its status tables, its phase-level lines.
    const members = sections.map((): number[] => []);
    for (let i = 0; i < items.length; i++) {
      if (owner[i] !== i) continue;
      const p = sectionAt(items[i].range.start.line);
      if (p >= 0) members[p].push(i);
    }
    const rows = sections.map((): RowSource[] => []);
    let serial = items.length;
    for (const table of doc.summary.tables) {
      const columns = statusTableColumns(table.header);
      if (!columns) continue;
      const p = sectionAt(table.range.start.line);
      if (p < 0) continue;
      table.rows.forEach((row, index) => {
        if (row.cells[columns.title]?.text.trim()) rows[p].push({ table, index, columns, serial: serial++ });
      });
    }
    const firstItemLine = sections.map((_, p) => Math.min(members[p].length ? items[members[p][0]].range.start.line : Infinity, rows[p].length ? rows[p][0].table.rows[rows[p][0].index].line : Infinity));
    const linksByOwner = new Map<number, LinkInfo[]>();
    const linksByLine = new Map<number, LinkInfo[]>();
    const phaseLines = sections.map((): PhaseLineSource[] => []);
    let lines: string[] | undefined;
    for (const link of doc.links) {
      if (link.kind === 'definition') continue;
      if (link.item >= 0) {
        const o = owner[link.item];
        if (o >= 0) {
          let list = linksByOwner.get(o);
          if (!list) linksByOwner.set(o, (list = []));
          list.push(link);
          continue;
        }
        // A top-level plain bullet that links the section's docs: "- Implementation coverage: …".
        let top = link.item;
        while (items[top].parent >= 0) top = items[top].parent;
        if (!PHASE_LINE.test(items[top].text)) continue;
        const p = sectionAt(items[top].range.start.line);
        if (p >= 0) phaseLines[p].push({ link, coverage: isCoverageLine(items[top].text) });
        continue;
      }
      const line = link.range.start.line;
      let list = linksByLine.get(line);
      if (!list) linksByLine.set(line, (list = []));
      list.push(link);
      // A paragraph or quote directly under the section heading, before its
      // first item: "See [design doc](…)", "**Design:** `…`".
      const p = sectionAt(line);
      if (p < 0 || headingAt(line) !== sections[p].headingIndex || line >= firstItemLine[p]) continue;
      lines ??= textLines(doc);
      const text = lines[line] ?? '';
      if (PHASE_LINE.test(text)) phaseLines[p].push({ link, coverage: isCoverageLine(text) });
    }
    if (members.some((m) => m.length) || rows.some((r) => r.length)) lines ??= textLines(doc);
    // A section built from the same heading, nesting, item objects and link
    // objects as one of the last build's (typing elsewhere: a re-parse keeps
    // the objects of unchanged chunks) is that section, items and all.
    const last = this.cache.lastRoadmap?.path === doc.path ? this.cache.lastRoadmap.phases : [];
    roadmap.phases = sections.map((s, k) => {
      const h = s.heading;
      const sources: unknown[] = [s.head.kind, s.head.number, s.head.label, s.head.title, h.text, h.slug, h.depth, h.range.start.line, h.range.end.character, s.endLine, s.parent];
      // The enclosing sections' phase-level links by value: typing elsewhere in the parent's chunk makes new link objects of the same links.
      for (let a = s.parent; a >= 0; a = sections[a].parent) for (const pl of phaseLines[a]) sources.push(phaseLineKey(pl));
      sources.push(undefined);
      for (const pl of phaseLines[k]) sources.push(pl.link, pl.coverage);
      sources.push(undefined);
      for (const i of members[k]) {
        sources.push(i, items[i]);
        for (const link of linksByOwner.get(i) ?? []) sources.push(link);
        sources.push(undefined);
      }
      for (const r of rows[k]) {
        sources.push(r.table, r.index, r.serial);
        for (const link of linksByLine.get(r.table.rows[r.index].line) ?? []) sources.push(link);
        sources.push(undefined);
      }
      const known = last[k] && this.cache.phaseSources.get(last[k]);
      if (known && sameItems(known, sources)) return last[k];
      const phase: Phase = { number: s.head.number, label: s.head.label, kind: s.head.kind, title: s.head.title, status: phaseStatus(h.text), heading: h, endLine: s.endLine, items: [], coverage: [] };
      const inherited: ItemLink[] = [];
      for (let a = s.parent; a >= 0; a = sections[a].parent) pushAll(inherited, this.phaseLinks(doc, phaseLines[a]));
      this.fillPhase(doc, lines!, phase, members[k], rows[k], this.phaseLinks(doc, phaseLines[k]), inherited, linksByOwner, linksByLine);
      this.cache.phaseSources.set(phase, sources);
      return phase;
    });
    // The nesting, on kept sections too (their parent may be a new object of the same heading).
    sections.forEach((s, k) => (roadmap.phases[k].parent = s.parent >= 0 ? roadmap.phases[s.parent] : undefined));
    this.cache.lastRoadmap = roadmap;
    return roadmap;
  }

  /** The design, decision and implementation links of a section's phase-level lines. */
  private phaseLinks(doc: Doc, lines: PhaseLineSource[]): ItemLink[] {
    const out: ItemLink[] = [];
    for (const { link, coverage } of lines) {
      const l = this.itemLink(doc, link);
      if (l.role === 'related') continue;
      out.push(coverage ? { ...l, role: 'implementation' } : l);
    }
    return out;
  }

  /** Builds the items of `phase` from its roadmap list items and status-table rows, in document order. */
  private fillPhase(
    doc: Doc,
    lines: string[],
    phase: Phase,
    members: number[],
    rows: RowSource[],
    own: ItemLink[],
    inherited: ItemLink[],
    linksByOwner: Map<number, LinkInfo[]>,
    linksByLine: Map<number, LinkInfo[]>,
  ): void {
    const items = doc.summary.items;
    phase.coverage = own;
    const phaseLinks = own.length || inherited.length ? [...own, ...inherited] : NO_LINKS;
    // Only phase-level links to files that exist credit the items.
    const credit = new Set(phaseLinks.filter((l) => l.resolution.status === 'ok').map((l) => l.role));
    const add = (item: Omit<RoadmapItem, 'phase' | 'phaseLinks' | 'hasDesign' | 'hasImplementation' | 'category'>) => {
      const roles = new Set(item.links.map((l) => l.role));
      const cat = /^\[([^\]]+)\]\s*/.exec(item.title);
      phase.items.push({
        phase,
        ...item,
        category: cat?.[1],
        phaseLinks,
        hasDesign: roles.has('design') || roles.has('decision') || credit.has('design') || credit.has('decision'),
        hasImplementation: roles.has('implementation') || credit.has('implementation'),
      });
    };
    let r = 0;
    const addRowsBefore = (line: number) => {
      for (; r < rows.length && rows[r].table.rows[rows[r].index].line < line; r++) add(this.rowItem(doc, lines, rows[r], linksByLine));
    };
    for (const i of members) {
      const it = items[i];
      const line = it.range.start.line;
      addRowsBefore(line);
      const own = linksByOwner.get(i) ?? NO_LINK_INFOS;
      const links = own.map((l) => this.itemLink(doc, l));
      const { title, range: titleRange } = listItemTitle(lines[line] ?? '', line, it, own.filter((l) => l.item === i));
      const priority = /Priority:\s*([A-Za-z]+)/.exec(it.text);
      const style: LinkStyle = links.some((l) => l.link.kind === 'inline' && l.link.item === i)
        ? 'inline'
        : links.some((l) => l.link.kind === 'codespan')
          ? 'labelled'
          : links.some((l) => l.link.kind === 'reference')
            ? 'reference'
            : 'none';
      add({ index: i, item: it, title, titleRange, priority: priority?.[1], checked: it.checked === true, links, style });
    }
    addRowsBefore(Infinity);
  }

  /** A status-table row as a roadmap item: done from its Status cell, titled by its title cell, linked by the links in the row. */
  private rowItem(doc: Doc, lines: string[], source: RowSource, linksByLine: Map<number, LinkInfo[]>): Omit<RoadmapItem, 'phase' | 'phaseLinks' | 'hasDesign' | 'hasImplementation' | 'category'> {
    const { table, index, columns } = source;
    const row = table.rows[index];
    const text = lines[row.line] ?? '';
    const cell = row.cells[columns.title];
    const checked = isDoneStatus(row.cells[columns.status]?.text ?? '');
    const own = linksByLine.get(row.line) ?? NO_LINK_INFOS;
    // A link that says nothing of its role takes its column's: a link in the Design column is a design link.
    const links = own.map((l) => {
      const link = this.itemLink(doc, l);
      if (link.role !== 'related') return link;
      const column = row.cells.findIndex((c) => c.range.start.character <= l.range.start.character && l.range.end.character <= c.range.end.character);
      const role = column >= 0 && table.header[column] ? roleFromLabel(table.header[column]) : undefined;
      return role ? { ...link, role } : link;
    });
    const { title, range: titleRange } = cellTitle(text, cell, own);
    const start = text.length - text.trimStart().length;
    // The stand-in list item the rules and fixes read: the row's range, the title cell's text and range.
    const item: ListItemInfo = {
      parent: -1,
      checked,
      range: range(row.line, start, row.line, text.length),
      contentColumn: start,
      text: cell.text,
      title,
      titleRange,
      firstLineEnd: { line: row.line, character: text.length },
    };
    const priorityColumn = table.header.findIndex((h) => /^priority$/i.test(h.trim()));
    const priority = priorityColumn >= 0 ? /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(row.cells[priorityColumn]?.text ?? '')?.[1] : undefined;
    // Never the labelled style: a sub-bullet after a row would end the table.
    const style: LinkStyle = links.some((l) => l.link.kind === 'inline') ? 'inline' : links.some((l) => l.link.kind === 'reference') ? 'reference' : 'none';
    return { index: source.serial, item, row: { table, index, titleCell: cell }, title, titleRange, priority, checked, links, style };
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
      const kind = this.cache.planKind(path).kind;
      role = kind === 'unknown' ? undefined : kind;
    }
    return { link, role: role ?? 'related', resolution, path };
  }

  /** Items of the roadmap that link to `path`. */
  itemsLinking(path: string): RoadmapItem[] {
    if (!this.roadmap) return [];
    const out: RoadmapItem[] = [];
    for (const phase of this.roadmap.phases)
      for (const item of phase.items) if (item.links.some((l) => l.path === path) || item.phaseLinks.some((l) => l.path === path)) out.push(item);
    return out;
  }
}

/**
 * Whether `phase` is the section `key` names, by number or label (`7.1`,
 * `Phase 7.1`, `Backlog`; case and blanks aside), or is nested in it: `7`
 * names Phase 7 and its sub-phases 7.1 and 7a.
 */
export function phaseNamed(phase: Phase, key: string): boolean {
  const k = scopeKey(key);
  for (let p: Phase | undefined = phase; p; p = p.parent) if (scopeKey(p.number) === k || scopeKey(p.label) === k) return true;
  return false;
}

/** Whether `phase` is `outer` or nested in it. */
export function phaseWithin(phase: Phase, outer: Phase): boolean {
  for (let p: Phase | undefined = phase; p; p = p.parent) if (p === outer) return true;
  return false;
}

/** The items of `outer` and of the sections nested in it, in document order. */
export function itemsWithin(roadmap: Roadmap, outer: Phase): RoadmapItem[] {
  return roadmap.phases.filter((p) => phaseWithin(p, outer)).flatMap((p) => p.items);
}

/** A status-table row a section holds, with the table's columns and its item index. */
interface RowSource {
  table: TableInfo;
  index: number;
  columns: { status: number; title: number };
  serial: number;
}

/** A link of a phase-level line; `coverage` for an "Implementation coverage:" line (its links are implementation links). */
interface PhaseLineSource {
  link: LinkInfo;
  coverage: boolean;
}

/** What decides a phase-level link's credit and place: its form, destination, text, label and range. */
function phaseLineKey({ link, coverage }: PhaseLineSource): string {
  const r = link.range;
  return detached([link.kind, link.target, link.text, link.label ?? '', r.start.line, r.start.character, r.end.line, r.end.character, coverage].join('\u0000'));
}

const NO_LINKS: ItemLink[] = [];
const NO_LINK_INFOS: LinkInfo[] = [];

/** Whether two lists hold the same values and objects, in order. */
export function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function looksLikePath(text: string): boolean {
  if (/\s/.test(text) || NOT_WORKSPACE_PATH.test(text) || isTemplateTarget(text)) return false;
  // An extension alone (`.md`), or code: a call (`load(x.md)`), a quoted string.
  if (/^\.[a-z0-9]+$/i.test(text) || /\w\(.*\)|['"]/.test(text)) return false;
  return /\.md(#.*)?$/i.test(text) || (text.includes('/') && /\.[a-z0-9]+$/i.test(text));
}

/**
 * A code span that names a file, but not one of the repository: in the home
 * folder (`~/.config/app.toml`), behind a variable (`$HOME/x`, `%APPDATA%\x`)
 * or in a system folder (`/tmp/app.sock`, `/etc/app.conf`). A path into a
 * user's folder (`/Users/me/repo/docs/x.md`, `C:\src\…`) stays a link: it is
 * the author's copy of a repository file (RG003 says so).
 */
const NOT_WORKSPACE_PATH = /^(?:~|\$|%[A-Za-z_]+%|\/(?:tmp|etc|usr|var|opt|dev|proc|sys|run|Library|Applications|Volumes|srv)\/)/;

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

function buildPlan(doc: Doc, cache: ModelCache): Plan {
  const { kind, date, number, slug } = cache.planKind(doc.path);
  const meta = planMetadata(doc, kind, cache.config.planStatuses);
  return { path: doc.path, doc, kind, fileDate: date, number, slug, meta, standards: findStandardsSection(doc.summary, doc.text, cache.config.standards.headings) };
}

function buildRegistry(doc: Doc): Registry {
  const rows: RegistryRow[] = [];
  const base = dirname(doc.path);
  let hasTable = false;
  for (const table of doc.summary.tables) {
    const header = table.header.map((h) => h.toLowerCase());
    const planCol = header.findIndex((h) => h === 'plan');
    const stateCol = header.findIndex((h) => h.includes('lifecycle') || h === 'state' || h === 'status');
    if (planCol < 0 || stateCol < 0) continue;
    hasTable = true;
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
  return { path: doc.path, doc, rows, hasTable };
}
