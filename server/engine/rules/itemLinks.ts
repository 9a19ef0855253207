/** Shared by RG001 and RG002: which items need which link, and the fixes offered. */
import { inLinkScope } from '../coverage';
import { createAndLinkFix, linkExistingFix, linkStubFix } from '../fixes';
import type { RoadmapItem } from '../model';
import { textLines } from '../markdown/split';
import { type Report, ReportMemo, type RuleContext } from '../rule';
import { detached } from '../detach';
import { convention } from '../presets';
import { existingPlanFor } from './existingPlan';


export function missingLinkFindings(context: RuleContext, kind: 'design' | 'implementation'): void {
  const { model } = context;
  const roadmap = model.roadmap;
  if (!roadmap || !convention(model, 'itemLinks').on) return;
  const memo = new ReportMemo(context, `missing-link:${kind}`);
  const known = knownReports(context, kind);
  const template = context.template(kind);
  // Split only when an item is new (the parse of an open document shares its lines).
  let lines: string[] | undefined;
  for (const phase of roadmap.phases) {
    const stamp = [kind, context.today, templateId(template), roadmap.path, roadmap.doc.summary.lineCount, phase.label, phase.coverage.length].join('\u0000');
    for (const item of phase.items) {
      if (!inLinkScope(context.config, item)) continue;
      if (kind === 'design' ? item.hasDesign : item.hasImplementation) continue;
      // A plan that exists and looks like the item's: named in the report, so part of its key.
      // (A copy: an anchor may be cut from the plan's text.)
      const found = existingPlanFor(model, item, kind);
      const existing = found ? detached(found) : '';
      const itemStamp = `${stamp}\u0000${existing}`;
      // An item object the model kept (its phase did not change) has the same text at the same place.
      const seen = known.get(item);
      if (seen?.stamp === itemStamp) {
        memo.reportKnown(seen.key, seen.report);
        continue;
      }
      // The same item text at the same place gives the same report (and, in
      // the engine, the same finding): typing in one item of a long roadmap
      // leaves the others' findings, and what the server derived from them, as they were.
      lines ??= textLines(roadmap.doc);
      const start = item.item.range.start.line;
      const key = [itemStamp, start, lines.slice(start, item.item.range.end.line + 1).join('\n')].join('\u0000');
      const report = memo.report(key, () => {
        const what = kind === 'design' ? 'design doc' : 'implementation plan';
        const base = `${phase.label} item "${item.title}" has no ${what} link`;
        const fixes = [linkStubFix(model, item, kind, context.today), createAndLinkFix(model, item, kind, template, context.today)];
        // The plan that exists comes first, and is the one fix-all and --fix apply; a new doc stays a choice.
        if (existing) fixes.unshift(linkExistingFix(model, item, kind, existing));
        return {
          path: roadmap.path,
          range: item.titleRange ?? { start: item.item.range.start, end: item.item.firstLineEnd },
          // Kept while the item's text stays: strings that do not keep the roadmap's text.
          message: detached(existing ? `${base}; ${existing} looks like it: link it?` : `${base}.`),
          fixes,
          data: { item: detached(item.title), phase: detached(phase.number), kind, ...(existing ? { existing } : {}) },
        };
      });
      known.set(item, { stamp: itemStamp, key, report });
    }
  }
}

/** Each item's report, with the stamp and key it was made under, for as long as the item object lives. */
type KnownReports = WeakMap<RoadmapItem, { stamp: string; key: string; report: Report }>;

function knownReports(context: RuleContext, kind: string): KnownReports {
  const memo = context.model.cache.memo;
  const name = `missing-link-items:${kind}`;
  let known = memo.get(name) as KnownReports | undefined;
  if (!known) memo.set(name, (known = new WeakMap()));
  return known;
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

