/**
 * The one place the engine's file access happens: a `WorkspaceFiles` on disk.
 * Lists with fast-glob (no symlink following, so loops cannot hang it),
 * honours .gitignore files with `ignore`, refuses paths outside the folder,
 * and keeps the last listing's ignores for the watcher (see watcher.ts).
 */
import * as fsSync from 'node:fs';
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import picomatch from 'picomatch';
import type { ReadResult, WorkspaceFiles } from '../engine/workspace';

export class FsWorkspace implements WorkspaceFiles {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get name(): string {
    return this.root;
  }

  /** Absolute path of a workspace path; throws when it would leave the folder. */
  absolute(relative: string): string {
    const abs = path.resolve(this.root, relative);
    const rel = path.relative(this.root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${relative} is outside the workspace folder`);
    return abs;
  }

  async listFiles(ignoreGlobs: string[], gitignore: boolean): Promise<string[]> {
    // Our own cache folder (check --cache) is never part of the workspace.
    const globs = [...ignoreGlobs, CACHE_GLOB];
    // Synchronous, like the reads below: fast-glob's asynchronous walk costs
    // several times the CPU (a thread-pool round trip per folder), and nothing
    // can be answered before the file list is in anyway.
    const files = fg.sync('**/*', {
      cwd: this.root,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: globs,
      suppressErrors: true,
    });
    const rules: GitignoreRule[] = [];
    if (gitignore) {
      for (const file of files) {
        if (file !== '.gitignore' && !file.endsWith('/.gitignore')) continue;
        try {
          const text = await fs.readFile(path.join(this.root, file), 'utf8');
          rules.push({ dir: file.slice(0, -'.gitignore'.length), ig: ignore().add(text), text });
        } catch {
          // An unreadable .gitignore ignores nothing.
        }
      }
    }
    this.listedGlobs = globs;
    this.ignores = ignoresOf(globs, rules);
    this.ignoreKey = JSON.stringify([globs, rules.map((r) => [r.dir, r.text])]);
    if (rules.length === 0) return files.sort();
    return files.filter((f) => !rules.some((r) => f.startsWith(r.dir) && r.ig.ignores(f.slice(r.dir.length)))).sort();
  }

  /**
   * Whether the last listing would leave out `relative` (a workspace path;
   * `isDir` when it names a folder): the same `ignore` globs and .gitignore
   * rules. A folder is left out when fast-glob would not walk into it (a glob
   * ending in "/**", or naming it without wildcards), a file when a glob
   * matches it or a folder above it is left out. Nothing is ignored before
   * the first listing.
   */
  ignores: (relative: string, isDir: boolean) => boolean = () => false;

  /** Changes whenever the ignores of a new listing differ from the last one's (globs, .gitignore texts). */
  ignoreKey = '';

  private listedGlobs: string[] = [CACHE_GLOB];

  /** The files under the folder `relative` that the listing would give, with the last listing's ignores. */
  filesUnder(relative: string): string[] {
    const files = fg.sync(`${fg.escapePath(relative)}/**/*`, {
      cwd: this.root,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: this.listedGlobs,
      suppressErrors: true,
    });
    return files.filter((f) => !this.ignores(f, false)).sort();
  }

  async fileExists(relative: string): Promise<boolean> {
    try {
      const abs = this.absolute(relative);
      // lstat: a symbolic link is never listed (fast-glob does not follow them). No exception for a missing file.
      if (!fsSync.lstatSync(abs, { throwIfNoEntry: false })?.isFile()) return false;
      // Nor is a file under a symlinked folder: its folder's real path must be where the path says.
      const dir = path.dirname(abs);
      if (fsSync.realpathSync.native(dir) !== path.join(this.realRoot(), path.relative(this.root, dir))) return false;
      return !this.ignores(relative, false);
    } catch {
      return false;
    }
  }

  private realRootPath?: string;
  private realRoot(): string {
    return (this.realRootPath ??= fsSync.realpathSync.native(this.root));
  }

  async readFile(relative: string, maxSize: number): Promise<ReadResult> {
    // Synchronous calls: a first scan reads thousands of small files, and the
    // promise API costs several times the CPU per file (open, stat, read and
    // close each a round trip through the thread pool). One small file blocks
    // for microseconds; O_NONBLOCK keeps a FIFO from blocking the open.
    let fd: number | undefined;
    try {
      fd = fsSync.openSync(this.absolute(relative), fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
      const stat = fsSync.fstatSync(fd);
      if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
      if (stat.size > maxSize) return { kind: 'skipped', reason: `${stat.size} bytes is over the ${maxSize}-byte limit (maxFileSize)` };
      const buffer = readAll(fd, stat.size);
      if (buffer.subarray(0, 8192).includes(0)) return { kind: 'skipped', reason: 'binary content (NUL bytes)' };
      return { kind: 'text', text: UTF8.decode(buffer).replace(/^\uFEFF/, '') };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ELOOP') return { kind: 'skipped', reason: 'a symbolic link (not followed)' };
      return { kind: 'error', message: e.code ? `${e.code}` : e.message };
    } finally {
      if (fd !== undefined) fsSync.closeSync(fd);
    }
  }

  async createFile(relative: string, content: string): Promise<void> {
    const abs = this.absolute(relative);
    // A symlinked folder inside the workspace must not be a way out: check the
    // real path of the nearest existing folder before creating any, and again after.
    await this.assertRealInside(path.dirname(abs), relative);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await this.assertRealInside(path.dirname(abs), relative);
    // 'wx' fails when the file exists: never overwrite.
    await fs.writeFile(abs, content, { flag: 'wx' });
  }

  private async assertRealInside(dir: string, relative: string): Promise<void> {
    let existing = dir;
    while (!(await fs.stat(existing).then(() => true, () => false)) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    const real = await fs.realpath(existing);
    const rel = path.relative(await fs.realpath(this.root), real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${relative} resolves outside the workspace folder (through a symbolic link)`);
  }

  async writeFile(relative: string, content: string): Promise<void> {
    const abs = this.absolute(relative);
    await fs.access(abs);
    // The text was read without its byte order mark (see readFile): put it back.
    const bom = (await startsWithBom(abs)) && !content.startsWith('\uFEFF');
    await fs.writeFile(abs, bom ? '\uFEFF' + content : content);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Whether the file begins with the UTF-8 byte order mark (EF BB BF). */
async function startsWithBom(abs: string): Promise<boolean> {
  const handle = await fs.open(abs, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    await handle.close();
  }
}

const CACHE_GLOB = '.roadmap-governance-cache/**';

interface GitignoreRule {
  /** The folder of the .gitignore, with a trailing slash ('' at the root). */
  dir: string;
  ig: ReturnType<typeof ignore>;
  text: string;
}

/** fast-glob's rule for the globs that stop it walking into a folder (see its DeepFilter). */
function stopsWalk(glob: string): boolean {
  return glob.endsWith('/**') || !picomatch.scan(glob.slice(glob.lastIndexOf('/') + 1)).isGlob;
}

/** The predicate of `FsWorkspace.ignores` for these globs and .gitignore rules. */
function ignoresOf(globs: string[], rules: GitignoreRule[]): (relative: string, isDir: boolean) => boolean {
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

/** Reads a file to its end: `size` bytes as stat saw them, or more if it grew meanwhile. */
function readAll(fd: number, size: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let buffer = Buffer.allocUnsafe(Math.max(size, 1));
  for (;;) {
    const n = fsSync.readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    chunks.push(buffer.subarray(0, n));
    total += n;
    if (n < buffer.length) break;
    buffer = Buffer.allocUnsafe(64 * 1024);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
