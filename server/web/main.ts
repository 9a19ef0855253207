/**
 * The language server in a web worker (the `browser` extension's server,
 * dist/browserServer.js): LSP over the worker's messages, files through the
 * extension (see platform.ts). Bundled for the browser: no Node built-ins.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { connectionOptions } from '../lsp/connectionOptions';
import { startServer } from '../lsp/server';
import { webPlatform } from './platform';

// A dedicated worker's global scope is its message port.
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const reader = new BrowserMessageReader(scope);
const writer = new BrowserMessageWriter(scope);
const connection = createConnection(ProposedFeatures.all, reader, writer, connectionOptions((response) => writer.write(response)));
// The extension's root (for the rule docs links) comes with `initialize` (InitializationOptions.packageRoot).
startServer(connection, webPlatform(connection));
connection.listen();
