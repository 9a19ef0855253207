/** Shared by RG001 and RG002: which items need which link, and the fixes offered. */
import { createAndLinkFix, linkStubFix } from '../fixes';
import type { RoadmapItem } from '../model';
import type { RuleContext } from '../rule';

/** Whether the config's link scope covers `item` (by phase and checked state). */
export function itemInScope(context: RuleContext, item: RoadmapItem): boolean {
  const scope = context.config.linkScope;
  if (item.checked && !scope.checkedItems) return false;
  return scope.phases.length === 0 || scope.phases.includes(item.phase.number);
}

export function missingLinkFindings(context: RuleContext, kind: 'design' | 'implementation'): void {
  const { model } = context;
  const roadmap = model.roadmap;
  if (!roadmap) return;
  for (const phase of roadmap.phases) {
    for (const item of phase.items) {
      if (!itemInScope(context, item)) continue;
      if (kind === 'design' ? item.hasDesign : item.hasImplementation) continue;
      const what = kind === 'design' ? 'design doc' : 'implementation plan';
      context.report({
        path: roadmap.path,
        range: item.item.titleRange ?? { start: item.item.range.start, end: item.item.firstLineEnd },
        message: `Phase ${phase.number} item "${item.title}" has no ${what} link.`,
        fixes: [linkStubFix(model, item, kind, context.today), createAndLinkFix(model, item, kind, context.template(kind), context.today)],
        data: { item: item.title, phase: phase.number, kind },
      });
    }
  }
}
