/**
 * `design-folders`: design documents and RFCs in folders named for them
 * (`docs/specs/`, `docs/design/`, `docs/designs/`, `docs/design-docs/`,
 * `docs/rfcs/`, `rfcs/`), dated or numbered.
 */
import { findFolders, isDated, isNumbered } from './folders';
import type { LayoutPreset } from './types';

const FOLDERS = ['docs/specs', 'docs/design', 'docs/designs', 'docs/design-docs', 'docs/rfcs', 'docs/rfc', 'rfcs', 'rfc'];

export const designFolders: LayoutPreset = {
  kind: 'layout',
  name: 'design-folders',
  summary: 'Dated or numbered design docs and RFCs in docs/specs/, docs/design*/, docs/rfcs/.',
  docs: 'docs/layouts.md#design-folders',
  settings: { plans: FOLDERS.map((f) => `${f}/**/*.md`), planKinds: Object.fromEntries(FOLDERS.map((f) => [`${f}/**`, 'design'])) },
  detect: (files) =>
    findFolders(
      files,
      FOLDERS.map((folder) => ({ folder, kind: 'design' as const, accept: (p: string) => isDated(p) || isNumbered(p), min: 1, noun: 'dated or numbered design docs' })),
    ),
};
