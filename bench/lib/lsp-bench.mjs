/**
 * Drives a markdown language server over stdio and times it, as an editor
 * would use it. Prints one JSON object.
 *
 *   node lsp-bench.mjs vscode workspace DIR
 *     VS Code's markdown server (vscode-langservers-extracted) with every
 *     link validation on: open every markdown file, pull diagnostics for each,
 *     time from spawn until every file has its diagnostics.
 *   node lsp-bench.mjs vscode|ours editor DIR ROADMAP [--edits 100] [--server dist/server.js]
 *     time from spawn + initialize to the roadmap's first diagnostics, then
 *     keystroke -> diagnostics latency over N one-character edits of the roadmap,
 *     then (for a server with workspace diagnostics) a workspace pull, which
 *     answers after its full check, and N more edits: the latency once settled.
 *   node lsp-bench.mjs ours watch DIR ROADMAP --watching client|server [--cycles 10] [--server dist/server.js]
 *     a file created on disk -> the roadmap's corrected diagnostics. The roadmap
 *     is open and settled; each cycle links an item to a plan that does not
 *     exist yet (its RG003 is awaited), writes the plan on disk and times until
 *     a pull of the roadmap no longer has that RG003, then deletes it and times
 *     until the RG003 is back. As in VS Code, the roadmap is pulled after an
 *     edit of it and after the server's refresh requests, not after a file event. `client`: VS Code's mode, the client registers the
 *     file watch and sends didChangeWatchedFiles right after each write (its own
 *     watcher's delay is not counted); `server`: the same client without
 *     didChangeWatchedFiles, so the server's own watch sees the files. Pulls
 *     follow the server's workspace/diagnostic/refresh requests.
 *
 * VS Code's server asks its client to tokenize markdown (`markdown/parse`) and
 * to read, stat and list files (`markdown/fs/*`): this client answers those
 * the way VS Code's markdown extension does (markdown-it 14 tokens, UTF-8
 * bytes as a number array), so that work is part of the measured time, as it
 * is in VS Code.
 */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient, positionAt } from './lsp-client.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const [serverKind, mode, dirArg, roadmapArg] = args;
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = resolve(dirArg);
const editCount = Number(option('--edits', '100'));
const timeoutMs = Number(option('--timeout', '600000'));
const rootUri = pathToFileURL(dir).href;

/** The settings VS Code's markdown extension sends, with every validation turned on. */
const VSCODE_MARKDOWN_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    preferredMdPathExtensionStyle: 'auto',
    occurrencesHighlight: { enabled: false },
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'never' } },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
  },
};

function markdownFiles(root) {
  const out = [];
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.md$/i.test(e.name)) continue;
    const abs = join(e.parentPath ?? e.path, e.name);
    if (/[\\/](node_modules|\.git)[\\/]/.test(abs)) continue;
    out.push(abs);
  }
  return out.sort();
}

const openTexts = new Map(); // uri -> text
/** What the editor path has measured so far: printed as it is when the time limit cuts the run short. */
let partial;

function startServer() {
  if (serverKind === 'vscode') {
    const MarkdownIt = require('markdown-it');
    const md = new MarkdownIt({ html: true, linkify: true });
    const bin = join(here, '..', 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-markdown-language-server');
    const textOf = (uri) => openTexts.get(uri) ?? readFileSync(fileURLToPath(uri), 'utf8');
    return new LspClient(process.execPath, [bin, '--stdio'], {
      cwd: dir,
      onRequest: {
        'markdown/parse': ({ uri, text }) => md.parse(text ?? textOf(uri), {}),
        'markdown/fs/readFile': ({ uri }) => Array.from(readFileSync(fileURLToPath(uri))),
        'markdown/fs/stat': ({ uri }) => {
          try {
            return { isDirectory: statSync(fileURLToPath(uri)).isDirectory() };
          } catch {
            return null;
          }
        },
        'markdown/fs/readDirectory': ({ uri }) =>
          readdirSync(fileURLToPath(uri), { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
        'markdown/findMarkdownFilesInWorkspace': () => markdownFiles(dir).map((f) => pathToFileURL(f).href),
        'markdown/fs/watcher/create': () => null,
        'markdown/fs/watcher/delete': () => null,
        'workspace/configuration': ({ items }) => items.map(() => null),
        'client/registerCapability': () => null,
        'workspace/diagnostic/refresh': () => null,
      },
    });
  }
  return ourServer({ 'workspace/applyEdit': () => ({ applied: false }), 'window/showMessageRequest': () => null });
}

/** Our server over stdio, answering what it asks of a client; `handlers` add to or replace those answers. */
function ourServer(handlers = {}) {
  const serverPath = resolve(option('--server', 'dist/server.js'));
  return new LspClient(process.execPath, [serverPath, '--stdio'], {
    cwd: dir,
    onRequest: {
      'workspace/configuration': ({ items }) => items.map(() => null),
      'client/registerCapability': () => null,
      'client/unregisterCapability': () => null,
      'window/workDoneProgress/create': () => null,
      'workspace/diagnostic/refresh': () => null,
      ...handlers,
    },
  });
}

async function initialize(client) {
  const result = await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'roadmap-governance-bench' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    initializationOptions: {},
    capabilities: {
      workspace: { workspaceFolders: true, configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
      },
      window: { workDoneProgress: true },
    },
  });
  client.notify('initialized', {});
  if (serverKind === 'vscode') client.notify('workspace/didChangeConfiguration', { settings: VSCODE_MARKDOWN_SETTINGS });
  return result.capabilities ?? {};
}

function open(client, file, text) {
  const uri = pathToFileURL(file).href;
  openTexts.set(uri, text);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return uri;
}

/** Diagnostics of `uri` at `version`: pulled when the server offers pull diagnostics, else the pushed ones. */
function diagnosticsOf(client, capabilities, uri, version) {
  if (capabilities.diagnosticProvider) {
    return client.request('textDocument/diagnostic', { textDocument: { uri } }).then((r) => r?.items ?? []);
  }
  return client
    .waitForNotification(
      (method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && (params.version === undefined || params.version === null || params.version >= version),
      timeoutMs,
      `diagnostics of ${uri} v${version}`,
    )
    .then((p) => p.diagnostics);
}

function percentile(sorted, p) {
  if (!sorted.length) return undefined;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function workspaceCheck() {
  const files = markdownFiles(dir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const client = startServer();
  const t0 = client.startedAt;
  const capabilities = await initialize(client);
  const uris = files.map((f, i) => open(client, f, texts[i]));
  let diagnostics = 0;
  const results = await Promise.all(uris.map((uri) => diagnosticsOf(client, capabilities, uri, 1)));
  for (const r of results) diagnostics += r.length;
  const ms = performance.now() - t0;
  const peakRssKb = client.peakRssKb();
  const serverCpuMs = client.cpuMs();
  await client.stop();
  return { files: files.length, diagnostics, ms, serverCpuMs, peakRssKb, pull: !!capabilities.diagnosticProvider };
}

/** Positions at which the edits type: the end of the bold title of ten open items spread over the roadmap. */
function editSpots(text) {
  const spots = [];
  const re = /^- \[ \] \*\*[^*\n]+(?=\*\*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) spots.push(m.index + m[0].length);
  if (!spots.length) spots.push(text.length);
  const chosen = [];
  for (let i = 0; i < 10; i++) chosen.push(spots[Math.floor(((i + 0.5) * spots.length) / 10)]);
  return chosen;
}

async function editorPath() {
  const roadmap = resolve(dir, roadmapArg);
  let text = readFileSync(roadmap, 'utf8');
  const client = startServer();
  const t0 = client.startedAt;
  const capabilities = await initialize(client);
  const initializedMs = performance.now() - t0;
  const uri = open(client, roadmap, text);
  partial = { initializedMs, client };
  const first = await diagnosticsOf(client, capabilities, uri, 1);
  const firstMs = performance.now() - t0;
  const latencies = [];
  partial = { initializedMs, firstDiagnosticsMs: firstMs, firstDiagnostics: first.length, latencies, client };
  const sync = capabilities.textDocumentSync;
  const incremental = serverKind === 'vscode' || sync === 2 || sync?.change === 2;
  const spots = editSpots(text);
  const typed = 'benchmark ';
  let version = 1;
  let shift = 0; // characters typed so far, all before later spots
  let lastCount = first.length;
  /** Types `count` characters, one awaited keystroke each, into `into`. */
  const typeEdits = async (count, into) => {
    for (let e = 0; e < count; e++) {
      const spotIndex = Math.floor((e * spots.length) / count);
      const perSpot = Math.ceil(count / spots.length);
      const k = e % perSpot;
      const offset = spots[spotIndex] + shift;
      const ch = typed[k % typed.length];
      const at = positionAt(text, offset);
      text = text.slice(0, offset) + ch + text.slice(offset);
      shift++;
      version++;
      const change = incremental ? { range: { start: at, end: at }, text: ch } : { text };
      const t = performance.now();
      const wait = capabilities.diagnosticProvider ? null : diagnosticsOf(client, capabilities, uri, version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const diags = await (wait ?? diagnosticsOf(client, capabilities, uri, version));
      into.push(performance.now() - t);
      lastCount = diags.length;
    }
  };
  // Right after the first diagnostics: the server may still be reading the workspace.
  await typeEdits(editCount, latencies);
  // Then the same once the whole workspace is checked: a workspace pull (for a
  // server that offers it) answers after its full check.
  const settled = [];
  partial.settled = settled;
  let settleMs;
  if (capabilities.diagnosticProvider?.workspaceDiagnostics) {
    const t = performance.now();
    await client.request('workspace/diagnostic', { previousResultIds: [] });
    settleMs = performance.now() - t;
    await typeEdits(editCount, settled);
  }
  const peakRssKb = client.peakRssKb();
  await client.stop();
  return { ...latencyFigures(partial), lastDiagnostics: lastCount, peakRssKb, pull: !!capabilities.diagnosticProvider, incremental, settleMs };
}

function latencyFigures({ initializedMs, firstDiagnosticsMs, firstDiagnostics, latencies = [], settled = [] }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const after = [...settled].sort((a, b) => a - b);
  return {
    initializedMs,
    firstDiagnosticsMs,
    firstDiagnostics,
    edits: latencies.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    ...(after.length ? { settledEdits: after.length, settledP50: percentile(after, 50), settledP95: percentile(after, 95), settledMax: after[after.length - 1] } : {}),
  };
}

/** A file created on disk -> corrected diagnostics (see the top of this file). */
async function watchPath() {
  const watching = option('--watching', 'client');
  if (!['client', 'server'].includes(watching)) throw new Error('--watching is client or server');
  const cycles = Number(option('--cycles', '10'));
  // It writes and deletes files in DIR: never in the shared corpus itself (run.mjs measures a copy).
  if (/[\\/]shared[\\/]corpus([\\/]|$)/.test(dir)) throw new Error(`${dir} is the shared corpus: measure a copy (bench/.work/…)`);
  const roadmap = resolve(dir, roadmapArg);
  let text = readFileSync(roadmap, 'utf8');
  let refreshed = () => {};
  const logs = [];
  const client = ourServer({
    'workspace/diagnostic/refresh': () => {
      refreshed();
      return null;
    },
  });
  client.notificationListeners.add((method, params) => {
    if (method === 'window/logMessage') logs.push(params.message);
  });
  partial = { client };
  const created = [];
  try {
    await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'roadmap-governance-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: {},
      capabilities: {
        workspace: { workspaceFolders: true, configuration: true, diagnostics: { refreshSupport: true }, ...(watching === 'client' ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) },
        textDocument: { synchronization: { dynamicRegistration: false, didSave: true }, publishDiagnostics: { versionSupport: true }, diagnostic: { dynamicRegistration: false } },
      },
    });
    client.notify('initialized', {});
    const uri = open(client, roadmap, text);
    // Settled: the whole workspace checked, and (server mode) the server's watch set up.
    await client.request('workspace/diagnostic', { previousResultIds: [] });
    let watchFolders;
    let watchSetupMs;
    if (watching === 'server') {
      while (!logs.some((m) => /the server watches .* itself/.test(m))) await client.waitForNotification((m) => m === 'window/logMessage', timeoutMs, 'the server to say it watches');
      // "(N folders, M ms to set up)", as the server logs it.
      const m = /\((\d+) folders, (\d+) ms to set up\)/.exec(logs.find((l) => /the server watches .* itself/.test(l)));
      if (m) [watchFolders, watchSetupMs] = [Number(m[1]), Number(m[2])];
    } else if (!logs.some((m) => /The client watches the workspace files/.test(m))) {
      throw new Error(`the server did not leave the watching to the client: ${logs.join(' | ')}`);
    }
    let resultId;
    /**
     * Pulls the roadmap until `ok(diagnostics)`, as VS Code does: at once after
     * an edit of it (`now`), else (a change on disk) after the server's refresh
     * request, and again after each further refresh.
     */
    const pullUntil = async (ok, now) => {
      if (!now) await new Promise((r) => (refreshed = r));
      for (;;) {
        const next = new Promise((r) => (refreshed = r));
        const report = await client.request('textDocument/diagnostic', { textDocument: { uri }, ...(resultId ? { previousResultId: resultId } : {}) });
        if (report.kind === 'full') {
          resultId = report.resultId;
          if (ok(report.items)) return;
        }
        await next;
      }
    };
    const spots = editSpots(text);
    let version = 1;
    const createMs = [];
    const deleteMs = [];
    for (let c = 0; c < cycles; c++) {
      const name = `bench-watch-${process.pid}-${c}.md`;
      const target = resolve(dirname(roadmap), name);
      // By the path it points to: another link's "Did you mean …?" may name this plan too.
      const broken = (d) => d.code === 'RG003' && d.message.includes(`points to ${relative(dir, target).split(sep).join('/')},`);
      // Link an item to the plan-to-be (typed into the open roadmap) and wait for its RG003.
      const offset = spots[c % spots.length] + text.length - readFileSync(roadmap, 'utf8').length;
      const link = ` [notes](${name})`;
      const at = positionAt(text, offset);
      text = text.slice(0, offset) + link + text.slice(offset);
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: link }] });
      await pullUntil((items) => items.some(broken), true);
      // Created on disk: the RG003 goes.
      const fileUri = pathToFileURL(target).href;
      let t = performance.now();
      let gone = pullUntil((items) => !items.some(broken));
      writeFileSync(target, `# Notes ${c}\n\n**Date:** 2026-01-01\n**Status:** Draft\n`);
      created.push(target);
      if (watching === 'client') client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 1 }] });
      await gone;
      createMs.push(performance.now() - t);
      // Deleted: the RG003 is back.
      t = performance.now();
      gone = pullUntil((items) => items.some(broken));
      rmSync(target);
      created.pop();
      if (watching === 'client') client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 3 }] });
      await gone;
      deleteMs.push(performance.now() - t);
    }
    const peakRssKb = client.peakRssKb();
    await client.stop();
    const sortedCreate = [...createMs].sort((a, b) => a - b);
    const sortedDelete = [...deleteMs].sort((a, b) => a - b);
    return {
      watching,
      cycles,
      watchFolders,
      watchSetupMs,
      createP50: percentile(sortedCreate, 50),
      createMax: sortedCreate.at(-1),
      deleteP50: percentile(sortedDelete, 50),
      deleteMax: sortedDelete.at(-1),
      ms: percentile(sortedCreate, 50),
      peakRssKb,
    };
  } finally {
    for (const f of created) rmSync(f, { force: true });
  }
}

const timer = setTimeout(() => {
  if (partial?.firstDiagnosticsMs !== undefined) {
    // Report the keystrokes measured so far rather than nothing.
    const figures = latencyFigures(partial);
    const peakRssKb = partial.client?.peakRssKb();
    partial.client?.child.kill('SIGKILL');
    process.stdout.write(JSON.stringify({ ...figures, peakRssKb, incomplete: `time limit of ${Math.round(timeoutMs / 1000)} s reached after ${figures.edits} of ${editCount} edits` }) + '\n');
  } else {
    partial?.client?.child.kill('SIGKILL');
    process.stdout.write(JSON.stringify({ error: `timed out after ${timeoutMs} ms${partial ? ' waiting for the first diagnostics' : ''}` }) + '\n');
  }
  process.exit(3);
}, timeoutMs);
try {
  const result = mode === 'workspace' ? await workspaceCheck() : mode === 'watch' ? await watchPath() : await editorPath();
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.message ?? error) }) + '\n');
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
}
