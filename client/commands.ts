/**
 * Every command of the extension, as small factories wired in one place.
 * The work is done by the server (`workspace/executeCommand`); these only
 * gather arguments, show results and open files.
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient, ExecuteCommandRequest } from 'vscode-languageclient';
import { type CheckSummary, Commands, type CoverageResult, type EffectiveConfigResult, type InitConfigResult, type NewDocArgs, type NewDocKind, type NewDocResult, type WriteCoverageResult } from '../server/shared/protocol';
import { type CoverageTree, OPEN_ENTRY_COMMAND, openCoverageEntry, VIEW_ID } from './coverage';
import { OPEN_CREATED_COMMAND } from './languageClient';

export interface CommandHost {
  /** The running client, or undefined when the server is off. */
  client(): BaseLanguageClient | undefined;
  restart(): Promise<void>;
  coverage: CoverageTree;
}

type Handler = (...args: unknown[]) => unknown;

const DOC_LABELS: Record<NewDocKind, string> = { design: 'design doc', implementation: 'implementation plan', decision: 'decision record' };

export function createCommands(host: CommandHost): Record<string, Handler> {
  return {
    'roadmapGovernance.newDesignDoc': newDoc(host, 'design'),
    'roadmapGovernance.newImplementationPlan': newDoc(host, 'implementation'),
    'roadmapGovernance.newDecisionRecord': newDoc(host, 'decision'),
    'roadmapGovernance.generateCoverageMatrix': generateCoverageMatrix(host),
    'roadmapGovernance.checkWholeWorkspace': checkWholeWorkspace(host),
    'roadmapGovernance.showEffectiveConfig': showEffectiveConfig(host),
    'roadmapGovernance.writeConfig': writeConfig(host),
    'roadmapGovernance.restartServer': () => host.restart(),
    'roadmapGovernance.showCoverage': () => vscode.commands.executeCommand(`${VIEW_ID}.focus`),
    'roadmapGovernance.refreshCoverage': () => host.coverage.refresh(),
    [OPEN_ENTRY_COMMAND]: (uri, range) => openCoverageEntry(uri as string, range as Parameters<typeof openCoverageEntry>[1]),
    [OPEN_CREATED_COMMAND]: (uris) => openCreated(uris as string[]),
  };
}

async function executeOnServer<T>(host: CommandHost, command: string, args: unknown[]): Promise<T> {
  const client = host.client();
  if (!client) throw new Error('The Roadmap Governance server is not running (see the setting roadmapGovernance.enable).');
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
}

/** Shows a command's failure where the user looks, and logs it; returns undefined. */
async function reportFailure(what: string, error: unknown): Promise<undefined> {
  const message = error instanceof Error ? error.message : String(error);
  void vscode.window.showErrorMessage(`Roadmap Governance: ${what} failed: ${message}`);
  return undefined;
}

/** After a quick fix that created documents: shows them, as "New design doc" does. */
async function openCreated(uris: string[]): Promise<void> {
  for (const uri of uris) await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: false });
}

function newDoc(host: CommandHost, kind: NewDocKind): Handler {
  return async () => {
    try {
      const args = await newDocArgs(host, kind);
      if (!args) return undefined;
      let result = await executeOnServer<NewDocResult>(host, Commands.newDoc, [args]);
      if (result.existing) {
        // The item already links a doc of this kind: a second one only when the user says so.
        const paths = result.existing.paths.join(', ');
        const another = 'Create Another';
        const choice = await vscode.window.showWarningMessage(`Item ${result.existing.item} already has a ${DOC_LABELS[kind]} (${paths}). Create another?`, { modal: true }, another);
        if (choice !== another) return undefined;
        result = await executeOnServer<NewDocResult>(host, Commands.newDoc, [{ ...args, force: true }]);
      }
      if (!result.uri) return undefined;
      await vscode.window.showTextDocument(vscode.Uri.parse(result.uri));
      return result;
    } catch (error) {
      return reportFailure(`New ${DOC_LABELS[kind]}`, error);
    }
  };
}

/** From the roadmap item under the cursor, else from a title and phase the user types. */
async function newDocArgs(host: CommandHost, kind: NewDocKind): Promise<NewDocArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'markdown') {
    // Fresh figures: the item lines move as the user edits.
    const coverage = await host.coverage.refresh();
    if (coverage && isOnRoadmapItem(coverage, editor)) {
      const { line, character } = editor.selection.active;
      return { kind, uri: editor.document.uri.toString(), position: { line, character } };
    }
  }
  const title = await vscode.window.showInputBox({
    title: `New ${DOC_LABELS[kind]}`,
    prompt: 'Title of the new document',
    placeHolder: 'e.g. Webhooks & Bot Gateway',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter a title.'),
  });
  if (title === undefined) return undefined;
  const phases = (host.coverage.current?.folders ?? []).flatMap((f) => f.phases.map((p) => p.number));
  const phase = await vscode.window.showInputBox({
    title: `New ${DOC_LABELS[kind]}: phase`,
    prompt: 'Roadmap phase number (optional)',
    placeHolder: phases.length ? `one of ${[...new Set(phases)].join(', ')}` : 'e.g. 5',
    ignoreFocusOut: true,
  });
  if (phase === undefined) return undefined;
  const uri = await folderArgument('Workspace folder for the new document');
  if (uri === null) return undefined;
  return { kind, title: title.trim(), phase: phase.trim() || undefined, uri };
}

/**
 * What selects the workspace folder on the server: the active document, else
 * (several folders) the one the user picks; undefined: the server's first
 * folder; null: the user cancelled.
 */
async function folderArgument(placeHolder: string): Promise<string | undefined | null> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && vscode.workspace.getWorkspaceFolder(active)) return active.toString();
  if ((vscode.workspace.workspaceFolders?.length ?? 0) <= 1) return undefined;
  const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder });
  return folder ? folder.uri.toString() : null;
}

/** True when the cursor is on a roadmap item's line or on the indented lines below it. */
export function isOnRoadmapItem(coverage: CoverageResult, editor: vscode.TextEditor): boolean {
  const uri = editor.document.uri.toString();
  const cursor = editor.selection.active.line;
  const lines = coverage.folders
    .flatMap((f) => f.phases.flatMap((p) => p.items))
    .filter((item) => item.uri === uri && item.range.start.line <= cursor)
    .map((item) => item.range.start.line);
  if (!lines.length) return false;
  const itemLine = lines.reduce((a, b) => Math.max(a, b));
  for (let line = itemLine + 1; line <= cursor; line++) {
    if (!/^\s+\S/.test(editor.document.lineAt(line).text)) return false;
  }
  return true;
}

/**
 * Writes the matrix to the `coverage.output` file (asking first when that
 * file exists and is not a matrix we wrote), then opens its preview, where our
 * markdown-it plugin draws the chart.
 */
function generateCoverageMatrix(host: CommandHost): Handler {
  return async () => {
    try {
      const uri = await folderArgument('Workspace folder whose coverage matrix to generate');
      if (uri === null) return undefined;
      let result = await executeOnServer<WriteCoverageResult>(host, Commands.writeCoverage, [{ uri }]);
      if (result.status === 'not-ours') {
        const overwrite = 'Overwrite';
        const choice = await vscode.window.showWarningMessage(
          `${result.path} exists and was not generated by Roadmap Governance. Overwrite it with the coverage matrix?`,
          { modal: true, detail: 'The setting "coverage.output" (roadmapGovernance.coverage.output) says where the matrix goes.' },
          overwrite,
        );
        if (choice !== overwrite) return undefined;
        result = await executeOnServer<WriteCoverageResult>(host, Commands.writeCoverage, [{ uri, overwrite: true }]);
      }
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(result.uri));
      return result;
    } catch (error) {
      return reportFailure('Generate coverage matrix', error);
    }
  };
}

/** Opens, read-only in spirit (an untitled plain-text buffer), what was detected and configured for the folder of the active editor. */
/** Writes the folder's `.roadmap-governance.json` from what was detected (never over one) and opens it. */
function writeConfig(host: CommandHost): Handler {
  return async () => {
    try {
      const folder = await folderArgument('Folder to write .roadmap-governance.json in');
      if (folder === null) return undefined;
      const result = await executeOnServer<InitConfigResult>(host, Commands.initConfig, [{ uri: folder }]);
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: false });
      if (result.status === 'exists') void vscode.window.showInformationMessage(`Roadmap Governance: ${vscode.workspace.asRelativePath(editor.document.uri)} exists; it was left as it is.`);
      return result;
    } catch (error) {
      return reportFailure('Write configuration file', error);
    }
  };
}

function showEffectiveConfig(host: CommandHost): Handler {
  return async () => {
    try {
      const active = vscode.window.activeTextEditor?.document.uri;
      const result = await executeOnServer<EffectiveConfigResult>(host, Commands.effectiveConfig, [{ uri: active && vscode.workspace.getWorkspaceFolder(active) ? active.toString() : undefined }]);
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: result.text });
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    } catch (error) {
      return reportFailure('Show effective configuration', error);
    }
  };
}

function checkWholeWorkspace(host: CommandHost): Handler {
  return async () => {
    try {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Roadmap Governance: checking the whole workspace' },
        () => executeOnServer<CheckSummary>(host, Commands.checkWorkspace, []),
      );
      void vscode.window.showInformationMessage(checkSummaryText(summary));
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await host.coverage.refresh();
      return summary;
    } catch (error) {
      return reportFailure('Check whole workspace', error);
    }
  };
}

/** The message after "Check whole workspace": every finding counted, by severity, as the CLI's summary line counts them. */
export function checkSummaryText(summary: CheckSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), `${summary.info} info`];
  return `Roadmap Governance: ${plural(summary.files, 'file')} in ${plural(summary.folders, 'folder')}: ${plural(summary.findings, 'finding')} (${parts.join(', ')}).`;
}
