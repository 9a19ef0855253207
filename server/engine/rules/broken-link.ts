import { type Doc, planNameOf, type RoadmapItem, type WorkspaceModel } from '../model';
import { basename, dirname, editDistance, isTemplateTarget, relativePath, safeDecode } from '../paths';
import { GENERATOR_NAMES } from '../docsSites';
import { createLinkedDocFix } from '../fixes';
import { type DocKind, withoutStandardsSection } from '../templates';
import { documentRule, rangeKey, type Report, ReportMemo, type Rule, type RuleContext } from '../rule';
import { convention } from '../presets';
import { standardsRequiredSince } from '../presets/standards-gate';
import type { LinkInfo } from '../markdown/parse';
import { textLines } from '../markdown/split';
import { rootRelativeLink } from '../rootRelative';
import type { Fix, TextEdit } from '../types';
import { range } from '../types';
import { detached } from '../detach';
import { isTemplateDoc } from '../lifecycle';

/** A file name a template leaves for its copy to fill in: `xxx`, `yyyymmdd`, `NNNN`, `0000`. */
const PLACEHOLDER_NAME = /x{3,}|y{4}[-_]?mm[-_]?dd|n{4}|^0{4}-|(?:^|[-_])example(?:[-_.]|$)/i;

/**
 * RG003: a relative link, or a labelled code-span path, whose target file does not exist.
 * The repoint fix is preferred (applied by fix-all and --fix) only when the nearest
 * file is in the folder the link points into: a likely typo or rename, not a guess.
 *
 * Links of a document in a subfolder that are written from the repository root
 * (`docs/plans/x.md` in `docs/ROADMAP.md`), and reach an existing file when read
 * from there, share one cause: they make one finding per document, on the first
 * of them, whose preferred fix rewrites them all relative to the document.
 */
export const brokenLink: Rule = documentRule({
  code: 'RG003',
  name: 'broken-link',
  description: 'Link whose target file does not exist',
  defaultSeverity: 'error',
  tags: ['links'],
  reads: ['files'],
  checkDocument(context, doc) {
    const { model } = context;
    if (isTemplate(model, doc.path)) return;
    const memo = new ReportMemo(context, `broken-link:${doc.path}`);
    const fromRoot: FromRoot[] = [];
    /** Links to missing files, reported one by one unless most of the document's links are (see `reportStaleList`). */
    const dead: { link: LinkInfo; missing: string; report: () => void }[] = [];
    let fileLinks = 0;
    // The roadmap item of each of the roadmap's links, found once per check (not per link: a long roadmap has thousands).
    let items: Map<LinkInfo, RoadmapItem> | undefined;
    const itemOf = (link: LinkInfo): RoadmapItem | undefined => {
      if (model.roadmap?.path !== doc.path) return undefined;
      if (!items) {
        items = new Map();
        for (const phase of model.roadmap.phases) for (const each of phase.items) for (const l of each.links) if (!items.has(l.link)) items.set(l.link, each);
      }
      return items.get(link);
    };
    const inTemplate = isTemplateDoc(model, doc.path);
    for (const link of doc.links) {
      // A definition no reference uses is shown nowhere on GitHub.
      if (link.kind === 'reference' || link.unused || isTemplateTarget(link.target)) continue;
      // A template's placeholder name (`yyyymmdd-xxx.md`, `NNNN-title.md`) is for the copy to fill in.
      if (inTemplate && PLACEHOLDER_NAME.test(basename(link.target.split('#')[0]))) continue;
      const r = model.resolve(doc, link);
      if (r.status === 'ok' || r.status === 'missing') fileLinks++;
      if (r.status !== 'outside' && r.status !== 'missing') continue;
      if (r.status === 'outside' && repositoryPage(doc.path, link.target)) continue;
      if (r.status === 'missing') {
        const root = rootRelativeLink(model, doc, link, writtenTarget(doc, link));
        if (root) {
          // Read from the root it reaches a file: reported with the others like it, below.
          fromRoot.push({ link, missing: r.path, ...root });
          continue;
        }
      }
      // A missing plan's "create from the template" fix names the roadmap item the link is in: part of the key.
      const item = r.status === 'missing' ? itemOf(link) : undefined;
      const key = [doc.path, rangeKey(link.range), rangeKey(link.targetRange), link.kind, link.label ?? '', link.target, r.status === 'missing' ? r.path : '', item ? `${item.phase.label}\u0001${item.phase.number}\u0001${item.title}\u0001${item.category ?? ''}` : '', context.today].join('\u0000');
      // Kept while the link stays: strings that do not keep the document's text.
      const report = () => memo.report(key, () => {
        if (r.status === 'outside') return { path: doc.path, range: link.range, message: detached(`Link "${link.target}" points outside the workspace.`) };
        const machine = machinePath(model, doc, link);
        if (machine) return machine;
        const wrapped = wrappedUrl(doc, link);
        if (wrapped) return wrapped;
        const route = missingRoute(model, doc, link);
        if (route) return route;
        const kind = missingDocKind(model, r.path);
        const nearest = nearestFile(model, r.path, doc.path, kind);
        const what = link.kind === 'codespan' ? `"${link.label}" path` : link.kind === 'image' ? 'Image' : 'Link';
        const fixes: Fix[] = [];
        if (nearest) fixes.push({ title: `Repoint to ${nearest}`, preferred: dirname(nearest) === dirname(r.path), steps: [{ kind: 'edit', path: doc.path, edits: repointEdits(doc, link, r.path, nearest) }] });
        // A plan path (a link stub's, or a plan deleted by mistake): the doc can be written there.
        if (kind) fixes.push(createLinkedDocFix(model, r.path, kind, templateFor(context, r.path, kind), context.today, item));
        return {
          path: doc.path,
          range: link.range,
          message: detached(`${what} "${link.target}" points to ${r.path}, which does not exist.${nearest ? ` Did you mean ${nearest}?` : ''}`),
          fixes: fixes.length ? fixes : undefined,
          data: { target: detached(r.path), nearest },
        };
      });
      if (r.status === 'missing' && !MACHINE_PATH.test(link.target.trim())) dead.push({ link, missing: r.path, report });
      else report();
    }
    if (dead.length >= STALE_LIST_MIN && dead.length * 2 >= fileLinks) reportStaleList(memo, doc, dead, fileLinks);
    else for (const d of dead) d.report();
    if (fromRoot.length) reportFromRoot(memo, doc, fromRoot);
  },
});

/** Missing targets from which a document whose links are mostly broken is one finding. */
const STALE_LIST_MIN = 20;

/**
 * One finding for a document most of whose links lead nowhere (at least
 * STALE_LIST_MIN, and half of its links to files): a generated index or a list
 * of files that were moved or deleted since. Each link is broken on GitHub,
 * but the cause is one (the list is out of date) and so is the remedy
 * (regenerate or prune it): one finding, on the first, that says how many and
 * names a few, rather than hundreds that bury the rest of the workspace.
 */
function reportStaleList(memo: ReportMemo, doc: Doc, dead: { link: LinkInfo; missing: string }[], fileLinks: number): void {
  const key = [doc.path, 'stale-list', fileLinks, ...dead.map((d) => [rangeKey(d.link.range), d.link.target].join('\u0001'))].join('\u0000');
  memo.report(detached(key), () => {
    const first = dead[0];
    const examples = dead.slice(0, 3).map((d) => `"${d.link.target}" (line ${d.link.range.start.line + 1})`);
    return {
      path: doc.path,
      range: first.link.range,
      message: detached(
        `${dead.length} of the ${fileLinks} links to files in this document point to files that do not exist: ${examples.join(', ')}${dead.length > 3 ? ` and ${dead.length - 3} more` : ''}. The list looks out of date: regenerate it or remove what was moved or deleted.`,
      ),
      data: { count: dead.length, targets: dead.map((d) => detached(d.missing)), lines: dead.map((d) => d.link.range.start.line) },
    };
  });
}

/**
 * A URL in parentheses (`[x]((https://…))`): GitHub reads `(https://…)` as a
 * relative path. Said so, with a fix that drops the parentheses.
 */
function wrappedUrl(doc: Doc, link: LinkInfo): Report | undefined {
  const m = /^\(+([a-z][a-z0-9+.-]*:\/\/[^()\s]*)\)+$/i.exec(link.target.trim());
  if (!m || link.kind === 'codespan') return undefined;
  return {
    path: doc.path,
    range: link.range,
    message: detached(`Link "${link.target.trim()}" is a URL in parentheses: GitHub reads it as a path in this repository. Remove the parentheses.`),
    fixes: [{ title: detached(`Link ${m[1]}`), preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(m[1]) }] }] }],
    data: { target: detached(m[1]) },
  };
}

/** The pages of a repository on GitHub, beside its code: `../../issues` of a root file is the Issues tab. */
const REPOSITORY_PAGES = new Set(['issues', 'pulls', 'pull', 'wiki', 'discussions', 'security', 'actions', 'releases', 'tags', 'projects', 'milestones', 'labels', 'compare', 'commits', 'graphs', 'network', 'pulse', 'stargazers', 'contributors', 'blob', 'tree', 'raw', 'edit', 'new', 'settings', 'community']);

/**
 * Whether a link that climbs out of the workspace lands, on GitHub, on one of
 * the repository's own pages: a file's page is `owner/repo/blob/<branch>/<path>`,
 * so from a file `depth` folders down, `depth + 2` steps up reach `owner/repo/`.
 */
function repositoryPage(from: string, target: string): boolean {
  const parts = target.split(/[?#]/)[0].split('/');
  let ups = 0;
  while (parts[ups] === '..') ups++;
  const depth = from.split('/').length - 1;
  return ups === depth + 2 && REPOSITORY_PAGES.has((parts[ups] ?? '').toLowerCase());
}

/** `/Users/…`, `/home/…`, `C:\…`, a Codespace's `/workspaces/<repo>/…`: a path on the author's machine, which no reader of the repository has. */
const MACHINE_PATH = /^(?:\/(?:Users|home|root|mnt|private|workspaces?)\/|[A-Za-z]:[\\/])/;

/**
 * A link to an absolute path of the author's machine: one clear finding,
 * whose fix (when the end of the path names a file of the workspace)
 * rewrites it relative to the document, without a `:line` suffix.
 */
function machinePath(model: WorkspaceModel, doc: Doc, link: LinkInfo): Report | undefined {
  const written = link.target.trim();
  if (!MACHINE_PATH.test(written)) return undefined;
  const parts = written.replace(/[#?].*$/, '').replace(/:\d+(?::\d+)?$/, '').split(/[\\/]/).filter(Boolean);
  let found: string | undefined;
  for (let i = 1; i < parts.length && !found; i++) {
    const candidate = parts.slice(i).join('/');
    if (model.files.has(candidate)) found = candidate;
  }
  const rewritten = found ? relativePath(dirname(doc.path), found) : undefined;
  return {
    path: doc.path,
    range: link.range,
    message: detached(`Link "${written}" is an absolute path on the author's machine: nobody else has it, and GitHub cannot follow it.${found ? ` Link ${found} relative to this file instead.` : ''}`),
    fixes: rewritten ? [{ title: `Link ${found} as ${rewritten}`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(rewritten) }] }] }] : undefined,
    data: { target: detached(written), nearest: found },
  };
}

/**
 * A route of a docs site (`/reference/cli/` in a Starlight page) to a page the
 * site does not have: one finding that says so, with the nearest page as a
 * route written as the link writes it (base, trailing slash, fragment).
 */
function missingRoute(model: WorkspaceModel, doc: Doc, link: LinkInfo): Report | undefined {
  if (link.kind === 'codespan') return undefined;
  const target = link.target.trim();
  const cut = target.search(/[?#]/);
  const raw = cut >= 0 ? target.slice(0, cut) : target;
  const route = model.routeOf(doc, safeDecode(raw));
  if (route?.status !== 'missing') return undefined;
  const index = model.cache.docsSiteIndex!;
  const from = index.pageOf(doc.path)!;
  const near = index.nearest(route.site, route.route);
  const { site } = route;
  // In the link's own style: from the root or relative, with the base if it has it, a trailing slash or `.html` if it has one.
  const written = near ? index.writeRoute(from, near, raw) + (cut >= 0 ? target.slice(cut) : '') : undefined;
  const what = link.kind === 'image' ? 'Image' : 'Link';
  const where = site.folder ? `in ${site.folder}/` : 'at the workspace root';
  return {
    path: doc.path,
    range: link.range,
    message: detached(
      `${what} "${link.target}" is a route of the ${GENERATOR_NAMES[site.generator]} site ${where}; it points to ${route.path}, a page that does not exist (no .md, .mdx or index page there).${near ? ` Did you mean ${written} (${near.path})?` : ''}`,
    ),
    fixes: near && written ? [{ title: `Repoint to ${detached(written)}`, preferred: dirname(near.route) === dirname(route.route), steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(written) }] }] }] : undefined,
    data: { target: detached(route.path), nearest: near?.path },
  };
}

interface FromRoot {
  link: LinkInfo;
  /** Where the link leads as written (missing). */
  missing: string;
  /** Where it leads read from the repository root (exists). */
  fromRoot: string;
  /** The destination written relative to the document. */
  rewritten: string;
}

/**
 * One finding for every link of `doc` written from the repository root, on the
 * first, with one fix that rewrites them all. No fix per link: they are broken
 * for the same reason and the one rewrite is right for each of them, so a
 * per-link fix would only leave the document half rewritten (and would need a
 * finding per link, the noise this finding replaces).
 */
function reportFromRoot(memo: ReportMemo, doc: Doc, links: FromRoot[]): void {
  const key = [doc.path, 'from-root', ...links.map((l) => [rangeKey(l.link.range), rangeKey(l.link.targetRange), l.link.target, l.rewritten].join('\u0001'))].join('\u0000');
  memo.report(detached(key), () => {
    const folder = dirname(doc.path);
    const first = links[0];
    const n = links.length;
    const example = `"${first.link.target}" leads to ${first.missing}, which does not exist; "${first.rewritten}" reaches ${first.fromRoot}`;
    const message =
      n === 1
        ? `Link "${first.link.target}" is written from the repository root, but GitHub resolves it from ${folder}/: it leads to ${first.missing}, which does not exist; "${first.rewritten}" reaches ${first.fromRoot}.`
        : `${n} links in this file are written from the repository root (${folderHint(links.map((l) => l.fromRoot))}) but GitHub resolves them from ${folder}/: ${example}.`;
    const edits: TextEdit[] = links.map((l) => ({ range: l.link.targetRange, newText: detached(l.rewritten) }));
    return {
      path: doc.path,
      range: first.link.range,
      message: detached(message),
      fixes: [{ title: n === 1 ? `Rewrite "${detached(first.rewritten)}" (relative to ${folder}/)` : `Rewrite the ${n} links relative to ${folder}/`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits }] }],
      data: { fromRoot: links.map((l) => detached(l.fromRoot)), count: n },
    };
  });
}

/** Where the paths go: the folder they share ("docs/plans/…"), else their top folders ("docs/…, services/…"). */
function folderHint(paths: string[]): string {
  let common = dirname(paths[0]).split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const parts = dirname(p).split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  if (common.length) return `${common.join('/')}/…`;
  return [...new Set(paths.map((p) => p.split('/')[0]))].map((top) => `${top}/…`).join(', ');
}

/** The destination as the document spells it (escapes and all), where the link's range says; else as parsed. */
function writtenTarget(doc: Doc, link: LinkInfo): string {
  const r = link.targetRange;
  if (r.start.line !== r.end.line) return link.target;
  const line = textLines(doc)[r.start.line];
  const text = line?.slice(r.start.character, r.end.character);
  return text && text.trim() !== '' ? text : link.target;
}

function isTemplate(model: WorkspaceModel, path: string): boolean {
  const folder = model.config.templates.replace(/\/+$/, '');
  return path.startsWith(folder + '/');
}

/**
 * The new destination text, in the link's own form (relative, or root-relative
 * for code spans). A markdown destination is written as GitHub reads it: a
 * space, `%`, `<`, `>`, parentheses or brackets in a file name are
 * percent-encoded (the path is a file name, the destination a URL).
 */
export function rewriteTarget(doc: Doc, link: LinkInfo, newPath: string): string {
  const hash = link.target.indexOf('#');
  const fragment = hash >= 0 ? link.target.slice(hash) : '';
  if (link.kind === 'codespan') return (link.target.includes('/') ? newPath : relativePath(dirname(doc.path), newPath)) + fragment;
  if (link.target.startsWith('/')) return '/' + encodeDestination(newPath) + fragment;
  return encodeDestination(relativePath(dirname(doc.path), newPath)) + fragment;
}

function encodeDestination(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u0020%<>()[\]\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * The edits that repoint `link` from `oldPath` to `newPath`: its destination,
 * and its text when that repeats the old destination or file name
 * (`[../AGENTS.md](../AGENTS.md)`), which would otherwise name a file the
 * link no longer leads to.
 */
function repointEdits(doc: Doc, link: LinkInfo, oldPath: string, newPath: string): TextEdit[] {
  const destination = rewriteTarget(doc, link, newPath);
  const edits: TextEdit[] = [{ range: link.targetRange, newText: detached(destination) }];
  if (link.kind !== 'inline' && link.kind !== 'image') return edits;
  const { range: r, targetRange: t } = link;
  if (r.start.line !== t.start.line) return edits;
  const line = textLines(doc)[r.start.line] ?? '';
  const open = r.start.character + (link.kind === 'image' ? 2 : 1);
  const close = line.lastIndexOf('](', t.start.character);
  if (close < open || line[open - 1] !== '[') return edits;
  const raw = line.slice(open, close);
  const ticked = /^`([^`]+)`$/.exec(raw);
  const text = ticked ? ticked[1] : raw;
  const written = writtenTarget(doc, link).replace(/#.*$/, '');
  let replacement: string | undefined;
  if (text === written || text === link.target.replace(/#.*$/, '')) replacement = destination.replace(/#.*$/, '');
  else if (text === oldPath) replacement = newPath;
  else if (text === basename(oldPath) && basename(newPath) !== text) replacement = basename(newPath);
  if (replacement === undefined || replacement === text) return edits;
  const newText = ticked ? `\`${replacement}\`` : replacement.replace(/[[\]]/g, '\\$&');
  return [{ range: range(r.start.line, open, r.start.line, close), newText: detached(newText) }, ...edits];
}

/** The kind of doc a missing plan path names (design, implementation, decision), when it is a plan path of a known kind. */
function missingDocKind(model: WorkspaceModel, path: string): DocKind | undefined {
  if (!model.cache.isPlanPath(path)) return undefined;
  const kind = model.cache.planKind(path).kind;
  return kind === 'unknown' ? undefined : kind;
}

/**
 * The template for a doc at `path`: a doc dated before the standards gate's
 * day gets no standards section (one there would move an "auto" gate back to
 * its date, and every plan since would need a section).
 */
function templateFor(context: RuleContext, path: string, kind: DocKind): string {
  const template = context.template(kind);
  const date = planNameOf(path).date ?? context.today;
  if (!convention(context.model, 'standardsGate').on) return template;
  const since = standardsRequiredSince(context.model, context.config, context.today);
  return since !== null && date < since ? withoutStandardsSection(template, context.config.standards.headings) : template;
}

/**
 * The existing file most like `missing`: same name elsewhere first, then the
 * closest name (edit distance ≤ a third of the name) in the same folder, then anywhere.
 */
export function nearestFile(model: WorkspaceModel, missing: string, from?: string, kind?: DocKind): string | undefined {
  // The answer depends on the file list only: keep it while the file list lasts.
  const key = detached(`nearest\u0000${missing}\u0000${from ?? ''}\u0000${kind ?? ''}`);
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as string | undefined;
  // A missing design doc is never "meant" to be an implementation plan (or the reverse).
  const ofKind = kind ? (path: string) => !model.cache.isPlanPath(path) || [kind, 'unknown'].includes(model.cache.planKind(path).kind) : undefined;
  // A numbered record is never "meant" to be another number's, unless it has the same title (renumbered).
  const number = recordNumber(basename(missing));
  const sameRecord = number ? (path: string) => sameNumberOrTitle(number, recordNumber(basename(path))) : undefined;
  const sameKind = ofKind && sameRecord ? (path: string) => ofKind(path) && sameRecord(path) : (ofKind ?? sameRecord);
  const record = renumberedRecord(model, missing);
  const found = (record && (!sameKind || sameKind(record)) ? record : undefined) ?? searchNearestFile(model, missing, from, sameKind);
  model.cache.memo.set(key, found);
  return found;
}

/** A numbered record's name (`eip-20.md`, `0004-ffi-design.md`, `ADR_012_x.md`): its number and the title after it. */
function recordNumber(name: string): { number: number; title: string } | undefined {
  // A dated name (`2026-01-05-x.md`, `20260105-x.md`) is no record number: a typo in its date still gets a suggestion.
  if (/^\d{4}-\d{2}-\d{2}|^\d{8}[-_]/.test(name)) return undefined;
  const m = /^(?:[a-z]{1,6}[-_]?(\d{1,6})|(\d{2,6}))(?:[-_](.*?))?\.[a-z0-9]+$/i.exec(name);
  return m ? { number: Number(m[1] ?? m[2]), title: (m[3] ?? '').toLowerCase() } : undefined;
}

function sameNumberOrTitle(wanted: { number: number; title: string }, other: { number: number; title: string } | undefined): boolean {
  return !!other && (other.number === wanted.number || (wanted.title !== '' && other.title === wanted.title));
}

/** `adr-`, `ADR_`, `rfc-`: a record-type prefix that a move between ADR tools adds or drops. */
const RECORD_PREFIX = /^(?:adr|rfc|dec)[-_]?(?=\d)/i;

/**
 * The one file whose name is the missing name with a record-type prefix
 * added or dropped (`0004-ffi-design.md` ↔ `ADR-0004-ffi-design.md`): decision
 * records that moved to a tool with another naming. Undefined when none or
 * several match.
 */
function renumberedRecord(model: WorkspaceModel, missing: string): string | undefined {
  const name = basename(missing).replace(RECORD_PREFIX, '').toLowerCase();
  if (!/^\d{3,5}[-_]/.test(name)) return undefined;
  const key = 'broken-link:records-by-bare-name';
  let index = model.cache.memo.get(key) as Map<string, string[]> | undefined;
  if (!index) {
    index = new Map();
    for (const path of model.files) {
      const bare = basename(path).replace(RECORD_PREFIX, '').toLowerCase();
      if (!/^\d{3,5}[-_]/.test(bare)) continue;
      const list = index.get(bare);
      if (list) list.push(path);
      else index.set(bare, [path]);
    }
    model.cache.memo.set(key, index);
  }
  const found = index.get(name);
  return found?.length === 1 ? found[0] : undefined;
}

interface NameIndex {
  /** Files by the length of their lower-case name, each with that name and folder. */
  byLength: Map<number, NameEntry[]>;
  /** Files by their lower-case name: the distance-0 answers. */
  byName: Map<string, NameEntry[]>;
  /** Segment indexes by edit limit (see `segmentIndex`), built when a search first needs one. */
  segments: Map<number, SegmentIndex>;
  /** Character counts of every name, BUCKETS bytes each. */
  counts: Uint8Array;
  /** Character pair signatures of every name, PAIR_WORDS words each. */
  pairs: Int32Array;
}

interface NameEntry {
  path: string;
  name: string;
  folder: string;
  /** Where the name's character counts start in the index's `counts` (see `characterCounts`). */
  at: number;
  /** Where the name's character pairs start in the index's `pairs` (see `pairSignature`). */
  pairsAt: number;
  /** The number of the last search that looked at this entry (so that a search looks at it once). */
  seen: number;
}

const BUCKETS = 40;

/**
 * Character counts of `name` in 40 buckets (letters, digits, "-", "_", ".",
 * anything else). One edit changes the counts by at most one up and one
 * down, so the larger of the total surplus and the total shortfall between
 * two names is a lower bound of their edit distance.
 */
function characterCounts(name: string, into: Uint8Array = new Uint8Array(BUCKETS), at = 0): Uint8Array {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const bucket = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : c === 45 ? 36 : c === 95 ? 37 : c === 46 ? 38 : 39;
    if (into[at + bucket] < 255) into[at + bucket]++;
  }
  return into;
}

/** The bound for the name whose counts are `a` and the one whose counts start at `at` in `b`. */
function countDistance(a: Uint8Array, b: Uint8Array, at: number): number {
  let surplus = 0;
  let shortfall = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const d = a[i] - b[at + i];
    if (d > 0) surplus += d;
    else shortfall -= d;
  }
  return surplus > shortfall ? surplus : shortfall;
}

const PAIR_WORDS = 4;

/**
 * A 128-bit set of the character pairs in `name` (each pair sets one bit).
 * One edit removes at most two of a name's pairs and adds at most two, so
 * when more than 2·k of one name's bits are missing from the other's
 * signature, the two names are more than k edits apart: a cheap test that
 * skips most of the edit distances (names alike share most of their bits, so
 * the set is wide enough that their few different pairs rarely collide).
 */
function pairSignature(name: string, into: Int32Array = new Int32Array(PAIR_WORDS), at = 0): Int32Array {
  for (let i = 1; i < name.length; i++) {
    const bit = (Math.imul(name.charCodeAt(i - 1), 0x9e3779b1) ^ Math.imul(name.charCodeAt(i), 0x85ebca77)) >>> 25;
    into[at + (bit >>> 5)] |= 1 << (bit & 31);
  }
  return into;
}

/** The larger of the numbers of bits each signature has that the other lacks. */
function pairDistance(a: Int32Array, b: Int32Array, at: number): number {
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < PAIR_WORDS; i++) {
    onlyA += popcount(a[i] & ~b[at + i]);
    onlyB += popcount(b[at + i] & ~a[i]);
  }
  return onlyA > onlyB ? onlyA : onlyB;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Lower-case file names grouped by length, built once per file list. */
function nameIndex(model: WorkspaceModel): NameIndex {
  const known = model.cache.memo.get('nearest-index') as NameIndex | undefined;
  if (known) return known;
  const counts = new Uint8Array(model.files.size * BUCKETS);
  const pairs = new Int32Array(model.files.size * PAIR_WORDS);
  const index: NameIndex = { byLength: new Map(), byName: new Map(), segments: new Map(), counts, pairs };
  let at = 0;
  let pairsAt = 0;
  for (const file of model.files) {
    const name = basename(file).toLowerCase();
    let list = index.byLength.get(name.length);
    if (!list) index.byLength.set(name.length, (list = []));
    characterCounts(name, counts, at);
    pairSignature(name, pairs, pairsAt);
    const entry: NameEntry = { path: file, name, folder: dirname(file), at, pairsAt, seen: 0 };
    pairsAt += PAIR_WORDS;
    list.push(entry);
    const same = index.byName.get(name);
    if (same) same.push(entry);
    else index.byName.set(name, [entry]);
    at += BUCKETS;
  }
  model.cache.memo.set('nearest-index', index);
  return index;
}

/**
 * Every name cut into `limit + 1` pieces, the pieces indexed by the name's
 * length and the piece's place. Two names at most `limit` edits apart share
 * at least one piece unchanged (the edits touch at most `limit` of them), at
 * most `limit` characters from where it was: a name within the limit of a
 * query is found by looking up the query's substrings at those places, and
 * the search costs about the same whatever the number of files.
 */
interface SegmentIndex {
  /** By name length: one map per piece, from the piece's text to the names that have it there. */
  byLength: Map<number, Map<string, NameEntry[]>[]>;
  /** Names too short to cut into `limit + 1` non-empty pieces: always candidates. */
  short: NameEntry[];
}

/** Where piece `i` of `limit + 1` starts in a name of `length` characters, and how long it is. */
function piece(length: number, limit: number, i: number): [start: number, size: number] {
  const count = limit + 1;
  const base = Math.floor(length / count);
  const longer = length % count; // the last `longer` pieces have one character more
  const firstLonger = count - longer;
  const start = i * base + Math.max(0, i - firstLonger);
  return [start, base + (i >= firstLonger ? 1 : 0)];
}

function segmentIndex(index: NameIndex, limit: number): SegmentIndex {
  const known = index.segments.get(limit);
  if (known) return known;
  const built: SegmentIndex = { byLength: new Map(), short: [] };
  for (const [length, entries] of index.byLength) {
    if (length <= limit) {
      built.short.push(...entries);
      continue;
    }
    const maps: Map<string, NameEntry[]>[] = [];
    for (let i = 0; i <= limit; i++) maps.push(new Map());
    for (const entry of entries) {
      for (let i = 0; i <= limit; i++) {
        const [start, size] = piece(length, limit, i);
        const text = entry.name.slice(start, start + size);
        const list = maps[i].get(text);
        if (list) list.push(entry);
        else maps[i].set(text, [entry]);
      }
    }
    built.byLength.set(length, maps);
  }
  index.segments.set(limit, built);
  return built;
}

let searches = 0;

interface Query {
  name: string;
  folder: string;
  ext: string;
  from?: string;
  /** Candidates it may name (a plan of the same kind); all when absent. */
  accept?: (path: string) => boolean;
  /** The name's character pairs and counts (see `pairSignature`, `characterCounts`). */
  pairs: Int32Array;
  counts: Uint8Array;
}

/** Whether the cheap bounds leave `entry` possibly within `limit` edits of the query. */
function mayBeWithin(index: NameIndex, query: Query, entry: NameEntry, limit: number): boolean {
  if (pairDistance(query.pairs, index.pairs, entry.pairsAt) > 2 * limit) return false;
  return countDistance(query.counts, index.counts, entry.at) <= limit;
}

/** The best of the names found within `limit` edits of the query (lowest distance, then same folder, then path). */
function searchWithin(index: NameIndex, query: Query, limit: number): string | undefined {
  const { name } = query;
  const segments = segmentIndex(index, limit);
  const search = ++searches;
  let best: { path: string; score: number } | undefined;
  const consider = (entry: NameEntry) => {
    if (entry.seen === search) return;
    entry.seen = search;
    if (entry.path === query.from) return;
    if (query.ext && !entry.name.endsWith(query.ext)) return;
    if (query.accept && !query.accept(entry.path)) return;
    // Names that share a piece are often alike only there (a date, a prefix).
    if (!mayBeWithin(index, query, entry, limit)) return;
    const d = entry.name === name ? 0 : editDistance(entry.name, name, limit);
    if (d > limit) return;
    const score = d * 10 + (entry.folder === query.folder ? 0 : 5);
    if (!best || score < best.score || (score === best.score && entry.path < best.path)) best = { path: entry.path, score };
  };
  for (const entry of segments.short) consider(entry);
  for (let length = Math.max(1, name.length - limit); length <= name.length + limit; length++) {
    const maps = segments.byLength.get(length);
    if (!maps) continue;
    for (let i = 0; i <= limit; i++) {
      const [start, size] = piece(length, limit, i);
      const to = Math.min(name.length - size, start + limit);
      for (let at = Math.max(0, start - limit); at <= to; at++) {
        const list = maps[i].get(name.slice(at, at + size));
        if (list) for (const entry of list) consider(entry);
      }
    }
  }
  return best?.path;
}

/**
 * Distance 0 from the index of names, then 1 and 2 from the segment indexes
 * (a typo is one or two edits); only a name with nothing that close scans
 * the names of about its length. The answer is the one of the scan alone:
 * a distance d scores 10·d (+5 in another folder), so a name found within
 * d edits beats every name further away.
 */
export function searchNearestFile(model: WorkspaceModel, missing: string, from?: string, accept?: (path: string) => boolean): string | undefined {
  const name = basename(missing).toLowerCase();
  const folder = dirname(missing);
  const ext = /\.[^./]+$/.exec(name)?.[0] ?? '';
  const limit = Math.max(2, Math.floor(name.length / 5));
  const index = nameIndex(model);
  const query: Query = { name, folder, ext, from, accept, pairs: pairSignature(name), counts: characterCounts(name) };
  let exact: NameEntry | undefined;
  let exactShared = -1;
  for (const entry of index.byName.get(name) ?? []) {
    if (entry.path === from || (accept && !accept(entry.path))) continue;
    // The same folder first, then the most of the folders written before the
    // name (`rfc/README.md` for `./rfc/README.md` of `contributing/`, not the
    // root README), then the most leading folders in common with the missing
    // path (`docs/1.33/guides/x.md` for `docs/1.33/config/guides/x.md`, not
    // another version's copy), then the first path.
    const shared = entry.folder === folder ? Number.MAX_SAFE_INTEGER : sharedFolders(entry.folder, folder, true) * 1000 + sharedFolders(entry.folder, folder);
    if (!exact || shared > exactShared || (shared === exactShared && entry.path < exact.path)) {
      exact = entry;
      exactShared = shared;
    }
  }
  if (exact) return exact.path;
  // No extension (a docs site's route, `/reference/builds`, or a link that lost its `.md`): the
  // same path with `.md` or `.mdx`, beside the link's folder or under a content root, first.
  const route = ext === '' ? routeFile(index, missing, accept, from) : undefined;
  if (route) return route;
  for (let within = 1; within <= 2; within++) {
    const found = searchWithin(index, query, within);
    if (found) return found;
  }
  return limit > 2 ? scanNearestFile(index, query, limit) : undefined;
}

/** How many leading (or, with `last`, trailing) folders two folder paths have in common. */
function sharedFolders(a: string, b: string, last = false): number {
  const x = a.split('/');
  const y = b.split('/');
  if (last) {
    x.reverse();
    y.reverse();
  }
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n] && x[n] !== '') n++;
  return n;
}

/** The one markdown file at `missing` plus `.md` / `.mdx`, in its own folder or at the end of a longer path. */
function routeFile(index: NameIndex, missing: string, accept: ((path: string) => boolean) | undefined, from: string | undefined): string | undefined {
  const lower = missing.toLowerCase();
  const found = new Set<string>();
  for (const ext of ['.md', '.mdx']) {
    const wanted = lower + ext;
    for (const entry of index.byName.get(basename(wanted)) ?? []) {
      if (entry.path === from || (accept && !accept(entry.path))) continue;
      const path = entry.path.toLowerCase();
      if (path === wanted || path.endsWith('/' + wanted)) found.add(entry.path);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Every name of about the query's length, skipping those that cheap bounds put beyond the limit or the best so far. */
function scanNearestFile(index: NameIndex, query: Query, limit: number): string | undefined {
  const { name, folder, ext, from, accept } = query;
  let best: { path: string; score: number } | undefined;
  // Names whose length differs by more than the limit cannot be within it.
  for (let length = name.length - limit; length <= name.length + limit; length++) {
    for (const file of index.byLength.get(length) ?? []) {
      if (file.path === from) continue; // a document never means itself
      if (ext && !file.name.endsWith(ext)) continue;
      if (accept && !accept(file.path)) continue;
      // Prefer the same folder.
      const folderCost = file.folder === folder ? 0 : 5;
      // Only a distance that can still beat (or tie) the best so far is worth computing.
      const within = best ? Math.min(limit, Math.floor((best.score - folderCost) / 10)) : limit;
      if (within < 0) continue;
      if (!mayBeWithin(index, query, file, within)) continue;
      const d = file.name === name ? 0 : editDistance(file.name, name, within);
      if (d > within) continue;
      const score = d * 10 + folderCost;
      if (!best || score < best.score || (score === best.score && file.path < best.path)) best = { path: file.path, score };
    }
  }
  return best?.path;
}
