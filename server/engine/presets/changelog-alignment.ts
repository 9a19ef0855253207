/**
 * `changelog-alignment`: the changelog's `[Unreleased]` section records where
 * the roadmap stood (`### Roadmap Alignment`). Shown by such a block
 * anywhere in the changelog.
 */
import type { ConventionPreset } from './types';

export const changelogAlignment: ConventionPreset = {
  kind: 'convention',
  name: 'changelog-alignment',
  convention: 'changelogAlignment',
  summary: 'CHANGELOG [Unreleased] carries a ### Roadmap Alignment block that repeats the roadmap metadata (RG020).',
  docs: 'docs/layouts.md#changelog-alignment',
  settings: { conventions: { changelogAlignment: 'on' } },
  evidence(model) {
    const doc = model.docs.get(model.config.changelog);
    const heading = doc?.summary.headings.find((h) => /^roadmap alignment$/i.test(h.text.trim()));
    return heading ? `${doc!.path} has a "${heading.text.trim()}" heading (line ${heading.range.start.line + 1})` : undefined;
  },
};
