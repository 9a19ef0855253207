/**
 * `phase-plans`: the GSD planning layout, a `phases/NN-slug/` folder beside
 * the roadmap with `NN-MM-PLAN.md` plans and their `NN-MM-SUMMARY.md` once
 * executed, listed in the roadmap as task items (RG025). Shown by the folder.
 */
import { phasePlanFiles } from '../phasePlans';
import type { ConventionPreset } from './types';

export const phasePlans: ConventionPreset = {
  kind: 'convention',
  name: 'phase-plans',
  convention: 'phasePlans',
  summary: 'Phase folders beside the roadmap (phases/NN-slug/NN-MM-PLAN.md, -SUMMARY.md once executed) whose plans the roadmap lists as task items (RG025).',
  docs: 'docs/layouts.md#phase-plans',
  settings: { conventions: { phasePlans: 'on' } },
  evidence: (model) => {
    const found = phasePlanFiles(model);
    if (!found) return undefined;
    const plans = [...found.plans.values()].filter((p) => p.plan).length;
    return plans ? `${found.folder} has ${plans} phase plan${plans === 1 ? '' : 's'} (NN-MM-PLAN.md)` : undefined;
  },
};
