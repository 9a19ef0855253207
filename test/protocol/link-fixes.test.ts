/**
 * Two fixes the engine prefers, through the protocol: RG003's one fix with an
 * edit per link written from the repository root (as a quick fix and in
 * fix-all, for clients with and without documentChanges), and RG001's link to
 * the design doc that already exists.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { copyFixture, EGLOT_LIKE, TestClient, VSCODE_LIKE } from './client';

const NOTES = 'docs/notes.md';
const notes = [
  '# Notes',
  '',
  'Start with the [alpha design](docs/plans/2026-02-20-alpha-design.md#design),',
  'then the [alpha plan](docs/plans/2026-02-20-alpha-implementation.md) and the [roadmap](docs/project/roadmap.md).',
  '',
].join('\n');

function workspace(): string {
  const root = copyFixture('basic');
  writeFileSync(path.join(root, NOTES), notes);
  return root;
}

async function pull(client: TestClient, rel: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: client.uri(rel) } })) as DocumentDiagnosticReport;
  return report.kind === 'full' ? report.items : [];
}

const rewritten = notes.replace('](docs/plans/2026-02-20-alpha-design', '](plans/2026-02-20-alpha-design').replace('](docs/plans/2026-02-20-alpha-impl', '](plans/2026-02-20-alpha-impl').replace('](docs/project/', '](project/');

describe('protocol: the fix for links written from the repository root', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('one diagnostic on the first link; its preferred quick fix edits all three links of the open document', async () => {
    client = await TestClient.start(workspace(), VSCODE_LIKE);
    const uri = await client.open(NOTES);
    const diagnostics = (await pull(client, NOTES)).filter((d) => d.code === 'RG003');
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    const [finding] = diagnostics;
    assert.equal(finding.range.start.line, 2);
    assert.match(finding.message, /^3 links in this file are written from the repository root \(docs\/…\) but GitHub resolves them from docs\//);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Rewrite the 3 links relative to docs/')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    const changes = fix.edit!.documentChanges!;
    assert.equal(changes.length, 1);
    assert.ok('edits' in changes[0] && changes[0].edits.length === 3);
    await client.applyEdit(fix.edit!);
    assert.equal(client.text(uri), rewritten);
    assert.deepEqual((await pull(client, NOTES)).filter((d) => d.code === 'RG003'), []);
  });

  it('fix-all takes the whole fix; a client without documentChanges gets the same edits as `changes`', async () => {
    client = await TestClient.start(workspace(), EGLOT_LIKE);
    const uri = await client.open(NOTES);
    await client.pushedFor(uri, (d) => d.some((x) => x.code === 'RG003'));
    const all = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(all.length, 1);
    const edits = all[0].edit!.changes![uri];
    assert.equal(edits.length, 3);
    await client.applyEdit(all[0].edit!);
    assert.equal(client.text(uri), rewritten);
    await client.pushedFor(uri, (d) => !d.some((x) => x.code === 'RG003'), 'RG003 gone');
  });
});

describe('protocol: linking the design that already exists', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('RG001 names it; the preferred quick fix links it and the finding goes', async () => {
    const root = copyFixture('basic');
    const design = 'docs/plans/2026-02-21-beta-parser-design.md';
    writeFileSync(path.join(root, design), '# Beta Parser — Design\n\n**Date:** 2026-02-21\n**Status:** Draft\n');
    client = await TestClient.start(root, VSCODE_LIKE);
    const roadmap = 'docs/project/roadmap.md';
    const uri = await client.open(roadmap);
    const missing = (await pull(client, roadmap)).find((d) => d.code === 'RG001')!;
    assert.match(missing.message, /"\[Core\] Beta parser" has no design doc link; docs\/plans\/2026-02-21-beta-parser-design\.md looks like it: link it\?$/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    })) as CodeAction[];
    const link = actions.find((a) => a.isPreferred)!;
    assert.equal(link.title, `Link ${design} as the design doc`);
    await client.applyEdit(link.edit!);
    assert.match(client.text(uri)!, /- \[ \] \*\*\[Core\] Beta parser\*\* \(\[Design\]\(\.\.\/plans\/2026-02-21-beta-parser-design\.md\)\)/);
    assert.ok(!(await pull(client, roadmap)).some((d) => d.code === 'RG001' && d.message.includes('Beta parser')));
  });
});
