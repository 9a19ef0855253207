/**
 * `roadmap-governance-lsp`: the language server on stdio. Works with or
 * without `--stdio` on the command line, since the streams are passed
 * explicitly.
 */
import { createConnection, LSPErrorCodes, ProposedFeatures, type RequestMessage, ResponseError, StreamMessageWriter } from 'vscode-languageserver/node';
import { messageEncoder } from './encoder';
import { nullParamsStrategy } from './params';
import { nodePlatform } from '../node/platform';
import { startServer } from './server';

// The writer's encoder copies diagnostic lists from each diagnostic's kept
// UTF-8 JSON (see encoder.ts). stdin stays a stream: given the stream, the library ends
// the process when the client closes it. (It takes a writer where the types
// say stream: it wraps only what is not a writer already.)
const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder });
const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream, {
  connectionStrategy: {
    // A $/cancelRequest that arrives before its request is dispatched would be
    // dropped, and a long-running request (a held workspace pull) would then
    // never answer: answer such a request at once with RequestCancelled.
    cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled before it started.').toJson() }),
  },
  // `null` params get InvalidParams, not an internal error (see params.ts).
  messageStrategy: nullParamsStrategy((response) => void writer.write(response).catch(() => undefined)),
});
startServer(connection, nodePlatform);
connection.listen();
