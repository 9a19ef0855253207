/**
 * Code-span paths count as references everywhere: RG007 counts them, Find
 * References lists them, and a rename (workspace/willRenameFiles) rewrites
 * them in their own style, so that after the move no finding appears.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Location, WorkspaceDiagnosticReport, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { copyFixture, TestClient, VSCODE_LIKE } from './client';

const ROADMAP = 'docs/project/roadmap.md';
const ALPHA_DESIGN = 'docs/plans/2026-02-20-alpha-design.md';
const ALPHA_IMPL = 'docs/plans/2026-02-20-alpha-implementation.md';
const SEARCH = 'docs/plans/2026-01-10-search-design.md';
const pos = (line: number, character: number) => ({ line, character });

/** The basic fixture, plus a plan that only code spans name: root-relative in the roadmap, relative in a plan. */
function workspace(): string {
  const root = copyFixture('basic');
  writeFileSync(path.join(root, SEARCH), '# Search design\n\n**Date:** 2026-01-10\n**Status:** Draft\n\nBuilds on `2026-02-20-alpha-design.md`.\n');
  appendFileSync(path.join(root, ROADMAP), '\nSearch is sketched in `docs/plans/2026-01-10-search-design.md`.\n');
  appendFileSync(path.join(root, ALPHA_IMPL), '\nSee also `2026-01-10-search-design.md#goals`.\n');
  return root;
}

describe('protocol: code-span paths are references', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const lineOf = (c: TestClient, rel: string, needle: string) => c.read(rel).split('\n').findIndex((l) => l.includes(needle));
  const where = (c: TestClient, refs: Location[]) => refs.map((l) => [path.relative(c.root, new URL(l.uri).pathname), l.range.start.line, l.range.start.character, l.range.end.character]);
  const references = (c: TestClient, rel: string, line: number, character: number) =>
    c.connection.sendRequest('textDocument/references', { textDocument: { uri: c.uri(rel) }, position: pos(line, character), context: { includeDeclaration: false } }) as Promise<Location[]>;

  it("lists the code-span mentions of a plan from its H1, and from a link to it or a mention of it", async () => {
    client = await TestClient.start(workspace(), VSCODE_LIKE);
    const roadmapLine = lineOf(client, ROADMAP, 'Search is sketched');
    const implLine = lineOf(client, ALPHA_IMPL, 'See also');
    const mentions = [
      [ROADMAP, roadmapLine, 23, 23 + SEARCH.length],
      [ALPHA_IMPL, implLine, 10, 10 + '2026-01-10-search-design.md'.length],
    ];
    assert.deepEqual(where(client, await references(client, SEARCH, 0, 3)), mentions, 'from the H1');
    assert.deepEqual(where(client, await references(client, ALPHA_IMPL, implLine, 15)), mentions, 'from a mention of it');
    // From a link to the alpha design (the roadmap's first item): its links, and the search plan's code-span mention.
    const fromLink = where(client, await references(client, ROADMAP, 7, 40));
    assert.deepEqual(fromLink.map(([p, l]) => [p, l]), [
      [ROADMAP, 7],
      [ROADMAP, 9],
      [SEARCH, 5],
      [ALPHA_IMPL, 4],
      [ALPHA_IMPL, 8],
    ]);
  });

  it('rewrites code-span mentions on willRenameFiles, root-relative as root-relative: after the move, no RG003 nor RG007', async () => {
    client = await TestClient.start(workspace(), VSCODE_LIKE);
    const findings = async () => {
      const report = (await client!.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
      return report.items.flatMap((i) => (i.kind === 'full' ? i.items.map((d) => `${path.relative(client!.root, new URL(i.uri).pathname)} ${d.code}`) : []));
    };
    const before = await findings();
    assert.ok(!before.some((f) => / RG00[37]$/.test(f) && f.includes('search')), `nothing about the search plan before: ${before.join(', ')}`);
    assert.ok(!before.includes(`${SEARCH} RG007`));
    const moved = 'docs/plans/search/2026-01-10-search-design.md';
    const edit = (await client.connection.sendRequest('workspace/willRenameFiles', { files: [{ oldUri: client.uri(SEARCH), newUri: client.uri(moved) }] })) as WorkspaceEdit;
    const summary = Object.entries(edit.changes ?? {}).map(([uri, edits]) => [path.relative(client!.root, new URL(uri).pathname), edits.map((e) => e.newText).sort()]);
    assert.deepEqual(summary.sort(), [
      [ALPHA_IMPL, ['search/2026-01-10-search-design.md']],
      // The moved plan's own relative mention follows it, one folder down.
      [SEARCH, ['../2026-02-20-alpha-design.md']],
      [ROADMAP, [moved]],
    ].sort());
    // As VS Code does: the edit, then the move on disk, then the watcher's events.
    await client.applyEdit(edit);
    mkdirSync(client.file('docs/plans/search'));
    renameSync(client.file(SEARCH), client.file(moved));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: client.uri(SEARCH), type: 3 },
        { uri: client.uri(moved), type: 1 },
        ...[ROADMAP, ALPHA_IMPL].map((rel) => ({ uri: client!.uri(rel), type: 2 })),
      ],
    });
    assert.match(client.read(ROADMAP), /sketched in `docs\/plans\/search\/2026-01-10-search-design\.md`\./);
    assert.match(client.read(ALPHA_IMPL), /See also `search\/2026-01-10-search-design\.md#goals`\./);
    assert.match(client.read(moved), /Builds on `\.\.\/2026-02-20-alpha-design\.md`\./);
    const after = await findings();
    assert.ok(!after.some((f) => / RG00[37]$/.test(f) && !before.includes(f)), `no new RG003 / RG007: ${after.filter((f) => !before.includes(f)).join(', ')}`);
    assert.deepEqual(after.filter((f) => !f.startsWith(moved)).sort(), before.filter((f) => !f.startsWith(SEARCH)).sort(), 'the other files as before');
  });
});
