/**
 * A plain LSP client for protocol tests: spawns `node dist/server.js --stdio`
 * and talks JSON-RPC to it as an editor would. Tests wait on conditions
 * (`until`), never on fixed sleeps; `until` fails with a message after a deadline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  type ClientCapabilities,
  createMessageConnection,
  type MessageConnection,
  type Diagnostic,
  type InitializeResult,
  type DataCallback,
  type Disposable,
  type Message,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type WorkspaceEdit,
  type TextEdit,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'dist/server.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/lsp');
export const TODAY = '2026-03-01';

/** A client like VS Code: pull diagnostics, refresh, documentChanges, file creation, watcher registration, progress. */
export const VSCODE_LIKE: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false } },
    synchronization: { didSave: true },
  },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceFolders: true,
    executeCommand: {},
    fileOperations: { willRename: true },
  },
  window: { workDoneProgress: true },
};

/** Like Neovim 0.7: push only, resourceOperations without documentChanges. */
export const NEOVIM_LIKE: ClientCapabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
  workspace: { applyEdit: true, workspaceEdit: { resourceOperations: ['create', 'rename', 'delete'] }, workspaceFolders: true },
};

/**
 * Neovim 0.10.4 (Debian trixie's), exactly as `vim.lsp.protocol.make_client_capabilities()` gives them on
 * Linux: pull diagnostics without refresh support, no dynamic file-watch registration, progress, configuration.
 */
export const NEOVIM_010_LIKE: ClientCapabilities = JSON.parse(readFileSync(path.join(__dirname, 'neovim-0.10.4-capabilities.json'), 'utf8'));

/** Like Emacs eglot: push only, no file creation in edits. */
export const EGLOT_LIKE: ClientCapabilities = {
  textDocument: { publishDiagnostics: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: false }, workspaceFolders: true },
};

/** Copies a fixture workspace to a fresh temp folder. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `rg-lsp-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function fileUri(...parts: string[]): string {
  return URI.file(path.join(...parts)).toString();
}

/** Raw requests' ids: strings, which the connection's own numeric ids never are. */
const RAW_ID = 'raw-';

/** A reader that hands answers to raw requests (see `TestClient.sendRaw`) to `tap` instead of the connection. */
class TappedReader extends StreamMessageReader {
  constructor(
    readable: NodeJS.ReadableStream,
    private readonly tap: (message: Message) => boolean,
  ) {
    super(readable);
  }
  listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if (!this.tap(message)) callback(message);
    });
  }
}

export class TestClient {
  readonly connection: MessageConnection;
  private readonly writer: StreamMessageWriter;
  private readonly raw = new Map<string, (answer: { result?: unknown; error?: { code: number; message: string } }) => void>();
  private rawCount = 0;
  readonly pushed = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly requests: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  readonly progress: { kind: string }[] = [];
  /** What arrived, in order: `push URI`, `progress KIND`, and what tests add (partial results). */
  readonly log: string[] = [];
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private listeners = new Set<() => void>();
  exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly root: string,
  ) {
    this.writer = new StreamMessageWriter(proc.stdin!);
    const reader = new TappedReader(proc.stdout!, (message) => {
      const id = (message as { id?: unknown }).id;
      const answer = typeof id === 'string' && !('method' in message) ? this.raw.get(id) : undefined;
      if (!answer) return false;
      this.raw.delete(id as string);
      answer(message as { result?: unknown; error?: { code: number; message: string } });
      return true;
    });
    this.connection = createMessageConnection(reader, this.writer);
    proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    proc.on('exit', () => {
      this.exited = true;
      this.tick();
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as { uri: string; diagnostics: Diagnostic[] };
        this.pushed.set(p.uri, p.diagnostics);
        this.log.push(`push ${p.uri}`);
      }
      this.tick();
    });
    this.connection.onRequest((method: string, params: unknown) => {
      this.requests.push({ method, params });
      this.tick();
      if (method === 'window/workDoneProgress/create') {
        // $/progress goes to progress handlers, not to the catch-all notification handler.
        this.connection.onProgress(WorkDoneProgress.type, (params as { token: string | number }).token, (value) => {
          this.progress.push(value);
          this.log.push(`progress ${value.kind}`);
          this.tick();
        });
      }
      if (method === 'workspace/applyEdit') {
        this.applyEdit((params as { edit: WorkspaceEdit }).edit);
        return { applied: true };
      }
      return null;
    });
    this.connection.listen();
  }

  /** Starts the server on `folders` (default: the client's root) with the given capabilities and initializes it. */
  static async start(root: string, capabilities: ClientCapabilities, options: { folders?: string[]; initializationOptions?: unknown; args?: string[] } = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER, ...(options.args ?? ['--stdio'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ROADMAP_GOVERNANCE_NOW: `${TODAY}T00:00:00Z` },
    });
    const client = new TestClient(proc, root);
    const folders = options.folders ?? [root];
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: fileUri(folders[0]),
      capabilities,
      workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /**
   * Sends a request with exactly these params on the wire (`null` included,
   * which `connection.sendRequest` turns into `[null]`), as a careless client
   * would. Resolves with the result; rejects with the ResponseError.
   */
  sendRaw(method: string, params: unknown): Promise<unknown> {
    const id = `${RAW_ID}${++this.rawCount}`;
    return new Promise((resolve, reject) => {
      this.raw.set(id, (answer) => (answer.error ? reject(new ResponseError(answer.error.code, answer.error.message)) : resolve(answer.result)));
      this.writer.write({ jsonrpc: '2.0', id, method, params } as Message).catch(reject);
    });
  }

  /** Adds to `log` what a test's own handler saw (a partial result, a response). */
  note(entry: string): void {
    this.log.push(entry);
    this.tick();
  }

  private tick(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the predicate's first truthy value, re-checked on every message from the server. */
  until<T>(predicate: () => T | undefined | false | null, what: string, timeoutMs = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined | false | null;
        try {
          value = predicate();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value) {
          done();
          resolve(value);
        } else if (this.exited) {
          done();
          reject(new Error(`server exited while waiting for ${what}: ${this.stderr.join('')}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits for pushed diagnostics of `uri` that satisfy `predicate`. */
  pushedFor(uri: string, predicate: (d: Diagnostic[]) => boolean, what = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    return this.until(() => {
      const d = this.pushed.get(uri);
      return d && predicate(d) ? d : undefined;
    }, what);
  }

  uri(rel: string): string {
    return fileUri(this.root, rel);
  }

  file(rel: string): string {
    return path.join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.file(rel), 'utf8');
  }

  async open(rel: string, text = this.read(rel)): Promise<string> {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: rel.endsWith('.json') ? 'json' : 'markdown', version: 1, text } });
    return uri;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Replaces the whole text of an open document (a full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Writes a file on disk and tells the server, as a file watcher would. */
  async writeOnDisk(rel: string, text: string): Promise<void> {
    const abs = this.file(rel);
    const existed = existsSync(abs);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(rel), type: existed ? 2 : 1 }] });
  }

  async deleteOnDisk(rel: string): Promise<void> {
    rmSync(this.file(rel));
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(rel), type: 3 }] });
  }

  /**
   * Applies a WorkspaceEdit as an editor would: creates (never over an
   * existing file when ignoreIfExists), then text edits, to open buffers (sending
   * didChange) or to files on disk.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const textEdits: [string, TextEdit[]][] = [];
    if (edit.documentChanges) {
      for (const change of edit.documentChanges) {
        if ('kind' in change) {
          if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
          const abs = URI.parse(change.uri).fsPath;
          if (existsSync(abs)) {
            if (!change.options?.ignoreIfExists) throw new Error(`CreateFile without ignoreIfExists for existing ${abs}`);
            continue;
          }
          mkdirSync(path.dirname(abs), { recursive: true });
          writeFileSync(abs, '');
        } else textEdits.push([change.textDocument.uri, change.edits as TextEdit[]]);
      }
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) textEdits.push([uri, edits]);
    for (const [uri, edits] of textEdits) {
      const open = this.texts.get(uri);
      const abs = URI.parse(uri).fsPath;
      const before = open ?? readFileSync(abs, 'utf8');
      const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, before), edits);
      if (open !== undefined) await this.change(uri, after);
      else writeFileSync(abs, after);
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await this.until(() => this.exited, 'server exit', 5000).catch(() => this.proc.kill());
    }
    this.connection.dispose();
  }
}
