/**
 * Fixes computed as plain edits: link an item to a doc in the item's own
 * style, and create a doc from its template. Shared by rules and commands.
 */
import type { Config } from './config';
import { planNameOf, type Roadmap, type RoadmapItem, type WorkspaceModel } from './model';
import { textLines } from './markdown/split';
import { dirname, joinPath, relativePath } from './paths';
import { scopeKey } from './roadmap';
import { type DocKind, renderTemplate, slugify } from './templates';
import type { Fix, FixStep, Position, Range, TextEdit } from './types';
import { comparePositions, range } from './types';
import { detached } from './detach';
import { maxOf } from './arrays';
import { fillFromProfile, profileRowFor } from './profile';

const LABELS: Record<DocKind, string> = { design: 'Design', implementation: 'Implementation', decision: 'Decision' };

/** The static part of a glob: the folders before the first wildcard (`docs/adr/**` → `docs/adr`). */
export function globFolder(glob: string): string {
  const parts: string[] = [];
  for (const part of glob.split('/')) {
    if (/[*?{[]/.test(part)) break;
    parts.push(part);
  }
  if (parts.length && /\.md$/i.test(parts[parts.length - 1])) parts.pop();
  return parts.join('/');
}

/** The folder new plans go to when no `planKinds` folder is of their kind: the static part of the first plans glob. */
export function plansFolder(config: Config): string {
  return globFolder(config.plans[0] ?? 'docs/plans/**/*.md') || 'docs/plans';
}

/**
 * How a folder names its documents: `dated-kind` (`2026-03-18-<slug>-design.md`),
 * `dated` (`2026-03-20-<slug>.md`, the folder gives the kind) or `numbered`
 * (`0007-<slug>.md`, with the number's width).
 */
export type Naming = { style: 'dated-kind' } | { style: 'dated' } | { style: 'numbered'; width: number };

export interface DocFolder {
  folder: string;
  naming: Naming;
  /** True when the folder is a `planKinds` folder of the kind (not the plans folder every kind shares). */
  byKind: boolean;
}

/** Folders whose layout names documents without a kind suffix or by number when they hold none yet. */
const DEFAULT_NAMING: { folder: RegExp; naming: Naming }[] = [
  { folder: /(^|\/)superpowers\/plans$/, naming: { style: 'dated' } },
  { folder: /(^|\/)(adrs?|decisions|rfcs?)$/, naming: { style: 'numbered', width: 4 } },
];

/**
 * Where a new doc of `kind` goes and how it is named. The folder of a
 * `planKinds` glob of that kind (one that holds files first), named the way
 * the documents already there are named (superpowers specs
 * `YYYY-MM-DD-<slug>-design.md`, its plans `YYYY-MM-DD-<slug>.md`, decision
 * records `NNNN-<slug>.md`); else the plans folder with
 * `YYYY-MM-DD-<slug>-<kind>.md`, as in `docs/plans`.
 */
export function docFolder(model: WorkspaceModel, kind: DocKind): DocFolder {
  const key = `doc-folder\u0000${kind}`;
  let found = model.cache.memo.get(key) as DocFolder | undefined;
  if (!found) model.cache.memo.set(key, (found = computeDocFolder(model, kind)));
  return found;
}

function computeDocFolder(model: WorkspaceModel, kind: DocKind): DocFolder {
  const folders = Object.entries(model.config.planKinds)
    .filter(([, k]) => k === kind)
    .map(([glob]) => globFolder(glob))
    .filter((f) => f !== '' && joinPath('', f) === f);
  const folder = folders.find((f) => model.dirs.has(f)) ?? folders[0];
  if (!folder) return { folder: plansFolder(model.config), naming: { style: 'dated-kind' }, byKind: false };
  return { folder, naming: namingOf(model, folder, kind), byKind: true };
}

/** How the documents directly in `folder` are named (most of them), else the layout's default. */
function namingOf(model: WorkspaceModel, folder: string, kind: DocKind): Naming {
  let numbered = 0;
  let suffixed = 0;
  let unsuffixed = 0;
  const widths = new Map<number, number>();
  const prefix = folder + '/';
  for (const file of model.files) {
    if (!file.startsWith(prefix) || file.indexOf('/', prefix.length) >= 0 || !/\.md$/i.test(file)) continue;
    const name = planNameOf(file);
    if (name.number) {
      numbered++;
      widths.set(name.number.length, (widths.get(name.number.length) ?? 0) + 1);
    } else if (name.date) {
      if (name.suffix) suffixed++;
      else unsuffixed++;
    }
  }
  if (numbered > suffixed + unsuffixed) {
    const width = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
    return { style: 'numbered', width };
  }
  if (suffixed + unsuffixed > 0) return unsuffixed > suffixed ? { style: 'dated' } : { style: 'dated-kind' };
  return DEFAULT_NAMING.find((d) => d.folder.test(folder))?.naming ?? (kind === 'decision' && /(^|\/)(adrs?|decisions?)$/.test(folder) ? { style: 'numbered', width: 4 } : { style: 'dated-kind' });
}

/** A workspace path for a new doc that does not exist yet, named as its folder names documents (see `docFolder`). */
export function newDocPath(model: WorkspaceModel, kind: DocKind, title: string, date: string): string {
  // Every unlinked item names its would-be doc on every check; the answer depends on the file list only.
  // Kept while the file list lasts: a copy, since a title cut from a document would keep the document's text.
  const key = detached(`new-doc\u0000${kind}\u0000${title}\u0000${date}`);
  let path = model.cache.memo.get(key) as string | undefined;
  if (path === undefined) model.cache.memo.set(key, (path = freeDocPath(model, kind, title, date)));
  return path;
}

/** How a doc of `kind` for `slug` would be named in its folder, with `*` for its date or number (`docs/superpowers/plans/*-x.md`). */
export function docNamePattern(model: WorkspaceModel, kind: DocKind, slug: string): string {
  const { folder, naming } = docFolder(model, kind);
  return `${folder}/*-${slug}${naming.style === 'dated-kind' ? `-${kind}` : ''}.md`;
}

function freeDocPath(model: WorkspaceModel, kind: DocKind, title: string, date: string): string {
  const { folder, naming } = docFolder(model, kind);
  const slug = slugify(title);
  if (naming.style === 'numbered') {
    let next = 1;
    const prefix = folder + '/';
    for (const file of model.files) {
      if (!file.startsWith(prefix) || file.indexOf('/', prefix.length) >= 0) continue;
      const n = Number(planNameOf(file).number ?? NaN);
      if (Number.isFinite(n) && n >= next) next = n + 1;
    }
    let path = `${folder}/${String(next).padStart(naming.width, '0')}-${slug}.md`;
    while (model.exists(path)) path = `${folder}/${String(++next).padStart(naming.width, '0')}-${slug}.md`;
    return path;
  }
  const base = naming.style === 'dated' ? `${folder}/${date}-${slug}` : `${folder}/${date}-${slug}-${kind}`;
  let path = `${base}.md`;
  for (let n = 2; model.exists(path); n++) path = `${base}-${n}.md`;
  return path;
}

/**
 * Edits that link `item` to `target` (a workspace path) with the given label,
 * in the item's style: a labelled sub-bullet after the item's labelled
 * links, else an inline link added to the group after the title (or a new
 * group there). A table row gets the inline link in its title cell.
 */
export function linkItemEdits(roadmap: Roadmap, item: RoadmapItem, kind: DocKind, target: string): TextEdit[] {
  const label = LABELS[kind];
  if (item.style === 'labelled' && !item.row) {
    const lines = textLines(roadmap.doc);
    const labelled = item.links.filter((l) => l.link.kind === 'codespan');
    const afterLine = labelled.length ? maxOf(labelled.map((l) => l.link.range.end.line)) : item.item.range.end.line;
    const indent = ' '.repeat(item.item.contentColumn);
    const text = `${indent}- **${label}:** \`${target}\``;
    if (afterLine + 1 >= lines.length) {
      const end = lines[afterLine].length;
      return [{ range: range(afterLine, end), newText: `\n${text}` }];
    }
    return [{ range: range(afterLine + 1, 0), newText: `${text}\n` }];
  }
  const rel = relativePath(dirname(roadmap.path), target);
  const firstLine = item.item.range.start.line;
  const title = item.titleRange;
  // The inline links after the title on its line (in a table row: in the title cell), not a link that is the title.
  const cell = item.row?.titleCell.range;
  const group = item.links.filter(
    (l) =>
      l.link.kind === 'inline' &&
      l.link.range.start.line === firstLine &&
      (item.row ? !!cell && l.link.range.start.character >= cell.start.character && l.link.range.end.character <= cell.end.character : l.link.item === item.index) &&
      !(title && l.link.range.start.character <= title.start.character && l.link.range.end.character >= title.end.character),
  );
  if (group.length) {
    const last = group[group.length - 1].link.range.end;
    return [{ range: range(last.line, last.character), newText: `, [${label}](${rel})` }];
  }
  const at = title && title.end.line === firstLine ? title.end : item.item.firstLineEnd;
  return [{ range: range(at.line, at.character), newText: ` ([${label}](${rel}))` }];
}

export interface NewDocRequest {
  kind: DocKind;
  title: string;
  /** Today, YYYY-MM-DD. */
  date: string;
  /** Template text (the workspace's or the built-in one). */
  template: string;
  /** The item to link the doc from. */
  item?: RoadmapItem;
  /** Phase number for the template when there is no item. */
  phase?: string;
}

/** Content of a new doc: the template with its variables filled in. */
export function renderNewDoc(model: WorkspaceModel, path: string, request: NewDocRequest): string {
  return fillFromProfile(renderTemplate(request.template, newDocValues(model, path, request)), profileRowFor(model, request.item, request.title), model.config.standards.profile);
}


/** The template variables of a new doc: a few short strings, which a fix may keep without keeping the model. */
function newDocValues(model: WorkspaceModel, path: string, request: NewDocRequest): Record<string, string> {
  const roadmapPath = model.roadmapPath();
  const design = request.item?.links.find((l) => l.role === 'design' && l.path)?.path;
  const title = request.title.replace(/^\s*\[[^\]]*\]\s*/, '').trim() || 'Untitled';
  // A phase asked for by number or name, as the roadmap names it ("Phase 7.1", "Milestone 3", "Backlog").
  const key = request.phase === undefined ? undefined : scopeKey(request.phase);
  const section = key === undefined ? undefined : model.roadmap?.phases.find((p) => scopeKey(p.number) === key || scopeKey(p.label) === key);
  return {
    title,
    date: request.date,
    kind: request.kind,
    item: request.item ? `${request.item.phase.label} \`${request.item.title}\`` : section ? section.label : request.phase ? `Phase ${request.phase}` : 'TBD',
    phase: request.item?.phase.number ?? request.phase ?? '',
    roadmap: roadmapPath ? relativePath(dirname(path), roadmapPath) : '',
    design: design ? `\`${design}\`` : 'TBD',
  };
}

/**
 * A fix whose steps are computed when first read (an editor asks for them
 * only when the user opens the quick-fix menu; `--fix` and JSON output read
 * them like any property). A long roadmap reports thousands of such fixes on
 * every keystroke; rendering each one's template up front would be wasted.
 */
export function lazyFix(title: string, computeSteps: () => FixStep[], preferred?: boolean): Fix {
  let steps: FixStep[] | undefined;
  const fix = { title } as Fix;
  Object.defineProperty(fix, 'steps', { enumerable: true, get: () => (steps ??= computeSteps()) });
  if (preferred !== undefined) fix.preferred = preferred;
  return fix;
}

/*
 * The two fixes below are kept with their reports for as long as the item's
 * text stays the same (see itemLinks.ts), across many model builds: they
 * hold the edits and a few strings, never the model or the roadmap's text.
 */

/** Create the doc for `item` from its template and link it, in one fix. */
export function createAndLinkFix(model: WorkspaceModel, item: RoadmapItem, kind: DocKind, template: string, date: string): Fix {
  const path = newDocPath(model, kind, item.title, date);
  const roadmap = model.roadmap!;
  const roadmapPath = roadmap.path;
  const edits = linkItemEdits(roadmap, item, kind, path);
  const values = newDocValues(model, path, { kind, title: item.title, date, template, item });
  for (const name of Object.keys(values)) values[name] = detached(values[name]);
  const row = profileRowFor(model, item, item.title);
  const profile = model.config.standards.profile;
  return lazyFix(`Create ${LABELS[kind].toLowerCase()} doc ${path} and link it`, () => [
    { kind: 'create', path, content: fillFromProfile(renderTemplate(template, values), row, profile) },
    { kind: 'edit', path: roadmapPath, edits },
  ]);
}

/**
 * Create the missing doc a link already names (a link stub's target, a plan
 * deleted by mistake), from the template of the kind its path says. The title
 * is the item's when the link is an item's, else the file name's slug.
 */
export function createLinkedDocFix(model: WorkspaceModel, path: string, kind: DocKind, template: string, today: string, item?: RoadmapItem): Fix {
  const name = planNameOf(path);
  const title = item?.title ?? titleFromSlug(name.slug);
  const values = newDocValues(model, path, { kind, title, date: name.date ?? today, template, item });
  for (const key of Object.keys(values)) values[key] = detached(values[key]);
  const target = detached(path);
  const row = profileRowFor(model, item, title);
  const profile = model.config.standards.profile;
  return lazyFix(`Create ${LABELS[kind].toLowerCase()} doc ${target} from the template`, () => [{ kind: 'create', path: target, content: fillFromProfile(renderTemplate(template, values), row, profile) }]);
}

/** `search-api-v2` → "Search api v2". */
function titleFromSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

/** Insert a link stub pointing at the doc the item would get. */
export function linkStubFix(model: WorkspaceModel, item: RoadmapItem, kind: DocKind, date: string): Fix {
  const path = newDocPath(model, kind, item.title, date);
  const roadmap = model.roadmap!;
  return { title: `Insert ${LABELS[kind]} link stub (${path})`, steps: [{ kind: 'edit', path: roadmap.path, edits: linkItemEdits(roadmap, item, kind, path) }] };
}

/** Link the plan that exists at `path` (a workspace path) from `item`, in the item's style: the preferred fix. */
export function linkExistingFix(model: WorkspaceModel, item: RoadmapItem, kind: DocKind, path: string): Fix {
  const roadmap = model.roadmap!;
  return { title: `Link ${path} as the ${LABELS[kind].toLowerCase()} ${kind === 'design' ? 'doc' : 'plan'}`, preferred: true, steps: [{ kind: 'edit', path: roadmap.path, edits: linkItemEdits(roadmap, item, kind, path) }] };
}

/**
 * Applies non-overlapping edits to a text (edits may come in any order), as an
 * editor applies them: a position past the end of a line is its end, before
 * the line break (`\r\n` included); insertions at one point keep their order;
 * new text takes the text's line breaks (see `fitLineEndings`).
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => {
    if (p.line >= lineStarts.length) return text.length;
    let lineEnd = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : text.length;
    if (lineEnd > lineStarts[p.line] && text.charCodeAt(lineEnd - 1) === 13 && lineEnd < text.length) lineEnd--;
    return Math.min(lineStarts[p.line] + p.character, lineEnd);
  };
  const sorted = fitLineEndings(text, edits)
    .map((e, index) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText, index }))
    .sort((a, b) => a.from - b.from || a.to - b.to || a.index - b.index);
  // One pass from the start, in pieces: slicing the whole text once per edit is quadratic in the number of edits.
  const parts: string[] = [];
  let done = 0;
  for (const e of sorted) {
    if (e.from > done) parts.push(text.slice(done, e.from));
    parts.push(e.text);
    done = Math.max(done, e.to);
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * The text taken by the edits of fixes chosen so far in one file, to tell
 * whether another fix's edits touch it: they overlap a taken edit or start
 * where one does (two insertions at one point conflict: their order would be
 * a guess); with `adjacent`, edits that only meet conflict too. Fast for many
 * edits (a fix-all of 100,000 findings): a sorted list of the taken spans.
 */
export class TakenText {
  /** Disjoint spans, sorted, each the union of taken edits that overlap or meet. */
  private readonly spans: Range[] = [];
  private readonly starts = new Set<string>();

  constructor(private readonly adjacent = false) {}

  /** Whether any of `edits` conflicts with the taken text. */
  conflicts(edits: readonly TextEdit[]): boolean {
    for (const e of edits) {
      if (this.starts.has(positionKey(e.range.start))) return true;
      const i = this.firstEndingAfter(e.range.start);
      const span = this.spans[i];
      if (span && (this.adjacent ? comparePositions(span.start, e.range.end) <= 0 : comparePositions(span.start, e.range.end) < 0)) return true;
    }
    return false;
  }

  /** Takes `edits` (their text is now taken). */
  take(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      this.starts.add(positionKey(e.range.start));
      let start = e.range.start;
      let end = comparePositions(e.range.end, start) < 0 ? start : e.range.end;
      // The spans that overlap or meet the edit are merged with it.
      const from = this.firstEndingAfter(start, true);
      let to = from;
      while (to < this.spans.length && comparePositions(this.spans[to].start, end) <= 0) {
        if (comparePositions(this.spans[to].start, start) < 0) start = this.spans[to].start;
        if (comparePositions(this.spans[to].end, end) > 0) end = this.spans[to].end;
        to++;
      }
      this.spans.splice(from, to - from, { start, end });
    }
  }

  /** Index of the first span that ends after `p` (at or after it, with `orAt` or `adjacent`). */
  private firstEndingAfter(p: Position, orAt = false): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = comparePositions(this.spans[mid].end, p);
      if (c > 0 || (c === 0 && (orAt || this.adjacent))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const positionKey = (p: Position) => `${p.line}:${p.character}`;

/** The last text `lineBreakOf` looked at, and its answer: the fixes of one file ask for the same text many times. */
let lastLineBreak: { text: string; eol: '\r\n' | '\n' } | undefined;

/** The line break a text uses: `\r\n` when most of its line breaks are, else `\n` (also for a text without any). */
export function lineBreakOf(text: string): '\r\n' | '\n' {
  if (lastLineBreak?.text === text) return lastLineBreak.eol;
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  const eol = crlf * 2 > lf ? '\r\n' : '\n';
  lastLineBreak = { text, eol };
  return eol;
}

/**
 * Edits whose new text uses the line breaks of `text`, the file they apply
 * to: rules write `\n`, and a CRLF file must stay CRLF. The same array when
 * nothing changes (no new text has a line break of the other kind).
 */
export function fitLineEndings(text: string | undefined, edits: TextEdit[]): TextEdit[] {
  if (text === undefined || !edits.some((e) => e.newText.includes('\n'))) return edits;
  const eol = lineBreakOf(text);
  let changed = false;
  const out = edits.map((e) => {
    const newText = eol === '\n' ? e.newText.replace(/\r\n/g, '\n') : e.newText.replace(/\r?\n/g, '\r\n');
    if (newText === e.newText) return e;
    changed = true;
    return { range: e.range, newText };
  });
  return changed ? out : edits;
}

/**
 * `fix` with the edits of each step fitted to the line breaks of the file
 * they apply to (`textOf`: the engine's text of a path; a file the fix
 * creates: its new content). Computed when the steps are first read, like the fix's own.
 */
export function withFileLineEndings(fix: Fix, textOf: (path: string) => string | undefined): Fix {
  return lazyFix(
    fix.title,
    () => {
      const steps = fix.steps;
      let changed = false;
      const out = steps.map((step): FixStep => {
        if (step.kind !== 'edit') return step;
        const created = steps.find((s): s is Extract<FixStep, { kind: 'create' }> => s.kind === 'create' && s.path === step.path);
        const edits = fitLineEndings(created ? created.content : textOf(step.path), step.edits);
        if (edits === step.edits) return step;
        changed = true;
        return { kind: 'edit', path: step.path, edits };
      });
      return changed ? out : steps;
    },
    fix.preferred,
  );
}
