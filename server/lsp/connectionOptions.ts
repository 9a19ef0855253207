/** The connection's options, the same on stdio (main.ts) and in a web worker (server/web/main.ts). */
import { type ConnectionOptions, LSPErrorCodes, type RequestMessage, ResponseError, type ResponseMessage } from 'vscode-languageserver';
import { nullParamsStrategy } from './params';

export function connectionOptions(write: (response: ResponseMessage) => Promise<void>): ConnectionOptions {
  return {
    connectionStrategy: {
      // A $/cancelRequest that arrives before its request is dispatched would be
      // dropped, and a long-running request (a held workspace pull) would then
      // never answer: answer such a request at once with RequestCancelled.
      cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled before it started.').toJson() }),
    },
    // `null` params get InvalidParams, not an internal error (see params.ts).
    messageStrategy: nullParamsStrategy((response) => void write(response).catch(() => undefined)),
  };
}
