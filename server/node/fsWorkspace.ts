/**
 * The one place the engine's file access happens: a `WorkspaceFiles` on disk.
 * Lists with fast-glob (no symlink following, so loops cannot hang it; a
 * link to a file inside the folder counts as a file, see `symlinks`),
 * honours .gitignore files with `ignore`, refuses paths outside the folder,
 * and keeps the last listing's ignores for the watcher (see watcher.ts).
 */
import * as fsSync from 'node:fs';
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { CACHE_GLOB, type GitignoreRule, ignoresOf } from '../engine/ignores';
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

  /** See `WorkspaceFiles.symlinks`: filled by `listFiles`. */
  symlinks: ReadonlyMap<string, string> = new Map();

  async listFiles(ignoreGlobs: string[], gitignore: boolean): Promise<string[]> {
    // Our own cache folder (check --cache) is never part of the workspace.
    const globs = [...ignoreGlobs, CACHE_GLOB];
    // Synchronous, like the reads below: fast-glob's asynchronous walk costs
    // several times the CPU (a thread-pool round trip per folder), and nothing
    // can be answered before the file list is in anyway. Symbolic links are
    // listed, not followed (a loop cannot hang the walk); a link to a file
    // inside the folder is kept aside in `symlinks`.
    const entries = fg.sync('**/*', {
      cwd: this.root,
      dot: true,
      onlyFiles: false,
      objectMode: true,
      followSymbolicLinks: false,
      ignore: globs,
      suppressErrors: true,
    });
    const files: string[] = [];
    const links: string[] = [];
    for (const e of entries) {
      if (e.dirent.isFile()) files.push(e.path);
      else if (e.dirent.isSymbolicLink()) links.push(e.path);
    }
    // Only regular .gitignore files are read: a symbolic link named so could lead anywhere.
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
    const keep = (f: string) => !rules.some((r) => f.startsWith(r.dir) && r.ig.ignores(f.slice(r.dir.length)));
    this.symlinks = this.linkTargets(links.filter(keep));
    return files.filter(keep).sort();
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

  /**
   * The symbolic links among `links` whose target is a file inside the
   * folder, with that target (workspace-relative). realpath fails on a loop
   * (ELOOP) or a dangling link: those, links out of the folder and links to
   * folders are left out.
   */
  private linkTargets(links: string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (links.length === 0) return out;
    let realRoot: string;
    try {
      realRoot = fsSync.realpathSync(this.root);
    } catch {
      return out;
    }
    for (const link of links.sort()) {
      try {
        const real = fsSync.realpathSync(path.join(this.root, link));
        const rel = path.relative(realRoot, real);
        if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
        if (!fsSync.statSync(real).isFile()) continue;
        out.set(link, rel.split(path.sep).join('/'));
      } catch {
        // A loop, a dangling link, or one we may not read: not a file of the workspace.
      }
    }
    return out;
  }

  async readFile(relative: string, maxSize: number): Promise<ReadResult> {
    // Synchronous calls: a first scan reads thousands of small files, and the
    // promise API costs several times the CPU per file (open, stat, read and
    // close each a round trip through the thread pool). One small file blocks
    // for microseconds; O_NONBLOCK keeps a FIFO from blocking the open.
    let fd: number | undefined;
    try {
      const abs = this.absolute(relative);
      const flags = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);
      try {
        fd = fsSync.openSync(abs, flags);
      } catch (error) {
        // A symbolic link is read through when it ends at a file inside the folder (a loop fails in realpath).
        if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
        const real = this.realInside(abs);
        if (!real) return { kind: 'skipped', reason: 'a symbolic link that leads out of the workspace folder, dangles or loops (not followed)' };
        fd = fsSync.openSync(real, flags);
      }
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

  /** The real path of `abs` when it is inside the folder; undefined when it leads out, loops or dangles. */
  private realInside(abs: string): string | undefined {
    try {
      const real = fsSync.realpathSync(abs);
      const rel = path.relative(fsSync.realpathSync(this.root), real);
      return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : real;
    } catch {
      return undefined;
    }
  }

  async writeFile(relative: string, content: string): Promise<void> {
    const abs = this.absolute(relative);
    await fs.access(abs);
    // Never through a symbolic link: not the file (O_NOFOLLOW), nor a folder on the way.
    const dir = path.dirname(abs);
    if ((await fs.realpath(dir)) !== path.join(await fs.realpath(this.root), path.relative(this.root, dir))) {
      throw new Error(`${relative} is reached through a symbolic link: not written through it`);
    }
    // The text was read without its byte order mark (see readFile): put it back.
    const bom = (await startsWithBom(abs)) && !content.startsWith('\uFEFF');
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(abs, fsConstants.O_WRONLY | fsConstants.O_TRUNC | (fsConstants.O_NOFOLLOW ?? 0));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${relative} is a symbolic link: not written through it`);
      throw error;
    }
    try {
      await handle.writeFile(bom ? '\uFEFF' + content : content);
    } finally {
      await handle.close();
    }
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
