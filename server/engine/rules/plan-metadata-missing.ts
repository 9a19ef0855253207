import type { Rule } from '../rule';
import { docAnchor, docField, fileNameDate, insertMetadataLine, isTemplateDoc } from '../lifecycle';

/**
 * RG016: a plan with neither a date nor a status, in any form plans write
 * them: a `**Date:**` / `**Status:**` line near the top (any case, also in a
 * quote or a top bullet), front matter `date:` / `status:` (MADR), a plain
 * `Date:` / `Status:` line before the first section, an ADR `## Date` /
 * `## Status` section, a date inside the Status value, or the date in the
 * file name. A plan that has either is dated or placed; one with neither is
 * a document nobody can place in time or state.
 */
export const planMetadataMissing: Rule = {
  code: 'RG016',
  name: 'plan-metadata-missing',
  description: 'Plan with neither a date nor a status',
  defaultSeverity: 'warning',
  tags: ['metadata'],
  reads: ['plans', 'files'],
  check({ model, report, today }) {
    for (const plan of model.plans.values()) {
      if (isTemplateDoc(model, plan.path)) continue;
      const doc = plan.doc;
      if (plan.fileDate || fileNameDate(plan.path)) continue;
      const date = docField(model, doc, 'date');
      const status = docField(model, doc, 'status');
      if (date || status) continue;
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: 'Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.',
        fixes: [
          // Neither is preferred: only the author knows when the plan was written and where it stands.
          { title: 'Add "**Status:** Draft"', steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, '**Status:** Draft')] }] },
          { title: `Add "**Date:** ${today}" (today)`, steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, `**Date:** ${today}`, { first: true })] }] },
        ],
        data: { missing: ['Date', 'Status'] },
      });
    }
  },
};
