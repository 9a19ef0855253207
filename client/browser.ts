/**
 * The web extension (package.json `browser`: vscode.dev, github.dev): the
 * same extension as on the desktop, with the language server in a web worker
 * (dist/browserServer.js) that reads the workspace through the extension
 * (browserFiles.ts). Bundled for the browser: no Node built-ins.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { InitializationOptions } from '../server/shared/protocol';
import { serveWorkspaceFiles } from './browserFiles';
import { activateWith, type RoadmapGovernanceApi } from './extension';
import { CLIENT_ID, CLIENT_NAME, documentSelector, languageClientOptions } from './languageClient';

export { deactivate } from './extension';

/** The web worker constructor of the extension host (not in the Node typings this project compiles with). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

export function activate(context: vscode.ExtensionContext): Promise<RoadmapGovernanceApi> {
  return activateWith(context, (ctx, diagnostics) => {
    const main = vscode.Uri.joinPath(ctx.extensionUri, 'dist/browserServer.js');
    const worker = new Worker(main.toString(true));
    // The workspace's own schemes (vscode-vfs on github.dev, file where the browser reaches a disk).
    const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))];
    const options = languageClientOptions(ctx, diagnostics, documentSelector(schemes.length ? schemes : ['file']));
    // The worker cannot know where the extension is: the rule codes link to its docs/rules/ pages.
    const initializationOptions: InitializationOptions = { packageRoot: ctx.extensionUri.toString() };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, worker, { ...options, initializationOptions });
    // Served as long as this client lives (a restart makes a new client, and serves again).
    serveWorkspaceFiles(client);
    return client;
  });
}
