/**
 * Facts about plans that several plan rules (RG005–RG010) read: the plan's
 * date, whether it is retired (Superseded / Archived), and which design doc and
 * implementation plan belong together.
 */
import type { Plan, WorkspaceModel } from '../model';
import { planKindOf, roleFromLabel } from '../model';
import { pushAll } from '../arrays';

/** The plan's date, YYYY-MM-DD: its `**Date:**` metadata, else the date in its file name. */
export function planDate(plan: Plan): string | undefined {
  const meta = plan.meta.get('date');
  const fromMeta = meta && /\b(\d{4}-\d{2}-\d{2})\b/.exec(meta.value)?.[1];
  return fromMeta || plan.fileDate;
}

/** The plan's lifecycle as the plan itself or the registry says: "superseded", "archived", "active"… (lower case). */
export function planLifecycle(model: WorkspaceModel, plan: Plan): string | undefined {
  const states: string[] = [];
  for (const key of ['lifecycle', 'status']) {
    const v = plan.meta.get(key)?.value;
    if (v) states.push(v.replace(/[*_`]/g, '').trim().toLowerCase());
  }
  for (const row of model.registry?.rows ?? []) if (row.plan === plan.path) states.push(row.state.toLowerCase());
  return states.find((s) => /^(superseded|archived)\b/.test(s)) ?? states[0];
}

/** Superseded or Archived plans are history: the pairing rules leave them alone. */
export function isRetired(model: WorkspaceModel, plan: Plan): boolean {
  return /^(superseded|archived)\b/.test(planLifecycle(model, plan) ?? '');
}

function isDesignKind(kind: Plan['kind']): boolean {
  return kind === 'design' || kind === 'decision';
}

/**
 * Pairs design docs with implementation plans. Two plans belong together when
 * - they share date and slug (`2026-02-15-x-design.md` ↔ `2026-02-15-x-implementation.md`, `-implementation-plan.md`, `-plan.md`),
 * - or they share the slug across dates,
 * - or one links the other (an implementation plan's `**Design Reference:**` or any other link, in either direction),
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
      const key = p.slug.toLowerCase();
      let list = bySlug.get(key);
      if (!list) bySlug.set(key, (list = []));
      list.push(p);
    }
    for (const design of plans) {
      if (!isDesignKind(design.kind)) continue;
      for (const other of bySlug.get(design.slug.toLowerCase()) ?? []) {
        if (other.kind === 'implementation') this.pair(design.path, other.path);
        else if (other.kind === 'unknown' && other.fileDate === design.fileDate) this.pair(design.path, other.path);
      }
    }
    // Explicit links between plans, in either direction.
    for (const plan of plans) {
      for (const link of plan.doc.links) {
        const r = model.resolve(plan.doc, link);
        if (r.status !== 'ok' || r.path === plan.path) continue;
        const target = model.plans.get(r.path);
        if (!target) continue;
        if (isDesignKind(target.kind) && !isDesignKind(plan.kind)) this.pair(plan.path, target.path);
        else if (isDesignKind(plan.kind) && target.kind === 'implementation') this.pair(plan.path, target.path);
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

const pairings = new WeakMap<WorkspaceModel, PlanPairing>();

/** The pairing of the model's plans, computed once per model. */
export function pairingOf(model: WorkspaceModel): PlanPairing {
  let pairing = pairings.get(model);
  if (!pairing) pairings.set(model, (pairing = new PlanPairing(model)));
  return pairing;
}

/**
 * The plans each top-level roadmap list item links (with its nested items),
 * with the role of each link: its label, else the target's kind. Topic-map
 * bullets outside phases count too; a phase's "Implementation coverage:" line
 * covers the items of its phase.
 */
export function roadmapLinkGroups(model: WorkspaceModel): { path: string; role: 'design' | 'implementation' | 'other' }[][] {
  const roadmap = model.roadmap;
  if (!roadmap) return [];
  const doc = roadmap.doc;
  const items = doc.summary.items;
  const top = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) top[i] = items[i].parent < 0 ? i : top[items[i].parent];
  const groups = new Map<number, { path: string; role: 'design' | 'implementation' | 'other' }[]>();
  for (const link of doc.links) {
    if (link.item < 0 || link.kind === 'definition') continue;
    const r = model.resolve(doc, link);
    if (r.status !== 'ok' || !model.plans.has(r.path)) continue;
    const labelRole = roleFromLabel(link.label ?? link.text);
    const kind = planKindOf(r.path).kind;
    const role = labelRole === 'design' || labelRole === 'decision' ? 'design' : labelRole === 'implementation' ? 'implementation' : kind === 'design' || kind === 'decision' ? 'design' : kind === 'implementation' ? 'implementation' : 'other';
    const t = top[link.item];
    let list = groups.get(t);
    if (!list) groups.set(t, (list = []));
    list.push({ path: r.path, role });
  }
  for (const phase of roadmap.phases) {
    const coverage = phase.coverage.filter((c) => c.path && model.plans.has(c.path)).map((c) => ({ path: c.path!, role: 'implementation' as const }));
    if (coverage.length === 0) continue;
    for (const item of phase.items) {
      let list = groups.get(item.index);
      if (!list) groups.set(item.index, (list = []));
      pushAll(list, coverage);
    }
  }
  return [...groups.values()];
}
