/**
 * The server's own watch of a workspace folder, for a client that does not
 * watch files for it (no dynamic registration of didChangeWatchedFiles:
 * Neovim 0.7, many others). chokidar watches the folder's directories only
 * (one inotify watch each on Linux, never one per file), with the listing's
 * ignores (`ignore` globs, .gitignore) and without following symbolic links;
 * the files come from the events of their directory's watch (chokidar's
 * `raw` events), looked at once per batch (lstat) and turned into
 * created / changed / deleted workspace paths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { FsWorkspace } from './fsWorkspace';

export interface DiskChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

export interface FolderWatcherOptions {
  /** Whether the engine knows a path (a file, or a folder with files in it): deletions of anything else are dropped. */
  knows: (workspacePath: string) => boolean;
  /** A batch of changes, in the order they were first seen. */
  onChanges: (changes: DiskChange[]) => void;
  /** A problem worth a line in the log (the watch goes on where it can). */
  onProblem?: (message: string) => void;
  /** Quiet time after the last event before a batch goes out. */
  quietMs?: number;
  /** Longest a batch waits while events keep coming. */
  maxWaitMs?: number;
}

export class FolderWatcher {
  private watcher?: FSWatcher;
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private firstPendingAt = 0;
  /** The ignores the running watch was set up with (see `FsWorkspace.ignoreKey`). */
  private key = '';
  private closed = false;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly fs: FsWorkspace,
    private readonly options: FolderWatcherOptions,
  ) {
    this.quietMs = options.quietMs ?? 30;
    this.maxWaitMs = options.maxWaitMs ?? 300;
  }

  /** Starts watching; resolves once every directory is under watch. */
  async start(): Promise<void> {
    if (this.closed) return;
    this.key = this.fs.ignoreKey;
    const root = this.fs.root;
    const watcher = watch(root, {
      // The connection decides when the server ends, never an open watch.
      persistent: false,
      ignoreInitial: true,
      followSymlinks: false,
      usePolling: false,
      // Only directories are watched: files are seen through them (raw events).
      ignored: (abs, stats) => this.leftOut(abs, stats),
    });
    this.watcher = watcher;
    watcher.on('raw', (_event, name: string | null | undefined, details) => {
      const dir = (details as { watchedPath?: string } | undefined)?.watchedPath;
      if (!dir) return;
      // Without a file name (some platforms), the directory is looked at whole.
      this.queue(name ? path.join(dir, name) : dir);
    });
    watcher.on('addDir', (abs: string) => this.queue(abs));
    watcher.on('unlinkDir', (abs: string) => this.queue(abs));
    watcher.on('error', (error: unknown) => {
      const e = error as NodeJS.ErrnoException;
      const hint = e.code === 'ENOSPC' ? ' (the system limit of file watches is reached: fs.inotify.max_user_watches)' : '';
      this.options.onProblem?.(`Watching ${root}: ${e.message ?? String(error)}${hint}`);
    });
    await new Promise<void>((resolve) => {
      this.stopWaiting = resolve;
      watcher.once('ready', () => resolve());
    });
  }

  /** Directories under watch (each one OS-level watch). */
  watchedDirectories(): number {
    const watched = this.watcher?.getWatched() ?? {};
    // getWatched lists each directory's children; the directories themselves are the keys, their parents' entries aside.
    return Object.keys(watched).filter((dir) => dir === this.fs.root || dir.startsWith(this.fs.root + path.sep)).length;
  }

  /** Starts over when the listing's ignores changed since the watch began (a .gitignore or the config's `ignore`). */
  async refresh(): Promise<boolean> {
    // One at a time: a second call waits for the first, then looks again.
    const previous = this.refreshing;
    const next = (async () => {
      await previous;
      if (this.closed || this.fs.ignoreKey === this.key) return false;
      await this.watcher?.close();
      this.watcher = undefined;
      await this.start();
      return true;
    })();
    this.refreshing = next.catch(() => false);
    return next;
  }

  private refreshing: Promise<boolean> = Promise.resolve(false);
  /** Ends a `start` still waiting for chokidar's ready when the watch is closed. */
  private stopWaiting: () => void = () => {};

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending.clear();
    this.stopWaiting();
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** chokidar's `ignored`: everything but the folder's own, not ignored directories. */
  private leftOut(abs: string, stats?: fs.Stats): boolean {
    const rel = this.workspacePath(abs);
    if (rel === '') return false;
    if (rel === undefined) return true;
    // Asked first without stats; it asks again with them before watching anything.
    if (!stats) return false;
    return !stats.isDirectory() || this.fs.ignores(rel, true);
  }

  /** The workspace path of an absolute path: '' for the root, undefined outside it. */
  private workspacePath(abs: string): string | undefined {
    const rel = path.relative(this.fs.root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  private queue(abs: string): void {
    if (this.closed) return;
    if (this.pending.size === 0) this.firstPendingAt = performance.now();
    this.pending.add(abs);
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstPendingAt + this.maxWaitMs - performance.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Looks at each path of the batch once and hands on what changed. */
  private flush(): void {
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    const changes: DiskChange[] = [];
    const seen = new Set<string>();
    const add = (p: string, kind: DiskChange['kind']) => {
      if (seen.has(p)) return;
      seen.add(p);
      changes.push({ path: p, kind });
    };
    const { knows } = this.options;
    for (const abs of batch) {
      const rel = this.workspacePath(abs);
      if (!rel) continue;
      let stats: fs.Stats | undefined;
      try {
        stats = fs.lstatSync(abs);
      } catch {
        stats = undefined;
      }
      if (!stats || stats.isSymbolicLink()) {
        // Gone (or now a link, which the listing leaves out): a file, or a folder of files.
        if (knows(rel)) add(rel, 'deleted');
      } else if (stats.isDirectory()) {
        if (this.fs.ignores(rel, true)) continue;
        // A new folder, or one moved in: its files, which no event of their own may have announced.
        for (const file of this.fs.filesUnder(rel)) if (!knows(file)) add(file, 'created');
      } else if (stats.isFile() && !this.fs.ignores(rel, false)) {
        add(rel, knows(rel) ? 'changed' : 'created');
      }
    }
    if (changes.length) this.options.onChanges(changes);
  }
}
