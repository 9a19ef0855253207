/**
 * Links written from the repository root inside a document in a subfolder:
 * `[x](docs/plans/x.md)` in `docs/ROADMAP.md`. GitHub (and every markdown
 * viewer) resolves a relative link from the document's folder, so the link
 * leads to `docs/docs/plans/x.md`; the file the author meant exists from the
 * root. The model resolves such a link as written (missing); this says where
 * it was meant to go and how to write it so that it gets there.
 */
import type { Doc, WorkspaceModel } from './model';
import type { LinkInfo } from './markdown/parse';
import { dirname, hasScheme, joinPath, safeDecode } from './paths';

export interface RootRelativeLink {
  /** The workspace path the link reaches when read from the repository root. */
  fromRoot: string;
  /** The destination rewritten relative to the document, in the link's own spelling (encoding, fragment, query). */
  rewritten: string;
}

/**
 * Where a link that does not resolve as written would lead if read from the
 * repository root, when that file or folder exists, with the destination
 * rewritten relative to the document. Only markdown links and definitions of
 * documents in a subfolder whose destination has a folder part (`docs/x.md`,
 * not `x.md` nor `./x.md`: those are written relative on purpose); code-span
 * paths are read from the root already. The caller checks that the link is
 * missing as written.
 */
export function rootRelativeLink(model: WorkspaceModel, doc: Doc, link: LinkInfo, written: string = link.target): RootRelativeLink | undefined {
  if (link.kind === 'codespan' || link.kind === 'reference') return undefined;
  const folder = dirname(doc.path);
  if (!folder) return undefined;
  const target = written.trim();
  if (!target || hasScheme(target) || target.startsWith('/')) return undefined;
  const cut = target.search(/[?#]/);
  const rawPath = cut >= 0 ? target.slice(0, cut) : target;
  const suffix = cut >= 0 ? target.slice(cut) : '';
  const first = rawPath.split('/')[0];
  if (!rawPath.includes('/') || first === '.' || first === '..' || first === '') return undefined;
  const fromRoot = joinPath('', safeDecode(rawPath));
  if (!fromRoot || !model.exists(fromRoot)) return undefined;
  // Rewrite the spelled segments (so %20 stays %20): drop what the document's
  // folder shares with the target, climb out of the rest.
  const spelled = joinPath('', rawPath);
  if (spelled === null) return undefined;
  const segments = spelled.split('/').filter(Boolean);
  const decoded = fromRoot.split('/');
  if (segments.length !== decoded.length) return undefined; // an encoded "/": leave it to a person
  const from = folder.split('/');
  let common = 0;
  while (common < from.length && common < decoded.length - 1 && from[common] === decoded[common]) common++;
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  const rest = segments.slice(common).join('/');
  const rewritten = '../'.repeat(from.length - common) + rest + trailing + suffix;
  return { fromRoot, rewritten };
}
