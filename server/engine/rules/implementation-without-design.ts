import { docFolder, docNamePattern } from '../fixes';
import type { Plan, WorkspaceModel } from '../model';
import type { Rule } from '../rule';
import { range } from '../types';
import { isDone, isRetired, pairingOf } from './planFacts';

/**
 * RG009: an implementation plan with no design doc: none of the same slug
 * (in any folder, at any date), no `**Spec:**`, `**Design Reference:**` or
 * other link to one, and no roadmap item that links it together with a
 * design doc. A decision record is a design here, never a plan that needs one.
 * In a workspace with no design doc or decision record at all, nothing is: its
 * plans are written without them (a plans folder alone).
 */
export const implementationWithoutDesign: Rule = {
  code: 'RG009',
  name: 'implementation-without-design',
  description: 'Implementation plan without a design doc',
  defaultSeverity: 'info',
  tags: ['plans', 'coverage'],
  reportsIn: ['plans'],
  check({ model, report }) {
    if (![...model.plans.values()].some((plan) => plan.kind === 'design' || plan.kind === 'decision')) return;
    for (const plan of model.plans.values()) {
      if (plan.kind !== 'implementation' || isRetired(model, plan) || isDone(plan)) continue;
      if (pairingOf(model).partnersOf(plan.path).length) continue;
      const title = plan.doc.summary.headings.find((h) => h.depth === 1);
      report({
        path: plan.path,
        range: title?.range ?? range(0, 0),
        message: `Implementation plan has no design doc: ${expected(model, plan)}, and no roadmap item links it with one.`,
        data: { slug: plan.slug },
      });
    }
  },
};

/** The design doc the layout would pair with `plan`, as the message names it. */
function expected(model: WorkspaceModel, plan: Plan): string {
  const folder = docFolder(model, 'design');
  if (folder.byKind) return `no ${docNamePattern(model, 'design', plan.slug)}, no **Spec:**, **Design Reference:** or other link to a design doc`;
  return `no ${plan.fileDate ?? '<date>'}-${plan.slug}-design.md, no **Design Reference:** or other link to a design doc`;
}
