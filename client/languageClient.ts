/**
 * Starting the language server: one server for every workspace folder (the
 * server handles multi-root itself), over stdio, for markdown files and the
 * config file.
 */
import * as vscode from 'vscode';
import { type ConfigurationParams, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { engineSettingKeys, explicitSettings, SECTION } from './settings';

export const CLIENT_ID = SECTION;
export const CLIENT_NAME = 'Roadmap Governance';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const settingKeys = engineSettingKeys(context.extension.packageJSON);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/.roadmap-governance.json' },
    ],
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
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
