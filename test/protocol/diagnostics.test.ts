import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { copyFixture, NEOVIM_010_LIKE, NEOVIM_LIKE, REPO, TestClient, VSCODE_LIKE } from './client';

const codes = (d: Diagnostic[]) => d.map((x) => x.code);

describe('protocol: diagnostics', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('pulls the diagnostics of a file that was never opened, then reports it unchanged', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = client.uri('docs/guide.md');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    const broken = report.kind === 'full' ? report.items.find((d) => d.code === 'RG003') : undefined;
    assert.ok(broken, 'a broken-link diagnostic');
    assert.equal(broken.source, 'roadmap-governance');
    assert.equal(broken.severity, 1);
    assert.deepEqual(broken.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 56 } });
    assert.match(broken.message, /alpha-desgn\.md.*does not exist/);
    assert.equal(broken.codeDescription?.href, URI.file(path.join(REPO, 'docs/rules/RG003-broken-link.md')).toString());
    assert.equal(typeof (broken.data as { key: string }).key, 'string');
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId })) as DocumentDiagnosticReport;
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
  });

  it('pulls workspace diagnostics for every file with findings, and holds an unchanged pull until something changes', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const first = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const roadmap = client.uri('docs/project/roadmap.md');
    const byUri = new Map(first.items.map((i) => [i.uri, i]));
    const roadmapReport = byUri.get(roadmap);
    assert.ok(roadmapReport && roadmapReport.kind === 'full');
    assert.deepEqual(codes(roadmapReport.items).filter((c) => ['RG001', 'RG002', 'RG003'].includes(String(c))).sort(), ['RG001', 'RG002', 'RG003']);
    assert.ok(byUri.get(client.uri('docs/guide.md')), 'the guide is reported without being opened');
    // Nothing changed: the next pull waits; creating the missing plan answers it.
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    const pending = client.connection.sendRequest('workspace/diagnostic', { previousResultIds }) as Promise<WorkspaceDiagnosticReport>;
    await client.writeOnDisk('docs/plans/2026-02-20-gamma-implementation.md', '# Gamma\n\n**Date:** 2026-02-20\n**Status:** Draft\n');
    const second = await pending;
    const roadmapAgain = second.items.find((i) => i.uri === roadmap);
    assert.ok(roadmapAgain && roadmapAgain.kind === 'full', 'the roadmap report is new');
    assert.ok(!codes(roadmapAgain.items).includes('RG003'), 'the broken Plan path is gone');
    const guide = second.items.find((i) => i.uri === client!.uri('docs/guide.md'));
    assert.equal(guide?.kind, 'unchanged');
  });

  it('asks a pull client to refresh when a file changes on disk', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
    const before = client.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    await client.writeOnDisk('docs/guide.md', '# Guide\n\nNothing broken.\n');
    await client.until(() => client!.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > before, 'a refresh request');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri('docs/guide.md') } })) as DocumentDiagnosticReport;
    assert.deepEqual(report.kind === 'full' ? report.items : undefined, []);
  });

  it('pushes diagnostics to a push-only client for files it never opened, and an empty list when they go away', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
    const guide = client.uri('docs/guide.md');
    const roadmap = client.uri('docs/project/roadmap.md');
    await client.pushedFor(guide, (d) => codes(d).includes('RG003'));
    await client.pushedFor(roadmap, (d) => codes(d).includes('RG001'));
    assert.ok(!client.notifications.some((n) => n.method === 'workspace/diagnostic/refresh'));
    await client.writeOnDisk('docs/guide.md', '# Guide\n\nNothing broken.\n');
    await client.pushedFor(guide, (d) => d.length === 0, 'an empty list for the fixed guide');
  });

  it('pushes every file, open ones too, to a client that pulls but cannot be asked to refresh (Neovim 0.10): an open roadmap follows a plan written on disk', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_010_LIKE);
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined, 'no pull offered: it would pull an open file only when it is edited');
    const guide = client.uri('docs/guide.md');
    const roadmap = client.uri('docs/project/roadmap.md');
    await client.pushedFor(guide, (d) => codes(d).includes('RG003'));
    const uri = await client.open('docs/project/roadmap.md');
    const broken = await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG003' && /gamma-implementation/.test(x.message)), "the open roadmap's broken Plan path");
    assert.ok(codes(broken).includes('RG001'));
    // The plan appears on disk (:wall of a buffer a fix created, a git pull): the open roadmap is told, untouched.
    await client.writeOnDisk('docs/plans/2026-02-20-gamma-implementation.md', '# Gamma\n\n**Date:** 2026-02-20\n**Status:** Draft\n');
    const fixed = await client.pushedFor(roadmap, (d) => !d.some((x) => x.code === 'RG003'), 'the open roadmap without the RG003');
    assert.deepEqual(codes(fixed).filter((c) => c !== 'RG003'), codes(broken).filter((c) => c !== 'RG003'), 'nothing else came or went');
    assert.equal(client.version(uri), 1);
  });

  it('pushes nothing to a client that can be asked to refresh (it pulls the workspace)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri('docs/guide.md') } })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    // A change on disk is answered with a refresh request, never with a push.
    await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
    const before = client.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    await client.writeOnDisk('docs/guide.md', '# Guide\n\nNothing broken.\n');
    await client.until(() => client!.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > before, 'a refresh request');
    // The server writes in order: a push sent with that refresh arrives before this answer.
    await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri('docs/guide.md') } });
    assert.ok(!client.notifications.some((n) => n.method === 'textDocument/publishDiagnostics'), 'no push to a pull client');
  });

  it('updates diagnostics as the user types (didChange)', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    await client.pushedFor(roadmap, (d) => codes(d).includes('RG001'));
    await client.open('docs/project/roadmap.md');
    const text = client.text(roadmap)!;
    const version = await client.change(roadmap, text.replace(/- \[ \] \*\*\[Core\] Beta parser\*\*.*\n/, ''));
    const after = await client.pushedFor(roadmap, (d) => !codes(d).includes('RG001'), 'RG001 gone after the edit');
    assert.ok(codes(after).includes('RG003'));
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === roadmap).at(-1);
    assert.equal((published!.params as { version?: number }).version, version);
  });

  it('while typing in a large workspace: the typed file at once, a pulled plan right, then a refresh for the rest', async () => {
    // fullCheckAtOnceMs 0: behave as in a workspace too large to check whole after every keystroke.
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE, { initializationOptions: { fullCheckAtOnceMs: 0, typingPauseMs: 50 } });
    const roadmap = await client.open('docs/project/roadmap.md');
    const plan = client.uri('docs/plans/2026-02-20-alpha-implementation.md');
    const pull = async (uri: string) => {
      const report = (await client!.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
      return report.kind === 'full' ? report.items : [];
    };
    assert.ok(!codes(await pull(plan)).includes('RG007'), 'the plan is linked before the edit');
    const alphaMissingImplementation = (d: Diagnostic[]) => d.some((x) => x.code === 'RG002' && x.message.includes('Alpha engine'));
    assert.ok(!alphaMissingImplementation(await pull(roadmap)));
    const refreshes = client.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    await client.change(roadmap, client.text(roadmap)!.replace(', [Implementation](../plans/2026-02-20-alpha-implementation.md)', ''));
    assert.ok(alphaMissingImplementation(await pull(roadmap)), 'the typed file is checked at once');
    assert.ok(codes(await pull(plan)).includes('RG007'), 'a pulled plan is checked on its own, right after the keystroke');
    await client.until(() => client!.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes, 'a refresh once typing pauses');
    const workspace = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const planReport = workspace.items.find((i) => i.uri === plan);
    assert.ok(planReport?.kind === 'full' && codes(planReport.items).includes('RG007'), 'the workspace report agrees');
  });

  it('while typing in a large workspace, a push client gets the typed file first and the other files after the pause', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE, { initializationOptions: { fullCheckAtOnceMs: 0, typingPauseMs: 50 } });
    const roadmap = client.uri('docs/project/roadmap.md');
    const plan = client.uri('docs/plans/2026-02-20-alpha-implementation.md');
    await client.pushedFor(roadmap, (d) => codes(d).includes('RG001'));
    await client.open('docs/project/roadmap.md');
    const version = await client.change(roadmap, client.text(roadmap)!.replace(', [Implementation](../plans/2026-02-20-alpha-implementation.md)', ''));
    await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG002' && x.message.includes('Alpha engine')), 'the typed file');
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === roadmap).at(-1);
    assert.equal((published!.params as { version?: number }).version, version);
    await client.pushedFor(plan, (d) => codes(d).includes('RG007'), 'the orphaned plan, after the pause');
  });

  it('pulls diagnostics of an open, edited buffer rather than the disk', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = await client.open('docs/guide.md');
    await client.change(uri, '# Guide\n\nSee [missing](nowhere.md).\n');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.ok(report.kind === 'full');
    assert.deepEqual(report.items.filter((d) => d.code === 'RG003').map((d) => d.range.start), [{ line: 2, character: 4 }]);
  });

  it('picks up a file created on disk (didChangeWatchedFiles)', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG003' && /gamma/.test(x.message)));
    await client.writeOnDisk('docs/plans/2026-02-20-gamma-implementation.md', '# Gamma\n');
    await client.pushedFor(roadmap, (d) => !d.some((x) => x.code === 'RG003'), 'the gamma link resolves');
  });

  it('reports a broken config file in it, and picks up the fixed config without a restart', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    const config = client.uri('.roadmap-governance.json');
    await client.pushedFor(roadmap, (d) => codes(d).includes('RG001'));
    await client.writeOnDisk('.roadmap-governance.json', '{ "rules": { "RG001": "off" }, ');
    const broken = await client.pushedFor(config, (d) => codes(d).includes('RG900'), 'RG900 in the config');
    assert.match(broken[0].message, /not valid JSON/);
    assert.ok(codes(client.pushed.get(roadmap)!).includes('RG001'), 'defaults stay in force');
    await client.writeOnDisk('.roadmap-governance.json', '{ "rules": { "RG001": "off" } }\n');
    await client.pushedFor(config, (d) => d.length === 0, 'the config problem cleared');
    await client.pushedFor(roadmap, (d) => !codes(d).includes('RG001') && codes(d).includes('RG002'), 'RG001 turned off');
  });

  it('starts without --stdio on the command line', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE, { args: [] });
    await client.pushedFor(client.uri('docs/guide.md'), (d) => codes(d).includes('RG003'));
  });

  it('sends work-done progress on the first scan when the client supports it', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    await client.until(() => client!.progress.some((p) => p.kind === 'end'), 'progress end');
    const kinds = client.progress.map((p) => p.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    const registration = client.requests.find((r) => r.method === 'client/registerCapability');
    assert.deepEqual(registration?.params, {
      registrations: [{ id: (registration!.params as { registrations: { id: string }[] }).registrations[0].id, method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*' }] } }],
    });
  });
});

export function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

describe('protocol: editor settings', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('applies settings pushed by a client without workspace/configuration, and a change of them', async () => {
    const root = copyFixture('basic');
    client = await TestClient.start(root, NEOVIM_LIKE, { initializationOptions: { settings: { rules: { RG001: 'off' } } } });
    const roadmap = client.uri('docs/project/roadmap.md');
    const first = await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG002'));
    assert.ok(!codes(first).includes('RG001'), 'RG001 is off by the initial settings');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { roadmapGovernance: { rules: { RG002: 'off' } } } });
    const second = await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG001') && !d.some((x) => x.code === 'RG002'), 'RG001 back, RG002 off');
    assert.ok(codes(second).includes('RG001'));
  });

  it('lets the config file win over editor settings', async () => {
    const root = copyFixture('basic');
    writeFileSync(path.join(root, '.roadmap-governance.json'), JSON.stringify({ rules: { RG001: 'error' } }));
    client = await TestClient.start(root, NEOVIM_LIKE, { initializationOptions: { settings: { rules: { RG001: 'off', RG002: 'off' } } } });
    const roadmap = client.uri('docs/project/roadmap.md');
    const diags = await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG001'));
    assert.equal(diags.find((x) => x.code === 'RG001')?.severity, 1, 'the file says error');
    assert.ok(!codes(diags).includes('RG002'), 'the editor setting applies where the file is silent');
  });
});
