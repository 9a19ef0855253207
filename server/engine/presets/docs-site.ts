/**
 * `docs-site`: a documentation site's content folder (Astro Starlight's
 * `src/content/docs/`, Docusaurus's `docs/` and `blog/`, a VitePress folder
 * with `.vitepress/config.*`, MkDocs's `docs_dir`), at the root or in a
 * subfolder, whose pages link each other by route (`/reference/cli/`,
 * `../guides/setup`). With it on, RG003 and RG004 read such a link as the
 * site does: a route to an existing page is not broken, one to a missing page
 * is, with the nearest page. Shown by a generator's config file beside a
 * content folder of markdown pages; nothing is required when it is "on".
 */
import { GENERATOR_NAMES } from '../docsSites';
import type { ConventionPreset } from './types';

export const docsSite: ConventionPreset = {
  kind: 'convention',
  name: 'docs-site',
  convention: 'docsSite',
  summary: 'Documentation sites (Starlight, Docusaurus, VitePress, MkDocs) whose pages link each other by route: such links are resolved against the site\'s content folder (RG003, RG004).',
  docs: 'docs/layouts.md#docs-site',
  settings: { conventions: { docsSite: 'on' } },
  evidence: (model) => {
    const sites = model.cache.docsSites;
    if (!sites.length) return undefined;
    const named = sites.slice(0, 3).map((s) => `${s.folder || 'the workspace root'} is ${/^[AEIOU]/.test(GENERATOR_NAMES[s.generator]) ? 'an' : 'a'} ${GENERATOR_NAMES[s.generator]} site (${s.config}, pages in ${s.mounts.filter((m) => m.kind !== 'pages').map((m) => m.dir || '.').join(', ')})`);
    return named.join('; ') + (sites.length > 3 ? ` and ${sites.length - 3} more` : '');
  },
};
