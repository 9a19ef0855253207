/**
 * `roadmap-governance-lsp`: the language server on stdio. Works with or
 * without `--stdio` on the command line, since the streams are passed
 * explicitly.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
startServer(connection);
connection.listen();
