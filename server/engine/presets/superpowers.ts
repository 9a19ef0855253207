/**
 * `superpowers`: the layout the superpowers planning skills write. Design
 * "specs" in `docs/superpowers/specs/YYYY-MM-DD-<topic>-design.md`,
 * implementation plans in `docs/superpowers/plans/YYYY-MM-DD-<feature>.md`
 * (no suffix), each naming its spec with ``**Spec:** `…` ``.
 */
import { findFolders, isDated } from './folders';
import type { LayoutPreset } from './types';

export const superpowers: LayoutPreset = {
  kind: 'layout',
  name: 'superpowers',
  summary: 'Design specs in docs/superpowers/specs/, implementation plans in docs/superpowers/plans/.',
  docs: 'docs/layouts.md#superpowers',
  settings: {
    plans: ['docs/superpowers/specs/**/*.md', 'docs/superpowers/plans/**/*.md'],
    planKinds: { 'docs/superpowers/specs/**': 'design', 'docs/superpowers/plans/**': 'implementation' },
  },
  detect: (files) =>
    findFolders(files, [
      { folder: 'docs/superpowers/specs', kind: 'design', accept: isDated, min: 1, noun: 'dated design docs' },
      { folder: 'docs/superpowers/plans', kind: 'implementation', accept: isDated, min: 1, noun: 'dated implementation plans' },
    ]),
};
