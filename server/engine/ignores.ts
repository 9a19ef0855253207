/**
 * Which workspace paths a listing leaves out: the `ignore` globs (walked the
 * way fast-glob walks, see `stopsWalk`) and .gitignore files. Shared by the
 * disk listing (server/node/fsWorkspace.ts) and the browser's (server/web/).
 */
import type ignore from 'ignore';
import picomatch from 'picomatch';

/** Our own cache folder (check --cache): never part of the workspace. */
export const CACHE_GLOB = '.roadmap-governance-cache/**';

export interface GitignoreRule {
  /** The folder of the .gitignore, with a trailing slash ('' at the root). */
  dir: string;
  ig: ReturnType<typeof ignore>;
  text: string;
}

/** fast-glob's rule for the globs that stop it walking into a folder (see its DeepFilter). */
function stopsWalk(glob: string): boolean {
  return glob.endsWith('/**') || !picomatch.scan(glob.slice(glob.lastIndexOf('/') + 1)).isGlob;
}

/** The predicate of `FsWorkspace.ignores` (and the browser's listing) for these globs and .gitignore rules. */
export function ignoresOf(globs: string[], rules: GitignoreRule[]): (relative: string, isDir: boolean) => boolean {
  const files = globs.length ? picomatch(globs, { dot: true }) : () => false;
  const walkStoppers = globs.filter(stopsWalk);
  const folders = walkStoppers.length ? picomatch(walkStoppers, { dot: true }) : () => false;
  const folderLeftOut = (dir: string) => folders(dir) || rules.some((r) => dir.startsWith(r.dir) && dir.length > r.dir.length && r.ig.ignores(dir.slice(r.dir.length) + '/'));
  return (relative, isDir) => {
    const parts = relative.split('/');
    // Every folder above, outermost first, then the path itself.
    for (let i = 1; i < parts.length; i++) if (folderLeftOut(parts.slice(0, i).join('/'))) return true;
    if (isDir) return folderLeftOut(relative);
    return files(relative) || rules.some((r) => relative.startsWith(r.dir) && r.ig.ignores(relative.slice(r.dir.length)));
  };
}
