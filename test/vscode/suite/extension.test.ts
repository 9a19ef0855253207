/**
 * The extension as VS Code runs it, in the extension host, on a copy of
 * `test/vscode/fixtures/workspace` (the runner makes the copy). The tests
 * run in order and build on each other, as a user's session would.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

  it('generates the coverage matrix and reports the coverage figure', async () => {
    // Four items, one of them checked: outside the default link scope, so not counted (as in the CLI's matrix).
    const coverage = await waitFor('coverage of 3 items', async () => {
      const c = await api.refreshCoverage();
      return c && c.totals.items === 3 ? c : undefined;
    });
    assert.equal(coverage.percent, 33);
    const matrix = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('roadmapGovernance.generateCoverageMatrix');
    assert.ok(matrix, 'the command returns the matrix document');
    assert.equal(matrix.languageId, 'markdown');
    assert.match(matrix.getText(), /Webhooks Gateway/);
    assert.match(matrix.getText(), /Noise Suppression/);
    assert.equal(vscode.window.activeTextEditor?.document, matrix);
  });

  it('checks the whole workspace', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number } | undefined>('roadmapGovernance.checkWholeWorkspace');
    assert.ok(summary, 'the command returns a summary');
    assert.ok(summary.files >= 5, `files: ${summary.files}`);
  });

  it('validates .roadmap-governance.json against the contributed schema', async () => {
    const uri = fileUri('.roadmap-governance.json');
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
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
