/**
 * The language server in a web worker (vscode.dev, github.dev): no disk, no
 * watch of its own. Every file comes from the extension through the requests
 * of server/shared/webFiles.ts; the folders are URIs of any scheme, and a
 * workspace path is the part of a URI's path below its folder's.
 */
import ignore from 'ignore';
import type { Connection } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import { CACHE_GLOB, type GitignoreRule, ignoresOf } from '../engine/ignores';
import type { ReadResult } from '../engine/workspace';
import type { FolderAccess, FolderFiles, ServerPlatform } from '../lsp/platform';
import { type EntryKind, FileRequests, type StatResult } from '../shared/webFiles';

/** A folder URI's key: scheme, authority and path without a trailing slash. */
export function folderKey(uri: URI): string {
  return uri.with({ path: uri.path.replace(/\/+$/, ''), query: '', fragment: '' }).toString();
}

/** A workspace path the engine may name: relative, forward slashes, no empty, `.` or `..` segment. */
function checked(relative: string): string {
  if (relative === '' || relative.startsWith('/') || relative.includes('\\') || relative.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`${relative} is outside the workspace folder`);
  }
  return relative;
}

/** The files of a folder, asked of the extension. */
export class EditorFolderFiles implements FolderFiles {
  /** The last listing's ignores (nothing is ignored before the first). */
  private ignores: (relative: string, isDir: boolean) => boolean = () => false;

  constructor(
    private readonly connection: Connection,
    private readonly rootUri: URI,
    readonly name: string,
  ) {}

  private uri(relative: string): string {
    return Utils.joinPath(this.rootUri, ...checked(relative).split('/')).toString();
  }

  private async stat(relative: string): Promise<StatResult | null> {
    return this.connection.sendRequest<StatResult | null>(FileRequests.stat, { uri: this.uri(relative) });
  }

  /**
   * Walks the folder one request per directory, the directories of one level
   * at a time; a folder the ignores leave out is never walked into, and a
   * folder's .gitignore applies before its entries are looked at (what the
   * disk listing gives, which reads every .gitignore first). Symbolic links
   * are left out: virtual file systems have none.
   */
  async listFiles(ignoreGlobs: string[], gitignore: boolean): Promise<string[]> {
    const rules: GitignoreRule[] = [];
    // The predicate reads `rules` as it grows.
    const ignores = ignoresOf([...ignoreGlobs, CACHE_GLOB], rules);
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const uri = dir ? this.uri(dir) : this.rootUri.toString();
      const entries = await this.connection.sendRequest<[string, EntryKind][]>(FileRequests.readDirectory, { uri });
      const prefix = dir ? dir + '/' : '';
      if (gitignore && entries.some(([name, kind]) => name === '.gitignore' && kind === 'file') && !ignores(prefix + '.gitignore', false)) {
        const read = await this.readFile(prefix + '.gitignore', Number.MAX_SAFE_INTEGER);
        // An unreadable .gitignore ignores nothing.
        if (read.kind === 'text') rules.push({ dir: prefix, ig: ignore().add(read.text), text: read.text });
      }
      const folders: string[] = [];
      for (const [name, kind] of entries) {
        const path = prefix + name;
        if (kind === 'directory' && !ignores(path, true)) folders.push(path);
        else if (kind === 'file' && !ignores(path, false)) files.push(path);
      }
      await Promise.all(folders.map(walk));
    };
    await walk('');
    this.ignores = ignores;
    return files.sort();
  }

  async readFile(relative: string, maxSize: number): Promise<ReadResult> {
    try {
      return await this.connection.sendRequest<ReadResult>(FileRequests.readFile, { uri: this.uri(relative), maxSize });
    } catch (error) {
      return { kind: 'error', message: (error as Error).message };
    }
  }

  async createFile(relative: string, content: string): Promise<void> {
    await this.connection.sendRequest(FileRequests.createFile, { uri: this.uri(relative), content });
  }

  async writeFile(relative: string, content: string): Promise<void> {
    await this.connection.sendRequest(FileRequests.writeFile, { uri: this.uri(relative), content });
  }

  async fileExists(relative: string): Promise<boolean> {
    try {
      return (await this.stat(relative))?.kind === 'file' && !this.ignores(relative, false);
    } catch {
      return false;
    }
  }

  async exists(relative: string): Promise<boolean> {
    return (await this.stat(relative)) !== null;
  }

  async kindOf(relative: string): Promise<'file' | 'directory' | 'symlink' | undefined> {
    const stat = await this.stat(relative).catch(() => null);
    if (!stat) return undefined;
    // Neither file nor folder (a device, say): checked as a file would be, which the read then skips.
    return stat.kind === 'other' ? 'file' : stat.kind;
  }
}

/** A folder the server reaches through the editor (any URI scheme). */
export class EditorFolder implements FolderAccess {
  readonly root: string;
  readonly files: EditorFolderFiles;
  private readonly rootUri: URI;
  private readonly rootPath: string;

  constructor(connection: Connection, uri: string) {
    const parsed = URI.parse(uri);
    this.root = folderKey(parsed);
    this.rootPath = parsed.path.replace(/\/+$/, '');
    this.rootUri = parsed.with({ path: this.rootPath || '/' });
    this.files = new EditorFolderFiles(connection, this.rootUri, uri);
  }

  pathOf(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== this.rootUri.scheme || parsed.authority !== this.rootUri.authority) return undefined;
    if (!parsed.path.startsWith(this.rootPath + '/')) return undefined;
    const rel = parsed.path.slice(this.rootPath.length + 1);
    try {
      return checked(rel);
    } catch {
      return undefined;
    }
  }

  uriOf(workspacePath: string): string {
    return Utils.joinPath(this.rootUri, ...workspacePath.split('/')).toString();
  }
}

/** The browser platform of one connection. */
export function webPlatform(connection: Connection): ServerPlatform {
  return {
    folder: (uri) => new EditorFolder(connection, uri),
    rootKey: (uri) => folderKey(URI.parse(uri)),
    documentKey: (uri) => URI.parse(uri).toString(),
    env: () => undefined,
  };
}
