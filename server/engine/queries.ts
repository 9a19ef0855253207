/**
 * Protocol-free answers to editor questions: what is at a position, which
 * plans an item links, which items link a plan, hover text, document links,
 * path completion, the edits a rename needs, and the coverage figures.
 * The language server turns these into LSP types; nothing here knows LSP.
 */
import { codePathCandidates, codePathMentionsOf, codePathsOf, isLink } from './codePaths';
import { coverageCredit, inLinkScope } from './coverage';
import type { LinkInfo } from './markdown/parse';
import type { Doc, ItemLink, Phase, RoadmapItem, WorkspaceModel } from './model';
import { basename, dirname, hasScheme, joinPath, relativePath } from './paths';
import { rewriteTarget } from './rules/broken-link';
import type { Position, Range, TextEdit } from './types';
import { containsPosition, range } from './types';

/** A place in the workspace: a path and a range in it. */
export interface Location {
  path: string;
  range: Range;
}

const START = range(0, 0);

/** The top-level roadmap item whose lines hold `pos` (sub-bullets included), if `path` is the roadmap. */
export function itemAt(model: WorkspaceModel, path: string, pos: Position): RoadmapItem | undefined {
  const roadmap = model.roadmap;
  if (!roadmap || roadmap.path !== path) return undefined;
  for (const phase of roadmap.phases) {
    if (pos.line < phase.heading.range.start.line || pos.line > phase.endLine) continue;
    for (const item of phase.items) if (containsPosition(item.item.range, pos)) return item;
  }
  return undefined;
}

/**
 * The existing docs of `kind` that `item` links (for implementation plans,
 * with its phase's "Implementation coverage:" links), as workspace paths.
 */
export function linkedDocs(item: RoadmapItem, kind: 'design' | 'implementation' | 'decision'): string[] {
  const links = item.links.filter((l) => l.role === kind);
  if (kind === 'implementation') links.push(...item.phase.coverage);
  return [...new Set(links.filter((l) => l.resolution.status === 'ok' && l.path).map((l) => l.path!))];
}

/** Every roadmap item, in document order. */
export function allItems(model: WorkspaceModel): RoadmapItem[] {
  return model.roadmap ? model.roadmap.phases.flatMap((p) => p.items) : [];
}

/** The link of `path` under `pos` (its text or its destination). */
export function linkAt(model: WorkspaceModel, path: string, pos: Position): LinkInfo | undefined {
  const doc = model.docs.get(path);
  if (!doc) return undefined;
  return doc.links.find((l) => containsPosition(l.range, pos) || containsPosition(l.targetRange, pos));
}

/** The item's links plus the phase-level links of its section and the sections around it. */
export function linksOfItem(item: RoadmapItem): ItemLink[] {
  return [...item.links, ...item.phaseLinks];
}

/** The `**Status:**` of a plan (metadata or front matter), if it has one. */
export function planStatus(model: WorkspaceModel, path: string): string | undefined {
  return model.plans.get(path)?.meta.get('status')?.value.replace(/\*+/g, '').trim() || undefined;
}

/** The range of the heading `fragment` names in `path`, else the file start. */
export function fragmentRange(model: WorkspaceModel, path: string, fragment?: string): Range {
  if (!fragment) return START;
  const doc = model.docs.get(path);
  const wanted = fragment.toLowerCase();
  const heading = doc?.summary.headings.find((h) => h.slug === wanted) ?? doc?.summary.innerHeadings.find((h) => h.slug === wanted);
  return heading ? heading.range : START;
}

/** Markdown shown when hovering a roadmap item. */
export function itemHover(model: WorkspaceModel, item: RoadmapItem): string {
  const lines: string[] = [];
  lines.push(`**${item.title}** — ${item.phase.label}${item.phase.title ? `: ${item.phase.title}` : ''}${item.checked ? ' (done)' : ''}`);
  lines.push('');
  const links = linksOfItem(item);
  const describe = (role: 'design' | 'implementation', has: boolean) => {
    const label = role === 'design' ? 'Design' : 'Implementation';
    const mine = links.filter((l) => l.role === role || (role === 'design' && l.role === 'decision'));
    if (!has || mine.length === 0) return `- ${label}: missing`;
    return mine
      .map((l) => {
        const path = l.path ?? l.link.target;
        if (l.resolution.status !== 'ok') return `- ${label}: \`${path}\` (file not found)`;
        const status = planStatus(model, path);
        return `- ${label}: \`${path}\`${status ? ` — Status: ${status}` : ''}`;
      })
      .join('\n');
  };
  lines.push(describe('design', item.hasDesign));
  lines.push(describe('implementation', item.hasImplementation));
  for (const l of links.filter((x) => x.role === 'related' && x.resolution.status === 'ok' && x.path && model.isPlan(x.path))) {
    const status = planStatus(model, l.path!);
    lines.push(`- Related: \`${l.path}\`${status ? ` — Status: ${status}` : ''}`);
  }
  return lines.join('\n');
}

/** Links of `path` that resolve to an existing file in the workspace: for `textDocument/documentLink`. */
export function documentLinks(model: WorkspaceModel, path: string): { range: Range; target: string; fragment?: string }[] {
  const doc = model.docs.get(path);
  if (!doc) return [];
  const out: { range: Range; target: string; fragment?: string }[] = [];
  for (const link of doc.links) {
    if (link.kind === 'reference') continue;
    const r = model.resolve(doc, link);
    if (r.status !== 'ok' || (r.path === path && link.kind !== 'codespan' && !link.target.replace(/#.*/, ''))) continue;
    out.push({ range: link.targetRange, target: r.path, fragment: r.fragment });
  }
  return out;
}

/**
 * Where "go to definition" leads from `pos`: a link to its target (the
 * heading its fragment names), a roadmap item to every doc it links.
 */
export function definitionTargets(model: WorkspaceModel, path: string, pos: Position): Location[] {
  const doc = model.docs.get(path);
  if (!doc) return [];
  const link = linkAt(model, path, pos);
  if (link) {
    const r = model.resolve(doc, link);
    if (r.status === 'ok') return [{ path: r.path, range: fragmentRange(model, r.path, r.fragment) }];
    return [];
  }
  const item = itemAt(model, path, pos);
  if (!item) return [];
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const l of linksOfItem(item)) {
    if (l.resolution.status !== 'ok' || !l.path || seen.has(l.path)) continue;
    seen.add(l.path);
    out.push({ path: l.path, range: fragmentRange(model, l.path, l.resolution.fragment) });
  }
  return out;
}

/** The range that shows a roadmap item: its title, else its first line. */
export function itemRange(item: RoadmapItem): Range {
  return item.titleRange ?? { start: item.item.range.start, end: item.item.firstLineEnd };
}

/**
 * "Find references" on a plan: the roadmap items that link it first, then
 * every other link to it from other documents.
 */
/**
 * The file Find References at `pos` of `path` is about: the target of the
 * link or code-span path there, else the document itself.
 */
export function referenceSubject(model: WorkspaceModel, path: string, pos: Position): string {
  const doc = model.docs.get(path);
  if (!doc) return path;
  const link = linkAt(model, path, pos);
  if (link) {
    const r = model.resolve(doc, link);
    return r.status === 'ok' ? r.path : path;
  }
  const mention = codePathsOf(doc).find((m) => containsPosition(m.range, pos));
  const named = mention && codePathCandidates(doc, mention.written).find((c) => model.files.has(c.path));
  return named ? named.path : path;
}

export function referencesTo(model: WorkspaceModel, path: string): Location[] {
  const out: Location[] = [];
  const roadmapPath = model.roadmap?.path;
  for (const item of model.itemsLinking(path)) out.push({ path: roadmapPath!, range: itemRange(item) });
  const others: Location[] = [];
  for (const ref of model.incoming.get(path) ?? []) {
    if (ref.from === roadmapPath || ref.from === path) continue;
    others.push({ path: ref.from, range: ref.link.range });
  }
  // Code-span paths that name it (what RG007 counts as a reference too), the roadmap's included.
  for (const { path: from, mention } of codePathMentionsOf(model, path)) (from === roadmapPath ? out : others).push({ path: from, range: mention.range });
  others.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out.concat(others);
}

// ---- Completion ----

export interface PathCompletion {
  /** The path as it would be written. */
  label: string;
  /** The workspace path it names. */
  path: string;
  /** The range the typed prefix occupies: replace it with `label`. */
  range: Range;
}

/** What is being typed at `character` of `lineText`: a link destination, a labelled code span, or nothing. */
export function completionContext(lineText: string, character: number): { style: 'relative' | 'root'; prefix: string; start: number } | undefined {
  const before = lineText.slice(0, character);
  const link = /\]\(<?([^()\s<>]*)$/.exec(before);
  if (link) return { style: 'relative', prefix: link[1], start: character - link[1].length };
  // A code span in the value of a `**Label:**` line: count backticks before the cursor.
  const field = /^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?)?\*\*[^*\n]+?\*\*:?/.exec(lineText);
  if (field && before.length >= field[0].length) {
    const ticks = before.slice(field[0].length).split('`').length - 1;
    if (ticks % 2 === 1) {
      const open = before.lastIndexOf('`');
      const prefix = before.slice(open + 1);
      if (!/\s/.test(prefix)) return { style: 'root', prefix, start: open + 1 };
    }
  }
  return undefined;
}

/**
 * Paths to offer at `pos` of `docPath`: workspace files (markdown first)
 * whose written form starts with the typed prefix. At most `limit`.
 */
export function pathCompletions(model: WorkspaceModel, docPath: string, lineText: string, pos: Position, limit = 200): { items: PathCompletion[]; incomplete: boolean } {
  const context = completionContext(lineText, pos.character);
  if (!context) return { items: [], incomplete: false };
  const from = dirname(docPath);
  const prefix = context.prefix.replace(/#.*$/, '');
  if (context.prefix.includes('#')) return { items: [], incomplete: false };
  const written = (file: string) => (context.style === 'root' ? file : relativePath(from, file));
  const files = [...model.files].filter((f) => f !== docPath).sort((a, b) => Number(!/\.md$/i.test(a)) - Number(!/\.md$/i.test(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const r = range(pos.line, context.start, pos.line, pos.character);
  const items: PathCompletion[] = [];
  let incomplete = false;
  for (const file of files) {
    const label = written(file);
    if (!label.toLowerCase().startsWith(prefix.toLowerCase()) && !basename(file).toLowerCase().startsWith(prefix.toLowerCase())) continue;
    if (items.length >= limit) {
      incomplete = true;
      break;
    }
    items.push({ label, path: file, range: r });
  }
  return { items, incomplete };
}

// ---- Rename ----

/** Maps an old workspace path to its new one; a rename of a folder moves everything under it. */
function renameMapper(renames: { oldPath: string; newPath: string }[]): (path: string) => string | undefined {
  return (path) => {
    for (const { oldPath, newPath } of renames) {
      if (path === oldPath) return newPath;
      if (path.startsWith(oldPath + '/')) return newPath + path.slice(oldPath.length);
    }
    return undefined;
  };
}

/**
 * The edits that keep every link right when files or folders are renamed or
 * moved: links to a moved file get its new path, and relative links inside a
 * moved file are rewritten from its new folder. Keys are the paths the edits
 * apply to before the move.
 */
export function renameEdits(model: WorkspaceModel, renames: { oldPath: string; newPath: string }[]): Map<string, TextEdit[]> {
  const moved = renameMapper(renames);
  const edits = new Map<string, TextEdit[]>();
  const add = (path: string, edit: TextEdit) => {
    let list = edits.get(path);
    if (!list) edits.set(path, (list = []));
    if (!list.some((e) => e.range.start.line === edit.range.start.line && e.range.start.character === edit.range.start.character)) list.push(edit);
  };
  for (const doc of model.docs.values()) {
    const docMoved = moved(doc.path);
    for (const link of doc.links) {
      if (link.kind === 'reference' || hasScheme(link.target.trim())) continue;
      const r = model.resolve(doc, link);
      if (r.status !== 'ok') continue;
      const targetMoved = moved(r.path);
      if (!targetMoved && !docMoved) continue;
      if (r.path === doc.path && !link.target.replace(/#.*/, '')) continue; // a same-file fragment
      const newTarget = targetMoved ?? r.path;
      const text = rewriteFrom(doc, docMoved ?? doc.path, link, newTarget, r.path);
      if (text !== link.target.trim()) add(doc.path, { range: link.targetRange, newText: text });
    }
    // Code-span paths (what RG007 counts as references): root-relative ones stay root-relative.
    for (const mention of codePathsOf(doc)) {
      if (isLink(doc, mention)) continue;
      const named = codePathCandidates(doc, mention.written).find((c) => model.files.has(c.path));
      if (!named) continue;
      const targetMoved = moved(named.path);
      if (!targetMoved && (!docMoved || named.style === 'root')) continue;
      const newTarget = targetMoved ?? named.path;
      const text = named.style === 'root' ? (mention.written.startsWith('/') ? '/' : '') + newTarget : relativePath(dirname(docMoved ?? doc.path), newTarget);
      if (text !== mention.written) add(doc.path, { range: mention.range, newText: text });
    }
  }
  return edits;
}

/** `rewriteTarget`, as seen from the document's (possibly new) location. */
function rewriteFrom(doc: Doc, docPath: string, link: LinkInfo, target: string, resolved: string): string {
  if (docPath === doc.path) return rewriteTarget(doc, link, target);
  const hash = link.target.indexOf('#');
  const fragment = hash >= 0 ? link.target.slice(hash) : '';
  // A code span written from the repository root stays root-relative.
  if (link.kind === 'codespan' && joinPath('', link.target.replace(/#.*/, '').trim()) === resolved) return target + fragment;
  if (link.target.startsWith('/')) return '/' + target + fragment;
  return relativePath(dirname(docPath), target) + fragment;
}

// ---- Coverage ----

export interface CoverageTotals {
  items: number;
  design: number;
  implementation: number;
  both: number;
  missing: number;
}

export interface CoveragePlanRef {
  role: ItemLink['role'];
  path?: string;
  exists: boolean;
  status?: string;
}

export interface CoverageItemInfo {
  title: string;
  category?: string;
  checked: boolean;
  /** Whether the config's link scope covers the item: only those are counted (as the CLI's matrix counts them). */
  inScope: boolean;
  range: Range;
  hasDesign: boolean;
  hasImplementation: boolean;
  plans: CoveragePlanRef[];
}

export interface CoveragePhaseInfo {
  number: string;
  /** How the roadmap names the section: `Phase 7.1`, `Milestone 3`, `Backlog`. */
  label: string;
  title: string;
  status: Phase['status'];
  items: CoverageItemInfo[];
  totals: CoverageTotals;
}

export interface CoverageInfo {
  roadmap?: string;
  phases: CoveragePhaseInfo[];
  totals: CoverageTotals;
}

export function emptyTotals(): CoverageTotals {
  return { items: 0, design: 0, implementation: 0, both: 0, missing: 0 };
}

export function addTotals(into: CoverageTotals, more: CoverageTotals): CoverageTotals {
  into.items += more.items;
  into.design += more.design;
  into.implementation += more.implementation;
  into.both += more.both;
  into.missing += more.missing;
  return into;
}

/**
 * The coverage of the roadmap: per phase, each item with its plans and their
 * Status. Every item is listed; the totals count the items in the link scope,
 * so the figure is the coverage matrix's (`coverage.ts`, the CLI).
 */
export function coverageOf(model: WorkspaceModel): CoverageInfo {
  const info: CoverageInfo = { roadmap: model.roadmap?.path, phases: [], totals: emptyTotals() };
  for (const phase of model.roadmap?.phases ?? []) {
    const totals = emptyTotals();
    const items = phase.items.map((item): CoverageItemInfo => {
      const inScope = inLinkScope(model.config, item);
      // A link to a missing file is no coverage, in the status bar and the view as in the matrix.
      const credit = coverageCredit(item);
      if (inScope) count(totals, credit);
      return {
        title: item.title,
        category: item.category,
        checked: item.checked,
        inScope,
        range: itemRange(item),
        hasDesign: credit.design,
        hasImplementation: credit.implementation,
        plans: linksOfItem(item)
          .filter((l) => l.resolution.status !== 'external')
          .map((l) => ({ role: l.role, path: l.path, exists: l.resolution.status === 'ok', status: l.path && l.resolution.status === 'ok' ? planStatus(model, l.path) : undefined })),
      };
    });
    info.phases.push({ number: phase.number, label: phase.label, title: phase.title, status: phase.status, items, totals });
    addTotals(info.totals, totals);
  }
  return info;
}

/** The totals of `coverageOf` alone, without the per-item lists (the status bar's figure, after every check). */
export function coverageTotals(model: WorkspaceModel): CoverageTotals {
  const totals = emptyTotals();
  for (const phase of model.roadmap?.phases ?? []) for (const item of phase.items) if (inLinkScope(model.config, item)) count(totals, coverageCredit(item));
  return totals;
}

/** Counts one in-scope item with its design and implementation credit. */
function count(totals: CoverageTotals, credit: { design: boolean; implementation: boolean }): void {
  totals.items++;
  if (credit.design) totals.design++;
  if (credit.implementation) totals.implementation++;
  if (credit.design && credit.implementation) totals.both++;
  if (!credit.design && !credit.implementation) totals.missing++;
}

/** Share of items with both links, 0–100; null without items. */
export function coveragePercent(totals: CoverageTotals): number | null {
  return totals.items === 0 ? null : Math.round((100 * totals.both) / totals.items);
}

