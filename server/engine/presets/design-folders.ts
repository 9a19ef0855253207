/**
 * `design-folders`: design documents and RFCs in folders named for them
 * (`docs/specs/`, `docs/design/`, `docs/designs/`, `docs/design-docs/`,
 * `docs/rfcs/`, `rfcs/`), dated or numbered.
 */
import { folderLayout, isDated, isNumbered } from './folders';

export const designFolders = folderLayout({
  name: 'design-folders',
  summary: 'Dated or numbered design docs and RFCs in docs/specs/, docs/design*/, docs/rfcs/.',
  folders: ['docs/specs', 'docs/design', 'docs/designs', 'docs/design-docs', 'docs/rfcs', 'docs/rfc', 'rfcs', 'rfc'],
  kind: 'design',
  accept: (p) => isDated(p) || isNumbered(p),
  noun: 'dated or numbered design docs',
});
