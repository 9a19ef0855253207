/**
 * The language client's options, the same on the desktop and in the browser:
 * one server for every workspace folder (the server handles multi-root
 * itself), for markdown files and the config file. The middleware fits the server's answers to VS Code: it keeps
 * diagnostics across a restart, opens a doc that a quick fix creates, and
 * leaves link-path completion to VS Code's own markdown support.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, ConfigurationParams, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import type { LastingDiagnostics } from './lastingDiagnostics';
import { engineSettingKeys, explicitSettings, SECTION } from './settings';

export const CLIENT_ID = SECTION;
export const CLIENT_NAME = 'Roadmap Governance';
/** Opens the documents a quick fix just created (the fix's follow-up command; not in the palette). */
export const OPEN_CREATED_COMMAND = 'roadmapGovernance.openCreatedDocuments';

/** Makes the language client (not started): client/node.ts starts the server as a process, client/browser.ts in a web worker. */
export type ClientFactory = (context: vscode.ExtensionContext, diagnostics: LastingDiagnostics) => BaseLanguageClient;

/** Markdown files and the config file of these URI schemes (`file` on the desktop; the workspace's own in the browser). */
export function documentSelector(schemes: string[]): DocumentSelector {
  return schemes.flatMap((scheme) => [
    { scheme, language: 'markdown' },
    { scheme, pattern: '**/.roadmap-governance.json' },
  ]);
}

export function languageClientOptions(context: vscode.ExtensionContext, diagnostics: LastingDiagnostics, selector: DocumentSelector): LanguageClientOptions {
  const settingKeys = engineSettingKeys(context.extension.packageJSON);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    diagnosticCollectionProvider: diagnostics.provider,
    // The settings the first scan starts with (the server asks for each folder's again, and scans a
    // folder again only when they differ): a set setting no longer costs a second scan at start.
    initializationOptions: () => ({ settings: explicitSettings(settingKeys, vscode.workspace.workspaceFolders?.[0]?.uri) }),
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for our section with what the user set, not the defaults.
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, index) =>
            item.section === SECTION ? explicitSettings(settingKeys, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answers[index],
          );
        },
      },
      // The server answers its first workspace pull once it has checked everything: what an old server
      // left for files it does not mention can go. Only after a report the server sent (the client
      // answers an empty one itself before it runs, or on an error).
      provideWorkspaceDiagnostics: async (resultIds, token, resultReporter, next) => {
        let mentioned: Set<string> | undefined;
        const report = await next(resultIds, token, (chunk) => {
          resultReporter(chunk);
          if (chunk) for (const item of chunk.items) (mentioned ??= new Set()).add(item.uri.toString());
        });
        if (mentioned && !token.isCancellationRequested) diagnostics.settle(mentioned);
        return report;
      },
      provideCodeActions: async (document, range, actionContext, token, next) => {
        const actions = await next(document, range, actionContext, token);
        if (!actions) return actions;
        for (const action of actions) {
          if (!(action instanceof vscode.CodeAction) || !action.edit || action.command) continue;
          const created = await createdBy(action.edit, document.uri);
          if (created.length) action.command = { title: 'Open the new document', command: OPEN_CREATED_COMMAND, arguments: [created.map(String)] };
        }
        return actions;
      },
      provideCompletionItem: (document, position, completionContext, token, next) =>
        builtInCompletesPath(document, position) ? undefined : next(document, position, completionContext, token),
    },
  };
  return clientOptions;
}

/** The files a workspace edit creates: the markdown files it writes to that do not exist yet. */
async function createdBy(edit: vscode.WorkspaceEdit, current: vscode.Uri): Promise<vscode.Uri[]> {
  const created: vscode.Uri[] = [];
  for (const [uri] of edit.entries()) {
    if (!vscode.workspace.getWorkspaceFolder(uri) || uri.toString() === current.toString() || !/\.(md|markdown)$/i.test(uri.path)) continue;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) created.push(uri);
  }
  return created;
}

/**
 * Whether VS Code's own markdown path completion answers here: in a link
 * destination, `[text](…`. Ours would list every file a second time; it
 * still answers in labelled code spans (`**Design:** \`docs/…`), which VS Code
 * does not complete.
 */
function builtInCompletesPath(document: vscode.TextDocument, position: vscode.Position): boolean {
  if (!vscode.extensions.getExtension('vscode.markdown-language-features')) return false;
  if (!vscode.workspace.getConfiguration('markdown', document).get<boolean>('suggest.paths.enabled', true)) return false;
  const before = document.lineAt(position.line).text.slice(0, position.character);
  return /\]\(<?[^()\s<>]*$/.test(before);
}
