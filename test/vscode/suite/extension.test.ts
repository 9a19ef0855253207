/**
 * The extension as VS Code runs it, in the extension host, on a copy of
 * `test/vscode/fixtures/workspace` (the runner makes the copy). The tests
 * run in order and build on each other, as a user's session would.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'roadmap-governance.roadmap-governance';
const ROADMAP = 'docs/project/roadmap.md';

interface Api {
  refreshCoverage(): Promise<{ percent: number | null; totals: { items: number; both: number } } | undefined>;
  isRunning(): boolean;
}

function folder(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders;
  assert.ok(folders?.length, 'the tests run with the fixture workspace open');
  return folders[0].uri;
}

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), relative);
}

/** Polls `probe` until it returns a value other than undefined/false; fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function diagnosticFor(uri: vscode.Uri, code: string, itemTitle: string): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code && d.message.includes(itemTitle));
}

/** How many diagnostics of ours the Problems panel holds, over every file. */
function ourDiagnosticCount(): number {
  return vscode.languages.getDiagnostics().reduce((n, [, list]) => n + list.filter((d) => d.source === 'roadmap-governance').length, 0);
}

/** Resolves once our diagnostic count has not changed for `quietMs`. */
async function diagnosticsSettled(quietMs = 1500): Promise<number> {
  let count = ourDiagnosticCount();
  let since = Date.now();
  return waitFor('the diagnostics to settle', () => {
    const now = ourDiagnosticCount();
    if (now !== count) {
      count = now;
      since = Date.now();
    }
    return Date.now() - since >= quietMs ? count : undefined;
  });
}

/** Replaces the whole text of an open document and saves it. */
async function replaceAndSave(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await document.save(), `${document.uri.path} saved`);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

describe('Roadmap Governance in VS Code', function () {
  this.timeout(90_000);
  let api: Api;

  it('activates and starts the language server', async () => {
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    api = await extension.activate();
    assert.equal(api.isRunning(), true);
  });

  it('reports missing links in the roadmap without opening it', async () => {
    const roadmap = fileUri(ROADMAP);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === roadmap.toString()), 'the roadmap is not open');
    const missingDesign = await waitFor('RG001 on "Noise Suppression"', () => diagnosticFor(roadmap, 'RG001', 'Noise Suppression'));
    assert.equal(missingDesign.range.start.line, 12);
    assert.equal(missingDesign.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(diagnosticFor(roadmap, 'RG002', 'Noise Suppression'), 'RG002 on the same item');
    assert.ok(diagnosticFor(roadmap, 'RG001', 'Saved Searches'), 'RG001 on "Saved Searches"');
    // The linked item has no finding.
    assert.equal(
      vscode.languages.getDiagnostics(roadmap).filter((d) => d.message.includes('Webhooks Gateway')).length,
      0,
    );
  });

  it('applies the link-stub quick fix', async () => {
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const diagnostic = await waitFor('RG001 on the open roadmap', () => diagnosticFor(roadmap, 'RG001', 'Noise Suppression'));
    const stub = await waitFor('an "Insert Design link stub" code action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', roadmap, diagnostic.range);
      return actions?.find((a) => /^Insert Design link stub/.test(a.title));
    });
    assert.ok(stub.edit, 'the stub fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(stub.edit));
    if (stub.command) await vscode.commands.executeCommand(stub.command.command, ...(stub.command.arguments ?? []));
    const line = document.lineAt(12).text;
    assert.match(line, /Noise Suppression/);
    assert.match(line, /Design/);
    // Only that line changed.
    const beforeLines = before.split('\n');
    const afterLines = document.getText().split('\n');
    assert.equal(afterLines.length, beforeLines.length);
    assert.deepEqual(afterLines.filter((_, i) => i !== 12), beforeLines.filter((_, i) => i !== 12));
    await waitFor('RG001 on "Noise Suppression" to go away', () => !diagnosticFor(roadmap, 'RG001', 'Noise Suppression'));
    assert.ok(diagnosticFor(roadmap, 'RG002', 'Noise Suppression'), 'the implementation link is still missing');
    await document.save();
  });

  it('creates a design doc for the item under the cursor with "New design doc"', async () => {
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l.includes('Saved Searches'));
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 10, line, 10);
    await api.refreshCoverage();
    const result = await vscode.commands.executeCommand<{ uri: string; linked: boolean } | undefined>('roadmapGovernance.newDesignDoc');
    assert.ok(result, 'the command returns the created document');
    const created = vscode.Uri.parse(result.uri);
    assert.match(created.path, /\/docs\/plans\/\d{4}-\d{2}-\d{2}-saved-searches-design\.md$/);
    await waitFor('the design doc on disk', () => existsSync(created.fsPath));
    assert.match(readFileSync(created.fsPath, 'utf8'), /^# Saved Searches/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created.toString(), 'the new doc is opened');
    await waitFor('RG001 on "Saved Searches" to go away', () => !diagnosticFor(roadmap, 'RG001', 'Saved Searches'));
  });

  it('opens the doc that the "Create … doc and link it" quick fix creates, as the command does', async () => {
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('RG002 on "Noise Suppression"', () => diagnosticFor(roadmap, 'RG002', 'Noise Suppression'));
    const create = await waitFor('a "Create implementation doc … and link it" code action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', roadmap, diagnostic.range);
      return actions?.find((a) => /^Create implementation doc .* and link it$/.test(a.title));
    });
    // What VS Code does with the action: apply its edit, then run its command.
    assert.ok(create.edit && create.command, 'the fix has an edit and a follow-up command');
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    const opened = vscode.window.activeTextEditor?.document;
    assert.ok(opened, 'an editor is active');
    assert.match(opened.uri.path, /\/docs\/plans\/\d{4}-\d{2}-\d{2}-noise-suppression-implementation\.md$/);
    assert.match(opened.getText(), /Noise Suppression/);
    await vscode.workspace.saveAll();
    await waitFor('RG002 on "Noise Suppression" to go away', () => !diagnosticFor(roadmap, 'RG002', 'Noise Suppression'));
  });

  it('"New design doc" on an item that has one creates nothing until the user agrees (the server\'s answer)', async () => {
    // The modal question itself is driven in the workbench (test/e2e/code-server/run.mjs).
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    const line = document.getText().split('\n').findIndex((l) => l.includes('Webhooks Gateway'));
    const before = document.getText();
    const result = await vscode.commands.executeCommand<{ uri?: string; existing?: { item: string; paths: string[] } }>('roadmapGovernance.newDoc', {
      kind: 'design',
      uri: roadmap.toString(),
      position: { line, character: 10 },
    });
    assert.deepEqual(result, { linked: false, existing: { item: '[Ecosystem] Webhooks Gateway', paths: ['docs/plans/2026-02-20-webhooks-gateway-design.md'] } });
    assert.equal(document.getText(), before, 'no second link');
  });

  it('writes the coverage matrix to docs/project/roadmap-coverage-matrix.md and opens its preview, with the chart drawn', async () => {
    // Four items, one of them checked: outside the default link scope, so not counted (as in the CLI's matrix).
    const coverage = await waitFor('coverage of 3 items', async () => {
      const c = await api.refreshCoverage();
      return c && c.totals.items === 3 ? c : undefined;
    });
    // Webhooks Gateway links both; Noise Suppression's design link points at a file that does not exist (no coverage).
    assert.equal(coverage.percent, 33);
    const result = await vscode.commands.executeCommand<{ status: string; uri: string; path: string } | undefined>('roadmapGovernance.generateCoverageMatrix');
    assert.ok(result, 'the command returns what it wrote');
    assert.equal(result.status, 'written');
    assert.equal(result.path, 'docs/project/roadmap-coverage-matrix.md');
    const file = fileUri(result.path);
    const text = readFileSync(file.fsPath, 'utf8');
    assert.match(text, /^<!-- generated by roadmap-governance coverage: edits here are overwritten -->\n/);
    assert.match(text, /Webhooks Gateway/);
    assert.match(text, /Noise Suppression/);
    const preview = await waitFor('the markdown preview of the matrix', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes('roadmap-coverage-matrix.md')),
    );
    assert.ok(preview.isActive, 'the preview is the active tab');
    // What the preview renders: our markdown-it plugin turns the mermaid pie into SVG.
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
    assert.match(html, /<svg role="img" aria-label="Roadmap items by link coverage"/);
    assert.match(html, />Design and implementation \[1\]</);
    // Saved Searches has its design doc only, Noise Suppression its implementation plan only.
    assert.match(html, />Design only \[1\]</);
    assert.match(html, />Implementation only \[1\]</);
    assert.ok(!/<code class="language-mermaid"/.test(html), 'no mermaid source left as code');
    // Its own file is overwritten without a question.
    const again = await vscode.commands.executeCommand<{ status: string } | undefined>('roadmapGovernance.generateCoverageMatrix');
    assert.equal(again?.status, 'written');
  });

  it('checks the whole workspace and counts every finding, info included', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; errors: number; warnings: number; info: number } | undefined>('roadmapGovernance.checkWholeWorkspace');
    assert.ok(summary, 'the command returns a summary');
    assert.ok(summary.files >= 5, `files: ${summary.files}`);
    // The new design doc for "Saved Searches" has no implementation plan yet: an info finding (RG008).
    assert.ok(summary.info >= 1, `info: ${summary.info}`);
    assert.equal(summary.findings, summary.errors + summary.warnings + summary.info);
  });

  it('offers path completion in a link once (VS Code\'s own), and ours in a labelled code span', async () => {
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    const editor = await vscode.window.showTextDocument(document);
    const original = document.getText();
    const end = document.lineCount - 1;
    await editor.edit((b) => b.insert(new vscode.Position(end, 0), 'See [the gateway](../plans/\n  - **Design:** `docs/plans/\n'));
    const inLink = new vscode.Position(end, 'See [the gateway](../plans/'.length);
    // VS Code's markdown language server answers once it has started: its items are file names.
    const items = await waitFor('VS Code\'s own path completion in the link', async () => {
      const list = await completionsAt(roadmap, inLink);
      return list.some((i) => labelOf(i) === '2026-02-20-webhooks-gateway-design.md') ? list : undefined;
    });
    assert.deepEqual(items.map(labelOf).filter((l) => l.endsWith('webhooks-gateway-design.md')), ['2026-02-20-webhooks-gateway-design.md'], 'each file once');
    const inCodeSpan = await completionsAt(roadmap, new vscode.Position(end + 1, '  - **Design:** `docs/plans/'.length));
    assert.deepEqual(inCodeSpan.map(labelOf).filter((l) => l.endsWith('webhooks-gateway-design.md')), ['docs/plans/2026-02-20-webhooks-gateway-design.md']);
    // Back as it was (not with the revert command: it may finish during the next test's edits).
    await replaceAndSave(document, original);
  });

  it('shows no RG003 on a link while it is being typed, and shows it once typing pauses', async () => {
    const roadmap = fileUri(ROADMAP);
    const document = await vscode.workspace.openTextDocument(roadmap);
    const editor = await vscode.window.showTextDocument(document);
    const original = document.getText();
    const line = document.lineCount - 1;
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), 'See [the spec]()'));
    let cursor = new vscode.Position(line, 'See [the spec]('.length);
    const typed: number[] = [];
    const shown: number[] = [];
    const watch = setInterval(() => {
      if (vscode.languages.getDiagnostics(roadmap).some((d) => codeOf(d) === 'RG003' && d.range.start.line === line)) shown.push(Date.now());
    }, 10);
    try {
      for (const ch of '../plans/2026-02-20-webhooks') {
        await editor.edit((b) => b.insert(cursor, ch), { undoStopBefore: false, undoStopAfter: false });
        typed.push(Date.now());
        cursor = cursor.translate(0, 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Typing pauses (the server's pause is 300 ms): the link is still broken, so it is reported.
      await waitFor('RG003 on the typed link after the pause', () => diagnosticFor(roadmap, 'RG003', '2026-02-20-webhooks')).catch((error: Error) => {
        const shownNow = vscode.languages.getDiagnostics(roadmap).map((d) => `${codeOf(d)}@${d.range.start.line}: ${d.message}`);
        throw new Error(`${error.message}; line ${line}: ${JSON.stringify(document.lineAt(line).text)}; version ${document.version}; diagnostics: ${shownNow.join(' | ')}`);
      });
    } finally {
      clearInterval(watch);
    }
    // Shown only after a pause: no keystroke in the 250 ms before, or the keystroke just after a pause
    // (a slow machine may pause mid-word; what the pause showed stays until the next check answers).
    const early = shown.filter((t) => {
      const k = typed.filter((at) => at <= t).length - 1;
      return k >= 1 && t - typed[k] < 250 && typed[k] - typed[k - 1] < 250;
    });
    const gaps = typed.slice(1).map((t, i) => t - typed[i]);
    assert.equal(early.length, 0, `RG003 shown while typing (${early.length} of ${shown.length} samples; gaps between keystrokes ${gaps.join(' ')} ms)`);
    await replaceAndSave(document, original);
  });

  it('keeps the Problems panel as it was while the server restarts', async () => {
    const before = await diagnosticsSettled();
    const describe = () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'roadmap-governance').map((d) => `${uri.path.split('/').pop()}:${d.range.start.line} ${codeOf(d)}`)).sort();
    const beforeList = describe();
    assert.ok(before > 0, 'there are diagnostics to keep');
    const counts: number[] = [];
    const listener = vscode.languages.onDidChangeDiagnostics(() => counts.push(ourDiagnosticCount()));
    const sampler = setInterval(() => counts.push(ourDiagnosticCount()), 5);
    try {
      await vscode.commands.executeCommand('roadmapGovernance.restartServer');
      await waitFor('the new server', () => api.isRunning());
      const after = await diagnosticsSettled();
      if (after !== before) assert.fail(`after the restart ${after}, before ${before}: gone ${beforeList.filter((d) => !describe().includes(d)).join(', ')}; new ${describe().filter((d) => !beforeList.includes(d)).join(', ')}`);
    } finally {
      clearInterval(sampler);
      listener.dispose();
    }
    assert.deepEqual([...new Set(counts)], [before], 'the count never changed (no 0, no partial report)');
    assert.ok(diagnosticFor(fileUri(ROADMAP), 'RG001', 'Noise Suppression') === undefined && diagnosticFor(fileUri(ROADMAP), 'RG003', 'noise-suppression-design'), 'the new server\'s findings');
  });

  it('validates .roadmap-governance.json against the contributed schema', async () => {
    const uri = fileUri('.roadmap-governance.json');
    const original = readFileSync(uri.fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), '{\n  "linkScope": { "phases": 5 }\n}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // VS Code's JSON language features report it from the schema (our server reports it too, as RG900).
    const fromSchema = await waitFor('a JSON schema diagnostic on "phases"', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'roadmap-governance' && d.range.start.line === 1),
    );
    assert.match(fromSchema.message, /array/i);
    await replaceAndSave(document, original);
  });

  it('reports a required file that is missing in the config file, with a fix that creates it', async () => {
    const uri = fileUri('.roadmap-governance.json');
    const original = readFileSync(uri.fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await replaceAndSave(document, '{\n  "lifecycle": { "registry": "docs/plans/REGISTRY.md" },\n  "conventions": { "lifecycleRegistry": "on" }\n}\n');
    const missing = await waitFor('RG022 in the config file', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'RG022'));
    assert.equal(missing.message, 'Missing required file: docs/plans/REGISTRY.md (the plan lifecycle registry).');
    assert.deepEqual([missing.range.start.line, missing.range.start.character], [2, 19], 'on "lifecycleRegistry"');
    const create = await waitFor('the "Create docs/plans/REGISTRY.md" light bulb', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range);
      return actions?.find((a) => a.title === 'Create docs/plans/REGISTRY.md');
    });
    assert.ok(create.edit && (await vscode.workspace.applyEdit(create.edit)));
    if (create.command) await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    await vscode.workspace.saveAll();
    assert.match(readFileSync(fileUri('docs/plans/REGISTRY.md').fsPath, 'utf8'), /^# Plan Lifecycle Registry/);
    await waitFor('RG022 to go away', () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'RG022'));
    await replaceAndSave(await vscode.workspace.openTextDocument(uri), original);
  });

  it('stops applying a config file that is deleted while its tab is open', async () => {
    const uri = fileUri('.roadmap-governance.json');
    const roadmap = fileUri(ROADMAP);
    const original = readFileSync(uri.fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const hasRG002 = () => vscode.languages.getDiagnostics(roadmap).some((d) => codeOf(d) === 'RG002');
    await waitFor('an RG002 in the roadmap', hasRG002);
    await replaceAndSave(document, '{ "rules": { "RG002": "off" } }\n');
    await waitFor('RG002 switched off by the config', () => !hasRG002());
    await vscode.workspace.fs.delete(uri);
    assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the tab keeps the deleted file open');
    await waitFor('RG002 back: the deleted config no longer applies', hasRG002);
    writeFileSync(uri.fsPath, original);
    await waitFor('the config file back on disk', () => existsSync(uri.fsPath));
  });
});
