/** Shared by RG001 and RG002: which items need which link, and the fixes offered. */
import { createAndLinkFix, linkStubFix } from '../fixes';
import type { RoadmapItem } from '../model';
import { textLines } from '../markdown/split';
import type { Report, RuleContext } from '../rule';
import { detached } from '../detach';

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
  const { previous, next } = reportMemo(context, kind);
  const lines = textLines(roadmap.doc);
  const template = context.template(kind);
  for (const phase of roadmap.phases) {
    for (const item of phase.items) {
      if (!itemInScope(context, item)) continue;
      if (kind === 'design' ? item.hasDesign : item.hasImplementation) continue;
      // The same item text at the same place gives the same report (and, in
      // the engine, the same finding): typing in one item of a long roadmap
      // leaves the others' findings, and what the server derived from them, as they were.
      const start = item.item.range.start.line;
      const key = [kind, context.today, templateId(template), roadmap.path, lines.length, phase.number, phase.coverage.length, start, lines.slice(start, item.item.range.end.line + 1).join('\n')].join('\u0000');
      let report = previous?.get(key) ?? next.get(key);
      if (!report) {
        const what = kind === 'design' ? 'design doc' : 'implementation plan';
        report = {
          path: roadmap.path,
          range: item.item.titleRange ?? { start: item.item.range.start, end: item.item.firstLineEnd },
          // Kept while the item's text stays: strings that do not keep the roadmap's text.
          message: detached(`Phase ${phase.number} item "${item.title}" has no ${what} link.`),
          fixes: [linkStubFix(model, item, kind, context.today), createAndLinkFix(model, item, kind, template, context.today)],
          data: { item: detached(item.title), phase: detached(phase.number), kind },
        };
      }
      next.set(key, report);
      context.report(report);
    }
  }
}

const templateIds = new Map<string, number>();
let lastTemplateId = 0;

/** A short stand-in for a template's text in memo keys (the text itself is kilobytes). */
function templateId(template: string): number {
  let id = templateIds.get(template);
  if (id === undefined) {
    // Never reused: a memo key made with an id always meant the same text.
    if (templateIds.size > 1000) templateIds.clear();
    templateIds.set(template, (id = ++lastTemplateId));
  }
  return id;
}

/**
 * Reports by item: the last check's (`previous`), and this check's (`next`,
 * which replaces them). Only the reports of the items as they are now are
 * kept, however long the user types; the memo lives as long as the file list
 * and config (the model cache's lifetime).
 */
function reportMemo(context: RuleContext, kind: string): { previous?: Map<string, Report>; next: Map<string, Report> } {
  const memo = context.model.cache.memo;
  const name = `missing-link-reports:${kind}`;
  const previous = memo.get(name) as Map<string, Report> | undefined;
  const next = new Map<string, Report>();
  memo.set(name, next);
  return { previous, next };
}
