import { docFolder, docNamePattern } from '../fixes';
import type { Plan, WorkspaceModel } from '../model';
import type { Rule } from '../rule';
import { range } from '../types';
import { isDone, isRetired, pairingOf } from './planFacts';

/**
 * RG008: a design doc with no implementation plan: none of the same slug
 * (same date or another, in any folder), none linked from or to it, and no
 * roadmap item that links it together with an implementation plan. Decision
 * records (ADRs) are not design docs waiting for a plan: never reported. In a
 * workspace with no implementation plan at all, nothing is.
 */
export const designWithoutImplementation: Rule = {
  code: 'RG008',
  name: 'design-without-implementation',
  description: 'Design doc without an implementation plan',
  defaultSeverity: 'info',
  tags: ['plans', 'coverage'],
  reportsIn: ['plans'],
  check({ model, report }) {
    // A workspace without a single implementation plan does not write them
    // (an RFC or design folder alone): each of its designs would be reported.
    if (![...model.plans.values()].some((plan) => plan.kind === 'implementation')) return;
    for (const plan of model.plans.values()) {
      if (plan.kind !== 'design' || isRetired(model, plan) || isDone(plan)) continue;
      if (pairingOf(model).partnersOf(plan.path).length) continue;
      const title = plan.doc.summary.headings.find((h) => h.depth === 1);
      report({
        path: plan.path,
        range: title?.range ?? range(0, 0),
        message: `Design doc has no implementation plan: ${expected(model, plan)}, no plan links it, and no roadmap item links it with one.`,
        data: { slug: plan.slug },
      });
    }
  },
};

/** The implementation plan the layout would pair with `plan`, as the message names it. */
function expected(model: WorkspaceModel, plan: Plan): string {
  const folder = docFolder(model, 'implementation');
  if (folder.byKind) return `no ${docNamePattern(model, 'implementation', plan.slug)}`;
  return `no ${plan.fileDate ?? '<date>'}-${plan.slug}-implementation.md (or -plan.md)`;
}
