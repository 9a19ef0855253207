/**
 * Every command of the extension, as small factories wired in one place.
 * The work is done by the server (`workspace/executeCommand`); these only
 * gather arguments, show results and open files.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { type CheckSummary, Commands, type CoverageCommandResult, type CoverageResult, type EffectiveConfigResult, type NewDocArgs, type NewDocKind, type NewDocResult } from '../server/shared/protocol';
import { type CoverageTree, OPEN_ENTRY_COMMAND, openCoverageEntry, VIEW_ID } from './coverage';

export interface CommandHost {
  /** The running client, or undefined when the server is off. */
  client(): LanguageClient | undefined;
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
    'roadmapGovernance.restartServer': () => host.restart(),
    'roadmapGovernance.showCoverage': () => vscode.commands.executeCommand(`${VIEW_ID}.focus`),
    'roadmapGovernance.refreshCoverage': () => host.coverage.refresh(),
    [OPEN_ENTRY_COMMAND]: (uri, range) => openCoverageEntry(uri as string, range as Parameters<typeof openCoverageEntry>[1]),
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

function newDoc(host: CommandHost, kind: NewDocKind): Handler {
  return async () => {
    try {
      const args = await newDocArgs(host, kind);
      if (!args) return undefined;
      const result = await executeOnServer<NewDocResult>(host, Commands.newDoc, [args]);
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
  // The server picks the workspace folder from `uri`: the active document's, else the one the user picks.
  let uri = editor?.document.uri.scheme === 'file' ? editor.document.uri.toString() : undefined;
  if (!uri && (vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new document' });
    if (!folder) return undefined;
    uri = folder.uri.toString();
  }
  return { kind, title: title.trim(), phase: phase.trim() || undefined, uri };
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

function generateCoverageMatrix(host: CommandHost): Handler {
  return async () => {
    try {
      const folder = vscode.window.activeTextEditor?.document.uri;
      const result = await executeOnServer<CoverageCommandResult>(host, Commands.coverage, [{ format: 'markdown', uri: folder?.scheme === 'file' ? folder.toString() : undefined }]);
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
      await vscode.window.showTextDocument(document, { preview: false });
      return document;
    } catch (error) {
      return reportFailure('Generate coverage matrix', error);
    }
  };
}

/** Opens, read-only in spirit (an untitled plain-text buffer), what was detected and configured for the folder of the active editor. */
function showEffectiveConfig(host: CommandHost): Handler {
  return async () => {
    try {
      const active = vscode.window.activeTextEditor?.document.uri;
      const result = await executeOnServer<EffectiveConfigResult>(host, Commands.effectiveConfig, [{ uri: active?.scheme === 'file' ? active.toString() : undefined }]);
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
      void vscode.window.showInformationMessage(
        `Roadmap Governance: ${summary.files} files in ${summary.folders} folder(s): ${summary.findings} findings (${summary.errors} errors, ${summary.warnings} warnings).`,
      );
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await host.coverage.refresh();
      return summary;
    } catch (error) {
      return reportFailure('Check whole workspace', error);
    }
  };
}
