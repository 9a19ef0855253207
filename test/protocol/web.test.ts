/**
 * The web extension's two bundles, as the browser gets them: built for the
 * browser with no Node built-in, and the server bundle run where only a web
 * worker's globals exist (a fresh V8 context: no require, process, Buffer,
 * setImmediate), speaking LSP over worker-style messages to a client that
 * serves the files the way client/browserFiles.ts does (from a copy of the
 * fixture, under a virtual URI scheme). The real browser run is
 * test/e2e/web/run.mjs (npm run test:vscode).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type DocumentDiagnosticReport,
  type Message,
  type MessageConnection,
  type CodeAction,
  type WorkspaceEdit,
  type TextEdit,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileRequests, hasBom, kindOfFileType, readResultOf } from '../../server/shared/webFiles';
import { VSCODE_LIKE } from './client';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/vscode/fixtures/workspace');
/** The folder's URI, of a scheme no file-system code knows (like vscode-vfs on github.dev). */
const ROOT = 'vscode-test-web://mount';

interface Bundle {
  outfile: string;
  text: string;
}

async function webBundles(): Promise<Bundle[]> {
  const build = (await import(pathToFileURL(path.join(REPO, 'build.mjs')).href)) as { common: esbuild.BuildOptions; webEntries(): esbuild.BuildOptions[] };
  return Promise.all(
    build.webEntries().map(async (entry) => {
      const result = await esbuild.build({ ...build.common, ...entry, absWorkingDir: REPO, sourcemap: false, write: false, logLevel: 'silent' });
      const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
      return { outfile: entry.outfile as string, text: js.text };
    }),
  );
}

/** Module loads the bundle still makes: `require("x")` calls and `import`s of packages. */
function loadsOf(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|^\s*import\s.*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]);
}

/** Worker-style messages between this realm and the server's context: JSON both ways, as structured clone would copy them. */
class ContextReader extends AbstractMessageReader {
  callback?: DataCallback;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
}
class ContextWriter extends AbstractMessageWriter {
  constructor(private readonly deliver: (json: string) => void) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.deliver(JSON.stringify(message));
  }
  end(): void {}
}

/** The server bundle in a context with only what a dedicated worker has. */
function startWorker(code: string): { connection: MessageConnection; errors: string[] } {
  const reader = new ContextReader();
  const errors: string[] = [];
  const globals: Record<string, unknown> = {
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    atob,
    btoa,
    TextEncoder,
    TextDecoder,
    URL,
    performance,
    console: { log() {}, info() {}, warn() {}, debug() {}, error: (...args: unknown[]) => errors.push(args.map(String).join(' ')) },
  };
  const context = vm.createContext(globals);
  vm.runInContext(
    `globalThis.self = globalThis;
     const listeners = [];
     globalThis.addEventListener = (type, listener) => { if (type === 'message') listeners.push(listener); };
     globalThis.removeEventListener = () => {};
     globalThis.postMessage = (message) => __send(JSON.stringify(message));
     globalThis.__deliver = (json) => { const event = { data: JSON.parse(json) }; if (typeof globalThis.onmessage === 'function') globalThis.onmessage(event); for (const l of listeners) l(event); };`,
    context,
  );
  globals.__send = (json: string) => reader.callback?.(JSON.parse(json) as Message);
  const deliver = (json: string) => (context.__deliver as (json: string) => void)(json);
  for (const name of ['require', 'process', 'Buffer', 'setImmediate', 'module', '__dirname']) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} is not in a worker`);
  vm.runInContext(code, context, { filename: 'browserServer.js' });
  const connection = createMessageConnection(reader, new ContextWriter(deliver));
  return { connection, errors };
}

/** What client/browserFiles.ts does with vscode.workspace.fs, on a folder of this machine. */
function serveFiles(connection: MessageConnection, dir: string, asked: string[]): void {
  const local = (uri: string) => {
    assert.ok(uri === ROOT || uri.startsWith(ROOT + '/'), `${uri} is in the workspace folder`);
    const rel = decodeURIComponent(uri.slice(ROOT.length + 1));
    return path.join(dir, ...rel.split('/').filter(Boolean));
  };
  const stat = (file: string) => (existsSync(file) ? statSync(file) : undefined);
  connection.onRequest(FileRequests.readDirectory, ({ uri }: { uri: string }) => {
    asked.push(`readDirectory ${uri}`);
    return readdirSync(local(uri), { withFileTypes: true }).map((e) => [e.name, kindOfFileType(e.isSymbolicLink() ? 64 : e.isDirectory() ? 2 : e.isFile() ? 1 : 0)]);
  });
  connection.onRequest(FileRequests.stat, ({ uri }: { uri: string }) => {
    const s = stat(local(uri));
    return s ? { kind: s.isDirectory() ? 'directory' : 'file', size: s.size } : null;
  });
  connection.onRequest(FileRequests.readFile, ({ uri, maxSize }: { uri: string; maxSize: number }) => {
    asked.push(`readFile ${uri}`);
    const file = local(uri);
    if (!stat(file)) return { kind: 'error', message: 'ENOENT' };
    return readResultOf(new Uint8Array(readFileSync(file)), maxSize);
  });
  connection.onRequest(FileRequests.createFile, ({ uri, content }: { uri: string; content: string }) => {
    const file = local(uri);
    if (existsSync(file)) throw new Error('exists');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  });
  connection.onRequest(FileRequests.writeFile, ({ uri, content }: { uri: string; content: string }) => {
    const file = local(uri);
    const bom = hasBom(new Uint8Array(readFileSync(file))) && !content.startsWith('\uFEFF');
    writeFileSync(file, bom ? '\uFEFF' + content : content);
  });
}

/** Answers what VS Code answers on its own during a session, for a client that serves the files of `dir`. */
function answerEditorRequests(connection: MessageConnection, dir: string, asked: string[]): void {
  serveFiles(connection, dir, asked);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onNotification(() => undefined);
}

describe('protocol: the web extension', function () {
  this.timeout(120_000);
  let bundles: Bundle[];
  before(async () => {
    bundles = await webBundles();
  });

  it('bundles the web client and the web worker server without any Node built-in', () => {
    assert.deepEqual(
      bundles.map((b) => b.outfile),
      ['dist/browserClient.js', 'dist/browserServer.js'],
    );
    const [client, server] = bundles;
    // The client loads only the editor's API, the server nothing at all.
    assert.deepEqual([...new Set(loadsOf(client.text))], ['vscode']);
    assert.deepEqual(loadsOf(server.text), []);
    for (const b of bundles) assert.doesNotMatch(b.text, /["']node:[a-z_/]+["']/, `${b.outfile} names no node: module`);
    // A worker has no setImmediate: the server's code looks before it uses one (the test below may not reach every such line).
    for (const file of readdirSync(path.join(REPO, 'server/lsp')).filter((f) => f.endsWith('.ts') && f !== 'main.ts')) {
      for (const line of readFileSync(path.join(REPO, 'server/lsp', file), 'utf8').split('\n')) {
        if (/\bsetImmediate\(/.test(line)) assert.match(line, /typeof setImmediate === 'function'/, `server/lsp/${file}: ${line.trim()}`);
      }
    }
  });

  it('runs the server where only a worker’s globals exist: diagnostics of a virtual folder, a link-stub fix, a created doc, the written config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rg-web-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const { connection, errors } = startWorker(bundles[1].text);
    const asked: string[] = [];
    answerEditorRequests(connection, dir, asked);
    const open = new Map<string, TextDocument>();
    /** Applies an edit as VS Code would: text edits to the open documents (told to the server), file creation noted. */
    const apply = async (edit: WorkspaceEdit) => {
      for (const change of edit.documentChanges ?? []) {
        if ('kind' in change) {
          assert.equal(change.kind, 'create');
          continue;
        }
        const doc = open.get(change.textDocument.uri)!;
        const next = TextDocument.create(doc.uri, 'markdown', doc.version + 1, TextDocument.applyEdits(doc, change.edits as TextEdit[]));
        open.set(doc.uri, next);
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: next.version }, contentChanges: [{ text: next.getText() }] });
      }
    };
    connection.onRequest('workspace/applyEdit', async ({ edit }: { edit: WorkspaceEdit }) => {
      await apply(edit);
      return { applied: true };
    });
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', {
        processId: null,
        rootUri: ROOT,
        capabilities: VSCODE_LIKE,
        workspaceFolders: [{ uri: ROOT, name: 'mount' }],
        initializationOptions: { packageRoot: 'https://extension.example/roadmap-governance' },
      })) as { capabilities: { diagnosticProvider?: unknown } };
      assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics offered');
      await connection.sendNotification('initialized', {});

      const roadmap = `${ROOT}/docs/project/roadmap.md`;
      const pull = async (uri: string) => {
        const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[] };
        return report.items;
      };
      const findings = await pull(roadmap);
      // The same four findings the CLI gives for this folder on disk, read through the client's file requests.
      assert.deepEqual(findings.map((d) => `${d.code} ${d.range.start.line + 1}`).sort(), ['RG001 13', 'RG001 14', 'RG002 13', 'RG002 14']);
      assert.ok(asked.includes(`readFile ${roadmap}`), 'the roadmap was read through the client');
      assert.ok(asked.some((a) => a.startsWith(`readDirectory ${ROOT}/docs`)), 'the folder was listed through the client');
      const rg001 = findings.find((d) => d.code === 'RG001' && d.range.start.line === 12)!;
      assert.equal(rg001.codeDescription?.href, 'https://extension.example/roadmap-governance/docs/rules/RG001-item-missing-design.md');

      // The roadmap opened, the link-stub quick fix taken: an edit of the open document.
      const text = readFileSync(path.join(dir, 'docs/project/roadmap.md'), 'utf8');
      open.set(roadmap, TextDocument.create(roadmap, 'markdown', 1, text));
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: roadmap, languageId: 'markdown', version: 1, text } });
      const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: roadmap }, range: rg001.range, context: { diagnostics: [rg001], only: ['quickfix'] } })) as CodeAction[];
      const stub = actions.find((a) => a.title.startsWith('Insert Design link stub'));
      assert.ok(stub?.edit, `a link-stub fix among ${actions.map((a) => a.title).join(' | ')}`);
      await apply(stub.edit);
      const afterStub = await pull(roadmap);
      assert.ok(!afterStub.some((d) => d.code === 'RG001' && d.range.start.line === 12), 'the missing-design finding of line 13 is gone');
      // The stub links a doc not written yet: that link is broken until the doc exists, and nothing else changed.
      assert.deepEqual(afterStub.map((d) => `${d.code} ${d.range.start.line + 1}`).sort(), ['RG001 14', 'RG002 13', 'RG002 14', 'RG003 13']);

      // "New design doc" on the next item: the server creates the file through the client and links it.
      const created = (await connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ kind: 'design', uri: roadmap, position: { line: 13, character: 10 } }] })) as { uri: string; linked: boolean };
      assert.equal(created.linked, true);
      assert.ok(created.uri.startsWith(`${ROOT}/docs/plans/`) && created.uri.endsWith('-saved-searches-design.md'), created.uri);
      assert.match(readFileSync(path.join(dir, decodeURIComponent(created.uri.slice(ROOT.length + 1))), 'utf8'), /^# Saved Searches/);
      const afterNew = await pull(roadmap);
      assert.deepEqual(afterNew.map((d) => `${d.code} ${d.range.start.line + 1}`).sort(), ['RG002 13', 'RG002 14', 'RG003 13']);
      // "Write configuration file": the detected layout saved as .roadmap-governance.json, never over one.
      rmSync(path.join(dir, '.roadmap-governance.json'));
      await connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.checkWorkspace', arguments: [] });
      const written = (await connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.initConfig', arguments: [{ uri: roadmap }] })) as { status: string; uri: string };
      assert.deepEqual(written, { status: 'written', uri: `${ROOT}/.roadmap-governance.json` });
      const config = JSON.parse(readFileSync(path.join(dir, '.roadmap-governance.json'), 'utf8')) as { roadmap: string; plans: string[] };
      assert.equal(config.roadmap, 'docs/project/roadmap.md');
      assert.ok(config.plans.length > 0, 'the plan globs detected');
      writeFileSync(path.join(dir, '.roadmap-governance.json'), '{ "rules": {} }\n');
      const again = (await connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.initConfig', arguments: [{ uri: roadmap }] })) as { status: string };
      assert.equal(again.status, 'exists');
      assert.equal(readFileSync(path.join(dir, '.roadmap-governance.json'), 'utf8'), '{ "rules": {} }\n', 'the existing config is left as it was');
      assert.deepEqual(errors, [], 'the server logged no error');
      await connection.sendRequest('shutdown');
    } finally {
      connection.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Node server reads a virtual workspace folder the same way, through the client (desktop VS Code with Remote Repositories)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rg-web-node-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const child = spawn(process.execPath, [path.join(REPO, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const asked: string[] = [];
    answerEditorRequests(connection, dir, asked);
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: null, rootUri: ROOT, capabilities: VSCODE_LIKE, workspaceFolders: [{ uri: ROOT, name: 'mount' }] });
      await connection.sendNotification('initialized', {});
      const roadmap = `${ROOT}/docs/project/roadmap.md`;
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: roadmap } })) as { items: Diagnostic[] };
      assert.deepEqual(report.items.map((d) => `${d.code} ${d.range.start.line + 1}`).sort(), ['RG001 13', 'RG001 14', 'RG002 13', 'RG002 14']);
      assert.ok(asked.includes(`readFile ${roadmap}`), 'the roadmap was read through the client');
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
