/**
 * What the language server needs from where it runs. Node (server/node/platform.ts)
 * reads the disk and can watch it; the browser (server/web/platform.ts) runs in a
 * web worker and asks the editor for every file. Nothing under server/lsp imports
 * node-only modules: the platform brings them.
 */
import type { WorkspaceFiles } from '../engine/workspace';

/** A workspace folder's files, as the server reads, creates and looks at them. */
export interface FolderFiles extends WorkspaceFiles {
  /** Whether anything is at `path` (a link counts when its target exists); ignores do not apply. */
  exists(path: string): Promise<boolean>;
  /** What is at `path`, links not followed; undefined when nothing is. */
  kindOf(path: string): Promise<'file' | 'directory' | 'symlink' | undefined>;
}

/** A workspace folder: its files and how its URIs map to workspace paths. */
export interface FolderAccess {
  /** The same string for every URI of this folder's root (see `ServerPlatform.rootKey`). */
  readonly root: string;
  readonly files: FolderFiles;
  /** The workspace path of a URI inside this folder, else undefined. */
  pathOf(uri: string): string | undefined;
  uriOf(workspacePath: string): string;
}

/** The server's own watch of a folder (see server/node/watcher.ts). */
export interface FolderWatch {
  start(): Promise<void>;
  refresh(): Promise<unknown>;
  close(): Promise<void>;
  watchedDirectories(): number;
}

/** A change the server's own watch saw (the same as server/node/watcher.ts's). */
export interface WatchedChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

export interface WatchHandlers {
  knows(path: string): boolean;
  onChanges(changes: WatchedChange[]): void;
  onProblem(message: string): void;
}

export interface ServerPlatform {
  folder(uri: string): FolderAccess;
  /** A key for a folder root's URI: two URIs of one folder give the same key, a folder and its parent never do. */
  rootKey(uri: string): string;
  /** The key under which an open document is found again from its folder and path (see ServerContext). */
  documentKey(uri: string): string;
  /** Watches a folder itself, for a client that does not; undefined (or no method) where the server cannot watch it. */
  watch?(folder: FolderAccess, handlers: WatchHandlers): FolderWatch | undefined;
  /** An environment variable, where there are any. */
  env(name: string): string | undefined;
  /** The URI of the installed package's root, under which docs/rules/ is: rule codes link there. */
  packageRoot?: string;
}
