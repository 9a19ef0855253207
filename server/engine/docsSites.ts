/**
 * Documentation sites: a folder whose markdown is built into a web site by a
 * generator (Astro Starlight, Docusaurus, VitePress, MkDocs, Hugo), at the root or
 * in a subfolder (`website/`, `docs/`, `locald-docs/`). Inside its content
 * folder authors link pages by their *route* on the site, `/reference/cli/`
 * or `../guides/setup`, not by file path: GitHub cannot follow such a link,
 * the site can. This module finds the sites from the file list and the text
 * of their config files (the only files it reads), gives each page its
 * routes, and reads a route link as the site does. Pure: no file system.
 */
import { basename, dirname, editDistance, joinPath, relativePath } from './paths';
import type { DocSummary } from './markdown/parse';
import { headingSlug } from './markdown/inline';

export type DocsGenerator = 'starlight' | 'docusaurus' | 'vitepress' | 'mkdocs' | 'hugo';

export const GENERATOR_NAMES: Record<DocsGenerator, string> = {
  starlight: 'Astro Starlight',
  docusaurus: 'Docusaurus',
  vitepress: 'VitePress',
  mkdocs: 'MkDocs',
  hugo: 'Hugo',
};

/** A folder of pages and the route it is served under. */
export interface DocsMount {
  /** Workspace path of the folder. */
  dir: string;
  /** Its route, without slashes at either end: `''` (the site's root), `docs`, `blog`, `docs/2.0`. */
  route: string;
  /** What the pages are (routes are computed differently): content docs, a blog, or the site's own pages. */
  kind: 'docs' | 'blog' | 'pages';
}

export interface DocsSite {
  generator: DocsGenerator;
  /** Workspace path of the config file that shows it. */
  config: string;
  /** The folder of the site ('' at the workspace root). */
  folder: string;
  mounts: DocsMount[];
  /** Folders whose files are served as they are, from the site's root (`public/`, `static/`). */
  assets: string[];
  /** The path the site is served under, without slashes (`my-repo` for `base: '/my-repo/'`), '' when none. */
  base: string;
  /** Pages whose front matter moves their route: Docusaurus's `id` and `slug`, Starlight's `slug`. */
  frontMatter?: Record<string, PageFrontMatter>;
}

export interface PageFrontMatter {
  id?: string;
  slug?: string;
}

/** The pages whose front matter can move their route (what the engine reads for them): Docusaurus's and Starlight's. */
export function frontMatterPages(site: DocsSite, files: readonly string[]): string[] {
  if (site.generator !== 'docusaurus' && site.generator !== 'starlight') return [];
  const out: string[] = [];
  for (const mount of site.mounts) {
    if (mount.kind === 'pages') continue;
    const prefix = mount.dir ? mount.dir + '/' : '';
    for (const f of files) if (f.startsWith(prefix) && PAGE_FILE.test(f)) out.push(f);
  }
  return out;
}

/** `id:` and `slug:` of a page's YAML front matter, when it has either. */
export function pageFrontMatter(text: string): PageFrontMatter | undefined {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text.slice(0, 4000));
  if (!block) return undefined;
  const value = (key: string) => {
    const m = new RegExp(`^${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(block[1]);
    return m ? m[1].replace(/^(['"])(.*)\1$/, '$2').trim() || undefined : undefined;
  };
  const id = value('id');
  const slug = value('slug');
  return id || slug ? { ...(id ? { id } : {}), ...(slug ? { slug } : {}) } : undefined;
}

/** Config files that can show a docs site (what the engine reads for detection). */
const CONFIG_FILE =
  /(?:^|\/)(?:astro\.config\.(?:mjs|mts|cjs|js|ts)|docusaurus\.config\.(?:mjs|mts|cjs|js|ts)|\.vitepress\/config\.(?:mjs|mts|cjs|cts|js|ts)|mkdocs\.ya?ml|(?:config\/_default\/)?(?:hugo\.(?:toml|ya?ml|json)|config\.(?:toml|ya?ml)))$/;
/** Hugo's config: `hugo.toml` (`.yaml`, `.json`), the older `config.toml`, or either in `config/_default/`. */
const HUGO_CONFIG = /^(?:hugo\.(?:toml|ya?ml|json)|config\.(?:toml|ya?ml))$/;

export function isDocsSiteConfig(path: string): boolean {
  return CONFIG_FILE.test(path);
}

const PAGE_FILE = /\.(?:md|mdx)$/i;

/** Whether `files` (sorted or not) has a markdown page under the folder `dir`. */
function hasPageUnder(files: readonly string[], dir: string): boolean {
  const prefix = dir ? dir + '/' : '';
  return files.some((f) => f.startsWith(prefix) && PAGE_FILE.test(f));
}

/** A string value of `key` in a JS or YAML config text (`key: 'value'`, `key = "value"`), the first one. */
function stringSetting(text: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s,{])${key}\\s*[:=]\\s*(['"\`])([^'"\`\\n]*)\\1`, 'm').exec(text);
  return m ? m[2] : undefined;
}

/** `/my-repo/` → `my-repo`; a base that is not a plain path (a variable, a URL) → ''. */
function cleanRoute(route: string | undefined): string {
  if (!route || /^[a-z]+:|[${}]/i.test(route)) return '';
  return route.split('/').filter(Boolean).join('/');
}

/**
 * The docs sites `files` show: a generator's config file with a content
 * folder of markdown pages beside it. `texts` holds the config files' texts
 * (when they could be read), for the settings that move the routes.
 */
export function detectDocsSites(files: readonly string[], texts: ReadonlyMap<string, string>): DocsSite[] {
  const sites: DocsSite[] = [];
  for (const config of files) {
    if (!CONFIG_FILE.test(config)) continue;
    const text = texts.get(config) ?? '';
    const site = siteOf(config, text, files);
    if (site) sites.push(site);
  }
  return sites;
}

function siteOf(config: string, text: string, files: readonly string[]): DocsSite | undefined {
  const name = basename(config);
  const at = (folder: string, path: string) => joinPath(folder, path) ?? path;
  if (name.startsWith('astro.config.')) {
    const folder = dirname(config);
    const content = at(folder, 'src/content/docs');
    if (!hasPageUnder(files, content)) return undefined;
    return {
      generator: 'starlight',
      config,
      folder,
      mounts: [
        { dir: content, route: '', kind: 'docs' },
        { dir: at(folder, 'src/pages'), route: '', kind: 'pages' },
      ],
      assets: [at(folder, 'public')],
      base: cleanRoute(stringSetting(text, 'base')),
    };
  }
  if (name.startsWith('docusaurus.config.')) {
    const folder = dirname(config);
    const mounts = docusaurusMounts(folder, text, files);
    if (!mounts.some((m) => m.kind !== 'pages' && hasPageUnder(files, m.dir))) return undefined;
    return { generator: 'docusaurus', config, folder, mounts, assets: [at(folder, 'static')], base: cleanRoute(stringSetting(text, 'baseUrl')) };
  }
  if (config.endsWith(`/config.${name.split('.').pop()}`) && config.includes('.vitepress/')) {
    const folder = dirname(dirname(config));
    const src = at(folder, stringSetting(text, 'srcDir') ?? '.');
    if (!hasPageUnder(files, src)) return undefined;
    return { generator: 'vitepress', config, folder, mounts: [{ dir: src, route: '', kind: 'docs' }], assets: [at(src, 'public')], base: cleanRoute(stringSetting(text, 'base')) };
  }
  if (HUGO_CONFIG.test(name)) return hugoSite(config, text, files);
  if (/^mkdocs\.ya?ml$/.test(name)) {
    const folder = dirname(config);
    const docsDir = /^docs_dir\s*:\s*['"]?([^'"#\n]+?)['"]?\s*(?:#.*)?$/m.exec(text)?.[1] ?? 'docs';
    const dir = at(folder, docsDir);
    if (!hasPageUnder(files, dir)) return undefined;
    // Every file of docs_dir is served as it is, from the site's root.
    return { generator: 'mkdocs', config, folder, mounts: [{ dir, route: '', kind: 'docs' }], assets: [dir], base: '' };
  }
  return undefined;
}

/**
 * A Hugo site: its config (a `config.*` only when it has a Hugo setting:
 * `baseURL`, `contentDir`, `theme`…) with the content folder beside it
 * (`contentDir`, default `content`). `content/docs/x.md` is `/docs/x/`, a
 * folder's `_index.md` (or a bundle's `index.md`) is the folder's route;
 * `static/` and each theme's `static/` are served from the site's root, and
 * the path of `baseURL` prefixes the routes.
 */
function hugoSite(config: string, text: string, files: readonly string[]): DocsSite | undefined {
  const inDefault = config.endsWith(`config/_default/${basename(config)}`);
  const folder = inDefault ? dirname(dirname(dirname(config))) : dirname(config);
  if (basename(config).startsWith('config.') && !/^\s*"?(?:baseurl|contentdir|theme|languagecode|defaultcontentlanguage|enablerobotstxt)"?\s*[:=]/im.test(text)) return undefined;
  const at = (path: string) => joinPath(folder, path) ?? path;
  const contentDir = stringSetting(text, 'contentDir') ?? stringSetting(text, '"contentDir"') ?? 'content';
  const content = at(contentDir);
  if (!hasPageUnder(files, content)) return undefined;
  const themes = new Set<string>();
  const themesPrefix = at('themes') + '/';
  for (const f of files) {
    if (!f.startsWith(themesPrefix)) continue;
    const m = /^([^/]+)\/static\//.exec(f.slice(themesPrefix.length));
    if (m) themes.add(`${themesPrefix}${m[1]}/static`);
  }
  const baseURL = stringSetting(text, 'baseURL') ?? stringSetting(text, 'baseurl') ?? stringSetting(text, '"baseURL"');
  const basePath = baseURL ? /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)?/i.exec(baseURL)?.[1] ?? (baseURL.startsWith('/') ? baseURL : '') : '';
  return { generator: 'hugo', config, folder, mounts: [{ dir: content, route: '', kind: 'docs' }], assets: [at('static'), ...[...themes].sort()], base: cleanRoute(basePath) };
}

/**
 * Docusaurus's content folders: `docs/` served under `/docs` and `blog/`
 * under `/blog` (or as `routeBasePath` says in the preset's `docs: {…}` and
 * `blog: {…}` options, with `path` for the folder; `docs: false` drops it),
 * further docs plugins (`{ id, path, routeBasePath }`), the versioned docs
 * (`versioned_docs/version-2.0/` under `/docs/2.0`) and `src/pages/`.
 */
function docusaurusMounts(folder: string, text: string, files: readonly string[]): DocsMount[] {
  const at = (path: string) => joinPath(folder, path) ?? path;
  const options = (key: string): { path?: string; route?: string; off: boolean } => {
    if (new RegExp(`(?:^|[\\s,{])${key}\\s*:\\s*false\\b`, 'm').test(text)) return { off: true };
    const open = new RegExp(`(?:^|[\\s,{])${key}\\s*:\\s*\\{`, 'm').exec(text);
    if (!open) return { off: false };
    const body = objectBody(text, open.index + open[0].length - 1);
    return { path: stringSetting(body, 'path'), route: stringSetting(body, 'routeBasePath'), off: false };
  };
  const mounts: DocsMount[] = [];
  const docs = options('docs');
  if (!docs.off) {
    const route = docs.route === undefined ? 'docs' : cleanRoute(docs.route);
    mounts.push({ dir: at(docs.path ?? 'docs'), route, kind: 'docs' });
    // Versioned docs: the newest version is served at the route, older ones under its number.
    const versions = new Set<string>();
    const prefix = at('versioned_docs') + '/';
    for (const f of files) {
      if (!f.startsWith(prefix)) continue;
      const m = /^version-([^/]+)\//.exec(f.slice(prefix.length));
      if (m) versions.add(m[1]);
    }
    for (const v of versions) mounts.push({ dir: prefix + 'version-' + v, route: [route, v].filter(Boolean).join('/'), kind: 'docs' });
  }
  const blog = options('blog');
  if (!blog.off) mounts.push({ dir: at(blog.path ?? 'blog'), route: blog.route === undefined ? 'blog' : cleanRoute(blog.route), kind: 'blog' });
  // More docs instances: `['@docusaurus/plugin-content-docs', { id: 'community', path: 'community', routeBasePath: 'community' }]`.
  for (const m of text.matchAll(/plugin-content-docs['"]\s*,\s*\{/g)) {
    const body = objectBody(text, m.index! + m[0].length - 1);
    const path = stringSetting(body, 'path');
    if (!path) continue;
    const route = stringSetting(body, 'routeBasePath');
    mounts.push({ dir: at(path), route: route === undefined ? cleanRoute(path) : cleanRoute(route), kind: 'docs' });
  }
  mounts.push({ dir: at('src/pages'), route: '', kind: 'pages' });
  return mounts;
}

/** The text of the object literal whose `{` is at `open`, up to its matching `}` (strings are not looked into). */
function objectBody(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 20_000; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open, open + 20_000);
}

/** A page: its file, and the site and mount it belongs to. */
export interface DocsPage {
  path: string;
  site: DocsSite;
  mount: DocsMount;
  /** Its route (the canonical one), without slashes at either end. */
  route: string;
  /** Whether it is its folder's index (`guides/index.md` is `/guides/`). */
  index: boolean;
}

const MOUNT_PAGE: Record<DocsMount['kind'], RegExp> = {
  docs: /\.(?:md|mdx|mdoc|markdown)$/i,
  blog: /\.(?:md|mdx|markdown)$/i,
  pages: /\.(?:md|mdx|astro|html|jsx?|tsx?)$/i,
};

/** What the route links of a workspace resolve against: every page of every site by route. */
export class DocsSiteIndex {
  /** Pages by route key (see `routeKey`), per site. */
  private readonly routes = new Map<DocsSite, Map<string, DocsPage>>();
  /** Pages by file path. */
  private readonly pages = new Map<string, DocsPage>();

  constructor(
    readonly sites: readonly DocsSite[],
    files: Iterable<string>,
  ) {
    const list = [...files].sort();
    /** The files under `prefix`: a range of the sorted list. */
    const under = function* (prefix: string): Generator<string> {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && list[i].startsWith(prefix); i++) yield list[i];
    };
    for (const site of sites) {
      const routes = new Map<string, DocsPage>();
      this.routes.set(site, routes);
      for (const mount of site.mounts) {
        const prefix = mount.dir ? mount.dir + '/' : '';
        for (const path of under(prefix)) {
          if (!MOUNT_PAGE[mount.kind].test(path)) continue;
          const rel = path.slice(prefix.length);
          // Docusaurus and Astro leave out files and folders whose name starts with "_" (partials).
          if ((site.generator === 'docusaurus' || site.generator === 'starlight') && rel.split('/').some((s) => s.startsWith('_'))) continue;
          // A page of a nested site (docs/ of a site inside another site's content) belongs to that one.
          const existing = this.pages.get(path);
          if (existing && existing.site.folder.length >= site.folder.length) continue;
          const front = site.frontMatter?.[path];
          const { route, keys } = pageRoutes(site, mount, rel, front);
          // A folder's index: by its file name, or by a slug that names the folder (`slug: index`, `slug: /guides/`).
          const index = front?.slug ? /(?:^|\/)(?:index\/?|)$/i.test(front.slug) : /(?:^|\/)(?:_?index|readme)\.[^/.]+$/i.test(rel);
          const page: DocsPage = { path, site, mount, route, index };
          this.pages.set(path, page);
          for (const key of keys) if (!routes.has(key) || routes.get(key)!.mount.kind === 'pages') routes.set(key, page);
        }
      }
    }
  }

  /** The page `path` is, if it is one. */
  pageOf(path: string): DocsPage | undefined {
    return this.pages.get(path);
  }

  /**
   * How `target` (a link's path, decoded, without query or fragment) of the
   * page `from` is read on its site: the page or served file it reaches, or
   * the page it would be (missing), or undefined when the link is not a route
   * (a page outside any site, a file name with another extension).
   */
  resolve(from: DocsPage, target: string, exists: (path: string) => boolean): RouteResolution | undefined {
    const { site } = from;
    const routes = this.routes.get(site)!;
    const absolute = target.startsWith('/');
    if (absolute) {
      let path = target.split('/').filter(Boolean).join('/');
      if (site.base && (path === site.base || path.startsWith(site.base + '/'))) path = path.slice(site.base.length + 1);
      for (const dir of site.assets) {
        const file = joinPath(dir, path);
        if (path && file && exists(file)) return { status: 'ok', path: file, route: path, site };
      }
      if (!isRouteLike(path)) return undefined;
      const page = routes.get(routeKey(path));
      if (page) return { status: 'ok', path: page.path, route: page.route, site, page };
      return { status: 'missing', path: this.missingPath(site, path), route: routeKey(path), site };
    }
    if (/\.mdx?$/i.test(target)) {
      // A relative `.md` link is a file path, beside the page; Docusaurus also reads it from its content folder.
      if (site.generator !== 'docusaurus' || from.mount.kind === 'pages') return undefined;
      const file = joinPath(from.mount.dir, target);
      return file && exists(file) ? { status: 'ok', path: file, route: target, site } : undefined;
    }
    if (!isRouteLike(target)) {
      // A file beside a page served as a folder (`/docs/x/`) is read from that
      // URL: `../img/a.png` of `docs/x.md` is `docs/img/a.png`, in the content
      // folder or a folder of served files.
      if (from.index || !FOLDER_URLS.has(site.generator)) return undefined;
      const path = joinPath(from.route, target);
      if (!path) return undefined;
      const below = path.startsWith(from.mount.route ? from.mount.route + '/' : '') ? path.slice(from.mount.route ? from.mount.route.length + 1 : 0) : undefined;
      const candidates = [below === undefined ? undefined : joinPath(from.mount.dir, below), ...site.assets.map((dir) => joinPath(dir, path))];
      for (const file of candidates) if (file && exists(file)) return { status: 'ok', path: file, route: path, site };
      return undefined;
    }
    // A relative route is read from the page's folder (its URL without a
    // trailing slash, or its file in the tree) and from the page's own URL
    // when the site serves pages as folders (`/guides/x/`): either may be
    // what the author looked at.
    const pageFolder = from.index ? from.route : dirname(from.route);
    const bases = [...new Set([pageFolder, from.route])];
    for (const base of bases) {
      const joined = joinPath(base, target);
      if (joined === null) continue;
      const page = routes.get(routeKey(joined));
      if (page) return { status: 'ok', path: page.path, route: page.route, site, page };
    }
    // A page the site lacks, read from the page's folder (as GitHub reads the link too).
    const joined = joinPath(pageFolder, target);
    if (joined === null) return undefined;
    return { status: 'missing', path: this.missingPath(site, routeKey(joined, false)), route: routeKey(joined), site };
  }

  /**
   * The route of `to` written for a link of the page `from` in the style of
   * `written` (the link's path): from the root (with the site's base when
   * the link has it) or relative to the page's folder, with its trailing
   * slash or `.html`.
   */
  writeRoute(from: DocsPage, to: DocsPage, written: string): string {
    const { site } = from;
    const ending = !to.route ? '' : written.endsWith('/') ? '/' : /\.html$/i.test(written) ? '.html' : '';
    if (written.startsWith('/')) {
      const base = site.base && (written === '/' + site.base || written.startsWith('/' + site.base + '/')) ? site.base : '';
      return '/' + [base, to.route].filter(Boolean).join('/') + ending;
    }
    const folder = from.index ? from.route : dirname(from.route);
    let relative = relativePath(folder, to.route);
    if (!relative) return './';
    if (!to.route) return relative;
    if (written.startsWith('./') && !relative.startsWith('../')) relative = './' + relative;
    return relative + ending;
  }

  /** Where a missing route's page would be: under the mount whose route is the longest prefix of it. */
  private missingPath(site: DocsSite, route: string): string {
    let best: DocsMount | undefined;
    for (const mount of site.mounts) {
      if (mount.kind === 'pages') continue;
      if (mount.route === '' || route === mount.route || route.startsWith(mount.route + '/')) {
        if (!best || mount.route.length > best.route.length) best = mount;
      }
    }
    // A route under no mount's prefix (`/guides/x` where the docs are served under `/docs`): below the first content folder.
    const mount = best ?? site.mounts.find((m) => m.kind !== 'pages') ?? site.mounts[0];
    const rest = best && mount.route ? route.slice(mount.route.length + 1) : route;
    return joinPath(mount.dir, rest.replace(/\/+$/, '').replace(/\.html$/i, '')) ?? mount.dir;
  }

  /**
   * The existing page most like the missing route `route` of `site`: the one
   * page with the same last segment, else the one whose route ends with the
   * whole missing route, else the closest route (a fifth of its length at
   * most, two edits at least).
   */
  nearest(site: DocsSite, route: string): DocsPage | undefined {
    const routes = this.routes.get(site);
    if (!routes) return undefined;
    const key = routeKey(route);
    const last = key.split('/').pop()!;
    const same = new Set<DocsPage>();
    const ending = new Set<DocsPage>();
    for (const [k, page] of routes) {
      if (k.split('/').pop() !== last || page.mount.kind === 'pages') continue;
      same.add(page);
      // The route under a prefix the link left out (`/guides/x` for `/docs/guides/x`).
      if (k.endsWith('/' + key)) ending.add(page);
    }
    if (same.size === 1) return [...same][0];
    // Several (the current docs and a versioned copy): the shortest route, when one is.
    const endings = [...ending].sort((a, b) => a.route.length - b.route.length);
    if (endings.length === 1 || (endings.length > 1 && endings[0].route.length < endings[1].route.length)) return endings[0];
    const limit = Math.max(2, Math.floor(key.length / 5));
    let best: { page: DocsPage; d: number; key: string } | undefined;
    for (const [k, page] of routes) {
      if (page.mount.kind === 'pages') continue;
      const d = editDistance(k, key, limit);
      if (d > limit) continue;
      if (!best || d < best.d || (d === best.d && k < best.key)) best = { page, d, key: k };
    }
    return best?.page;
  }
}

/** Generators that serve a page as a folder (`x.md` at `/x/`), so that its relative links are read from there. */
const FOLDER_URLS = new Set<DocsGenerator>(['hugo', 'mkdocs', 'starlight']);

export type RouteResolution =
  | { status: 'ok'; path: string; route: string; site: DocsSite; page?: DocsPage }
  | { status: 'missing'; path: string; route: string; site: DocsSite };

/** A route, not a file of another kind: no extension, or `.html`, `.md`, `.mdx`. */
function isRouteLike(path: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return !/\.[A-Za-z0-9]+$/.test(last) || /\.(?:html?|mdx?)$/i.test(last);
}

/**
 * A route as the map holds it: no slashes at the ends, no `.html` / `.md`
 * / `.mdx`, no final `index`, lower case, spaces as dashes (how Astro and
 * Docusaurus turn file names into URLs); with `lower` false, as written.
 */
export function routeKey(route: string, lower = true): string {
  const parts = (lower ? route.toLowerCase() : route).replace(/\.(?:html?|mdx?|mdoc|markdown)$/i, '').split('/').filter((p) => p && p !== '.');
  if (parts.length && /^(?:_?index|readme)$/i.test(parts[parts.length - 1])) parts.pop();
  return lower ? parts.map((p) => p.replace(/\s+/g, '-')).join('/') : parts.join('/');
}

/** The route of the page at `rel` (below its mount) as the site writes it, and every route key it answers to. */
function pageRoutes(site: DocsSite, mount: DocsMount, rel: string, front?: PageFrontMatter): { route: string; keys: string[] } {
  const noExt = rel.replace(/\.[^./]+$/, '');
  const under = (route: string) => [mount.route, route].filter(Boolean).join('/');
  if (front?.slug && mount.kind !== 'pages') {
    // The page's route, as written: from the content root (Starlight, or a Docusaurus slug starting with "/"), else beside the file.
    const slug = site.generator === 'starlight' || front.slug.startsWith('/') ? front.slug : joinPath(dirname(noExt), front.slug) ?? front.slug;
    const route = withoutIndex(under(slug.split('/').filter(Boolean).join('/')));
    const keys = [routeKey(route)];
    return { route, keys };
  }
  const keys = [routeKey(under(noExt))];
  // Astro makes every segment a lower-case slug; the others keep the file's spelling.
  let route = site.generator === 'starlight' ? keys[0] : withoutIndex(under(noExt));
  if (site.generator === 'docusaurus') {
    // Number prefixes order the sidebar and are not part of the route (`01-intro.md` is `intro`).
    const stripped = noExt
      .split('/')
      .map((s) => s.replace(/^\d+[-_.\s]+(?=[^/])/, ''))
      .join('/');
    // A doc named as its folder is the folder's index (`guides/guides.md` is `/docs/guides`).
    const parts = stripped.split('/');
    const folderIndex = parts.length > 1 && parts[parts.length - 1].toLowerCase() === parts[parts.length - 2].toLowerCase() ? parts.slice(0, -1).join('/') : undefined;
    // A blog post's route is its date and name (`2021-08-26-welcome.md`, `2021-08-26-welcome/index.md` → `2021/08/26/welcome`).
    const dated = mount.kind === 'blog' ? /^(?:.*\/)?(\d{4})-(\d{2})-(\d{2})[-_](.+?)(?:\/index)?$/i.exec(noExt) : null;
    const date = dated ? `${dated[1]}/${dated[2]}/${dated[3]}/${dated[4]}` : undefined;
    for (const more of [stripped, folderIndex, date]) {
      if (more === undefined) continue;
      const key = routeKey(under(more));
      if (!keys.includes(key)) keys.push(key);
    }
    route = withoutIndex(under(date ?? folderIndex ?? stripped));
    if (front?.id && mount.kind === 'docs') {
      // An `id` names the doc in place of its file name: `faq/OrganizingState.md` with `id: organizing-state` is `faq/organizing-state`.
      const parts = stripped.split('/');
      parts[parts.length - 1] = front.id;
      route = withoutIndex(under(parts.join('/')));
      return { route, keys: [routeKey(route)] };
    }
  }
  return { route, keys };
}

/** `guides/index` → `guides`, `README` → ``, Hugo's `guides/_index` → `guides` (a folder's index is the folder's route). */
function withoutIndex(route: string): string {
  return route.replace(/(?:^|\/)(?:_?index|readme)$/i, '');
}

const siteAnchorsOf = new WeakMap<DocSummary, Map<DocsGenerator, string[]>>();

/**
 * The anchors a docs site gives a page's headings beyond GitHub's: an
 * explicit id (`## i18n {#local-search-i18n}`, `{ #id .class }`, as
 * VitePress, Docusaurus and MkDocs write it), else the slug of the heading's
 * text as the site renders it, with no trailing HTML (`## useData <Badge …/>`
 * is `#usedata`, where GitHub keeps a `-` for the space before the badge),
 * and with every run of punctuation one `-` (VitePress's and MkDocs's slugs:
 * ``## `<Content />` `` is `#content`).
 */
export function siteAnchors(summary: DocSummary, generator: DocsGenerator): string[] {
  let byGenerator = siteAnchorsOf.get(summary);
  if (!byGenerator) siteAnchorsOf.set(summary, (byGenerator = new Map()));
  let known = byGenerator.get(generator);
  if (known) return known;
  known = [];
  byGenerator.set(generator, known);
  for (const h of [...summary.headings, ...summary.innerHeadings]) {
    // Astro has no heading ids in braces; the others do.
    const explicit = generator === 'starlight' ? null : /\{\s*#([^\s}]+)[^}]*\}\s*$/.exec(h.text);
    if (explicit) known.push(explicit[1].toLowerCase());
    else {
      // An HTML comment is not part of the text a site renders (nor is a heading that is only one).
      const text = h.text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
      if (!text) continue;
      const slug = headingSlug(text);
      if (slug && slug !== h.slug) known.push(slug);
      // VitePress and MkDocs collapse every run of other characters into one "-", and trim them at the ends.
      if (generator !== 'vitepress' && generator !== 'mkdocs') continue;
      const collapsed = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-').replace(/^-+|-+$/g, '');
      if (collapsed && collapsed !== h.slug && collapsed !== slug) known.push(collapsed);
    }
  }
  return known;
}
