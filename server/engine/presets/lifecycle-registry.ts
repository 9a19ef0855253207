/**
 * `lifecycle-registry`: a table of every plan's lifecycle (Active /
 * Superseded / Archived) that plans' markers must agree with (RG011–RG015).
 * Shown by the registry file.
 */
import type { ConventionPreset } from './types';

export const lifecycleRegistry: ConventionPreset = {
  kind: 'convention',
  name: 'lifecycle-registry',
  convention: 'lifecycleRegistry',
  summary: 'A plan lifecycle registry that plans and the roadmap agree with (RG011-RG015; RG022 when it is missing and required).',
  docs: 'docs/layouts.md#lifecycle-registry',
  settings: { conventions: { lifecycleRegistry: 'on' } },
  evidence: (model) => (model.files.has(model.config.lifecycle.registry) ? `${model.config.lifecycle.registry} exists` : undefined),
};
