import { rangeKey, ReportMemo, type Rule } from '../rule';
import { cleanValue, docField, isFrontMatterField, startsWithWords } from '../lifecycle';
import { detached } from '../detach';

/**
 * Statuses that say the plan's work has not been done. A checked item whose
 * plan still says one of these is drift: either the item was checked too
 * early or the plan was never updated. Design states such as "Approved" or
 * "Design Complete" are fine for a done item, so they are not listed.
 */
export const NOT_DONE_STATUSES = ['Draft', 'Design Draft', 'Proposed', 'In Review', 'Placeholder', 'Planned', 'Not Started', 'In Progress', 'Blocked'];

/** RG023: a checked roadmap item whose linked plans still say Draft (or another not-done status). */
export const checkedItemDraftPlan: Rule = {
  code: 'RG023',
  name: 'checked-item-draft-plan',
  description: 'Checked roadmap item whose linked plan is still Draft (or another not-done status)',
  defaultSeverity: 'warning',
  tags: ['roadmap', 'drift'],
  check(context) {
    const { model } = context;
    const roadmap = model.roadmap;
    if (!roadmap) return;
    const memo = new ReportMemo(context, 'checked-item-draft-plan');
    for (const phase of roadmap.phases) {
      for (const item of phase.items) {
        if (!item.checked) continue;
        const seen = new Set<string>();
        for (const link of item.links) {
          if (!link.path || link.resolution.status !== 'ok' || seen.has(link.path)) continue;
          const plan = model.plans.get(link.path);
          if (!plan) continue;
          seen.add(link.path);
          const status = docField(model, plan.doc, 'status');
          if (!status) continue;
          const value = cleanValue(status.value);
          const notDone = NOT_DONE_STATUSES.find((s) => startsWithWords(value, s));
          if (!notDone) continue;
          const front = isFrontMatterField(plan.doc, status);
          const range = link.link.range;
          // Everything the report says; an unchanged link keeps its report (and finding) while the user types elsewhere.
          const key = [roadmap.path, rangeKey(range), item.title, link.path, plan.path, status.value, front, rangeKey(status.valueRange)].join('\u0000');
          memo.report(key, () => ({
            path: roadmap.path,
            range,
            message: detached(`"${item.title}" is checked, but ${link.path} still says Status "${status.value.trim()}".`),
            fixes: front
              ? undefined
              : [{ title: detached(`Set the Status of ${link.path} to "Implemented"`), steps: [{ kind: 'edit', path: detached(plan.path), edits: [{ range: status.valueRange, newText: 'Implemented' }] }] }],
            data: { item: detached(item.title), plan: detached(link.path!), status: detached(value) },
          }));
        }
      }
    }
  },
};
