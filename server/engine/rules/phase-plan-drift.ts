import type { Rule } from '../rule';
import type { Phase } from '../model';
import type { Fix, Range } from '../types';
import { range } from '../types';
import { textLines } from '../markdown/split';
import { convention } from '../presets';
import { phaseKey, phasePlanFiles, planKey } from '../phasePlans';
import { basename } from '../paths';

/** A roadmap task item that names a phase plan: `14-01-PLAN.md — …`, `02-03: …`, `**01-02**`. */
const PLAN_REF = /^\s*(?:\*\*|`)?(\d+(?:\.\d+)*[a-z]?)-(\d+)(?:-PLAN\.md)?(?:\*\*|`)?(?=$|\s|:|,|\)|—|–)/i;
const CHECKBOX = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+)\[([ xX])\]/;

/**
 * RG025: the roadmap's list of a phase's plans (the GSD layout: plans in
 * `phases/NN-slug/NN-MM-PLAN.md` beside the roadmap, with `NN-MM-SUMMARY.md`
 * once executed) disagrees with the plans on disk: an unchecked plan that has
 * its summary (executed, not ticked), a checked one without a summary, a plan
 * the phase folder does not have, and a plan file the roadmap does not list.
 */
export const phasePlanDrift: Rule = {
  code: 'RG025',
  name: 'phase-plan-drift',
  description: 'Roadmap plan list that disagrees with the phase folders (summary without a tick, tick without a summary, missing or unlisted plan)',
  defaultSeverity: 'warning',
  tags: ['roadmap', 'drift'],
  reportsIn: ['roadmap'],
  reads: ['roadmap', 'files'],
  check({ model, report }) {
    const roadmap = model.roadmap;
    if (!roadmap || !convention(model, 'phasePlans').on) return;
    const found = phasePlanFiles(model);
    if (!found) return;
    const doc = roadmap.doc;
    const lines = textLines(doc);
    const listed = new Set<string>();
    /** Phases whose plans the roadmap lists one by one. */
    const listing = new Set<string>();
    for (const item of doc.summary.items) {
      if (item.checked === null) continue;
      const ref = PLAN_REF.exec(item.text);
      if (!ref) continue;
      const key = planKey(ref[1], ref[2]);
      const phase = phaseKey(ref[1]);
      listed.add(key);
      listing.add(phase);
      const line = item.range.start.line;
      const box = CHECKBOX.exec(lines[line] ?? '');
      const at = box ? range(line, box[1].length, line, box[0].length) : item.range;
      const name = `${ref[1]}-${ref[2]}`;
      const files = found.plans.get(key);
      if (!item.checked && files?.summary) {
        const fix: Fix | undefined = box ? { title: `Check plan ${name} (its summary exists)`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: range(line, box[1].length + 1, line, box[1].length + 2), newText: 'x' }] }] } : undefined;
        report({
          path: doc.path,
          range: at,
          message: `Plan ${name} has its summary (${files.summary}): it was executed, but the roadmap leaves it unchecked.`,
          fixes: fix ? [fix] : undefined,
          data: { plan: name, summary: files.summary },
        });
      } else if (item.checked && files?.plan && !files.summary) {
        report({
          path: doc.path,
          range: at,
          message: `Plan ${name} is checked, but ${basename(files.plan).replace(/PLAN\.md$/i, 'SUMMARY.md')} does not exist beside it: was it executed?`,
          data: { plan: name, file: files.plan },
          lower: 'info',
        });
      } else if (!files && found.phases.has(phase)) {
        report({
          path: doc.path,
          range: at,
          message: `Plan ${name} is listed, but ${found.phases.get(phase)}/ has no ${name}-PLAN.md (nor its summary).`,
          data: { plan: name, folder: found.phases.get(phase) },
        });
      }
    }
    // Plan files of a phase whose plans the roadmap lists, that it does not list.
    const unlisted = [...found.plans.entries()].filter(([key, files]) => files.plan && !listed.has(key) && listing.has(key.slice(0, key.lastIndexOf('-')))).sort((a, b) => (a[1].plan! < b[1].plan! ? -1 : 1));
    for (const [key, files] of unlisted) {
      const phase = key.slice(0, key.lastIndexOf('-'));
      report({
        path: doc.path,
        range: phaseHeadingRange(roadmap.phases, phase) ?? range(0, 0),
        message: `${files.plan} is not in the roadmap's list of Phase ${phase}'s plans.`,
        data: { plan: files.plan },
        lower: 'info',
      });
    }
  },
};

/** The heading of the roadmap section for phase `key` (`### Phase 14: Foundation`). */
function phaseHeadingRange(phases: readonly Phase[], key: string): Range | undefined {
  return phases.find((p) => phaseKey(p.number) === key)?.heading.range;
}
