/**
 * Facts about plans that several plan rules (RG005–RG010) read: the plan's
 * date, whether it is retired (Superseded / Archived), and which design doc and
 * implementation plan belong together.
 */
import { docField } from '../lifecycle';
import { cleanValue, metadataDate } from '../metadata';
import type { Plan, WorkspaceModel } from '../model';
import { roleFromLabel } from '../model';
import { dirname, joinPath } from '../paths';

/**
 * The plan's date, YYYY-MM-DD: its Date metadata (a bold line, front matter,
 * a plain `Date:` line, an ADR `## Date` section), else a date inside its
 * Status (`Accepted (2026-04-25)`), else the date in its file name.
 */
export function planDate(plan: Plan): string | undefined {
  return metadataDate(plan.meta) || plan.fileDate;
}

const RETIRED = /^(superseded|archived|rejected|withdrawn|abandoned|deprecated|obsolete|reverted)\b/;

/** The plan's lifecycle as the plan itself or the registry says: "superseded", "archived", "active"… (lower case). */
export function planLifecycle(model: WorkspaceModel, plan: Plan): string | undefined {
  const states: string[] = [];
  for (const key of ['lifecycle', 'status']) {
    const v = plan.meta.get(key)?.value;
    if (v) states.push(v.replace(/[*_`]/g, '').trim().toLowerCase());
  }
  for (const row of model.registry?.rows ?? []) if (row.plan === plan.path) states.push(row.state.toLowerCase());
  // A `**Superseded By:**` line, or a `> **Superseded:** …` banner at the top, says so too.
  for (const key of ['superseded by', 'superseded']) {
    const value = docField(model, plan.doc, key)?.value.replace(/[*_`]/g, '').trim();
    if (value && !/^(-|–|—|none|n\/?a|tbd)?$/i.test(value)) states.push('superseded');
  }
  return states.find((s) => /^(superseded|archived)\b/.test(s)) ?? states.find((s) => RETIRED.test(s)) ?? states[0];
}

/**
 * Superseded or Archived plans are history, and Rejected, Withdrawn,
 * Abandoned, Deprecated, Obsolete or Reverted ones will not be built: the pairing rules
 * leave them alone.
 */
export function isRetired(model: WorkspaceModel, plan: Plan): boolean {
  return RETIRED.test(planLifecycle(model, plan) ?? '');
}

const DONE = /^(implemented|complete|completed|done|shipped|delivered|finished)\b/i;

/**
 * The plan's Status says the work is built (Implemented, Done, Complete…): a
 * design or plan whose counterpart was never written has no use for one now.
 */
export function isDone(plan: Plan): boolean {
  const status = plan.meta.get('status');
  return !!status && DONE.test(cleanValue(status.value));
}

function isDesignKind(kind: Plan['kind']): boolean {
  return kind === 'design' || kind === 'decision';
}

/**
 * The slug plans are paired by: lower case, without trailing kind words, so
 * that `foo-bar` (a superpowers plan, whose folder gives its kind) meets
 * `foo-bar-implementation`, `foo-bar-spec` or `foo-bar-design-doc`.
 */
export function pairingSlug(slug: string): string {
  let key = slug.toLowerCase();
  for (let m = KIND_WORD.exec(key); m && m.index > 0; m = KIND_WORD.exec(key)) key = key.slice(0, m.index);
  return key;
}

const KIND_WORD = /[-_](design|designs|doc|spec|specs|specification|implementation|impl|plan|plans|decision|adr|rfc|proposal)$/;

/**
 * Pairs design docs with implementation plans. Two plans belong together when
 * - they share date and slug (`2026-02-15-x-design.md` ↔ `2026-02-15-x-implementation.md`, `-implementation-plan.md`, `-plan.md`),
 * - or they are of the same day and one slug of two words or more starts the other (`cli-runtime-compact` ↔ `cli-runtime`),
 * - or they share the slug across dates and folders (`specs/2026-03-18-x-design.md` ↔ `plans/2026-03-20-x.md`,
 *   where the folder makes the plan an implementation plan), kind words at the end ignored (`x` ↔ `x-implementation`),
 * - or one links the other (an implementation plan's `**Spec:**`, `**Design Reference:**` or any other link, in
 *   either direction; a link labelled Design or Spec names a design whatever its target's name),
 * - or one roadmap list item (with its sub-items) links both.
 * A design doc also counts as paired with a plan of unknown kind of the same date and slug (`2026-01-16-x.md`),
 * or one that links it; a decision record counts as a design.
 */
export class PlanPairing {
  private readonly partners = new Map<string, Set<string>>();

  constructor(private readonly model: WorkspaceModel) {
    const plans = [...model.plans.values()];
    const bySlug = new Map<string, Plan[]>();
    for (const p of plans) {
      const key = pairingSlug(p.slug);
      let list = bySlug.get(key);
      if (!list) bySlug.set(key, (list = []));
      list.push(p);
    }
    for (const design of plans) {
      if (!isDesignKind(design.kind)) continue;
      for (const other of bySlug.get(pairingSlug(design.slug)) ?? []) {
        if (other.kind === 'implementation') this.pair(design.path, other.path);
        else if (other.kind === 'unknown' && other.fileDate === design.fileDate) this.pair(design.path, other.path);
      }
    }
    // The same day, one slug (of two words or more) the start of the other (`2026-03-08-x-compact-design.md` ↔ `2026-03-08-x-implementation-plan.md`).
    const byDate = new Map<string, Plan[]>();
    for (const p of plans) {
      if (!p.fileDate) continue;
      let list = byDate.get(p.fileDate);
      if (!list) byDate.set(p.fileDate, (list = []));
      list.push(p);
    }
    for (const day of byDate.values()) {
      for (const design of day) {
        if (!isDesignKind(design.kind)) continue;
        const a = pairingSlug(design.slug);
        for (const other of day) {
          if (other.kind !== 'implementation' && other.kind !== 'unknown') continue;
          const b = pairingSlug(other.slug);
          // The shorter slug must say something (two words at least): `e2ee` starts too many names.
          const [short, long] = a.length < b.length ? [a, b] : [b, a];
          if (short !== long && short.includes('-') && long.startsWith(short + '-')) this.pair(design.path, other.path);
        }
      }
    }
    // Explicit links between plans, in either direction: links, and paths in code spans of the metadata
    // block (`**References:** \`docs/adr/0048-x.md\``), which name the plans this one is based on.
    for (const plan of plans) {
      for (const { path, label } of planReferences(model, plan)) {
        const target = model.plans.get(path);
        if (!target || target === plan) continue;
        const role = label ? roleFromLabel(label) : undefined;
        const targetIsDesign = isDesignKind(target.kind) || (target.kind === 'unknown' && (role === 'design' || role === 'decision'));
        const targetIsImplementation = target.kind === 'implementation' || (target.kind === 'unknown' && role === 'implementation');
        if (targetIsDesign && !isDesignKind(plan.kind)) this.pair(plan.path, target.path);
        else if (isDesignKind(plan.kind) && targetIsImplementation) this.pair(plan.path, target.path);
      }
    }
    // A roadmap list item that links both.
    for (const group of roadmapLinkGroups(model)) {
      const designs = group.filter((g) => g.role === 'design').map((g) => g.path);
      const impls = group.filter((g) => g.role === 'implementation').map((g) => g.path);
      for (const d of designs) for (const i of impls) this.pair(d, i);
    }
  }

  private pair(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      let set = this.partners.get(x);
      if (!set) this.partners.set(x, (set = new Set()));
      set.add(y);
    }
  }

  /** Paths of the plans paired with `path`. */
  partnersOf(path: string): string[] {
    return [...(this.partners.get(path) ?? [])].sort();
  }
}

/** The workspace paths a plan links (links that resolve) or names in its metadata's code spans, with the label they sit under. */
function planReferences(model: WorkspaceModel, plan: Plan): { path: string; label?: string }[] {
  const out: { path: string; label?: string }[] = [];
  for (const link of plan.doc.links) {
    const r = model.resolve(plan.doc, link);
    if (r.status === 'ok') out.push({ path: r.path, label: link.label });
  }
  for (const field of plan.meta.values()) {
    for (const code of field.codes) {
      const text = code.text.replace(/#.*$/, '');
      if (!/\.md$/i.test(text)) continue;
      const hit = [joinPath('', text), joinPath(dirname(plan.path), text)].find((p) => p && model.plans.has(p));
      if (hit) out.push({ path: hit, label: field.label });
    }
  }
  return out;
}

const pairings = new WeakMap<WorkspaceModel, PlanPairing>();

/** The pairing of the model's plans, computed once per model. */
export function pairingOf(model: WorkspaceModel): PlanPairing {
  let pairing = pairings.get(model);
  if (!pairing) pairings.set(model, (pairing = new PlanPairing(model)));
  return pairing;
}

/**
 * The plans each roadmap item links (with its nested bullets and sub-tasks;
 * a status-table row with the links in the row), with the role of each link:
 * its label, else the target's kind. Other top-level bullets (topic-map
 * bullets outside phases) count too, with their nested bullets; the
 * phase-level links of a section ("Implementation coverage:", "See [design
 * doc](…)") cover the items of the section and of the sections nested in it.
 */
export function roadmapLinkGroups(model: WorkspaceModel): { path: string; role: 'design' | 'implementation' | 'other' }[][] {
  const roadmap = model.roadmap;
  if (!roadmap) return [];
  const doc = roadmap.doc;
  const items = doc.summary.items;
  type Group = { path: string; role: 'design' | 'implementation' | 'other' }[];
  const groups = new Map<number, Group>();
  const add = (key: number, entry: Group[number]) => {
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(entry);
  };
  const roleOf = (labelRole: string | undefined, path: string): Group[number]['role'] => {
    const kind = model.cache.planKind(path).kind;
    return labelRole === 'design' || labelRole === 'decision' ? 'design' : labelRole === 'implementation' ? 'implementation' : kind === 'design' || kind === 'decision' ? 'design' : kind === 'implementation' ? 'implementation' : 'other';
  };
  // The roadmap items, by the list item they are; every other list item belongs to its top-level bullet.
  const isItem = new Set<number>();
  for (const phase of roadmap.phases) for (const item of phase.items) if (!item.row) isItem.add(item.index);
  const key = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    const up = items[i].parent < 0 ? -1 : key[items[i].parent];
    key[i] = up >= 0 && isItem.has(up) ? up : isItem.has(i) || items[i].parent < 0 ? i : up;
  }
  for (const link of doc.links) {
    if (link.item < 0 || link.kind === 'definition') continue;
    const r = model.resolve(doc, link);
    if (r.status !== 'ok' || !model.plans.has(r.path)) continue;
    add(key[link.item], { path: r.path, role: roleOf(roleFromLabel(link.label ?? link.text), r.path) });
  }
  for (const phase of roadmap.phases) {
    for (const item of phase.items) {
      if (item.row) for (const l of item.links) if (l.path && l.resolution.status === 'ok' && model.plans.has(l.path)) add(item.index, { path: l.path, role: roleOf(l.role === 'related' ? undefined : l.role, l.path) });
      for (const l of item.phaseLinks) {
        if (!l.path || l.resolution.status !== 'ok' || !model.plans.has(l.path)) continue;
        add(item.index, { path: l.path, role: l.role === 'implementation' ? 'implementation' : 'design' });
      }
    }
  }
  return [...groups.values()];
}
