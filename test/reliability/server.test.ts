/**
 * Faults at the protocol level, against the built server (dist/server.js):
 * a stale fix refused, a broken config reported in the config file and a fixed
 * one picked up without a restart, a cancelled long-running request, a killed
 * server whose successor rebuilds its state from disk.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { CancellationTokenSource, type CodeAction, type Command, type Diagnostic, type WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { copyFixture, EGLOT_LIKE, NEOVIM_LIKE, TestClient, VSCODE_LIKE } from '../protocol/client';

const ROADMAP = 'docs/project/roadmap.md';
const BETA_DESIGN = 'docs/plans/2026-03-01-beta-parser-design.md';
const codes = (d: Diagnostic[]) => d.map((x) => x.code);

describe('reliability: server faults', function () {
  this.timeout(60_000);
  const clients: TestClient[] = [];
  const start = async (...args: Parameters<typeof TestClient.start>) => {
    const c = await TestClient.start(...args);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });

  it('refuses a fix computed against a closed file that changed on disk since, and creates nothing', async () => {
    const client = await start(copyFixture('basic'), EGLOT_LIKE);
    const uri = client.uri(ROADMAP);
    const missing = (await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG001'))).find((d) => d.code === 'RG001')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const create = actions.find((a) => a.title.startsWith('Create design doc'))!;
    assert.equal(create.command?.command, 'roadmapGovernance.applyFix');
    // Someone edits the roadmap on disk; no watcher event reaches the server.
    const changed = '<!-- edited elsewhere -->\n' + client.read(ROADMAP);
    writeFileSync(client.file(ROADMAP), changed);
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', create.command as Command), /changed on disk since this fix was computed/);
    assert.equal(client.read(ROADMAP), changed, 'the newer text is kept as it is');
    assert.ok(!existsSync(client.file(BETA_DESIGN)), 'no half-done fix: the doc was not created');
  });

  it('a broken config on disk is one finding in the config file, the checks go on, and the fixed config is picked up without a restart', async () => {
    const dir = copyFixture('basic');
    writeFileSync(`${dir}/.roadmap-governance.json`, '{ "roadmap": "docs/project/roadmap.md", "plans": [42], }');
    const client = await start(dir, NEOVIM_LIKE);
    const config = client.uri('.roadmap-governance.json');
    const broken = await client.pushedFor(config, (d) => d.length > 0);
    assert.deepEqual(codes(broken), ['RG900']);
    assert.match(broken[0].message, /not valid JSON/);
    // The other checks still ran, with the defaults.
    await client.pushedFor(client.uri('docs/guide.md'), (d) => codes(d).includes('RG003'));
    await client.writeOnDisk('.roadmap-governance.json', '{ "roadmap": "docs/project/nope.md", "plans": ["docs/plans/**/*.md", "nothing/**/*.md"] }\n');
    const paths = await client.pushedFor(config, (d) => d.length === 2 && d.every((x) => !/JSON/.test(x.message)), 'the path problems of the new config');
    const messages = paths.map((d) => d.message);
    assert.ok(messages.includes('The glob "nothing/**/*.md" in "plans" matches no file.'), messages.join(' | '));
    assert.ok(messages.some((m) => m.startsWith('The roadmap "docs/project/nope.md" does not exist')), messages.join(' | '));
    await client.writeOnDisk('.roadmap-governance.json', '{ "roadmap": "docs/project/roadmap.md" }\n');
    await client.pushedFor(config, (d) => d.length === 0, 'no finding for the fixed config');
    await client.pushedFor(client.uri(ROADMAP), (d) => codes(d).includes('RG001'));
  });

  it('a cancelled workspace diagnostic request stops waiting and answers at once', async () => {
    const client = await start(copyFixture('basic'), VSCODE_LIKE);
    const first = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    // Nothing changed: the server holds this request open (a long-running pull) until cancelled.
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('workspace/diagnostic', { previousResultIds }, source.token) as Promise<WorkspaceDiagnosticReport>;
    // Cancelled at once: the $/cancelRequest may reach the server before the request is dispatched.
    source.cancel();
    const answer = await pending.then(
      (r) => r,
      (e: Error) => e,
    );
    // Either an empty report or the RequestCancelled error: both stop the work.
    if (answer instanceof Error) assert.match(String((answer as { code?: number }).code), /-32800/);
    else assert.deepEqual(answer, { items: [] });
    // The server is still healthy.
    const again = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    assert.ok(again.items.length > 0);
  });

  it('a server killed mid-session is replaced by a fresh one that rebuilds its state from disk', async () => {
    const dir = copyFixture('basic');
    const first = await start(dir, NEOVIM_LIKE);
    const guide = first.uri('docs/guide.md');
    await first.pushedFor(guide, (d) => codes(d).includes('RG003'));
    // The test client keeps its process private; a crash is a SIGKILL from outside.
    (first as unknown as { proc: { kill(signal: string): void } }).proc.kill('SIGKILL');
    await first.until(() => first.exited, 'the killed server to exit');
    // While no server runs, the guide is fixed on disk (as after a git pull).
    writeFileSync(first.file('docs/guide.md'), '# Guide\n\nNothing broken.\n');
    const second = await start(dir, NEOVIM_LIKE);
    await second.pushedFor(second.uri(ROADMAP), (d) => codes(d).includes('RG001'), 'the roadmap findings, rebuilt');
    assert.ok(!codes(second.pushed.get(guide) ?? []).includes('RG003'), 'the guide is read anew from disk');
    assert.equal(readFileSync(second.file('docs/guide.md'), 'utf8'), '# Guide\n\nNothing broken.\n');
  });

  it('the VS Code client keeps the language client\'s default restart-on-crash behaviour (no errorHandler that gives up)', () => {
    const source = readFileSync(`${__dirname}/../../client/languageClient.ts`, 'utf8');
    assert.doesNotMatch(source, /errorHandler|CloseAction\.DoNotRestart/);
  });
});
