import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { CodeAction, Command, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { copyFixture, EGLOT_LIKE, NEOVIM_LIKE, TestClient, TODAY, VSCODE_LIKE } from './client';

const BETA_DESIGN = `docs/plans/${TODAY}-beta-parser-design.md`;

async function pull(client: TestClient, rel: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri(rel) } })) as DocumentDiagnosticReport;
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

async function codeActions(client: TestClient, rel: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: client.uri(rel) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
  })) as CodeAction[];
}

describe('protocol: code actions and fixes', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('offers the link stub, which applied to the open roadmap silences the finding', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const uri = await client.open(roadmap);
    const missing = (await pull(client, roadmap)).find((d) => d.code === 'RG001')!;
    const actions = await codeActions(client, roadmap, missing);
    const stub = actions.find((a) => a.title.startsWith('Insert Design link stub'))!;
    assert.ok(stub, `a stub action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(stub.kind, 'quickfix');
    assert.deepEqual(stub.diagnostics, [missing]);
    assert.deepEqual(stub.edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 1 },
          edits: [{ range: { start: { line: 8, character: 28 }, end: { line: 8, character: 28 } }, newText: ` ([Design](../plans/${TODAY}-beta-parser-design.md))` }],
        },
      ],
    });
    await client.applyEdit(stub.edit!);
    const after = await pull(client, roadmap);
    assert.ok(!after.some((d) => d.code === 'RG001'), 'RG001 gone');
    assert.ok(after.some((d) => d.code === 'RG003' && d.message.includes('beta-parser-design')), 'the stub points at a doc that does not exist yet');
  });

  it('creates the design doc and links it: CreateFile (ignoreIfExists) first, then the content, then the roadmap edit', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const missing = (await pull(client, roadmap)).find((d) => d.code === 'RG001')!;
    const create = (await codeActions(client, roadmap, missing)).find((a) => a.title.startsWith('Create design doc'))!;
    assert.ok(create);
    const changes = create.edit!.documentChanges!;
    assert.deepEqual(
      changes.map((c) => ('kind' in c ? `${c.kind} ${(c as { uri: string }).uri}` : `edit ${c.textDocument.uri}`)),
      [`create ${client.uri(BETA_DESIGN)}`, `edit ${client.uri(BETA_DESIGN)}`, `edit ${client.uri(roadmap)}`],
    );
    assert.deepEqual((changes[0] as { options: unknown }).options, { ignoreIfExists: true, overwrite: false });
    await client.applyEdit(create.edit!);
    // The watcher's events for the new file and the edited roadmap.
    await client.writeOnDisk(BETA_DESIGN, client.read(BETA_DESIGN));
    await client.writeOnDisk(roadmap, client.read(roadmap));
    const text = client.read(BETA_DESIGN);
    assert.match(text, /^# Beta parser - Design\n\n\*\*Date:\*\* 2026-03-01\n\*\*Status:\*\* Draft\n/);
    assert.match(client.read(roadmap), /Beta parser\*\* \(\[Design\]\(\.\.\/plans\/2026-03-01-beta-parser-design\.md\)\)/);
    const after = await pull(client, roadmap);
    assert.ok(!after.some((d) => d.code === 'RG001' || (d.code === 'RG003' && d.message.includes('beta'))), after.map((d) => d.message).join('\n'));
  });

  it('never offers to create a file that exists', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    writeFileSync(client.file(BETA_DESIGN), 'mine\n'); // appears on disk, unannounced (as from a git pull)
    const missing = (await pull(client, roadmap)).find((d) => d.code === 'RG001')!;
    const actions = await codeActions(client, roadmap, missing);
    assert.ok(!actions.some((a) => a.title.includes(BETA_DESIGN) && a.title.startsWith('Create')), actions.map((a) => a.title).join(' | '));
    assert.equal(client.read(BETA_DESIGN), 'mine\n');
  });

  it('gives a client without file creation the command path; the server creates the file and links the item', async () => {
    client = await TestClient.start(copyFixture('basic'), EGLOT_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const uri = await client.open(roadmap);
    const diagnostics = await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG001'));
    const missing = diagnostics.find((d) => d.code === 'RG001')!;
    const actions = await codeActions(client, roadmap, missing);
    const create = actions.find((a) => a.title.startsWith('Create design doc'))!;
    assert.equal(create.edit, undefined);
    assert.equal(create.command?.command, 'roadmapGovernance.applyFix');
    const stub = actions.find((a) => a.title.startsWith('Insert Design link stub'))!;
    assert.ok(stub.edit?.changes, 'plain edits go as `changes` to a client without documentChanges');
    const result = (await client.connection.sendRequest('workspace/executeCommand', create.command as Command)) as { applied: boolean; created: string[] };
    assert.deepEqual(result, { applied: true, created: [client.uri(BETA_DESIGN)] });
    assert.match(client.read(BETA_DESIGN), /^# Beta parser - Design\n/);
    // The open roadmap was edited through workspace/applyEdit, not on disk.
    const applied = client.requests.filter((r) => r.method === 'workspace/applyEdit');
    assert.equal(applied.length, 1);
    assert.match(client.text(uri)!, /Beta parser\*\* \(\[Design\]\(\.\.\/plans\/2026-03-01-beta-parser-design\.md\)\)/);
    assert.doesNotMatch(client.read(roadmap), /beta-parser-design/);
    await client.pushedFor(uri, (d) => !d.some((x) => x.code === 'RG001'), 'RG001 gone');
  });

  it('refuses a stale command and never overwrites an existing file', async () => {
    client = await TestClient.start(copyFixture('basic'), EGLOT_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const uri = await client.open(roadmap);
    const missing = (await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG001'))).find((d) => d.code === 'RG001')!;
    const create = (await codeActions(client, roadmap, missing)).find((a) => a.title.startsWith('Create design doc'))!;
    const args = create.command!.arguments![0] as { version: number };
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', { command: create.command!.command, arguments: [{ ...args, version: args.version + 1 }] }),
      /document changed since this fix was offered/,
    );
    writeFileSync(client.file(BETA_DESIGN), 'mine\n');
    // Whether the server's own watch has seen the new file yet decides which refusal comes: the create step's
    // (the file exists), or the recomputed finding's (with the file there, the create fix is no longer offered).
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', create.command as Command),
      /already exists; it was not overwritten|The problem this fix was for is gone; nothing was changed/,
    );
    assert.equal(client.read(BETA_DESIGN), 'mine\n');
    assert.doesNotMatch(client.text(uri)!, /beta-parser-design/);
  });

  it('a push client with resourceOperations (Neovim) gets CreateFile in documentChanges', async () => {
    client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const missing = (await client.pushedFor(client.uri(roadmap), (d) => d.some((x) => x.code === 'RG002'))).find((d) => d.code === 'RG002')!;
    const create = (await codeActions(client, roadmap, missing)).find((a) => a.title.startsWith('Create implementation doc'))!;
    const first = create.edit!.documentChanges![0];
    assert.ok('kind' in first && first.kind === 'create' && first.options?.ignoreIfExists === true);
  });

  it('offers fix-all for a file with its preferred fixes', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const guide = 'docs/guide.md';
    const broken = (await pull(client, guide)).find((d) => d.code === 'RG003')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri(guide) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.roadmapGovernance');
    await client.applyEdit(actions[0].edit!);
    assert.match(client.read(guide), /\[alpha design\]\(plans\/2026-02-20-alpha-design\.md\)/);
    await client.writeOnDisk(guide, client.read(guide));
    const after = await pull(client, guide);
    assert.ok(!after.some((d) => d.code === 'RG003'), `${broken.message} fixed`);
    const quick = await codeActions(client, guide, broken, ['quickfix']);
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });
});

