import type { Rule } from '../rule';
import type { Fix } from '../types';
import { docAnchor, docField, fileNameDate, insertMetadataLine, isTemplateDoc } from '../lifecycle';

/**
 * RG016: a plan without `**Date:**` or `**Status:**` metadata (YAML front
 * matter `date:` / `status:` count). One finding per plan, naming what is missing.
 */
export const planMetadataMissing: Rule = {
  code: 'RG016',
  name: 'plan-metadata-missing',
  description: 'Plan without Date or Status metadata',
  defaultSeverity: 'warning',
  tags: ['metadata'],
  reads: ['plans', 'files'],
  check({ model, report }) {
    for (const plan of model.plans.values()) {
      if (isTemplateDoc(model, plan.path)) continue;
      const doc = plan.doc;
      const date = docField(model, doc, 'date');
      const status = docField(model, doc, 'status');
      if (date && status) continue;
      const missing = [!date && '**Date:**', !status && '**Status:**'].filter(Boolean) as string[];
      const fixes: Fix[] = [];
      const known = fileNameDate(plan.path);
      if (!date && known) {
        const edit = insertMetadataLine(model, doc, `**Date:** ${known}`, { first: true });
        fixes.push({ title: `Add "**Date:** ${known}" (from the file name)`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [edit] }] });
      }
      if (!status) {
        // Not preferred: only the author knows the real status.
        fixes.push({ title: 'Add "**Status:** Draft"', steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, '**Status:** Draft', date ? { after: date.line > 0 ? date : undefined } : {})] }] });
      }
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: `Plan has no ${missing.join(' and no ')} metadata line.`,
        fixes: fixes.length ? fixes : undefined,
        data: { missing: missing.map((m) => m.replace(/[*:]/g, '')) },
      });
    }
  },
};
