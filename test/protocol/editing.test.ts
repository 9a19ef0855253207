/**
 * What the user sees while editing, over the protocol: a half-typed link is
 * not reported until typing pauses, a config file deleted under its open tab
 * stops applying, a second doc for an item is asked about first, the coverage
 * matrix is written to its file, and a restarted client's first workspace pull
 * is answered at once.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { COVERAGE_MARKER } from '../../server/engine/coverage';
import { copyFixture, NEOVIM_LIKE, TestClient, TODAY, VSCODE_LIKE } from './client';

const ROADMAP = 'docs/project/roadmap.md';
const GUIDE = 'docs/guide.md';

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
  return report.kind === 'full' ? report.items : [];
}

const onLine = (d: Diagnostic[], code: string, line: number) => d.filter((x) => x.code === code && x.range.start.line === line);

/**
 * Types `text` into the link destination at the end of `uri`, `…[x](|)`, one
 * character at a time (each a didChange), as in an editor that closed the parenthesis.
 */
async function typeLink(client: TestClient, uri: string, text: string, afterEach?: () => Promise<void>): Promise<number> {
  const base = `${client.text(uri)}\nSee [x](`;
  await client.change(uri, `${base})`);
  const line = base.split('\n').length - 1;
  for (let i = 1; i <= text.length; i++) {
    await client.change(uri, `${base}${text.slice(0, i)})`);
    await afterEach?.();
  }
  return line;
}

describe('protocol: editing', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('holds a half-typed link\'s RG003 on the line being typed, and shows it once typing pauses (pull client)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE, { initializationOptions: { typingPauseMs: 400 } });
    const uri = await client.open(GUIDE);
    const seen: string[] = [];
    const line = client.text(uri)!.split('\n').length;
    await typeLink(client, uri, 'plans/no', async () => {
      // Pulled at once after each keystroke, as VS Code does.
      for (const d of onLine(await pull(client!, uri), 'RG003', line)) seen.push(d.message);
    });
    assert.deepEqual(seen, [], 'no RG003 on the line while it is being typed');
    assert.equal(onLine(await pull(client, uri), 'RG003', 2).length, 1, 'the other broken link in the file is still shown');
    // The server asks the client to pull again when the pause is over (a refresh right after the last keystroke may come first).
    let after: Diagnostic[] = [];
    for (let round = 0; round < 5 && after.length === 0; round++) {
      const refreshes = client.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
      await client.until(() => client!.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes, 'a refresh once typing pauses', 5000);
      after = onLine(await pull(client, uri), 'RG003', line);
    }
    assert.equal(after.length, 1, 'the broken link is reported after the pause');
    assert.match(after[0].message, /plans\/no/);
  });

  it('asks for a refresh after the pause even when a waiting workspace pull carried the file (VS Code shows an open file\'s own pull only)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE, { initializationOptions: { typingPauseMs: 400 } });
    const uri = await client.open(GUIDE);
    const line = client.text(uri)!.split('\n').length;
    await typeLink(client, uri, 'nowhere', async () => {
      assert.deepEqual(onLine(await pull(client!, uri), 'RG003', line), []);
    });
    // Within the pause, the client's workspace pull: the guide as it is shown now, then a pull that waits for news.
    const now = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const waiting = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: now.items.map((i) => ({ uri: i.uri, value: i.resultId! })) }) as Promise<WorkspaceDiagnosticReport>;
    const refreshes = client.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    // The pause ends: the waiting pull is answered with the guide's finding, and the client is asked to pull the guide itself.
    const answered = await waiting;
    assert.ok(answered.items.some((i) => i.uri === uri && i.kind === 'full' && onLine(i.items, 'RG003', line).length === 1));
    await client.until(() => client!.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes, 'a refresh after the pause', 5000);
    assert.equal(onLine(await pull(client, uri), 'RG003', line).length, 1);
  });

  it('holds it for a push client too, and pushes it after the pause', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE, { initializationOptions: { typingPauseMs: 400 } });
    const uri = client.uri(GUIDE);
    await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG003'));
    await client.open(GUIDE);
    const line = client.text(uri)!.split('\n').length;
    const pushes = () => client!.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri).map((n) => n.params as { version?: number; diagnostics: Diagnostic[] });
    await typeLink(client, uri, 'nowhere', async () => {
      // The push for each keystroke (it carries the document's version): none with RG003 on that line.
      const version = client!.version(uri);
      const push = await client!.until(() => pushes().find((p) => p.version === version), `the push of version ${version}`);
      assert.deepEqual(onLine(push.diagnostics, 'RG003', line), [], `version ${version}`);
    });
    await client.pushedFor(uri, (d) => onLine(d, 'RG003', line).length === 1, 'RG003 pushed after the pause');
  });

  it('shows a broken link inserted whole (a fix, a paste) at once', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE, { initializationOptions: { typingPauseMs: 60_000 } });
    const uri = await client.open(GUIDE);
    await client.change(uri, `${client.text(uri)}\nSee [x](nowhere.md).`);
    const line = client.text(uri)!.split('\n').length - 1;
    assert.equal(onLine(await pull(client, uri), 'RG003', line).length, 1);
  });

  it('stops applying a config file deleted on disk while its buffer is open, and applies it again when it is back', async () => {
    const root = copyFixture('basic');
    const configText = '{ "rules": { "RG001": "off" } }\n';
    writeFileSync(`${root}/.roadmap-governance.json`, configText);
    client = await TestClient.start(root, NEOVIM_LIKE);
    const roadmap = client.uri(ROADMAP);
    await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG002') && !d.some((x) => x.code === 'RG001'), 'RG001 off by the config');
    await client.open('.roadmap-governance.json', configText);
    await client.deleteOnDisk('.roadmap-governance.json');
    await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG001'), 'the defaults again: RG001 back');
    // Typing in the deleted file's buffer does not bring it back either.
    await client.change(client.uri('.roadmap-governance.json'), '{ "rules": { "RG001": "off", "RG002": "off" } }\n');
    await client.writeOnDisk(GUIDE, `${client.read(GUIDE)}\n`);
    await client.pushedFor(client.uri(GUIDE), (d) => d.length > 0, 'a later check');
    assert.ok(client.pushed.get(roadmap)!.some((x) => x.code === 'RG001'), 'still the defaults');
    // Saved again: the file and its buffer count.
    await client.writeOnDisk('.roadmap-governance.json', '{ "rules": { "RG001": "off", "RG002": "off" } }\n');
    await client.pushedFor(roadmap, (d) => !d.some((x) => x.code === 'RG001' || x.code === 'RG002'), 'the config applies again');
  });

  it('New design doc on an item that has one returns it and creates nothing; with force, creates a second one', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = await client.open(ROADMAP);
    const args = { kind: 'design', uri, position: { line: 7, character: 10 } };
    const first = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [args] })) as { uri?: string; existing?: unknown };
    assert.deepEqual(first, { linked: false, existing: { item: '[Core] Alpha engine', paths: ['docs/plans/2026-02-20-alpha-design.md'] } });
    assert.ok(!existsSync(client.file(`docs/plans/${TODAY}-core-alpha-engine-design.md`)));
    assert.equal(client.text(uri), client.read(ROADMAP), 'the roadmap is not edited');
    const forced = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ ...args, force: true }] })) as { uri: string; linked: boolean };
    assert.equal(forced.linked, true);
    assert.ok(existsSync(new URL(forced.uri)), 'the second design doc is on disk');
    // An item with only an implementation plan gets its design doc without a question.
    const implementationOnly = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ kind: 'implementation', uri, position: { line: 7, character: 10 } }] })) as { existing?: { paths: string[] } };
    assert.deepEqual(implementationOnly.existing?.paths, ['docs/plans/2026-02-20-alpha-implementation.md']);
  });

  it('writes the coverage matrix to coverage.output, overwrites only its own file, and asks (not-ours) before any other', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const output = 'docs/project/roadmap-coverage-matrix.md';
    const write = (overwrite?: boolean) =>
      client!.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.writeCoverage', arguments: [{ uri: client!.uri(ROADMAP), overwrite }] }) as Promise<{ status: string; path: string; uri: string; items: number; missing: number }>;
    const first = await write();
    assert.deepEqual(first, { status: 'written', path: output, uri: client.uri(output), items: 3, missing: 1 });
    const text = client.read(output);
    assert.equal(text.split('\n')[0], COVERAGE_MARKER);
    // Links are relative to the matrix's own folder.
    assert.match(text, /\[2026-02-20-alpha-design\.md\]\(\.\.\/plans\/2026-02-20-alpha-design\.md\)/);
    assert.match(text, /```mermaid\npie showData\n/);
    assert.equal((await write()).status, 'written', 'its own file is overwritten');
    writeFileSync(client.file(output), '# My own notes\n');
    assert.equal((await write()).status, 'not-ours');
    assert.equal(client.read(output), '# My own notes\n', 'nothing written without asking');
    assert.equal((await write(true)).status, 'written');
    assert.equal(readFileSync(client.file(output), 'utf8').split('\n')[0], COVERAGE_MARKER);
    // The matrix itself gives no finding.
    const workspace = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    assert.deepEqual(workspace.items.filter((i) => i.uri === client!.uri(output) && i.kind === 'full' && i.items.length), []);
  });

  it('answers a client\'s first workspace pull at once, even when it names result ids it already has (VS Code after a restart)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = await client.open(ROADMAP);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & { resultId: string };
    const first = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [{ uri, value: report.resultId }] })) as WorkspaceDiagnosticReport;
    assert.ok(first.items.some((i) => i.uri === client!.uri(GUIDE) && i.kind === 'full'), 'every file with findings');
    assert.ok(first.items.some((i) => i.uri === uri && i.kind === 'unchanged'));
  });

  it('counts info findings in the Check whole workspace summary', async () => {
    const root = copyFixture('basic');
    // A design doc that no item links and that has no implementation plan: info findings (RG007, RG008).
    writeFileSync(`${root}/docs/plans/2026-02-21-delta-design.md`, '# Delta - Design\n\n**Date:** 2026-02-21\n**Status:** Draft\n');
    client = await TestClient.start(root, VSCODE_LIKE);
    const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.checkWorkspace' })) as { findings: number; errors: number; warnings: number; info: number };
    assert.ok(summary.info >= 1, JSON.stringify(summary));
    assert.equal(summary.findings, summary.errors + summary.warnings + summary.info);
  });
});
