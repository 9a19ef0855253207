/**
 * Lifecycle and metadata helpers for the lifecycle, supersession and
 * metadata rules (RG011–RG018): which plans are superseded and by what,
 * where a plan's metadata lines are, and edits that insert or replace them.
 * Pure functions over the workspace model.
 */
import type { Doc, ModelCache, Plan, RegistryRow, WorkspaceModel } from './model';
import type { FieldInfo, TableCell } from './markdown/parse';
import { textLines } from './markdown/split';
import { basename, dirname, joinPath, relativePath } from './paths';
import type { Range, TextEdit } from './types';
import { range } from './types';
import { cleanValue, isFrontMatter, isSection, metadataTop, startsWithWords } from './metadata';

export { cleanValue, startsWithWords };

/** Re-exported for the rules, which read lines through this module. */
export { textLines };

/**
 * The metadata field of `doc` with this (lower-case) key: from the metadata
 * block near the top (or front matter). With `anywhere`, a field line outside
 * list items further down counts too (lifecycle markers are sometimes added
 * below a plan's intro); Date and Status only count near the top, where a
 * "Status:" line deep in a plan is about one of its sections.
 */
export function docField(model: WorkspaceModel, doc: Doc, key: string, anywhere = false): FieldInfo | undefined {
  const plan = model.plans.get(doc.path);
  const meta = plan?.meta.get(key);
  if (meta && !isFrontMatterField(doc, meta)) return meta;
  const found = !anywhere || !plan ? (meta ?? (plan ? undefined : doc.summary.fields.find((f) => f.key === key && f.item < 0))) : (doc.summary.fields.find((f) => f.key === key && f.item < 0) ?? meta);
  return found ?? quotedField(doc, key);
}

const QUOTED_FIELD = /^(\s*>\s*)\*\*([^*\n]+?)\*\*(:?)(.*)$/;

/**
 * A metadata line inside a blockquote at the top of the document
 * (`> **Status:** Approved`), a style some plan templates use. Only the lines
 * before the first section heading (at most 40) are read.
 */
function quotedField(doc: Doc, key: string): FieldInfo | undefined {
  // A document's text never changes (a new text is a new Doc): remember the answer.
  let byKey = quotedFields.get(doc);
  if (!byKey) quotedFields.set(doc, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, findQuotedField(doc, key));
  return byKey.get(key);
}

const quotedFields = new WeakMap<Doc, Map<string, FieldInfo | undefined>>();

/** The first `count` lines of `text`, without line ends (as `textLines` gives them). */
function firstLines(text: string, count: number): string[] {
  const out: string[] = [];
  for (let start = 0; out.length < count; ) {
    const end = text.indexOf('\n', start);
    const line = end < 0 ? text.slice(start) : text.slice(start, end);
    out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (end < 0) break;
    start = end + 1;
  }
  return out;
}

function findQuotedField(doc: Doc, key: string): FieldInfo | undefined {
  if (!doc.text.includes('>')) return undefined;
  // Only the top is read: split that much, not the whole text of every plan.
  const lines = firstLines(doc.text, metadataTop(doc.summary));
  const limit = lines.length;
  for (let l = 0; l < limit; l++) {
    const m = QUOTED_FIELD.exec(lines[l]);
    if (!m) continue;
    let label = m[2].trim();
    if (label.endsWith(':')) label = label.slice(0, -1).trim();
    else if (!m[3]) continue;
    if (label.toLowerCase() !== key) continue;
    const rest = m[4];
    const valueStart = lines[l].length - rest.length + (rest.length - rest.trimStart().length);
    const codes: FieldInfo['codes'] = [];
    for (const c of lines[l].slice(valueStart).matchAll(/`([^`]+)`/g)) {
      const start = valueStart + (c.index ?? 0) + 1;
      codes.push({ text: c[1].trim(), range: range(l, start, l, start + c[1].length) });
    }
    return {
      key,
      label,
      value: rest.trim(),
      line: l,
      range: range(l, m[1].length, l, lines[l].length),
      valueRange: range(l, valueStart, l, lines[l].trimEnd().length),
      item: -1,
      codes,
    };
  }
  return undefined;
}

/** True for fields the model took from YAML front matter (they have no line of their own). */
export function isFrontMatterField(_doc: Doc, field: FieldInfo): boolean {
  return isFrontMatter(field);
}

/** A registry cell's code-span path, resolved beside the registry first, then from the repository root. */
export function resolveRegistryPath(model: WorkspaceModel, code: string): string | undefined {
  const registry = model.config.lifecycle.registry;
  const candidates = [joinPath(dirname(registry), code), joinPath('', code)].filter((p): p is string => !!p);
  return candidates.find((c) => model.files.has(c)) ?? candidates[0];
}

/** What a registry cell names: a path (in a code span), "none" (`-` or empty) or something that is not a path. */
export type CellTarget = { kind: 'path'; code: string; path?: string; range: Range } | { kind: 'none' } | { kind: 'invalid'; text: string };

export function registryCellTarget(model: WorkspaceModel, cell: TableCell | undefined): CellTarget {
  if (!cell) return { kind: 'none' };
  const text = cell.text.trim();
  if (text === '' || /^[-–—]$/.test(text) || /^n\/?a$/i.test(text)) return { kind: 'none' };
  const code = cell.codes[0];
  if (code && code.text.trim() && text === code.text.trim()) return { kind: 'path', code: code.text.trim(), path: resolveRegistryPath(model, code.text.trim()), range: code.range };
  return { kind: 'invalid', text };
}

/** Workspace paths that the links on `field`'s line resolve to (code spans and markdown links). */
export function fieldTargets(model: WorkspaceModel, doc: Doc, field: FieldInfo): { path: string; range: Range }[] {
  const out: { path: string; range: Range }[] = [];
  for (const link of doc.links) {
    if (link.range.start.line !== field.line || link.kind === 'definition') continue;
    if (link.range.start.character < field.valueRange.start.character) continue;
    const r = model.resolve(doc, link);
    if (r.status === 'ok' || r.status === 'missing') out.push({ path: r.path, range: link.range });
  }
  if (out.length === 0) {
    // A code span the model did not take as a link (e.g. a name without folder and extension check).
    for (const code of field.codes) {
      const candidates = [joinPath(dirname(doc.path), code.text), joinPath('', code.text)].filter((p): p is string => !!p);
      const hit = candidates.find((c) => model.files.has(c));
      if (hit) out.push({ path: hit, range: code.range });
    }
  }
  return out;
}

export type LifecycleSource = 'registry' | 'marker';

export interface PlanLifecycle {
  path: string;
  /** State from the registry row, else from the plan's marker. */
  state?: string;
  row?: RegistryRow;
  marker?: FieldInfo;
  /** Successor from the registry, else from the plan's `**Superseded By:**`. */
  successor?: string;
}

/** The lifecycle of every plan that has a registry row or a `**Lifecycle:**` marker. */
export function planLifecycles(model: WorkspaceModel): Map<string, PlanLifecycle> {
  // Several rules ask for it, and it depends on the registry, the plans and
  // the file list only: keep it while those stay the same (typing in the
  // roadmap does not recompute it).
  let lifecycles = lifecyclesByModel.get(model);
  if (lifecycles) return lifecycles;
  const plans = [...model.plans.values()];
  const known = lifecyclesByCache.get(model.cache);
  if (known && known.registry === model.registry?.doc && known.plans.length === plans.length && known.plans.every((p, i) => p === plans[i])) lifecycles = known.lifecycles;
  else {
    lifecycles = computePlanLifecycles(model);
    lifecyclesByCache.set(model.cache, { registry: model.registry?.doc, plans, lifecycles });
  }
  lifecyclesByModel.set(model, lifecycles);
  return lifecycles;
}

const lifecyclesByModel = new WeakMap<WorkspaceModel, Map<string, PlanLifecycle>>();

const lifecyclesByCache = new WeakMap<ModelCache, { registry?: Doc; plans: Plan[]; lifecycles: Map<string, PlanLifecycle> }>();

function computePlanLifecycles(model: WorkspaceModel): Map<string, PlanLifecycle> {
  const out = new Map<string, PlanLifecycle>();
  const get = (path: string) => {
    let entry = out.get(path);
    if (!entry) out.set(path, (entry = { path }));
    return entry;
  };
  for (const row of model.registry?.rows ?? []) {
    const target = registryCellTarget(model, row.planCell);
    if (target.kind !== 'path' || !target.path) continue;
    const entry = get(target.path);
    if (entry.row) continue;
    entry.row = row;
    entry.state = row.state.trim();
    const by = registryCellTarget(model, row.supersededByCell);
    if (by.kind === 'path') entry.successor = by.path;
  }
  for (const plan of model.plans.values()) {
    const marker = docField(model, plan.doc, 'lifecycle', true);
    const by = docField(model, plan.doc, 'superseded by', true);
    if (!marker && !by) continue;
    const entry = get(plan.path);
    entry.marker = marker;
    if (!entry.state && marker) entry.state = cleanValue(marker.value).split(' ')[0] ?? '';
    if (!entry.successor && by) entry.successor = fieldTargets(model, plan.doc, by)[0]?.path;
  }
  return out;
}

/** True when the lifecycle state means "replaced by another plan". */
export function isSuperseded(state: string | undefined): boolean {
  return !!state && /^superseded\b/i.test(state.trim());
}

/** The range a finding about a whole document sits on: its H1, else its first line. */
export function docAnchor(doc: Doc): Range {
  const h1 = doc.summary.headings.find((h) => h.depth === 1);
  if (h1) return h1.range;
  const first = textLines(doc)[0] ?? '';
  return range(0, 0, 0, first.length);
}

/**
 * An edit that adds the metadata line `line` (e.g. `**Lifecycle:** Active`) to
 * the document's metadata block: after `after` when given, else before the
 * first metadata field, else after the H1, else at the top. Lines separated by
 * blank lines stay so.
 */
export function insertMetadataLine(model: WorkspaceModel, doc: Doc, line: string, options: { after?: FieldInfo; first?: boolean } = {}): TextEdit {
  const lines = textLines(doc);
  const plan = model.plans.get(doc.path);
  // Lines a new one may go beside: not front matter, not the value under an ADR's `## Status` heading.
  const fields = [...(plan?.meta.values() ?? [])].filter((f) => !isFrontMatter(f) && !isSection(f)).sort((a, b) => a.line - b.line);
  const anchor = options.after ?? (options.first ? undefined : fields[fields.length - 1]);
  // Keep the block's style: one field per line, or fields separated by blank lines.
  const near = (plan ? fields : doc.summary.fields.filter((f) => f.item < 0 && f.line < 40)).map((f) => f.line).sort((a, b) => a - b);
  const blankSeparated = near.length >= 2 && near[1] - near[0] === 2 && (lines[near[0] + 1] ?? '').trim() === '';
  const spaced = (l: number) => blankSeparated && (lines[l + 1] ?? '').trim() === '' && l + 1 < lines.length - 1;
  if (anchor) {
    const l = anchor.line;
    if (l + 1 >= lines.length) return { range: range(l, lines[l].length), newText: `\n${line}` };
    return { range: range(l + 1, 0), newText: spaced(l) ? `\n${line}\n` : `${line}\n` };
  }
  if (fields.length) {
    const l = fields[0].line;
    return { range: range(l, 0), newText: spaced(l) ? `${line}\n\n` : `${line}\n` };
  }
  const h1 = doc.summary.headings.find((h) => h.depth === 1);
  if (h1) {
    const l = h1.range.end.line;
    if (l + 1 >= lines.length) return { range: range(l, lines[l].length), newText: `\n\n${line}\n` };
    return { range: range(l + 1, 0), newText: (lines[l + 1].trim() === '' ? '\n' : '\n') + `${line}\n` + (lines[l + 1].trim() === '' ? '' : '\n') };
  }
  return { range: range(0, 0), newText: `${line}\n\n` };
}

/** How `from` should name `to` in a code span: the form of `like` (a path with folders from the root, or beside `from`). */
export function codePathFor(from: string, to: string, like?: string): string {
  if (like && like.includes('/') && !like.startsWith('.')) return to;
  if (dirname(from) === dirname(to)) return basename(to);
  return relativePath(dirname(from), to);
}

/** The range of a table cell's content, without its pipes and padding. */
export function cellContentRange(doc: Doc, cell: TableCell): Range {
  const line = cell.range.start.line;
  const text = textLines(doc)[line] ?? '';
  let from = cell.range.start.character;
  let to = Math.min(cell.range.end.character, text.length);
  if (text[from] === '|') from++;
  if (to > from && text[to - 1] === '|' && text[to - 2] !== '\\') to--;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return range(line, from, line, to);
}

/** Templates and examples hold placeholders on purpose: the templates folder, and files or folders named like a template. */
export function isTemplateDoc(model: WorkspaceModel, path: string): boolean {
  const folder = model.config.templates.replace(/\/+$/, '');
  // A template's own folder counts (`decision-record-template-madr/index.md`).
  return path.startsWith(folder + '/') || /template/i.test(path);
}

/** The date written in a plan's file name (`2026-01-13-x.md` or `x-2026-01-13.md`). */
export function fileNameDate(path: string): string | undefined {
  return /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?![\d])/.exec(basename(path))?.[1];
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}
