/**
 * Documentation sites (the docs-site convention): workspaces of the shapes of
 * wycats/locald (an Astro Starlight site in `locald-docs/`), reduxjs/redux
 * (Docusaurus in `website/` with its docs in `../docs`), vuejs/vitepress
 * (`docs/.vitepress/`) and an MkDocs project. In their pages a link written
 * as a route of the site reaches the page; one to a page the site lacks is
 * still reported, with the nearest page written as a route. Before this,
 * every such route was an RG003 (locald: 9 of its findings, Starlight's own
 * docs 241, VitePress's 973, redux's 70).
 */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './rules/planRuleHelpers';

const page = (title: string, ...body: string[]) => lines('---', `title: ${title}`, '---', '', ...body, '');

function starlight(extra: Record<string, string> = {}): Record<string, string> {
  const docs = 'locald-docs/src/content/docs';
  return {
    'README.md': lines('# locald', '', 'See [the docs](locald-docs/src/content/docs/index.mdx).', ''),
    'locald-docs/astro.config.mjs': lines('import starlight from "@astrojs/starlight";', 'export default defineConfig({ integrations: [starlight({ title: "locald" })] });', ''),
    'locald-docs/public/screenshots/overview.png': '',
    [`${docs}/index.mdx`]: '',
    [`${docs}/getting-started/index.mdx`]: '',
    [`${docs}/reference/integrations.md`]: page('Integrations', '## Docker', '', 'Text.'),
    [`${docs}/reference/builds.md`]: page('Builds', 'Text.'),
    [`${docs}/reference/health-checks.md`]: page('Health checks', 'Text.'),
    [`${docs}/internals/architecture.md`]: page('Architecture', '- **See Also**: [Shim Management](architecture/shim-management)'),
    [`${docs}/internals/architecture/shim-management.md`]: page('Shims', 'Back to [the overview](../architecture/).'),
    [`${docs}/guides/setup.md`]: page(
      'Setup',
      'Read [integrations](/reference/integrations), [again](/reference/integrations/), [relative](../reference/integrations/) and [builds](../reference/builds).',
      'Start [here](/getting-started/) or at [home](/).',
      '![Overview](/screenshots/overview.png)',
      'Wait until [Healthy](/concepts/health-checks/#states).',
      'Use [Docker](/reference/integrations/#docker), not [Podman](/reference/integrations/#podman).',
    ),
    ...extra,
  };
}

/** The RG003 findings of the Starlight workspace read as GitHub does (by line and target). */
const OFF = [
  'locald-docs/src/content/docs/guides/setup.md:5 /reference/integrations',
  'locald-docs/src/content/docs/guides/setup.md:5 /reference/integrations/',
  'locald-docs/src/content/docs/guides/setup.md:5 ../reference/builds',
  'locald-docs/src/content/docs/guides/setup.md:5 ../reference/integrations/',
  'locald-docs/src/content/docs/guides/setup.md:6 /',
  'locald-docs/src/content/docs/guides/setup.md:6 /getting-started/',
  'locald-docs/src/content/docs/guides/setup.md:7 /screenshots/overview.png',
  'locald-docs/src/content/docs/guides/setup.md:8 /concepts/health-checks/#states',
  'locald-docs/src/content/docs/guides/setup.md:9 /reference/integrations/#docker',
  'locald-docs/src/content/docs/guides/setup.md:9 /reference/integrations/#podman',
  'locald-docs/src/content/docs/internals/architecture.md:5 architecture/shim-management',
];

describe('a docs site (the docs-site convention)', () => {
  it('Starlight: routes to existing pages, folders and public files resolve; a missing page is reported with the nearest route (RG003)', async () => {
    const { findings } = await run(starlight());
    assert.deepEqual(keys(findings, 'RG003'), [
      'locald-docs/src/content/docs/guides/setup.md:8 Link "/concepts/health-checks/#states" is a route of the Astro Starlight site in locald-docs/; it points to locald-docs/src/content/docs/concepts/health-checks, a page that does not exist (no .md, .mdx or index page there). Did you mean /reference/health-checks/#states (locald-docs/src/content/docs/reference/health-checks.md)?',
    ]);
  });

  it('the fix writes the route in the link\'s own style, and removes the finding', async () => {
    const files = starlight();
    const { findings } = await run(files);
    const fix = findings.find((f) => f.code === 'RG003')!.fixes![0];
    assert.equal(fix.title, 'Repoint to /reference/health-checks/#states');
    const fixed = applyFix(files, fix);
    assert.match(fixed['locald-docs/src/content/docs/guides/setup.md'], /\[Healthy\]\(\/reference\/health-checks\/#states\)/);
    assert.deepEqual(keys((await run(fixed)).findings, 'RG003'), []);
  });

  it('a route\'s #fragment is checked against the page it reaches (RG004)', async () => {
    const { findings } = await run(starlight());
    assert.deepEqual(keys(findings, 'RG004'), ['locald-docs/src/content/docs/guides/setup.md:9 No heading in locald-docs/src/content/docs/reference/integrations.md has the anchor #podman.']);
  });

  it('the same links outside the site, and with conventions.docsSite "off", are read as GitHub does', async () => {
    const off = await run(starlight({ '.roadmap-governance.json': JSON.stringify({ conventions: { docsSite: 'off' } }) }));
    assert.deepEqual(keys(off.findings, 'RG003').map((k) => k.replace(/ .*?"([^"]+)".*/, ' $1')).sort(), [...OFF].sort());
    const { findings } = await run(starlight({ 'locald-docs/README.md': lines('# Docs', '', 'See [builds](/reference/builds).', '') }));
    assert.deepEqual(
      keys(findings, 'RG003').filter((k) => k.startsWith('locald-docs/README.md')),
      ['locald-docs/README.md:3 Link "/reference/builds" points to reference/builds, which does not exist. Did you mean locald-docs/src/content/docs/reference/builds.md?'],
    );
  });

  it('without the content folder there is no site: the routes are broken links', async () => {
    const files = starlight();
    delete files['locald-docs/astro.config.mjs'];
    assert.deepEqual(keys((await run(files)).findings, 'RG003').map((k) => k.replace(/ .*?"([^"]+)".*/, ' $1')).sort(), [...OFF].sort());
  });

  it('says why it is on (config)', async () => {
    const { engine } = await run(starlight());
    const { convention } = await import('../../server/engine/presets');
    const state = convention(engine.model(), 'docsSite');
    assert.equal(state.on, true);
    assert.equal(state.why, 'detected: locald-docs is an Astro Starlight site (locald-docs/astro.config.mjs, pages in locald-docs/src/content/docs)');
  });

  it('Starlight: a base in the config prefixes the routes', async () => {
    const files = starlight({
      'locald-docs/astro.config.mjs': lines('export default defineConfig({', "  base: '/locald',", '  integrations: [starlight({ title: "locald" })],', '});', ''),
      'locald-docs/src/content/docs/guides/base.md': page('Base', 'See [builds](/locald/reference/builds/) and [missing](/locald/reference/build/).'),
    });
    assert.deepEqual(
      keys((await run(files)).findings, 'RG003').filter((k) => k.includes('base.md')),
      ['locald-docs/src/content/docs/guides/base.md:5 Link "/locald/reference/build/" is a route of the Astro Starlight site in locald-docs/; it points to locald-docs/src/content/docs/reference/build, a page that does not exist (no .md, .mdx or index page there). Did you mean /locald/reference/builds/ (locald-docs/src/content/docs/reference/builds.md)?'],
    );
  });

  it('Docusaurus: /docs routes (or routeBasePath), number prefixes, front matter ids, blog posts, and .md links from the docs folder', async () => {
    const { findings } = await run({
      'website/docusaurus.config.ts': lines('export default {', '  presets: [["classic", { docs: { path: "../docs", routeBasePath: "/" }, blog: { path: "blog" } }]],', '};', ''),
      'website/blog/2021-08-26-welcome/index.md': page('Welcome', 'Read [the FAQ](/faq/organizing-state) and [intro](/intro).'),
      'docs/01-intro.md': page('Intro', 'See [the post](/blog/2021/08/26/welcome), [the store](api/Store.md#dispatchaction), [state](/faq/organizing-state#can-i-put-functions) and [gone](/faq/organizing-states).'),
      'docs/faq/OrganizingState.md': lines('---', 'id: organizing-state', '---', '', '## Can I put functions?', ''),
      'docs/api/Store.md': lines('# Store', '', '### dispatch(action)', ''),
    });
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/01-intro.md:5 Link "/faq/organizing-states" is a route of the Docusaurus site in website/; it points to docs/faq/organizing-states, a page that does not exist (no .md, .mdx or index page there). Did you mean /faq/organizing-state (docs/faq/OrganizingState.md)?',
    ]);
    assert.deepEqual(keys(findings, 'RG004'), []);
  });

  it('Docusaurus with the defaults: docs under /docs, versioned docs under their number, dated blog posts, src/pages and static/', async () => {
    const { findings } = await run({
      'website/docusaurus.config.js': lines("module.exports = { title: 'Demo', baseUrl: '/demo/', presets: [['classic', { docs: { sidebarPath: './sidebars.js' } }]] };", ''),
      'website/docs/intro.md': lines('# Intro', '', '[Setup](/docs/guides/setup), [v1](/docs/1.0/guides/setup), [post](/blog/2024/01/02/hello), [help](/help), ![logo](/img/logo.svg), [based](/demo/docs/intro).', '', '[Wrong](/guides/setup).', ''),
      'website/docs/guides/setup.md': lines('# Setup', ''),
      'website/versioned_docs/version-1.0/guides/setup.md': lines('# Setup 1.0', ''),
      'website/blog/2024-01-02-hello.md': lines('# Hello', ''),
      'website/src/pages/help.js': '',
      'website/static/img/logo.svg': '',
    });
    assert.deepEqual(keys(findings, 'RG003'), [
      'website/docs/intro.md:5 Link "/guides/setup" is a route of the Docusaurus site in website/; it points to website/docs/guides/setup, a page that does not exist (no .md, .mdx or index page there). Did you mean /docs/guides/setup (website/docs/guides/setup.md)?',
    ]);
  });

  it('a site config or a page\'s front matter changed on disk: the routes follow', async () => {
    const { engine, ws } = await run(starlight({ 'locald-docs/astro.config.mjs': undefined as unknown as string }));
    ws.files.delete('locald-docs/astro.config.mjs');
    await engine.scan();
    assert.equal(keys(engine.check(), 'RG003').length, OFF.length);
    ws.files.set('locald-docs/astro.config.mjs', 'export default defineConfig({ integrations: [starlight({ title: "locald" })] });\n');
    await engine.fileChanged('locald-docs/astro.config.mjs');
    assert.equal(keys(engine.check(), 'RG003').length, 1);
    // A slug in the front matter moves the page: its old route is now a missing page.
    ws.files.set('locald-docs/src/content/docs/reference/builds.md', page('Builds', 'Text.').replace('title: Builds', 'title: Builds\nslug: reference/building'));
    await engine.fileChanged('locald-docs/src/content/docs/reference/builds.md');
    assert.deepEqual(
      keys(engine.check(), 'RG003').map((k) => k.split(' ').slice(0, 2).join(' ')),
      ['locald-docs/src/content/docs/guides/setup.md:5 Link', 'locald-docs/src/content/docs/guides/setup.md:8 Link'],
    );
  });

  it('VitePress: /guide/x, .html and .md routes; {#id} headings and the site\'s slugs are anchors between its pages', async () => {
    const { findings } = await run({
      'docs/.vitepress/config.ts': lines("export default defineConfig({ title: 'VitePress' })", ''),
      'docs/public/logo.svg': '',
      'docs/index.md': lines('# Home', '', '[Routing](/guide/routing), [again](/guide/routing.html#dynamic-routes), [md](/guide/routing.md), ![logo](/logo.svg), [api](./reference/runtime-api#usedata).', ''),
      'docs/guide/routing.md': lines('# Routing', '', '## Dynamic Routes {#dynamic-routes}', '', 'See [i18n](../reference/runtime-api#i18n).', ''),
      'docs/reference/runtime-api.md': lines('# Runtime API', '', '## `useData` <Badge type="info" text="composable" />', '', '### i18n {#local-search-i18n}', ''),
    });
    assert.deepEqual(keys(findings, 'RG003'), []);
    assert.deepEqual(keys(findings, 'RG004'), ['docs/guide/routing.md:5 No heading in docs/reference/runtime-api.md has the anchor #i18n.']);
  });

  it('MkDocs: docs_dir, and a relative route without an extension read from the page\'s folder or its own URL', async () => {
    const { findings } = await run({
      'mkdocs.yml': lines('site_name: Demo', 'docs_dir: documentation', ''),
      'documentation/index.md': lines('# Demo', '', '[Setup](setup/), [usage](usage.md), [missing](install/), [typo](./usge/).', ''),
      'documentation/setup.md': lines('# Setup', '', 'Back [home](../).', ''),
      'documentation/usage.md': lines('# Usage', ''),
    });
    assert.deepEqual(keys(findings, 'RG003'), [
      'documentation/index.md:3 Link "./usge/" is a route of the MkDocs site at the workspace root; it points to documentation/usge, a page that does not exist (no .md, .mdx or index page there). Did you mean ./usage/ (documentation/usage.md)?',
      'documentation/index.md:3 Link "install/" is a route of the MkDocs site at the workspace root; it points to documentation/install, a page that does not exist (no .md, .mdx or index page there).',
    ]);
  });

  it('Hugo: content/ routes as folders, _index.md as the folder, static/ and a theme\'s static/ served, baseURL\'s path as the base (projectcontour/contour)', async () => {
    const files = {
      'site/config.yaml': lines('baseURL: "https://projectcontour.io/"', 'theme: contour', 'contentDir: content', ''),
      'site/themes/contour/static/img/logo.svg': '',
      'site/static/img/arch.png': '',
      'site/content/_index.md': lines('# Contour', '', '[Docs](/docs/main/), [config](/docs/main/configuration/), [logo](/img/logo.svg), [arch](/img/arch.png), [missing](/docs/main/nowhere/).', ''),
      'site/content/docs/main/_index.md': lines('# Docs', '', '[Config](configuration/), [up](../main/configuration), [guide](/guides/ingress/#setup).', ''),
      'site/content/docs/main/configuration.md': lines('# Configuration', '', 'Back to [the docs](../), ![arch](../img/arch.svg), ![gone](../img/gone.svg).', ''),
      'site/content/docs/main/img/arch.svg': '',
      'site/content/docs/main/api.md': lines('# API', '', '{{% include-html api-reference.html %}}', ''),
      'site/content/docs/main/old.md': lines('# Old', '', 'Read <a href="{% link _guides/x.md %}">the guide</a> and [the API](../api/#projectcontour.io/v1.Service), [no such](../configuration/#nowhere).', ''),
      'site/content/guides/ingress/index.md': lines('# Ingress', '', '## Setup', ''),
      'config.yaml': lines('name: not a site', ''),
    };
    const { findings } = await run(files);
    assert.deepEqual(
      keys(findings, 'RG003').map((k) => k.split(' ').slice(0, 3).join(' ')),
      ['site/content/_index.md:3 Link "/docs/main/nowhere/"', 'site/content/docs/main/configuration.md:3 Image "../img/gone.svg"'],
    );
    assert.deepEqual(
      keys(findings, 'RG004').map((k) => k.split(' ')[0]),
      ['site/content/docs/main/old.md:3'],
    );
    const off = await run({ ...files, '.roadmap-governance.json': JSON.stringify({ conventions: { docsSite: 'off' } }) });
    assert.ok(keys(off.findings, 'RG003').length >= 6);
  });
});
