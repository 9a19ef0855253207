/**
 * The language server: wires LSP messages to the engine through small
 * adapters (diagnostics.ts, actions.ts, features.ts). One engine per
 * workspace folder; open documents are overlays; file-system events and the
 * config file are picked up without a restart.
 */
import {
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  ResponseError,
  ErrorCodes,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { ALL_COMMANDS, type ApplyFixArgs, Commands, type CoverageArgs, CoverageRequest, type EffectiveConfigArgs, FIX_ALL_KIND, type InitConfigArgs, type NewDocArgs, type InitializationOptions, SETTINGS_SECTION, type WriteCoverageArgs } from '../shared/protocol';
import { Actions } from './actions';
import { abilitiesOf, ServerContext } from './context';
import { DiagnosticsManager, nextTurn } from './diagnostics';
import { Features } from './features';
import { updateAndLocate } from './typing';
import { type Folder, Folders } from './folders';
import {
  codeActionParams,
  coverageParams,
  documentDiagnosticParams,
  executeCommandParams,
  initializeParams,
  positionParams,
  renameFilesParams,
  textDocumentParams,
  workspaceDiagnosticParams,
} from './params';
import type { FolderWatch, ServerPlatform, WatchedChange } from './platform';
import { setPackageRoot } from './convert';
import { version } from '../../package.json';

/** Turns of the event loop the first scan gives queued messages between its batches. */
const QUEUE_TURNS = 4;

export const SERVER_NAME = 'roadmap-governance';

/** Capabilities, given what the client can do: pull diagnostics only for clients that pull. */
export function serverCapabilities(pull: boolean): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentLinkProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: ['(', '/', '`'], resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    executeCommandProvider: { commands: ALL_COMMANDS },
    ...(pull ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: true } } : {}),
    workspace: {
      workspaceFolders: { supported: true, changeNotifications: true },
      fileOperations: {
        willRename: {
          filters: [
            { scheme: 'file', pattern: { glob: '**/*.md', matches: 'file' } },
            { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
          ],
        },
      },
    },
  };
}

/** Serves one connection; `platform` says how folders are read (server/node/platform.ts, server/web/platform.ts). */
export function startServer(connection: Connection, platform: ServerPlatform): void {
  setPackageRoot(platform.packageRoot);
  // TextDocuments' own update, plus where each change was typed (for the diagnostics held while typing).
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (document, changes, version) => {
      const { document: updated, lines } = updateAndLocate(document, changes, version);
      // Changes arrive only after initialize, which creates the manager.
      diagnostics.typingAt(updated.uri, lines);
      return updated;
    },
  });
  let folders = new Folders(platform);
  let ctx = new ServerContext(connection, folders, documents);
  let diagnostics!: DiagnosticsManager;
  let actions!: Actions;
  let features!: Features;
  const configScan = new Map<Folder, NodeJS.Timeout>();
  let supportsFolderEvents = false;
  let supportsConfiguration = false;
  let initialSettings: unknown;
  /**
   * Who watches the files: the client (it registered didChangeWatchedFiles
   * for us), or the server itself (see server/node/watcher.ts); never both.
   * Undefined until `initialized` has settled it.
   */
  let watching: 'client' | 'server' | undefined;
  const watchers = new Map<Folder, FolderWatch>();
  let shuttingDown = false;

  const logSettingsProblems = (folder: Folder, problems: { message: string }[]) => {
    for (const p of problems) connection.console.warn(`${folder.name}: editor setting ${SETTINGS_SECTION}: ${p.message}`);
  };

  /**
   * Editor settings (`roadmapGovernance.*`) for each folder, asked of the
   * client; a folder whose settings changed is scanned again.
   */
  const refreshEditorSettings = async (pushed?: unknown) => {
    const all = folders.all();
    let values: unknown[];
    if (supportsConfiguration) {
      try {
        values = await connection.workspace.getConfiguration(all.map((f) => ({ scopeUri: f.uri, section: SETTINGS_SECTION })));
      } catch (error) {
        connection.console.warn(`Could not read the editor settings: ${(error as Error).message}`);
        return;
      }
    } else if (pushed !== undefined) values = all.map(() => pushed);
    else return;
    if (!Array.isArray(values)) return;
    await Promise.all(
      all.map(async (folder, i) => {
        const raw = values[i];
        const value = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
        const key = JSON.stringify(value);
        if (editorSettings.get(folder) === key) return;
        const first = !editorSettings.has(folder);
        editorSettings.set(folder, key);
        logSettingsProblems(folder, folder.engine.setEditorSettings(value));
        // Nothing set in the editor at start: the scan already under way is right.
        if (first && key === '{}') return;
        await folder.ready;
        folder.ready = scanFolder(folder);
        await folder.ready;
      }),
    );
  };
  const editorSettings = new Map<Folder, string>();
  /** Tells the diagnostics that the client shows the scan's progress (see `DiagnosticsManager.earlyGate`). */
  let showingProgress = () => {};

  const addFolder = (uri: string, name: string) => folders.add(uri, name);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initializeParams('initialize', params);
    params.capabilities ??= {};
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const envNow = platform.env('ROADMAP_GOVERNANCE_NOW');
    folders = new Folders(platform, envNow ? () => new Date(envNow) : undefined);
    ctx = new ServerContext(connection, folders, documents);
    ctx.abilities = abilitiesOf(params.capabilities);
    supportsFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    const ms = (value: unknown, fallback: number) => (typeof value === 'number' || typeof value === 'string') && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : fallback;
    diagnostics = new DiagnosticsManager(ctx, {
      debounceMs: ms(options.debounceMs ?? platform.env('ROADMAP_GOVERNANCE_DEBOUNCE_MS'), 10),
      typingPauseMs: ms(options.typingPauseMs, 300),
      fullCheckAtOnceMs: ms(options.fullCheckAtOnceMs, 50),
    });
    // The roadmap's early check starts once the client shows "Scanning" (or at once, when it cannot).
    let progressShown!: () => void;
    if (ctx.abilities.progress) diagnostics.earlyGate = new Promise<void>((resolve) => (progressShown = resolve));
    showingProgress = () => progressShown?.();
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    initialSettings = options.settings;
    if (!platform.packageRoot && typeof options.packageRoot === 'string') setPackageRoot(options.packageRoot);
    actions = new Actions(ctx, diagnostics);
    features = new Features(ctx);
    if (params.workspaceFolders?.length) for (const f of params.workspaceFolders) addFolder(f.uri, f.name);
    else if (params.rootUri) addFolder(params.rootUri, URI.parse(params.rootUri).fsPath);
    else if (params.rootPath) addFolder(URI.file(params.rootPath).toString(), params.rootPath);
    // Scanning starts now; every handler awaits `folder.ready`.
    for (const folder of folders.all()) {
      if (initialSettings !== undefined) {
        logSettingsProblems(folder, folder.engine.setEditorSettings(initialSettings));
        // What the client answers `workspace/configuration` with later is compared with these.
        if (initialSettings && typeof initialSettings === 'object' && !Array.isArray(initialSettings)) editorSettings.set(folder, JSON.stringify(initialSettings));
      }
      folder.ready = scanFolder(folder);
    }
    return { capabilities: serverCapabilities(ctx.abilities.pull), serverInfo: { name: SERVER_NAME, version } };
  });

  const scanFolder = async (folder: Folder) => {
    folder.scanned = false;
    let listed!: () => void;
    folder.listed = new Promise<void>((resolve) => (listed = resolve));
    try {
      const between = async () => {
        // The connection handles one queued message per turn of the event
        // loop: a few turns let the messages that arrived during a batch in
        // (the roadmap's didOpen and pull at start), so that its early check
        // starts before the next batch rather than a batch per message later.
        for (let turn = 0; turn < QUEUE_TURNS; turn++) await nextTurn();
        await diagnostics.typingPaused();
        await folder.earlyChecksDone();
      };
      await folder.engine.scan({
        listed: () => {
          listed();
          // The roadmap's findings early, while the scan reads on (see DiagnosticsManager.scanListed).
          diagnostics.scanListed(folder);
        },
        parse: true,
        between,
      });
    } catch (error) {
      connection.console.error(`Scanning ${folder.name} failed: ${(error as Error).message}`);
    }
    listed();
    folder.scanned = true;
    folder.invalidate();
    // A new listing may ignore other folders (a .gitignore, the `ignore` setting).
    refreshWatch(folder);
  };

  connection.onInitialized(async () => {
    // "Scanning" from the first moment the protocol allows, until the first check is in (not only while
    // files are read): what else happens here waits for answers from the client, while the scan runs.
    const progress = ctx.abilities.progress ? connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    void progress?.then((p) => {
      p?.begin('Roadmap Governance', 0, `Scanning ${folders.all().length} folder(s)`, false);
      showingProgress();
    });
    // The handler getter throws unless the client announced folder change events.
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) {
          const folder = folders.remove(removed.uri);
          if (folder) {
            diagnostics.folderRemoved(folder);
            stopWatching(folder);
          }
        }
        for (const added of event.added) {
          const folder = addFolder(added.uri, added.name);
          folder.ready = scanFolder(folder);
          if (watching === 'server') watchOnceScanned(folder);
        }
        diagnostics.schedule(0);
      });
    }
    if (ctx.abilities.watchRegistration) {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
        watching = 'client';
        connection.console.log('The client watches the workspace files (workspace/didChangeWatchedFiles registered); the server does not watch them itself.');
      } catch (error) {
        connection.console.warn(`The client refused to watch files (${(error as Error).message}); the server watches them itself.`);
      }
    }
    if (!watching) {
      watching = 'server';
      for (const folder of folders.all()) watchOnceScanned(folder);
    }
    const scanned = Promise.all(
      folders.all().map(async (f) => {
        await f.ready;
        const p = await progress;
        p?.report(Math.round((100 * folders.all().filter((x) => x.scanned).length) / Math.max(1, folders.all().length)), `Scanned ${f.name}`);
      }),
    );
    // A folder whose editor settings differ from the ones the scan started with is scanned again.
    await refreshEditorSettings();
    await scanned;
    await Promise.all(folders.all().map((f) => f.ready));
    try {
      await diagnostics.firstFlush();
    } finally {
      (await progress)?.done();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    await refreshEditorSettings(pushed);
    diagnostics.schedule(0);
  });

  // ---- Open documents are overlays ----

  const isConfig = (folder: Folder, path: string) => CONFIG_FILE_NAMES.includes(path) || path === folder.engine.options.configPath;

  /** The config changed in a buffer: rescan (debounced more, it rereads the folder). */
  const rescanForConfig = (folder: Folder) => {
    clearTimeout(configScan.get(folder));
    configScan.set(
      folder,
      setTimeout(() => {
        configScan.delete(folder);
        folder.ready = folder.ready.then(() => scanFolder(folder));
        diagnostics.schedule(0);
      }, 200),
    );
  };

  documents.onDidOpen((e) => {
    ctx.opened(e.document.uri);
  });
  /**
   * Open documents whose file was deleted on disk (the editor keeps the tab):
   * their buffers do not count, a deleted config no longer applies, until the
   * file is back on disk.
   */
  const deletedOnDisk = new Set<string>();
  const diskKey = (folder: Folder, path: string) => `${folder.uri}\n${path}`;
  /** Workspace paths of the open documents at `path` or under it (a deleted folder). */
  const openAt = (folder: Folder, path: string) =>
    documents
      .all()
      .map((d) => folders.locate(d.uri))
      .filter((at): at is { folder: Folder; path: string } => !!at && at.folder === folder && (at.path === path || at.path.startsWith(path + '/')))
      .map((at) => at.path);

  documents.onDidChangeContent((e) => {
    const at = folders.locate(e.document.uri);
    if (!at || deletedOnDisk.has(diskKey(at.folder, at.path))) return;
    const text = e.document.getText();
    if (at.folder.engine.textOf(at.path) === text && !isConfig(at.folder, at.path)) {
      // Opening a file whose buffer equals the disk changes nothing the rules see.
      at.folder.engine.setOverlay(at.path, text);
      return;
    }
    at.folder.engine.setOverlay(at.path, text);
    at.folder.invalidate();
    if (isConfig(at.folder, at.path)) rescanForConfig(at.folder);
    else {
      findLinkedFiles(at.folder, at.path);
      diagnostics.typed(at.folder, at.path, e.document.uri);
    }
  });
  documents.onDidClose((e) => {
    ctx.closed(e.document.uri);
    const at = folders.locate(e.document.uri);
    if (!at) return;
    deletedOnDisk.delete(diskKey(at.folder, at.path));
    const differed = at.folder.engine.textOf(at.path) !== undefined;
    at.folder.engine.clearOverlay(at.path);
    at.folder.invalidate();
    if (isConfig(at.folder, at.path)) rescanForConfig(at.folder);
    else if (differed) diagnostics.schedule();
  });

  // ---- Files changed on disk ----

  /**
   * The server's own watch of a folder, for a client that does not watch
   * files: started once the first scan is in (its walk would only slow the
   * scan down), its changes applied as the client's would be.
   */
  const watchOnceScanned = (folder: Folder) => {
    void folder.ready.then(async () => {
      if (shuttingDown || watchers.has(folder) || !folders.all().includes(folder)) return;
      const watcher = platform.watch?.(folder.access, {
        knows: (p) => folder.engine.knowsPath(p),
        onChanges: (changes) => diskChanged(folder, changes.map(toFileChange)),
        onProblem: (message) => connection.console.warn(message),
      });
      if (!watcher) {
        connection.console.warn(`The client does not watch files and the server cannot watch ${folder.name}: files changed outside the editor are seen after "Check whole workspace".`);
        return;
      }
      watchers.set(folder, watcher);
      const started = performance.now();
      try {
        await watcher.start();
      } catch (error) {
        connection.console.warn(`Could not watch ${folder.name}: ${(error as Error).message}. Files changed on disk are seen after "Check whole workspace".`);
        return;
      }
      if (watchers.get(folder) !== watcher) return;
      // Files created or deleted between the scan's listing and now, before any event could tell:
      // the listing again, compared with the engine's (the watch covers everything after it).
      folder.ready = folder.ready.then(async () => {
        try {
          const listed = await folder.fs.listFiles(folder.engine.config.ignore, folder.engine.config.gitignore);
          const known = new Set(folder.engine.fileList());
          const changes: { path: string; type: FileChangeType }[] = [];
          for (const p of listed) if (!known.delete(p)) changes.push({ path: p, type: FileChangeType.Created });
          for (const p of known) changes.push({ path: p, type: FileChangeType.Deleted });
          if (changes.length) diskChanged(folder, changes);
        } catch (error) {
          connection.console.warn(`Listing ${folder.name} again failed: ${(error as Error).message}`);
        }
      });
      connection.console.log(
        `The client does not watch files: the server watches ${folder.name} itself (${watcher.watchedDirectories()} folders, ${Math.round(performance.now() - started)} ms to set up).`,
      );
    });
  };

  /** Sets the folder's watch up again when the listing's ignores changed (not awaited: the walk takes a while). */
  const refreshWatch = (folder: Folder) => {
    watchers
      .get(folder)
      ?.refresh()
      .catch((error: Error) => connection.console.warn(`Watching ${folder.name} again failed: ${error.message}`));
  };

  const stopWatching = (folder: Folder) => {
    const watcher = watchers.get(folder);
    if (!watcher) return;
    watchers.delete(folder);
    void watcher.close().then(() => connection.console.log(`Stopped watching ${folder.name}.`));
  };

  connection.onShutdown(async () => {
    shuttingDown = true;
    const all = [...watchers.values()];
    watchers.clear();
    await Promise.all(all.map((w) => w.close()));
  });

  const toFileChange = (change: WatchedChange): { path: string; type: FileChangeType } => ({
    path: change.path,
    type: change.kind === 'deleted' ? FileChangeType.Deleted : change.kind === 'created' ? FileChangeType.Created : FileChangeType.Changed,
  });

  /** Disk changes of one folder, from the client's watcher or ours: queued on `folder.ready`, then checked. */
  const diskChanged = (folder: Folder, changes: { path: string; type: FileChangeType }[]) => {
    folder.ready = folder.ready.then(async () => {
      try {
        await applyDiskChanges(folder, changes);
      } catch (error) {
        connection.console.error(`Updating ${folder.name} failed: ${(error as Error).message}`);
      }
      // A changed .gitignore or config rescans: the watch follows its new ignores.
      refreshWatch(folder);
    });
    diagnostics.schedule(0);
  };

  /**
   * An open document changed: files its links point to that the file list
   * does not have are looked for on disk (a file the editor just created is
   * found at the edit that links it, before any watcher event). Queued on
   * `folder.ready`, so the check of this edit sees what it finds. One lookup
   * per document waits in the queue, and it reads the buffer as it is when it
   * runs: a queued lookup per keystroke, each holding its version of the text,
   * kept every version of a long roadmap typed in during the first scan alive
   * until the scan was in (600 MB for 100 keystrokes in a 3 MB roadmap).
   */
  const linkedQueued = new Set<string>();
  const findLinkedFiles = (folder: Folder, p: string) => {
    const key = diskKey(folder, p);
    if (linkedQueued.has(key)) return;
    linkedQueued.add(key);
    folder.ready = folder.ready.then(async () => {
      await nextTurn();
      linkedQueued.delete(key);
      try {
        if ((await folder.engine.findLinkedFiles(p)).length) folder.invalidate();
      } catch (error) {
        connection.console.error(`Looking for the files ${p} links to failed: ${(error as Error).message}`);
      }
    });
  };

  /** Applies disk changes of one folder; queued on `folder.ready` so later requests see them. */
  const applyDiskChanges = async (folder: Folder, changes: { path: string; type: FileChangeType }[]) => {
    let rescan = false;
    for (const { path, type } of changes) {
      if (type === FileChangeType.Deleted) {
        for (const open of openAt(folder, path)) {
          folder.engine.clearOverlay(open);
          deletedOnDisk.add(diskKey(folder, open));
        }
        const model = folder.engine.model();
        if (model.files.has(path)) await folder.engine.fileDeleted(path);
        else for (const f of [...model.files]) if (f.startsWith(path + '/')) await folder.engine.fileDeleted(f);
        if (isConfig(folder, path)) rescan = true;
      } else {
        // Undefined when it is gone again already: the delete event will follow.
        const kind = await folder.fs.kindOf(path);
        // A deleted file is back (saved from its open tab, say): its buffer counts again.
        for (const open of openAt(folder, path)) {
          if (!deletedOnDisk.has(diskKey(folder, open)) || !(await folder.fs.exists(open))) continue;
          deletedOnDisk.delete(diskKey(folder, open));
          const text = ctx.openDocument(folder, open)?.getText();
          if (text !== undefined) folder.engine.setOverlay(open, text);
        }
        if (kind === 'directory') rescan = true;
        else if (kind === 'symlink') {
          // The scan never lists links (an editor's lock file, say): as if it were not there.
          if (folder.engine.hasFile(path)) await folder.engine.fileDeleted(path);
        } else await folder.engine.fileChanged(path);
      }
    }
    if (rescan) await folder.engine.scan();
    folder.invalidate();
  };

  connection.onDidChangeWatchedFiles((params) => {
    const byFolder = new Map<Folder, { path: string; type: FileChangeType }[]>();
    for (const change of params.changes) {
      const at = folders.locate(change.uri);
      if (!at) continue;
      let list = byFolder.get(at.folder);
      if (!list) byFolder.set(at.folder, (list = []));
      list.push({ path: at.path, type: change.type });
    }
    for (const [folder, changes] of byFolder) diskChanged(folder, changes);
  });

  // ---- Diagnostics (pull) ----

  connection.languages.diagnostics.on((params, token) => diagnostics.documentReport(documentDiagnosticParams('textDocument/diagnostic', params), token));
  connection.languages.diagnostics.onWorkspace((params, token, _work, partial) => diagnostics.workspaceReport(workspaceDiagnosticParams('workspace/diagnostic', params), token, partial));

  // ---- Code actions and commands ----

  connection.onCodeAction((params) => actions.codeActions(codeActionParams('textDocument/codeAction', params)));
  connection.onExecuteCommand(async (params) => {
    const { command, arg } = executeCommandParams('workspace/executeCommand', params);
    switch (command) {
      case Commands.applyFix:
        return actions.applyFix(arg as ApplyFixArgs);
      case Commands.newDoc:
        return actions.newDoc(arg as NewDocArgs);
      case Commands.coverage:
        return actions.coverageCommand(arg as CoverageArgs | undefined);
      case Commands.writeCoverage:
        return actions.writeCoverage(arg as WriteCoverageArgs | undefined);
      case Commands.checkWorkspace:
        return actions.checkWorkspace();
      case Commands.effectiveConfig:
        return actions.effectiveConfig(arg as EffectiveConfigArgs | undefined);
      case Commands.initConfig:
        return actions.initConfig(arg as InitConfigArgs | undefined);
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${command}.`);
    }
  });
  connection.onRequest(CoverageRequest.method, (params: unknown) => actions.coverage(coverageParams(CoverageRequest.method, params)?.uri));

  // ---- Navigation and editing help ----

  connection.onHover((params) => features.hover(positionParams('textDocument/hover', params)));
  connection.onDocumentLinks((params) => features.documentLinks(textDocumentParams('textDocument/documentLink', params).textDocument.uri));
  connection.onDefinition((params) => features.definition(positionParams('textDocument/definition', params)));
  connection.onReferences((params) => features.references(positionParams('textDocument/references', params)));
  connection.onCompletion((params) => features.completion(positionParams('textDocument/completion', params)));
  connection.workspace.onWillRenameFiles((params) => features.willRename(renameFilesParams('workspace/willRenameFiles', params)));

  documents.listen(connection);
}
