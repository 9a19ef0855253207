/**
 * `roadmap-governance-lsp`: the language server on stdio. Works with or
 * without `--stdio` on the command line, since the streams are passed
 * explicitly.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { nodePlatform } from '../node/platform';
import { connectionOptions } from './connectionOptions';
import { messageEncoder } from './encoder';
import { startServer } from './server';

// The writer's encoder copies diagnostic lists from each diagnostic's kept
// UTF-8 JSON (see encoder.ts). stdin stays a stream: given the stream, the library ends
// the process when the client closes it. (It takes a writer where the types
// say stream: it wraps only what is not a writer already.)
const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder });
const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream, connectionOptions((response) => writer.write(response)));
startServer(connection, nodePlatform(connection));
connection.listen();
