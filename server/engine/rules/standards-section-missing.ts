import type { Config } from '../config';
import { findStandardsSection, type Plan, type RoadmapItem, type WorkspaceModel } from '../model';
import { fillFromProfile, profileRowFor } from '../profile';
import type { Rule, RuleContext } from '../rule';
import type { Fix, TextEdit } from '../types';
import { range } from '../types';
import { planDate } from './planFacts';
import { convention } from '../presets';
import { standardsRequiredSince } from '../presets/standards-gate';
import { minOf } from '../arrays';

/** RG005: a plan that must have a standards-compliance section has none. */
export const standardsSectionMissing: Rule = {
  code: 'RG005',
  name: 'standards-section-missing',
  description: 'Plan without a standards-compliance section',
  defaultSeverity: 'error',
  tags: ['plans', 'standards'],
  reportsIn: ['plans'],
  reads: ['plans', 'otherDocuments', 'files'],
  check(context) {
    const { model, config } = context;
    if (!convention(model, 'standardsGate').on) return;
    const since = standardsRequiredSince(model, config, context.today);
    for (const plan of model.plans.values()) {
      if (plan.standards || !requiresStandards(plan, config, since)) continue;
      const title = plan.doc.summary.headings.find((h) => h.depth === 1);
      context.report({
        path: plan.path,
        range: title?.range ?? range(0, 0),
        message: `Plan has no standards-compliance section (a heading such as "${config.standards.headings[0] ?? 'Open Standards Profile'}")${since ? `; it is required in plans dated on or after ${since}` : ''}.`,
        fixes: [addStandardsSectionFix(model, plan, context)],
        data: { date: planDate(plan) },
      });
    }
  },
};

/** Whether `plan` falls under the standards requirement (by kind and date), the gate being on from `requiredSince`. */
export function requiresStandards(plan: Plan, config: Config, requiredSince: string | null): boolean {
  if (!config.standards.kinds.includes(plan.kind)) return false;
  if (requiredSince === null) return true;
  const date = planDate(plan);
  return date !== undefined && date >= requiredSince;
}

/** The standards section to insert: the workspace checklist when it exists, else the `standards` template. */
export function standardsSectionText(model: WorkspaceModel, context: RuleContext): string {
  const checklist = model.docs.get(context.config.standards.checklist);
  if (checklist && checklist.text.trim() !== '') {
    const section = findStandardsSection(checklist.summary, checklist.text, context.config.standards.headings);
    if (section) return `${'#'.repeat(section.heading.depth < 2 ? 2 : section.heading.depth)} ${section.heading.text}\n${section.text}`;
    return `## Open Standards Profile\n\n${underHeading(checklist.text)}`;
  }
  return context.template('standards');
}

/** The checklist's body, without its title, its headings moved below a level-2 heading. */
function underHeading(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let start = 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  if (/^#\s/.test(lines[start] ?? '')) {
    start++;
    while (start < lines.length && lines[start].trim() === '') start++;
  }
  const body = lines.slice(start);
  let fence = false;
  const depths = body.filter((l) => /^#{1,6}\s/.test(l)).map((l) => /^#+/.exec(l)![0].length);
  const shift = depths.length ? Math.max(0, 3 - minOf(depths)) : 0;
  return body
    .map((l) => {
      if (/^\s*(```|~~~)/.test(l)) fence = !fence;
      if (fence || !shift) return l;
      return l.replace(/^(#{1,6})(\s)/, (_, hashes: string, space: string) => '#'.repeat(Math.min(6, hashes.length + shift)) + space);
    })
    .join('\n');
}

/** The first roadmap item that links `path`. */
function itemLinking(model: WorkspaceModel, path: string): RoadmapItem | undefined {
  for (const phase of model.roadmap?.phases ?? []) for (const item of phase.items) if (item.links.some((l) => l.path === path)) return item;
  return undefined;
}

/**
 * Inserts the standards section before the last Verification / Testing / Risks
 * section, else at the end, with one blank line before and after it.
 */
export function addStandardsSectionFix(model: WorkspaceModel, plan: Plan, context: RuleContext): Fix {
  const text = plan.doc.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const row = profileRowFor(model, itemLinking(model, plan.path), plan.doc.summary.headings.find((h) => h.depth === 1)?.text);
  const filled = fillFromProfile(standardsSectionText(model, context), row, context.config.standards.profile);
  const sectionLines = filled.replace(/\r\n/g, '\n').replace(/\s+$/, '').split('\n');
  const section = sectionLines.join(eol) + eol;
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headings = plan.doc.summary.headings.filter((h) => h.depth >= 2);
  const sectionDepth = headings.length ? minOf(headings.map((h) => h.depth)) : 2;
  const closing = headings.filter((h) => h.depth === sectionDepth && /\b(verification|testing|tests|risks?)\b/i.test(h.text)).pop();
  let edit: TextEdit;
  if (closing) {
    const at = closing.range.start.line;
    const blankBefore = at === 0 || lines[at - 1].trim() === '';
    edit = { range: range(at, 0), newText: (blankBefore ? '' : eol) + section + eol };
  } else {
    const last = lines.length - 1;
    const endsWithNewline = text.endsWith('\n');
    // The last line with text, to know whether a blank line already separates it.
    let lastText = last;
    while (lastText >= 0 && lines[lastText].trim() === '') lastText--;
    const blankLinesAtEnd = endsWithNewline ? last - lastText - 1 : 0;
    const prefix = lastText < 0 ? '' : (endsWithNewline ? '' : eol) + (blankLinesAtEnd > 0 ? '' : eol);
    edit = { range: range(last, lines[last].length), newText: prefix + section };
  }
  return {
    title: `Add the "${sectionLines[0].replace(/^#+\s*/, '')}" section`,
    preferred: true,
    steps: [{ kind: 'edit', path: plan.path, edits: [edit] }],
  };
}
