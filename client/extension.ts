/**
 * The VS Code extension, on the desktop (client/node.ts) and in the browser
 * (client/browser.ts), which differ only in how the server starts: starts the Roadmap Governance language server,
 * registers the commands, the coverage view and the status-bar figure, and
 * lends the markdown preview a plugin that draws the coverage matrix's chart.
 * No analysis happens here; everything comes from the server.
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient, DidChangeConfigurationNotification, State } from 'vscode-languageclient';
import { type CoverageResult, CoverageChangedNotification, CoverageRequest } from '../server/shared/protocol';
import { createCommands } from './commands';
import { CoverageTree, VIEW_ID } from './coverage';
import { LastingDiagnostics } from './lastingDiagnostics';
import type { ClientFactory } from './languageClient';
import { extendMarkdownIt, type MarkdownIt } from './mermaidPie';
import { SECTION } from './settings';

let client: BaseLanguageClient | undefined;

/** What `activate` returns: used by the extension's own tests. */
export interface RoadmapGovernanceApi {
  /** The coverage the view shows, asked anew from the server. */
  refreshCoverage(): Promise<CoverageResult | undefined>;
  /** True while the language server runs. */
  isRunning(): boolean;
  /** True while the status bar says the workspace is being scanned (from a server's start to its first check). */
  isScanning(): boolean;
  /** Called by VS Code's markdown preview (`markdown.markdownItPlugins`): draws mermaid pie charts. */
  extendMarkdownIt<T extends MarkdownIt>(md: T): T;
}

/** Activates the extension with the client that `createLanguageClient` makes (a Node process, or a web worker). */
export async function activateWith(context: vscode.ExtensionContext, createLanguageClient: ClientFactory): Promise<RoadmapGovernanceApi> {
  const coverage = new CoverageTree(async () => (client?.state === State.Running ? client.sendRequest<CoverageResult>(CoverageRequest.method, {}) : undefined));
  // Outlives each client: a restart keeps the Problems panel as it was until the new server has reported.
  const diagnostics = new LastingDiagnostics();
  context.subscriptions.push(coverage, diagnostics, vscode.window.registerTreeDataProvider(VIEW_ID, coverage));

  const start = async (): Promise<void> => {
    if (client) return;
    coverage.startScanning();
    const created = createLanguageClient(context, diagnostics);
    // The server tells the coverage after each check, first after the first one: "scanning" ends there.
    // Registered before the start, so that a quick first check is not missed.
    created.onNotification(CoverageChangedNotification.method, () => {
      if (client && client !== created) return;
      coverage.scanned();
      void coverage.refresh();
    });
    try {
      await created.start();
    } catch (error) {
      // A server that cannot start must be visible, not a silently empty Problems panel.
      void vscode.window.showErrorMessage(`Roadmap Governance: the language server failed to start: ${(error as Error).message}`);
      await created.dispose().catch(() => undefined);
      coverage.clear();
      diagnostics.settle();
      throw error;
    }
    client = created;
    await coverage.refresh();
  };
  const stop = async (): Promise<void> => {
    const running = client;
    client = undefined;
    coverage.clear();
    await running?.dispose();
  };
  const restart = async (): Promise<void> => {
    await stop();
    if (vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true)) await start();
    // Switched off: nothing will replace the old diagnostics.
    else diagnostics.settle();
  };

  for (const [id, handler] of Object.entries(createCommands({ client: () => client, restart, coverage }))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.enable`)) await restart();
      // Pull model: the server asks for the settings again.
      else if (event.affectsConfiguration(SECTION) && client) await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
    { dispose: () => void stop() },
  );

  if (vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true)) await start();
  return { refreshCoverage: () => coverage.refresh(), isRunning: () => client?.state === State.Running, isScanning: () => coverage.isScanning, extendMarkdownIt };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.dispose();
}
