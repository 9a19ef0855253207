/**
 * `roadmap-governance-lsp`: the language server on stdio. Works with or
 * without `--stdio` on the command line, since the streams are passed
 * explicitly.
 */
import { createConnection, LSPErrorCodes, ProposedFeatures, type RequestMessage, ResponseError } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout, {
  // A $/cancelRequest that arrives before its request is dispatched would be
  // dropped, and a long-running request (a held workspace pull) would then
  // never answer: answer such a request at once with RequestCancelled.
  cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled before it started.').toJson() }),
});
startServer(connection);
connection.listen();
