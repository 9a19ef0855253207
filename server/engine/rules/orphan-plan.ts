import type { Doc, WorkspaceModel } from '../model';
import { codePathCandidates, codePathsOf } from '../codePaths';
import { basename, dirname } from '../paths';
import type { Rule } from '../rule';
import { range } from '../types';
import { planLifecycle } from './planFacts';

/**
 * RG007: a plan that neither the roadmap, nor any other plan, nor an index of
 * its folder references: no link to it and no code-span path naming it. An
 * index is a `README.md` / `index.md` in the plan's folder or a folder above
 * it (an ADR index, a plans folder's table of contents), the workspace root
 * aside. Links from the lifecycle registry do not count (it lists every plan
 * by design), nor do other documents or the plan itself. Archived plans are
 * history and are left alone. With no roadmap, only plans under an index
 * are reported: without a roadmap or an index nothing says a plan should be
 * listed anywhere.
 */
export const orphanPlan: Rule = {
  code: 'RG007',
  name: 'orphan-plan',
  description: 'Plan that no roadmap item or other plan links to',
  defaultSeverity: 'info',
  tags: ['plans', 'links'],
  reportsIn: ['plans'],
  check({ model, report }) {
    const roadmapPath = model.roadmap?.path;
    const counts = (from: string, to: string) =>
      from !== to && from !== model.config.lifecycle.registry && (from === roadmapPath || model.plans.has(from) || isIndexOf(from, to));
    const mentioned = mentionedPlans(model, counts);
    const indexes = roadmapPath ? [] : [...model.docs.keys()].filter(isIndexDocument);
    for (const plan of model.plans.values()) {
      if (/^archived\b/.test(planLifecycle(model, plan) ?? '')) continue;
      // With no roadmap, only an index of its folder says which plans should be listed: without one, nothing is an orphan.
      const index = roadmapPath ? undefined : nearestIndex(indexes, plan.path);
      if (!roadmapPath && !index) continue;
      if ((model.incoming.get(plan.path) ?? []).some((ref) => counts(ref.from, plan.path))) continue;
      if (mentioned.has(plan.path)) continue;
      const title = plan.doc.summary.headings.find((h) => h.depth === 1);
      report({
        path: plan.path,
        range: title?.range ?? range(0, 0),
        message: roadmapPath
          ? `No roadmap item (${roadmapPath}) and no other plan links to this plan or names its path.`
          : `Neither the index ${index} nor any other plan links to this plan or names its path (and there is no roadmap).`,
      });
    }
  },
};

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

/** Plans named by a code-span path (`docs/plans/x.md`, see codePaths.ts) in the roadmap, a plan or an index document. */
function mentionedPlans(model: WorkspaceModel, counts: (from: string, to: string) => boolean): Set<string> {
  const found = new Set<string>();
  const sources: Doc[] = [...model.plans.values()].map((p) => p.doc);
  if (model.roadmap) sources.push(model.roadmap.doc);
  for (const doc of model.docs.values()) if (isIndexDocument(doc.path) && !model.plans.has(doc.path)) sources.push(doc);
  for (const doc of sources) {
    for (const mention of codePathsOf(doc)) {
      for (const { path } of codePathCandidates(doc, mention.written)) if (model.plans.has(path) && counts(doc.path, path)) found.add(path);
    }
  }
  return found;
}
