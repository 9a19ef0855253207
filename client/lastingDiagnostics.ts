/**
 * Diagnostic collections that outlive a language client, so that restarting
 * the server does not empty the Problems panel and fill it again (all, then
 * none, then the open roadmap's, then all). A stopped client's diagnostics
 * stay until the new client reports the same file; those of files that the
 * new server's first workspace report does not mention go then (`settle`).
 * A file it mentions but the client takes from a document pull instead (an
 * open file) keeps the old diagnostics until that pull replaces them.
 */
import * as vscode from 'vscode';
import type { DiagnosticCollectionProvider } from 'vscode-languageclient';

/** How long left-over diagnostics may wait for a new server's first workspace report. */
const SETTLE_TIMEOUT_MS = 60_000;

export class LastingDiagnostics implements vscode.Disposable {
  /** One real collection per name (the pull and the push model each ask for one). */
  private readonly collections = new Map<string, vscode.DiagnosticCollection>();
  /** Files shown from a stopped client, by collection name: they wait for the next client. */
  private readonly leftOver = new Map<string, Set<string>>();
  private settleTimer?: NodeJS.Timeout;

  /** For `LanguageClientOptions.diagnosticCollectionProvider`. */
  readonly provider: DiagnosticCollectionProvider = {
    create: (name) => this.create(name),
    dispose: (collection) => this.release(collection),
  };

  private create(name: string | undefined): vscode.DiagnosticCollection {
    const key = name ?? '';
    let real = this.collections.get(key);
    if (!real) this.collections.set(key, (real = name === undefined ? vscode.languages.createDiagnosticCollection() : vscode.languages.createDiagnosticCollection(name)));
    return new ClientLane(real, this.leftOver.get(key));
  }

  /** A client stopped: what it showed stays, marked left over, until `settle`. */
  private release(collection: vscode.DiagnosticCollection): void {
    if (!(collection instanceof ClientLane)) {
      collection.dispose();
      return;
    }
    const key = collection.name;
    let left = this.leftOver.get(key);
    if (!left) this.leftOver.set(key, (left = new Set()));
    for (const uri of collection.release()) left.add(uri);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    // A server that never reports: nothing of the old one's stays for good.
    this.settleTimer = setTimeout(() => this.settle(), SETTLE_TIMEOUT_MS);
  }

  /**
   * The new server has reported the whole workspace, mentioning `mentioned`
   * (none: there is no new server): drop what the old one showed for every
   * other file.
   */
  settle(mentioned: ReadonlySet<string> = new Set()): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    for (const [key, left] of this.leftOver) {
      const real = this.collections.get(key);
      for (const uri of [...left]) {
        if (mentioned.has(uri)) continue;
        real?.delete(vscode.Uri.parse(uri));
        left.delete(uri);
      }
    }
  }

  /** Disposes every collection (the extension is deactivated). */
  dispose(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    for (const real of this.collections.values()) real.dispose();
    this.collections.clear();
  }
}

/**
 * What one client writes to: the shared collection, restricted to the files
 * this client set. Setting a file replaces what a stopped client left there.
 */
class ClientLane implements vscode.DiagnosticCollection {
  private readonly mine = new Set<string>();
  private released = false;

  constructor(
    private readonly real: vscode.DiagnosticCollection,
    /** The stopped clients' files in the same collection; the first report of a file takes it over. */
    private readonly leftOver: Set<string> | undefined,
  ) {}

  get name(): string {
    return this.real.name;
  }

  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[] | undefined): void;
  set(entries: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>): void;
  set(first: vscode.Uri | ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>, diagnostics?: readonly vscode.Diagnostic[]): void {
    if (this.released) return;
    const entries = first instanceof vscode.Uri ? [[first, diagnostics] as [vscode.Uri, readonly vscode.Diagnostic[] | undefined]] : first;
    for (const [uri, list] of entries) {
      const key = uri.toString();
      this.leftOver?.delete(key);
      if (list === undefined || list.length === 0) this.mine.delete(key);
      else this.mine.add(key);
      this.real.set(uri, list);
    }
  }

  delete(uri: vscode.Uri): void {
    if (this.released) return;
    const key = uri.toString();
    this.leftOver?.delete(key);
    this.mine.delete(key);
    this.real.delete(uri);
  }

  clear(): void {
    if (this.released) return;
    for (const key of this.mine) this.real.delete(vscode.Uri.parse(key));
    this.mine.clear();
  }

  forEach(callback: (uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[], collection: vscode.DiagnosticCollection) => unknown, thisArg?: unknown): void {
    for (const key of this.mine) {
      const uri = vscode.Uri.parse(key);
      callback.call(thisArg, uri, this.real.get(uri) ?? [], this);
    }
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] | undefined {
    return this.mine.has(uri.toString()) ? this.real.get(uri) : undefined;
  }

  has(uri: vscode.Uri): boolean {
    return this.mine.has(uri.toString());
  }

  *[Symbol.iterator](): Iterator<[uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]]> {
    for (const key of this.mine) {
      const uri = vscode.Uri.parse(key);
      yield [uri, this.real.get(uri) ?? []];
    }
  }

  /** The client stopped: it writes no more; its files are handed over as left over. */
  release(): string[] {
    this.released = true;
    const files = [...this.mine];
    this.mine.clear();
    return files;
  }

  dispose(): void {
    // The provider decides (see LastingDiagnostics.dispose).
  }
}
