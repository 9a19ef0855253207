import type { Plan, WorkspaceModel } from '../model';
import type { Rule, RuleContext } from '../rule';
import type { Fix, TextEdit } from '../types';
import { basename, dirname } from '../paths';
import { textLines } from '../markdown/split';
import { metadataTop } from '../metadata';
import { docAnchor, docField, fileNameDate, insertMetadataLine, isTemplateDoc } from '../lifecycle';
import { convention } from '../presets';
import { standardsRequiredSince } from '../presets/standards-gate';
import { addStandardsSectionFix } from './standards-section-missing';

/**
 * RG016: a plan with neither a date nor a status, in any form plans write
 * them: a `**Date:**` / `**Status:**` line near the top (any case, also in a
 * quote or a top bullet), front matter `date:` / `status:` (MADR), a plain
 * `Date:` / `Status:` line before the first section, an ADR `## Date` /
 * `## Status` section, a date inside the Status value, an RFC's front matter
 * `stage:`, or the date in the file name. A plan that has either is dated or placed; one with neither is
 * a document nobody can place in time or state. Where most plans of a folder
 * (three or more) have neither, that is the folder's convention, not an
 * omission (MADR's own decisions leave the optional fields out): nothing
 * there is reported.
 */
export const planMetadataMissing: Rule = {
  code: 'RG016',
  name: 'plan-metadata-missing',
  description: 'Plan with neither a date nor a status',
  defaultSeverity: 'warning',
  tags: ['metadata'],
  reads: ['plans', 'files'],
  check(context) {
    const { model, report, today } = context;
    let doneByPath: Set<string> | undefined;
    const unplaced: Plan[] = [];
    const byFolder = new Map<string, { plans: number; unplaced: number }>();
    for (const plan of model.plans.values()) {
      if (isTemplateDoc(model, plan.path)) continue;
      const folder = dirname(plan.path);
      let counts = byFolder.get(folder);
      if (!counts) byFolder.set(folder, (counts = { plans: 0, unplaced: 0 }));
      counts.plans++;
      if (isPlaced(model, plan)) continue;
      counts.unplaced++;
      unplaced.push(plan);
    }
    for (const plan of unplaced) {
      const counts = byFolder.get(dirname(plan.path))!;
      if (counts.plans >= 3 && counts.unplaced * 2 > counts.plans) continue;
      const doc = plan.doc;
      // A plan a checked item links is done work: "Draft" there would be drift (RG023).
      doneByPath ??= checkedItemPlans(model);
      const statusLine = `**Status:** ${doneByPath.has(plan.path) ? 'Implemented' : 'Draft'}`;
      const statusEdit = insertMetadataLine(model, doc, statusLine);
      const dated = datedFix(context, plan, today, statusLine);
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: 'Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.',
        fixes: [
          // Neither is preferred: only the author knows when the plan was written and where it stands.
          { title: `Add "${statusLine}"`, steps: [{ kind: 'edit', path: doc.path, edits: [statusEdit] }] },
          dated,
        ],
        data: { missing: ['Date', 'Status'] },
      });
    }
  },
};

/**
 * Date and Status labels in the languages plans are often written in
 * (`**状态**: 接受`, `**日期**：2026-03-05`, `- **Estado:** Aprobado`, `Datum: …`):
 * near the top (the first 40 lines, before the first section), bold or plain,
 * with an ASCII or a full-width colon, they place a plan. Only RG016 reads
 * them; their values are the team's own words, which RG017 does not judge.
 */
const TRANSLATED_LABEL = /^ {0,3}(?:>\s*)?(?:[-*+]\s+)?(?:\*\*|__)?(?:状态|狀態|状態|ステータス|상태|日期|日付|날짜|更新日期|创建日期|estado|fecha|statut|stato|datum)(?:\*\*|__)?\s*(?:(?:\*\*|__)?[:：](?:\*\*|__)?)\s*\S/i;

const COMPACT_DATED = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-_]/;

/** Whether the plan has a date or a status in any form RG016 knows. */
function isPlaced(model: WorkspaceModel, plan: Plan): boolean {
  if (plan.fileDate || fileNameDate(plan.path)) return true;
  // A compact date (`20240513-x.md`), or the dated folder of a record split in
  // parts (`rfc/20240513-static-evaluation/module-expansion.md`), places it too.
  if (COMPACT_DATED.test(basename(plan.path)) || COMPACT_DATED.test(basename(dirname(plan.path))) || fileNameDate(dirname(plan.path))) return true;
  const doc = plan.doc;
  // An RFC's front matter `stage:` (Ember style: 0 Strawman ... 4 Stable) places it as a status does.
  if (docField(model, doc, 'date') || docField(model, doc, 'status') || doc.summary.frontmatter.stage !== undefined) return true;
  const lines = textLines(doc);
  for (let i = 0; i < Math.min(metadataTop(doc.summary), lines.length); i++) if (TRANSLATED_LABEL.test(lines[i])) return true;
  return false;
}

/** Plans linked from a checked roadmap item. */
function checkedItemPlans(model: WorkspaceModel): Set<string> {
  const out = new Set<string>();
  for (const phase of model.roadmap?.phases ?? []) for (const item of phase.items) if (item.checked) for (const link of item.links) if (link.path) out.add(link.path);
  return out;
}

/**
 * Both lines, the date today's. Dated today, the plan may fall under the
 * standards gate: then the fix adds the standards section too, so that it
 * does not trade this warning for RG005's error.
 */
function datedFix(context: RuleContext, plan: Plan, today: string, statusLine: string): Fix {
  const { model, config } = context;
  const doc = plan.doc;
  const edits: TextEdit[] = [insertMetadataLine(model, doc, `**Date:** ${today}\n${statusLine}`, { first: true })];
  let also = '';
  if (convention(model, 'standardsGate').on && !plan.standards && config.standards.kinds.includes(plan.kind)) {
    const since = standardsRequiredSince(model, config, today);
    if (since === null || today >= since) {
      const section = addStandardsSectionFix(model, plan, context).steps[0];
      if (section.kind === 'edit') edits.push(...section.edits);
      also = ` and a standards section (required${since ? ` from ${since}` : ''})`;
    }
  }
  return { title: `Add "**Date:** ${today}" (today) and "${statusLine}"${also}`, steps: [{ kind: 'edit', path: doc.path, edits }] };
}
