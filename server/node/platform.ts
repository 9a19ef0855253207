/**
 * The language server on Node: folders on disk (FsWorkspace), watched by the
 * server itself when the client does not (FolderWatcher). A folder of another
 * URI scheme (a virtual workspace: Remote Repositories in desktop VS Code) is
 * read through the editor, as in the browser (server/web/platform.ts).
 */
import { existsSync, lstatSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Connection } from 'vscode-languageserver';
import type { FolderAccess, FolderFiles, FolderWatch, ServerPlatform, WatchHandlers } from '../lsp/platform';
import { EditorFolder, folderKey } from '../web/platform';
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

const isFile = (uri: string) => URI.parse(uri).scheme === 'file';

export function nodePlatform(connection: Connection): ServerPlatform {
  return {
    folder: (uri) => (isFile(uri) ? new DiskFolder(uri) : new EditorFolder(connection, uri)),
    rootKey: (uri) => (isFile(uri) ? URI.parse(uri).fsPath : folderKey(URI.parse(uri))),
    documentKey: (uri) => (isFile(uri) ? URI.parse(uri).fsPath : URI.parse(uri).toString()),
    watch: (folder: FolderAccess, handlers: WatchHandlers): FolderWatch | undefined => (folder instanceof DiskFolder ? new FolderWatcher(folder.files, handlers) : undefined),
    env: (name) => process.env[name],
    // dist/server.js lives in <package>/dist.
    packageRoot: URI.file(path.resolve(__dirname, '..')).toString(),
  };
}
