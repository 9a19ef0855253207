import { type Doc, type WorkspaceModel } from '../model';
import { basename, dirname, editDistance, relativePath } from '../paths';
import type { Rule } from '../rule';
import type { LinkInfo } from '../markdown/parse';

/**
 * RG003: a relative link, or a labelled code-span path, whose target file does not exist.
 * The repoint fix is preferred (applied by fix-all and --fix) only when the nearest
 * file is in the folder the link points into: a likely typo or rename, not a guess.
 */
export const brokenLink: Rule = {
  code: 'RG003',
  name: 'broken-link',
  description: 'Link whose target file does not exist',
  defaultSeverity: 'error',
  tags: ['links'],
  check({ model, report }) {
    for (const doc of model.docs.values()) {
      if (isTemplate(model, doc.path)) continue;
      for (const link of doc.links) {
        if (link.kind === 'reference' || link.target.includes('{{')) continue;
        const r = model.resolve(doc, link);
        if (r.status === 'outside') {
          report({ path: doc.path, range: link.range, message: `Link "${link.target}" points outside the workspace.` });
          continue;
        }
        if (r.status !== 'missing') continue;
        const nearest = nearestFile(model, r.path, doc.path);
        const what = link.kind === 'codespan' ? `"${link.label}" path` : 'Link';
        report({
          path: doc.path,
          range: link.range,
          message: `${what} "${link.target}" points to ${r.path}, which does not exist.${nearest ? ` Did you mean ${nearest}?` : ''}`,
          fixes: nearest ? [{ title: `Repoint to ${nearest}`, preferred: dirname(nearest) === dirname(r.path), steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: rewriteTarget(doc, link, nearest) }] }] }] : undefined,
          data: { target: r.path, nearest },
        });
      }
    }
  },
};

function isTemplate(model: WorkspaceModel, path: string): boolean {
  const folder = model.config.templates.replace(/\/+$/, '');
  return path.startsWith(folder + '/');
}

/** The new destination text, in the link's own form (relative, or root-relative for code spans). */
export function rewriteTarget(doc: Doc, link: LinkInfo, newPath: string): string {
  const hash = link.target.indexOf('#');
  const fragment = hash >= 0 ? link.target.slice(hash) : '';
  if (link.kind === 'codespan') return (link.target.includes('/') ? newPath : relativePath(dirname(doc.path), newPath)) + fragment;
  if (link.target.startsWith('/')) return '/' + newPath + fragment;
  return relativePath(dirname(doc.path), newPath) + fragment;
}

/**
 * The existing file most like `missing`: same name elsewhere first, then the
 * closest name (edit distance ≤ a third of the name) in the same folder, then anywhere.
 */
export function nearestFile(model: WorkspaceModel, missing: string, from?: string): string | undefined {
  // The answer depends on the file list only: keep it while the file list lasts.
  const key = `nearest\u0000${missing}\u0000${from ?? ''}`;
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as string | undefined;
  const found = searchNearestFile(model, missing, from);
  model.cache.memo.set(key, found);
  return found;
}

interface NameIndex {
  /** Files by the length of their lower-case name, each with that name and folder. */
  byLength: Map<number, { path: string; name: string; folder: string }[]>;
}

/** Lower-case file names grouped by length, built once per file list. */
function nameIndex(model: WorkspaceModel): NameIndex {
  const known = model.cache.memo.get('nearest-index') as NameIndex | undefined;
  if (known) return known;
  const index: NameIndex = { byLength: new Map() };
  for (const file of model.files) {
    const name = basename(file).toLowerCase();
    let list = index.byLength.get(name.length);
    if (!list) index.byLength.set(name.length, (list = []));
    list.push({ path: file, name, folder: dirname(file) });
  }
  model.cache.memo.set('nearest-index', index);
  return index;
}

function searchNearestFile(model: WorkspaceModel, missing: string, from?: string): string | undefined {
  const name = basename(missing).toLowerCase();
  const folder = dirname(missing);
  const ext = /\.[^./]+$/.exec(name)?.[0] ?? '';
  let best: { path: string; score: number } | undefined;
  const limit = Math.max(2, Math.floor(name.length / 5));
  const index = nameIndex(model);
  // Names whose length differs by more than the limit cannot be within it.
  for (let length = name.length - limit; length <= name.length + limit; length++) {
    for (const file of index.byLength.get(length) ?? []) {
      if (file.path === from) continue; // a document never means itself
      if (ext && !file.name.endsWith(ext)) continue;
      let score: number;
      if (file.name === name) score = 0;
      else {
        const d = editDistance(file.name, name, limit);
        if (d > limit) continue;
        score = d * 10;
      }
      // Prefer the same folder.
      score += file.folder === folder ? 0 : 5;
      if (!best || score < best.score || (score === best.score && file.path < best.path)) best = { path: file.path, score };
    }
  }
  return best?.path;
}
