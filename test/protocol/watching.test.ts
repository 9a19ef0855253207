/**
 * Files changed on disk behind the server's back. A client that cannot watch
 * files for the server (no dynamic registration of didChangeWatchedFiles,
 * like Neovim 0.7) gets the server's own watch; a client that registers
 * watching does not (never both); and an edit that links a file the server
 * does not know makes it look on disk for it at that edit.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { copyFixture, EGLOT_LIKE, NEOVIM_LIKE, TestClient, TODAY, VSCODE_LIKE } from './client';

const ROADMAP = 'docs/project/roadmap.md';
const GAMMA_PLAN = 'docs/plans/2026-02-20-gamma-implementation.md';
const GUIDE = 'docs/guide.md';

const brokenTo = (target: string) => (d: Diagnostic) => d.code === 'RG003' && d.message.includes(`points to ${target},`);

function logs(client: TestClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

const SERVER_WATCHES = /the server watches .* itself/;
const CLIENT_WATCHES = /The client watches the workspace files/;

async function pull(client: TestClient, rel: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri(rel) } })) as DocumentDiagnosticReport;
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

/** What a user reads of a diagnostic: code, line and message. */
const seen = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line} ${x.message}`).sort();

describe('protocol: files changed on disk behind the server', function () {
  let client: TestClient | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const c of cleanups.splice(0)) c();
  });

  describe('a client without watched-file support (Neovim 0.7-like): the server watches', function () {
    it('a plan created on disk clears its RG003 and deleting it brings the RG003 back, with no didChangeWatchedFiles', async () => {
      client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
      const roadmap = client.uri(ROADMAP);
      await client.pushedFor(roadmap, (d) => d.some(brokenTo(GAMMA_PLAN)));
      await client.until(() => logs(client!).some((m) => SERVER_WATCHES.test(m)), 'the server to say it watches');
      assert.ok(!logs(client).some((m) => CLIENT_WATCHES.test(m)));

      writeFileSync(client.file(GAMMA_PLAN), '# Gamma\n\n**Date:** 2026-02-20\n**Status:** Draft\n');
      const after = await client.pushedFor(roadmap, (d) => !d.some(brokenTo(GAMMA_PLAN)), 'the RG003 gone');
      assert.ok(after.some((d) => d.code === 'RG001'), 'the other findings stay');

      rmSync(client.file(GAMMA_PLAN));
      await client.pushedFor(roadmap, (d) => d.some(brokenTo(GAMMA_PLAN)), 'the RG003 back');
    });

    it('a plan created while the watch is still being set up (right at the first diagnostics) is seen too', async () => {
      client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
      const roadmap = client.uri(ROADMAP);
      await client.pushedFor(roadmap, (d) => d.some(brokenTo(GAMMA_PLAN)));
      // No wait for the watch: the scan's listing is compared again once it is set up.
      writeFileSync(client.file(GAMMA_PLAN), '# Gamma\n');
      await client.pushedFor(roadmap, (d) => !d.some(brokenTo(GAMMA_PLAN)), 'the RG003 gone');
    });

    it('sees a changed file: a plan whose content changes on disk is read again', async () => {
      client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
      const guide = client.uri(GUIDE);
      const before = await client.pushedFor(guide, (d) => d.some((x) => x.code === 'RG003'));
      await client.until(() => logs(client!).some((m) => SERVER_WATCHES.test(m)), 'the server to say it watches');
      assert.ok(before.length > 0);
      writeFileSync(client.file(GUIDE), '# Guide\n\nNothing broken here.\n');
      await client.pushedFor(guide, (d) => d.length === 0, 'the guide clean after its change on disk');
    });

    it('finds files in a new folder, and leaves out .gitignored, `ignore`d and symlinked-out folders as the scan does', async () => {
      const root = copyFixture('basic');
      const outside = mkdtempSync(path.join(tmpdir(), 'rg-outside-'));
      cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
      writeFileSync(path.join(root, '.gitignore'), 'drafts/\n');
      mkdirSync(path.join(root, 'drafts'));
      symlinkSync(outside, path.join(root, 'docs/elsewhere'));
      const notes = 'docs/notes.md';
      writeFileSync(
        path.join(root, notes),
        ['# Notes', '', '- [Draft](../drafts/idea.md)', '- [Vendored](../node_modules/pkg/readme.md)', '- [Linked out](elsewhere/away.md)', '- [New area](new-area/topic.md)', ''].join('\n'),
      );
      client = await TestClient.start(root, NEOVIM_LIKE);
      const uri = client.uri(notes);
      const first = await client.pushedFor(uri, (d) => d.filter((x) => x.code === 'RG003').length === 4, 'four broken links');
      await client.until(() => logs(client!).some((m) => SERVER_WATCHES.test(m)), 'the server to say it watches');
      assert.equal(first.length, 4);

      // The ignored ones first: their events (if any were watched) would come no later than the last one's.
      writeFileSync(path.join(root, 'drafts/idea.md'), '# Idea\n');
      mkdirSync(path.join(root, 'node_modules/pkg'), { recursive: true });
      writeFileSync(path.join(root, 'node_modules/pkg/readme.md'), '# Pkg\n');
      writeFileSync(path.join(outside, 'away.md'), '# Away\n');
      mkdirSync(path.join(root, 'docs/new-area'));
      writeFileSync(path.join(root, 'docs/new-area/topic.md'), '# Topic\n');

      const after = await client.pushedFor(uri, (d) => !d.some(brokenTo('docs/new-area/topic.md')), 'the file in the new folder found');
      assert.deepEqual(
        after.filter((d) => d.code === 'RG003').map((d) => d.message.replace(/ Did you mean.*/, '')),
        [
          'Link "../drafts/idea.md" points to drafts/idea.md, which does not exist.',
          'Link "../node_modules/pkg/readme.md" points to node_modules/pkg/readme.md, which does not exist.',
          'Link "elsewhere/away.md" points to docs/elsewhere/away.md, which does not exist.',
        ],
        'what the scan leaves out, the watch leaves out',
      );
    });

    it('stops watching a folder that is removed from the workspace', async () => {
      client = await TestClient.start(copyFixture('basic'), NEOVIM_LIKE);
      await client.until(() => logs(client!).some((m) => SERVER_WATCHES.test(m)), 'the server to say it watches');
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: client.uri(''), name: 'basic' }] } });
      await client.until(() => logs(client!).some((m) => /Stopped watching/.test(m)), 'the server to say it stopped watching');
    });
  });

  describe('a client that registers watching (VS Code-like): the server does not watch', function () {
    it('says so, and a file changed on disk without the client telling stays unseen, while one the client announces is seen', async () => {
      client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
      await client.until(() => logs(client!).some((m) => CLIENT_WATCHES.test(m)), 'the server to say the client watches');
      assert.ok(client.requests.some((r) => r.method === 'client/registerCapability'));
      assert.ok((await pull(client, GUIDE)).some(brokenTo('docs/plans/2026-02-20-alpha-desgn.md')));

      // Behind both backs: nobody tells the server.
      writeFileSync(client.file('docs/plans/2026-02-20-alpha-desgn.md'), '# Typo\n');
      // Announced, as VS Code's watcher does: the pull below is answered after it is applied.
      await client.writeOnDisk(GAMMA_PLAN, '# Gamma\n');
      const roadmapAfter = await pull(client, ROADMAP);
      assert.ok(!roadmapAfter.some(brokenTo(GAMMA_PLAN)), 'the announced file is seen');
      assert.ok((await pull(client, GUIDE)).some(brokenTo('docs/plans/2026-02-20-alpha-desgn.md')), 'the unannounced one is not: the server does not watch');
      assert.ok(!logs(client).some((m) => SERVER_WATCHES.test(m)), 'and never said it watches');
    });
  });

  describe('an edit that links a file the server does not know: looked for on disk at that edit', function () {
    it('the create-doc fix applied by a client that creates the file itself: no RG001 and no RG003 at the very edit', async () => {
      // VS Code-like: the server does not watch, and no didChangeWatchedFiles is sent here.
      client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
      await client.open(ROADMAP);
      const before = await pull(client, ROADMAP);
      const missing = before.find((d) => d.code === 'RG001' && d.message.includes('Beta parser'))!;
      assert.ok(missing, seen(before).join('\n'));
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: client.uri(ROADMAP) },
        range: missing.range,
        context: { diagnostics: [missing] },
      })) as CodeAction[];
      const create = actions.find((a) => a.title.startsWith('Create design doc'))!;
      // Creates the file on disk, writes its content, then edits the open roadmap (didChange).
      await client.applyEdit(create.edit!);
      const after = await pull(client, ROADMAP);
      assert.deepEqual(seen(after), seen(before.filter((d) => d !== missing)), 'the RG001 gone, and nothing new (no RG003 for the new doc)');
    });

    it('a link typed to a file that is on disk but was never announced resolves at that keystroke', async () => {
      client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
      const uri = await client.open(GUIDE);
      await pull(client, GUIDE);
      mkdirSync(client.file('docs/later'));
      writeFileSync(client.file('docs/later/found.md'), '# Found\n');
      await client.change(uri, '# Guide\n\nSee [found](later/found.md) and [lost](later/lost.md).\n');
      const after = await pull(client, GUIDE);
      assert.deepEqual(
        after.filter((d) => d.code === 'RG003').map((d) => d.message),
        ['Link "later/lost.md" points to docs/later/lost.md, which does not exist.'],
      );
    });

    it('the same for a push client that cannot create files (eglot-like): the server creates and links, no false finding', async () => {
      client = await TestClient.start(copyFixture('basic'), EGLOT_LIKE);
      const uri = await client.open(ROADMAP);
      const before = await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG001'));
      const missing = before.find((d) => d.code === 'RG001')!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: missing.range,
        context: { diagnostics: [missing] },
      })) as CodeAction[];
      const create = actions.find((a) => a.title.startsWith('Create design doc'))!;
      await client.connection.sendRequest('workspace/executeCommand', create.command!);
      const expected = seen(before.filter((d) => d !== missing));
      const after = await client.pushedFor(uri, (d) => !d.some((x) => x.code === 'RG001'), 'RG001 gone');
      assert.deepEqual(seen(after), expected, 'nothing new on the roadmap');
      assert.ok(client.read(`docs/plans/${TODAY}-beta-parser-design.md`).startsWith('# Beta parser - Design'));
    });
  });
});
