/** `release-template`: a release-notes template with Keep a Changelog headings (RG021). Shown by the template file. */
import type { ConventionPreset } from './types';

export const releaseTemplate: ConventionPreset = {
  kind: 'convention',
  name: 'release-template',
  convention: 'releaseTemplate',
  summary: 'A release-notes template with the configured headings (RG021; RG022 when it is missing and required).',
  docs: 'docs/layouts.md#release-template',
  settings: { conventions: { releaseTemplate: 'on' } },
  evidence: (model) => (model.files.has(model.config.releaseTemplate.path) ? `${model.config.releaseTemplate.path} exists` : undefined),
};
