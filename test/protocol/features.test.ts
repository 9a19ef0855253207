import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionList, DocumentLink, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { copyFixture, EGLOT_LIKE, REPO, TestClient, TODAY, VSCODE_LIKE } from './client';

const ROADMAP = 'docs/project/roadmap.md';
const ALPHA_DESIGN = 'docs/plans/2026-02-20-alpha-design.md';
const ALPHA_IMPL = 'docs/plans/2026-02-20-alpha-implementation.md';
const pos = (line: number, character: number) => ({ line, character });

describe('protocol: initialize, navigation, commands', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('answers initialize with exactly these capabilities (pull client)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    assert.deepEqual(client.initializeResult, {
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['(', '/', '`'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.roadmapGovernance'], resolveProvider: false },
        executeCommandProvider: { commands: ['roadmapGovernance.newDoc', 'roadmapGovernance.coverage', 'roadmapGovernance.writeCoverage', 'roadmapGovernance.checkWorkspace', 'roadmapGovernance.applyFix', 'roadmapGovernance.effectiveConfig', 'roadmapGovernance.initConfig'] },
        diagnosticProvider: { identifier: 'roadmap-governance', interFileDependencies: true, workspaceDiagnostics: true },
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
      },
      serverInfo: { name: 'roadmap-governance', version },
    });
  });

  it('does not announce pull diagnostics to a push-only client', async () => {
    client = await TestClient.start(copyFixture('basic'), EGLOT_LIKE);
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  it('hovers a roadmap item with its design and implementation status and the plans\' Status', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(ROADMAP) }, position: pos(7, 12) })) as Hover;
    assert.deepEqual(hover.contents, {
      kind: 'markdown',
      value: [
        '**[Core] Alpha engine** — Phase 1: Foundations',
        '',
        `- Design: \`${ALPHA_DESIGN}\` — Status: Approved`,
        `- Implementation: \`${ALPHA_IMPL}\` — Status: In Progress`,
      ].join('\n'),
    });
    const beta = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(ROADMAP) }, position: pos(8, 12) })) as Hover;
    assert.match((beta.contents as { value: string }).value, /- Design: missing\n- Implementation: missing/);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(ROADMAP) }, position: pos(0, 2) });
    assert.equal(none, null);
  });

  it('gives document links for labelled code-span paths and relative links', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const links = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri: client.uri(ROADMAP) } })) as DocumentLink[];
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.range.start.character, l.target]),
      [
        [7, 40, client.uri(ALPHA_DESIGN)],
        [7, 95, client.uri(ALPHA_IMPL)],
        [10, 17, client.uri(ALPHA_DESIGN)],
      ],
    );
  });

  it('goes from an item to its plans, from a link to its target heading, and from a plan to the items that link it', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const fromItem = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: client.uri(ROADMAP) }, position: pos(7, 12) })) as Location[];
    assert.deepEqual(fromItem.map((l) => l.uri), [client.uri(ALPHA_DESIGN), client.uri(ALPHA_IMPL)]);
    const fromLink = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: client.uri(ALPHA_IMPL) }, position: pos(8, 12) })) as Location[];
    assert.deepEqual(fromLink, [{ uri: client.uri(ALPHA_DESIGN), range: { start: pos(6, 0), end: pos(6, 9) } }]);
    const refs = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: client.uri(ALPHA_DESIGN) }, position: pos(0, 0), context: { includeDeclaration: false } })) as Location[];
    assert.deepEqual(
      refs.map((l) => [path.relative(client!.root, new URL(l.uri).pathname), l.range.start.line]),
      [
        [ROADMAP, 7],
        [ROADMAP, 9],
        [ALPHA_IMPL, 4],
        [ALPHA_IMPL, 8],
      ],
    );
  });

  it('completes paths inside a link destination and inside a labelled code span', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = await client.open(ROADMAP);
    const text = client.text(uri)!;
    await client.change(uri, `${text}- [ ] **[Docs] Delta** ([Design](../plans/2026-02-20-al\n  - **Plan:** \`docs/plans/2026-02-20-alpha-i\n`);
    const lines = client.text(uri)!.split('\n');
    const linkLine = lines.length - 3;
    const inLink = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(linkLine, lines[linkLine].length) })) as CompletionList;
    assert.deepEqual(
      inLink.items.map((i) => i.label),
      ['../plans/2026-02-20-alpha-design.md', '../plans/2026-02-20-alpha-implementation.md'],
    );
    assert.deepEqual(inLink.items[0].textEdit, { range: { start: pos(linkLine, 33), end: pos(linkLine, lines[linkLine].length) }, newText: '../plans/2026-02-20-alpha-design.md' });
    const codeLine = lines.length - 2;
    const inCode = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(codeLine, lines[codeLine].length) })) as CompletionList;
    assert.deepEqual(inCode.items.map((i) => i.label), [ALPHA_IMPL]);
    const prose = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(0, 3) });
    assert.equal(prose, null);
  });

  it('returns the edits that keep links right when a plan is renamed (willRenameFiles)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const newDesign = 'docs/plans/design/2026-02-20-alpha-engine-design.md';
    const edit = (await client.connection.sendRequest('workspace/willRenameFiles', { files: [{ oldUri: client.uri(ALPHA_DESIGN), newUri: client.uri(newDesign) }] })) as WorkspaceEdit;
    const summary = Object.entries(edit.changes!).map(([uri, edits]) => [path.relative(client!.root, new URL(uri).pathname), edits.map((e) => e.newText).sort()]);
    assert.deepEqual(summary.sort(), [
      [ALPHA_IMPL, ['design/2026-02-20-alpha-engine-design.md#design', newDesign]],
      [ROADMAP, ['../plans/design/2026-02-20-alpha-engine-design.md', newDesign]],
    ].sort());
    await client.applyEdit(edit);
    assert.match(client.read(ROADMAP), /\[Design\]\(\.\.\/plans\/design\/2026-02-20-alpha-engine-design\.md\)/);
  });

  it('rewrites the relative links inside a plan that moves to another folder', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const moved = 'docs/archive/2026-02-20-alpha-implementation.md';
    const edit = (await client.connection.sendRequest('workspace/willRenameFiles', { files: [{ oldUri: client.uri(ALPHA_IMPL), newUri: client.uri(moved) }] })) as WorkspaceEdit;
    const own = edit.changes![client.uri(ALPHA_IMPL)].map((e) => e.newText);
    // `../guide.md` still reaches docs/guide.md from docs/archive/, so it stays as written.
    assert.deepEqual(own, ['../plans/2026-02-20-alpha-design.md#design']);
  });

  it('runs New design doc on the item under the cursor: creates the file from the template and links it', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = await client.open(ROADMAP);
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'roadmapGovernance.newDoc',
      arguments: [{ kind: 'implementation', uri, position: pos(8, 10) }],
    })) as { uri: string; linked: boolean };
    const created = `docs/plans/${TODAY}-beta-parser-implementation.md`;
    assert.deepEqual(result, { uri: client.uri(created), linked: true });
    assert.match(client.read(created), /^# Beta parser - Implementation Plan\n\n\*\*Date:\*\* 2026-03-01\n/);
    assert.match(client.read(created), /\*\*Roadmap Item:\*\* Phase 1 `\[Core\] Beta parser`/);
    assert.match(client.text(uri)!, /Beta parser\*\* \(\[Implementation\]\(\.\.\/plans\/2026-03-01-beta-parser-implementation\.md\)\)/);
  });

  it('runs New decision record from a title, with a safe file name', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'roadmapGovernance.newDoc',
      arguments: [{ kind: 'decision', title: '../../etc/Passwd choice', phase: '2' }],
    })) as { uri: string; linked: boolean };
    assert.deepEqual(result, { uri: client.uri(`docs/plans/${TODAY}-etc-passwd-choice-decision.md`), linked: false });
    assert.match(client.read(`docs/plans/${TODAY}-etc-passwd-choice-decision.md`), /\*\*Roadmap Item:\*\* Phase 2/);
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ kind: 'design' }] }), /Give a title/);
  });

  it('returns the coverage as markdown, as JSON and through the coverage request', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const md = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.coverage', arguments: [{ format: 'markdown' }] })) as { format: string; text: string };
    assert.equal(md.format, 'markdown');
    assert.match(md.text, /## Phase 1: Foundations/);
    assert.match(md.text, /\| \[Core\] Beta parser \| — \| — \| — \| ❌ missing \|/);
    const tree = (await client.connection.sendRequest('roadmapGovernance/coverage', {})) as {
      percent: number;
      totals: unknown;
      folders: { phases: { items: { title: string; plans: { role: string; status?: string }[] }[] }[] }[];
    };
    // Gamma's plan does not exist: its link is shown, but it is no coverage.
    assert.deepEqual(tree.totals, { items: 3, design: 2, implementation: 1, both: 1, missing: 1 });
    assert.equal(tree.percent, 33);
    assert.deepEqual(
      tree.folders[0].phases[0].items.map((i) => [i.title, i.plans.map((p) => `${p.role}:${p.status ?? '-'}`)]),
      [
        ['[Core] Alpha engine', ['design:Approved', 'implementation:In Progress']],
        ['[Core] Beta parser', []],
        ['[Docs] Gamma guide', ['design:Approved', 'implementation:-']],
      ],
    );
    const json = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.coverage', arguments: [{ format: 'json' }] })) as { text: string };
    const data = JSON.parse(json.text);
    assert.equal(data.roadmap, 'docs/project/roadmap.md');
    assert.deepEqual(data.phases[0].items.map((i: { title: string; state: string }) => `${i.title}: ${i.state}`), ['[Core] Alpha engine: both', '[Core] Beta parser: missing', '[Docs] Gamma guide: design-linked']);
    await client.until(() => client!.notifications.find((n) => n.method === 'roadmapGovernance/coverageChanged'), 'a coverage notification');
  });

  it('runs Check whole workspace: rescans the disk and reports the totals', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const before = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.checkWorkspace' })) as { findings: number; folders: number };
    assert.equal(before.folders, 1);
    // A change the server was never told about is found by the rescan.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(client.file('docs/extra.md'), '[x](missing-one.md) [y](missing-two.md)\n');
    const after = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.checkWorkspace' })) as { findings: number };
    assert.equal(after.findings, before.findings + 2);
  });

  it('shows the effective configuration: what was detected, set and switched on, with the reasons', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'roadmapGovernance.effectiveConfig', arguments: [{ uri: client.uri('docs/project/roadmap.md') }] })) as { text: string };
    assert.match(result.text, /^Effective configuration of /);
    assert.match(result.text, /plans +\["docs\/plans\/\*\*\/\*\.md"\]\n +← detected: docs\/plans has \d+ dated plans/);
    assert.match(result.text, /item-links +on +detected: /);
  });
});
