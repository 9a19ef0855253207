/** What the handlers share: the connection, the folders, the open documents and the client's abilities. */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditTarget } from './convert';
import type { Folder, Folders } from './folders';

export interface ClientAbilities {
  /**
   * LSP 3.17 pull diagnostics, for a client that can also be asked to pull
   * again (`workspace/diagnostic/refresh`). One that cannot (Neovim 0.10 and
   * 0.11: they pull an open buffer only when it is edited) would keep an open
   * file's findings of before a change on disk: it is pushed every file instead.
   */
  pull: boolean;
  documentChanges: boolean;
  createFiles: boolean;
  applyEdit: boolean;
  progress: boolean;
  watchRegistration: boolean;
}

export function abilitiesOf(caps: ClientCapabilities): ClientAbilities {
  const edit = caps.workspace?.workspaceEdit;
  return {
    pull: !!caps.textDocument?.diagnostic && !!caps.workspace?.diagnostics?.refreshSupport,
    documentChanges: !!edit?.documentChanges,
    createFiles: !!edit?.resourceOperations?.includes('create'),
    applyEdit: !!caps.workspace?.applyEdit,
    progress: !!caps.window?.workDoneProgress,
    watchRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
  };
}

export class ServerContext {
  abilities!: ClientAbilities;
  /** Open documents by the platform's key (the file-system path on Node), so engine paths find the client's URI and version. */
  private readonly openByKey = new Map<string, string>();

  constructor(
    readonly connection: Connection,
    readonly folders: Folders,
    readonly documents: TextDocuments<TextDocument>,
  ) {}

  opened(uri: string): void {
    this.openByKey.set(this.folders.platform.documentKey(uri), uri);
  }

  closed(uri: string): void {
    this.openByKey.delete(this.folders.platform.documentKey(uri));
  }

  /** The open document of a workspace path, if any. */
  openDocument(folder: Folder, workspacePath: string): TextDocument | undefined {
    if (this.openByKey.size === 0) return undefined;
    let keys = this.keys.get(folder);
    if (!keys) this.keys.set(folder, (keys = new Map()));
    let key = keys.get(workspacePath);
    if (key === undefined) keys.set(workspacePath, (key = this.folders.platform.documentKey(folder.uriOf(workspacePath))));
    const uri = this.openByKey.get(key);
    return uri ? this.documents.get(uri) : undefined;
  }

  /** Document keys of workspace paths, by folder: asked for every file with findings at every publish. */
  private readonly keys = new WeakMap<Folder, Map<string, string>>();

  /** The URI to use for a path: the client's own when the document is open. */
  uriOf(folder: Folder, workspacePath: string): string {
    return this.openDocument(folder, workspacePath)?.uri ?? folder.uriOf(workspacePath);
  }

  editTarget(folder: Folder): EditTarget {
    return {
      uri: (p) => this.uriOf(folder, p),
      version: (p) => this.openDocument(folder, p)?.version ?? null,
    };
  }
}
