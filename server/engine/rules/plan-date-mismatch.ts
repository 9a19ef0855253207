import type { Rule } from '../rule';
import { range } from '../types';
import { docField, fileNameDate, isCalendarDate, isFrontMatterField, isTemplateDoc } from '../lifecycle';

/**
 * RG018: the date in a plan's file name differs from its `**Date:**`. The
 * file name is what sorts the plans folder and what links use, so the fix
 * changes the metadata to the file's date.
 */
export const planDateMismatch: Rule = {
  code: 'RG018',
  name: 'plan-date-mismatch',
  description: "File-name date differs from the plan's Date metadata",
  defaultSeverity: 'warning',
  tags: ['metadata'],
  reportsIn: ['plans'],
  reads: ['plans'],
  check({ model, report }) {
    for (const plan of model.plans.values()) {
      if (isTemplateDoc(model, plan.path)) continue;
      const fileDate = plan.fileDate ?? fileNameDate(plan.path);
      const date = docField(model, plan.doc, 'date');
      if (!fileDate || !date) continue;
      const m = /\d{4}-\d{2}-\d{2}/.exec(date.value);
      if (!m || !isCalendarDate(m[0]) || m[0] === fileDate) continue;
      const front = isFrontMatterField(plan.doc, date);
      const line = plan.doc.text.split('\n')[date.line] ?? '';
      const at = front ? -1 : line.indexOf(m[0], date.valueRange.start.character);
      const where = at >= 0 ? range(date.line, at, date.line, at + m[0].length) : date.valueRange;
      report({
        path: plan.path,
        range: front ? range(0, 0, 0, 3) : where,
        message: `Date ${m[0]} differs from the date in the file name, ${fileDate}.`,
        fixes: at >= 0 ? [{ title: `Change the Date to ${fileDate}`, preferred: true, steps: [{ kind: 'edit', path: plan.path, edits: [{ range: where, newText: fileDate }] }] }] : undefined,
        data: { date: m[0], fileDate },
      });
    }
  },
};
