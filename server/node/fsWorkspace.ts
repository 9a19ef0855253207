/**
 * The one place the engine's file access happens: a `WorkspaceFiles` on disk.
 * Lists with fast-glob (no symlink following, so loops cannot hang it),
 * honours .gitignore files with `ignore`, refuses paths outside the folder.
 */
import * as fsSync from 'node:fs';
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
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
    // Synchronous, like the reads below: fast-glob's asynchronous walk costs
    // several times the CPU (a thread-pool round trip per folder), and nothing
    // can be answered before the file list is in anyway.
    const files = fg.sync('**/*', {
      cwd: this.root,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      // Our own cache folder (check --cache) is never part of the workspace.
      ignore: [...ignoreGlobs, '.roadmap-governance-cache/**'],
      suppressErrors: true,
    });
    if (!gitignore) return files.sort();
    const ignoreFiles = files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore'));
    if (ignoreFiles.length === 0) return files.sort();
    const rules: { dir: string; ig: ReturnType<typeof ignore> }[] = [];
    for (const file of ignoreFiles) {
      try {
        const text = await fs.readFile(path.join(this.root, file), 'utf8');
        rules.push({ dir: file.slice(0, -'.gitignore'.length), ig: ignore().add(text) });
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    return files
      .filter((f) => !rules.some((r) => f.startsWith(r.dir) && r.ig.ignores(f.slice(r.dir.length))))
      .sort();
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
