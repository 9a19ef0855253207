import type { Doc, WorkspaceModel } from '../model';
import { codePathCandidates, codePathsOf } from '../codePaths';
import { basename, dirname } from '../paths';
import type { Rule } from '../rule';
import { range } from '../types';
import { isTemplateDoc } from '../lifecycle';
import { planLifecycle } from './planFacts';

/**
 * RG007: a plan that neither the roadmap, nor any other plan, nor an index of
 * its folder references: no link to it and no code-span path naming it. An
 * index is a `README.md` / `index.md` in the plan's folder or a folder above
 * it (an ADR index, a plans folder's table of contents), the workspace root
 * aside. Links from the lifecycle registry do not count (it lists every plan
 * by design), nor do other documents or the plan itself. Archived plans are
 * history and are left alone.
 *
 * A roadmap asks for its plans to be linked only when it links a markdown
 * document (even a broken link) or names a plan. Without such a roadmap, an index says which plans should be
 * listed, and only where the indexes list at least half of the plans of a
 * folder (a home page that links two of nineteen decisions is not their list,
 * nor an index whose list a site generator makes, as Just the Docs does from
 * MADR's `parent:` front matter): the other plans of that folder are reported.
 * Without either, nothing says a plan should be listed anywhere.
 */
export const orphanPlan: Rule = {
  code: 'RG007',
  name: 'orphan-plan',
  description: 'Plan that no roadmap item or other plan links to',
  defaultSeverity: 'info',
  tags: ['plans', 'links'],
  reportsIn: ['plans'],
  check({ model, report }) {
    const registry = model.config.lifecycle.registry;
    /** Who references each plan: documents that link it or name its path in a code span. */
    const referrers = new Map<string, Set<string>>();
    const add = (from: string, plan: string) => {
      if (from === plan || from === registry) return;
      let set = referrers.get(plan);
      if (!set) referrers.set(plan, (set = new Set()));
      set.add(from);
    };
    for (const plan of model.plans.keys()) for (const ref of model.incoming.get(plan) ?? []) add(ref.from, plan);
    for (const doc of mentionSources(model)) for (const mention of codePathsOf(doc)) for (const { path } of codePathCandidates(doc, mention.written)) if (model.plans.has(path)) add(doc.path, path);
    const roadmap = model.roadmap?.path;
    // A roadmap that links no document at all (a prose note found by its name) is not where plans are linked.
    const roadmapLists = roadmap !== undefined && (model.roadmap!.doc.links.some((l) => MARKDOWN_TARGET.test(l.target)) || [...referrers.values()].some((from) => from.has(roadmap)));
    const listed = (plan: string, from: string) => from === roadmap || model.plans.has(from) || isIndexOf(from, plan);
    const lists = roadmapLists ? undefined : folderLists(model, referrers);
    for (const plan of model.plans.values()) {
      if (/^archived\b/.test(planLifecycle(model, plan) ?? '')) continue;
      if ([...(referrers.get(plan.path) ?? [])].some((from) => listed(plan.path, from))) continue;
      let index: string | undefined;
      if (lists) {
        index = nearestIndex(lists.get(dirname(plan.path)) ?? [], plan.path);
        if (!index) continue;
      }
      const title = plan.doc.summary.headings.find((h) => h.depth === 1);
      report({
        path: plan.path,
        range: title?.range ?? range(0, 0),
        message: !lists
          ? `No roadmap item (${roadmap}) and no other plan links to this plan or names its path.`
          : `Neither the index ${index} nor any other plan links to this plan or names its path (${roadmap ? `the roadmap ${roadmap} links no plan` : 'and there is no roadmap'}).`,
      });
    }
  },
};

/** The documents whose code-span paths count as references: the roadmap, the plans and the index documents. */
function mentionSources(model: WorkspaceModel): Doc[] {
  const sources: Doc[] = [...model.plans.values()].map((p) => p.doc);
  if (model.roadmap) sources.push(model.roadmap.doc);
  for (const doc of model.docs.values()) if (isIndexDocument(doc.path) && !model.plans.has(doc.path)) sources.push(doc);
  return sources;
}

/**
 * For each folder of plans that its indexes list (at least half of its plans,
 * templates aside, are linked or named by an index of the folder or above),
 * those indexes.
 */
function folderLists(model: WorkspaceModel, referrers: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string[]> {
  const folders = new Map<string, { plans: number; listed: number; indexes: Set<string> }>();
  for (const plan of model.plans.keys()) {
    if (isTemplateDoc(model, plan)) continue;
    const folder = dirname(plan);
    let f = folders.get(folder);
    if (!f) folders.set(folder, (f = { plans: 0, listed: 0, indexes: new Set() }));
    f.plans++;
    const indexes = [...(referrers.get(plan) ?? [])].filter((from) => isIndexOf(from, plan));
    if (indexes.length) f.listed++;
    for (const index of indexes) f.indexes.add(index);
  }
  const out = new Map<string, string[]>();
  for (const [folder, f] of folders) if (f.listed * 2 >= f.plans) out.set(folder, [...f.indexes]);
  return out;
}

const MARKDOWN_TARGET = /\.(md|mdx|markdown)(#.*)?$/i;

const INDEX_NAME = /^(readme|index)\.md$/i;

/** Whether `path` is an index document: a `README.md` or `index.md` below the workspace root. */
function isIndexDocument(path: string): boolean {
  return INDEX_NAME.test(basename(path)) && dirname(path) !== '';
}

/** The index document nearest to `plan`: in its folder, else in the closest folder above (the root aside). */
function nearestIndex(indexes: readonly string[], plan: string): string | undefined {
  let best: string | undefined;
  for (const index of indexes) if (isIndexOf(index, plan) && (!best || dirname(index).length > dirname(best).length)) best = index;
  return best;
}

/** Whether `from` is an index document (`README.md`, `index.md`) of the folder of `to` or of a folder above it, below the root. */
export function isIndexOf(from: string, to: string): boolean {
  if (!isIndexDocument(from)) return false;
  const folder = dirname(from);
  return dirname(to) === folder || dirname(to).startsWith(folder + '/');
}
