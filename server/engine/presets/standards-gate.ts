/**
 * `standards-gate`: plans carry a standards-compliance section (the seed
 * plan's "Open Standards Baseline"). Shown by a standards profile or
 * checklist, or by plans that have such a section; then it is required from
 * the date of the first plan that has one (history is not rewritten).
 */
import type { Config } from '../config';
import type { WorkspaceModel } from '../model';
import { planDate } from '../rules/planFacts';
import type { ConventionPreset } from './types';

export const standardsGate: ConventionPreset = {
  kind: 'convention',
  name: 'standards-gate',
  convention: 'standardsGate',
  summary: 'Plans have a standards-compliance section (RG005, RG006).',
  docs: 'docs/layouts.md#standards-gate',
  settings: { conventions: { standardsGate: 'on' } },
  configured: (config) => (config.standards.requiredSince !== 'auto' ? `standards.requiredSince is ${JSON.stringify(config.standards.requiredSince)}` : undefined),
  evidence(model) {
    const { profile, checklist } = model.config.standards;
    const withSection = [...model.plans.values()].filter((p) => p.standards).length;
    if (withSection) return `${withSection} plan${withSection === 1 ? ' has' : 's have'} a standards-compliance section`;
    if (model.files.has(profile)) return `${profile} exists`;
    if (model.files.has(checklist)) return `${checklist} exists`;
    return undefined;
  },
};

const sinceByModel = new WeakMap<WorkspaceModel, string | null>();

/**
 * The day from which plans need the section: the configured date, null for
 * every dated plan, or with "auto" the date of the first plan that has one
 * (today when none has yet: only plans written from now on).
 */
export function standardsRequiredSince(model: WorkspaceModel, config: Config, today: string): string | null {
  const setting = config.standards.requiredSince;
  if (setting !== 'auto') return setting;
  let since = sinceByModel.get(model);
  if (since === undefined) {
    since = today;
    for (const plan of model.plans.values()) {
      if (!plan.standards) continue;
      const date = planDate(plan);
      if (date && date < since) since = date;
    }
    sinceByModel.set(model, since);
  }
  return since;
}
