/**
 * The desktop extension (package.json `main`): the language server runs as a
 * Node process over stdio. It reads folders on disk itself, and the folders of
 * a virtual workspace (Remote Repositories) through the extension, as the web
 * extension does (browserFiles.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { serveWorkspaceFiles } from './browserFiles';
import { activateWith, type RoadmapGovernanceApi } from './extension';
import { CLIENT_ID, CLIENT_NAME, documentSelector, languageClientOptions } from './languageClient';

export { deactivate } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<RoadmapGovernanceApi> {
  return activateWith(context, (ctx, diagnostics) => {
    const module = ctx.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, languageClientOptions(ctx, diagnostics, documentSelector([...schemes])));
    serveWorkspaceFiles(client);
    return client;
  });
}
