/**
 * The language server on Node: folders on disk (FsWorkspace), watched by the
 * server itself when the client does not (FolderWatcher), file URIs only.
 */
import { existsSync, lstatSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FolderAccess, FolderFiles, FolderWatch, ServerPlatform, WatchHandlers } from '../lsp/platform';
import { FsWorkspace } from './fsWorkspace';
import { FolderWatcher } from './watcher';

/** A folder on disk, with what the server asks beyond the engine's `WorkspaceFiles`. */
export class DiskFolderFiles extends FsWorkspace implements FolderFiles {
  async exists(relative: string): Promise<boolean> {
    return existsSync(this.absolute(relative));
  }

  async kindOf(relative: string): Promise<'file' | 'directory' | 'symlink' | undefined> {
    let stats;
    try {
      stats = lstatSync(this.absolute(relative));
    } catch {
      return undefined;
    }
    return stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : 'file';
  }
}

class DiskFolder implements FolderAccess {
  readonly root: string;
  readonly files: DiskFolderFiles;
  constructor(uri: string) {
    this.root = URI.parse(uri).fsPath;
    this.files = new DiskFolderFiles(this.root);
  }

  pathOf(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const rel = path.relative(this.root, parsed.fsPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  uriOf(workspacePath: string): string {
    return URI.file(path.join(this.root, ...workspacePath.split('/'))).toString();
  }
}

export const nodePlatform: ServerPlatform = {
  folder: (uri) => new DiskFolder(uri),
  rootKey: (uri) => URI.parse(uri).fsPath,
  documentKey: (uri) => URI.parse(uri).fsPath,
  watch: (folder: FolderAccess, handlers: WatchHandlers): FolderWatch => new FolderWatcher((folder as DiskFolder).files, handlers),
  env: (name) => process.env[name],
  // dist/server.js lives in <package>/dist.
  packageRoot: URI.file(path.resolve(__dirname, '..')).toString(),
};
