/**
 * `docs-governance`: parity with the Python checker of the project the seed
 * plan comes from: its roadmap and plans folder, and every file it requires
 * (lifecycle registry, changelog alignment block, release-notes template,
 * roadmap metadata), reported when missing.
 */
import type { BundlePreset } from './types';

export const docsGovernance: BundlePreset = {
  kind: 'bundle',
  name: 'docs-governance',
  summary: "The docs-governance checker's conventions, all required: roadmap docs/project/roadmap.md, plans in docs/plans/, lifecycle registry, changelog alignment, release template, roadmap metadata.",
  docs: 'docs/layouts.md#docs-governance',
  settings: {
    roadmap: 'docs/project/roadmap.md',
    plans: ['docs/plans/**/*.md'],
    conventions: { itemLinks: 'on', lifecycleRegistry: 'on', changelogAlignment: 'on', releaseTemplate: 'on', roadmapMetadata: 'on' },
  },
};
