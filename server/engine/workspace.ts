/**
 * What the engine needs from the outside world. The Node adapter
 * (server/node/fsWorkspace.ts) implements it on disk; tests use
 * `InMemoryWorkspace`. Paths are workspace-relative with forward slashes.
 */

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

export interface WorkspaceFiles {
  /** A name to show for the folder (its path or URI). */
  readonly name: string;
  /** Every file, minus `ignore` globs and (when asked) .gitignore'd ones. */
  listFiles(ignore: string[], gitignore: boolean): Promise<string[]>;
  /**
   * Reads a text file; binary or larger than `maxSize` bytes gives `skipped`.
   * A UTF-8 byte order mark is not part of the text (editors do not count it
   * in positions either).
   */
  readFile(path: string, maxSize: number): Promise<ReadResult>;
  /** Creates a new file; rejects when it exists or the path leaves the folder. */
  createFile(path: string, content: string): Promise<void>;
  /** Replaces the content of an existing file (used by --fix and commands), keeping its byte order mark if it has one. */
  writeFile(path: string, content: string): Promise<void>;
  /**
   * Whether `path` is a file the last `listFiles` would have listed had it
   * been there: a regular file (not a folder, not a symbolic link), not
   * ignored. One look at the disk, for a file the engine does not know yet.
   */
  fileExists(path: string): Promise<boolean>;
}

/** A workspace held in memory, for tests and for the benchmark. */
export class InMemoryWorkspace implements WorkspaceFiles {
  readonly files = new Map<string, string>();
  constructor(
    files: Record<string, string> = {},
    readonly name = 'memory',
  ) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }
  async listFiles(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }
  async readFile(path: string, maxSize: number): Promise<ReadResult> {
    const text = this.files.get(path);
    if (text === undefined) return { kind: 'error', message: `${path}: no such file` };
    if (text.length > maxSize) return { kind: 'skipped', reason: `larger than ${maxSize} bytes` };
    if (text.includes('\u0000')) return { kind: 'skipped', reason: 'binary content' };
    return { kind: 'text', text: text.replace(/^\uFEFF/, '') };
  }
  async createFile(path: string, content: string): Promise<void> {
    if (this.files.has(path)) throw new Error(`${path} already exists`);
    this.files.set(path, content);
  }
  async writeFile(path: string, content: string): Promise<void> {
    const bom = this.files.get(path)?.startsWith('\uFEFF') && !content.startsWith('\uFEFF');
    this.files.set(path, bom ? '\uFEFF' + content : content);
  }
  async fileExists(path: string): Promise<boolean> {
    return this.files.has(path);
  }
}
