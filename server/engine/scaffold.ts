/**
 * New design docs, implementation plans and decision records: find the
 * roadmap item they are for, pick a safe dated file name, render the template
 * and link the doc from the item. Pure: returns fix steps that the CLI (`new`)
 * and the language server ("New design doc") apply.
 */
import { fitLineEndings, linkItemEdits, newDocPath, type NewDocRequest, renderNewDoc } from './fixes';
import { phaseNamed, type RoadmapItem, type WorkspaceModel } from './model';
import { joinPath } from './paths';
import type { DocKind } from './templates';
import type { FixStep } from './types';

export const DOC_KINDS: readonly DocKind[] = ['design', 'implementation', 'decision'];

/** A request the user can correct (unknown item, empty title…). */
export class ScaffoldError extends Error {
  constructor(
    message: string,
    /** Items that could be meant, as "Phase N: title". */
    readonly candidates: string[] = [],
  ) {
    super(message);
  }
}

export type ItemMatch = { kind: 'found'; item: RoadmapItem } | { kind: 'none' | 'ambiguous'; candidates: RoadmapItem[] };

function allItems(model: WorkspaceModel, phase?: string): RoadmapItem[] {
  const phases = model.roadmap?.phases ?? [];
  return phases.filter((p) => phase === undefined || phaseNamed(p, phase)).flatMap((p) => p.items);
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const withoutCategory = (title: string) => title.replace(/^\s*\[[^\]]*\]\s*/, '');

/**
 * The roadmap item whose title is `query`, case-insensitive, with or without
 * its `[Category]` prefix, optionally within one phase. When none or several
 * match, the candidates: the several, or items whose title contains the query.
 */
export function findItem(model: WorkspaceModel, query: string, phase?: string): ItemMatch {
  const items = allItems(model, phase);
  const q = normalize(query);
  const qBare = normalize(withoutCategory(query));
  const exact = items.filter((i) => normalize(i.title) === q || normalize(withoutCategory(i.title)) === qBare);
  if (exact.length === 1) return { kind: 'found', item: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
  const partial = qBare ? items.filter((i) => normalize(i.title).includes(qBare)) : [];
  return { kind: 'none', candidates: partial.slice(0, 20) };
}

export function describeItem(item: RoadmapItem): string {
  return `${item.phase.label}: ${item.title} (line ${item.item.range.start.line + 1})`;
}

/**
 * A title made safe for a document heading: control characters (newlines
 * included) become spaces, runs of blanks one space. Throws when nothing is left.
 */
export function cleanTitle(title: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) throw new ScaffoldError('The title is empty.');
  if (clean.length > 300) throw new ScaffoldError('The title is longer than 300 characters.');
  return clean;
}

/** What a new doc needs: the same request as the create-doc fix. */
export type ScaffoldRequest = NewDocRequest;

export interface Scaffold {
  /** Workspace path of the new doc. */
  path: string;
  /** Create the doc, then (with an item) link it from the roadmap. */
  steps: FixStep[];
}

/**
 * The steps that create a new doc of `kind` from its template, in the folder
 * of its kind and named as that folder names its documents (see `docFolder`:
 * `docs/plans/<date>-<slug>-<kind>.md`, the superpowers
 * `docs/superpowers/plans/<date>-<slug>.md`, the next `docs/adr/NNNN-<slug>.md`),
 * never an existing file, never outside the workspace, linked from `item` in
 * the item's own style.
 */
export function scaffoldDoc(model: WorkspaceModel, request: ScaffoldRequest): Scaffold {
  if (!DOC_KINDS.includes(request.kind)) throw new ScaffoldError(`Unknown document kind "${request.kind}"; use one of ${DOC_KINDS.join(', ')}.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.date)) throw new ScaffoldError(`"${request.date}" is not a date YYYY-MM-DD.`);
  const title = cleanTitle(request.title);
  const path = newDocPath(model, request.kind, title, request.date);
  // The plans folder comes from the config: refuse one that climbs out of the workspace.
  if (joinPath('', path) !== path || path.startsWith('/')) throw new ScaffoldError(`The plans folder in the config gives ${path}, which is outside the workspace.`);
  const content = renderNewDoc(model, path, { kind: request.kind, title, date: request.date, template: request.template, item: request.item, phase: request.phase });
  const steps: FixStep[] = [{ kind: 'create', path, content }];
  if (request.item && model.roadmap) steps.push({ kind: 'edit', path: model.roadmap.path, edits: fitLineEndings(model.roadmap.doc.text, linkItemEdits(model.roadmap, request.item, request.kind, path)) });
  return { path, steps };
}
