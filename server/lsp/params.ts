/**
 * Checks of request params before a handler reads them. A client that sends
 * `null`, or a position without a line, gets InvalidParams (-32602) with a
 * message that names the request and the field, not an internal error with a
 * JavaScript message. Only the fields the handlers read are checked: a field
 * the server ignores may be anything.
 */
import { ErrorCodes, type Message, type MessageStrategy, type RequestMessage, ResponseError, type ResponseMessage } from 'vscode-languageserver';
import { Commands, type ApplyFixArgs, type CoverageArgs, CoverageRequest, type CoverageParams, type EffectiveConfigArgs, type NewDocArgs, type WriteCoverageArgs } from '../shared/protocol';

type Json = Record<string, unknown>;

/** Requests that take no params, for which `null` means none. */
const NO_PARAMS = new Set(['shutdown', CoverageRequest.method]);

/**
 * A message strategy for the connection that answers a request whose params
 * are `null` with InvalidParams, before the library's handler wrappers read
 * fields of it (they do, for progress tokens, and fail with an internal error).
 * JSON-RPC params are an object or an array, or left out; `reply` writes the answer.
 */
export function nullParamsStrategy(reply: (response: ResponseMessage) => void): MessageStrategy {
  return {
    handleMessage(message: Message, next: (message: Message) => void) {
      const request = message as RequestMessage;
      if (typeof request.method === 'string' && 'id' in request && request.params === null) {
        if (NO_PARAMS.has(request.method)) {
          delete request.params;
        } else {
          reply({ jsonrpc: '2.0', id: request.id, error: new ResponseError(ErrorCodes.InvalidParams, `${request.method}: params must be an object, not null.`).toJson() });
          return;
        }
      }
      return next(message);
    },
  };
}

/** Thrown by the checks below; the connection answers it as a JSON-RPC error. */
function invalid(method: string, message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${message}`);
}

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(method: string, where: string, v: unknown): Json {
  if (!isObject(v)) invalid(method, `${where} must be an object, not ${shown(v)}.`);
  return v;
}

function string(method: string, where: string, v: unknown): string {
  if (typeof v !== 'string') invalid(method, `${where} must be a string, not ${shown(v)}.`);
  return v;
}

function optionalString(method: string, where: string, v: unknown): void {
  if (v !== undefined && v !== null) string(method, where, v);
}

function optionalBoolean(method: string, where: string, v: unknown): void {
  if (v !== undefined && v !== null && typeof v !== 'boolean') invalid(method, `${where} must be true or false, not ${shown(v)}.`);
}

function array(method: string, where: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) invalid(method, `${where} must be an array, not ${shown(v)}.`);
  return v;
}

function position(method: string, where: string, v: unknown): void {
  const p = object(method, where, v);
  for (const key of ['line', 'character']) {
    const n = p[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) invalid(method, `${where}.${key} must be a non-negative integer, not ${shown(n)}.`);
  }
}

function range(method: string, where: string, v: unknown): void {
  const r = object(method, where, v);
  position(method, `${where}.start`, r.start);
  position(method, `${where}.end`, r.end);
}

/** `{ textDocument: { uri } }`: documentLink, references, textDocument/diagnostic. */
export function textDocumentParams<T>(method: string, params: T): T {
  const p = object(method, 'params', params);
  string(method, 'params.textDocument.uri', object(method, 'params.textDocument', p.textDocument).uri);
  return params;
}

/** `{ textDocument: { uri }, position }`: hover, definition, completion. */
export function positionParams<T>(method: string, params: T): T {
  textDocumentParams(method, params);
  position(method, 'params.position', (params as Json).position);
  return params;
}

/** `textDocument/diagnostic`: the document, and a previous result id when there is one. */
export function documentDiagnosticParams<T>(method: string, params: T): T {
  textDocumentParams(method, params);
  optionalString(method, 'params.previousResultId', (params as Json).previousResultId);
  return params;
}

/** `workspace/diagnostic`: `previousResultIds`, a list of `{ uri, value }`. */
export function workspaceDiagnosticParams<T>(method: string, params: T): T {
  const p = object(method, 'params', params);
  array(method, 'params.previousResultIds', p.previousResultIds).forEach((id, i) => {
    const o = object(method, `params.previousResultIds[${i}]`, id);
    string(method, `params.previousResultIds[${i}].uri`, o.uri);
    string(method, `params.previousResultIds[${i}].value`, o.value);
  });
  return params;
}

/** `textDocument/codeAction`: the document, a range and a context with the diagnostics. */
export function codeActionParams<T>(method: string, params: T): T {
  textDocumentParams(method, params);
  const p = params as Json;
  range(method, 'params.range', p.range);
  const context = object(method, 'params.context', p.context);
  array(method, 'params.context.diagnostics', context.diagnostics).forEach((d, i) => object(method, `params.context.diagnostics[${i}]`, d));
  if (context.only !== undefined && context.only !== null) array(method, 'params.context.only', context.only).forEach((k, i) => string(method, `params.context.only[${i}]`, k));
  return params;
}

/** `workspace/willRenameFiles`: a list of `{ oldUri, newUri }`. */
export function renameFilesParams<T>(method: string, params: T): T {
  const p = object(method, 'params', params);
  array(method, 'params.files', p.files).forEach((f, i) => {
    const o = object(method, `params.files[${i}]`, f);
    string(method, `params.files[${i}].oldUri`, o.oldUri);
    string(method, `params.files[${i}].newUri`, o.newUri);
  });
  return params;
}

/** `initialize`: an object; capabilities, when given, an object. */
export function initializeParams<T>(method: string, params: T): T {
  const p = object(method, 'params', params);
  if (p.capabilities !== undefined) object(method, 'params.capabilities', p.capabilities);
  return params;
}

/** `roadmapGovernance/coverage`: no params, or `{ uri? }`. */
export function coverageParams(method: string, params: unknown): CoverageParams | undefined {
  if (params === undefined || params === null) return undefined;
  optionalString(method, 'params.uri', object(method, 'params', params).uri);
  return params as CoverageParams;
}

/**
 * `workspace/executeCommand`: a known command and the argument it takes
 * (see `Commands` in shared/protocol.ts). Returns the command and its first argument.
 */
export function executeCommandParams(method: string, params: unknown): { command: string; arg: unknown } {
  const p = object(method, 'params', params);
  const command = string(method, 'params.command', p.command);
  if (p.arguments !== undefined && p.arguments !== null) array(method, 'params.arguments', p.arguments);
  const arg = (p.arguments as unknown[] | undefined | null)?.[0];
  const where = `${command} arguments[0]`;
  switch (command) {
    case Commands.newDoc: {
      const a = object(method, where, arg);
      if (!['design', 'implementation', 'decision'].includes(a.kind as string)) invalid(method, `${where}.kind must be "design", "implementation" or "decision", not ${shown(a.kind)}.`);
      optionalString(method, `${where}.uri`, a.uri);
      if (a.position !== undefined && a.position !== null) position(method, `${where}.position`, a.position);
      optionalString(method, `${where}.title`, a.title);
      optionalString(method, `${where}.phase`, a.phase);
      optionalBoolean(method, `${where}.force`, a.force);
      return { command, arg: arg as NewDocArgs };
    }
    case Commands.applyFix: {
      const a = object(method, where, arg);
      string(method, `${where}.uri`, a.uri);
      string(method, `${where}.key`, a.key);
      if (typeof a.fix !== 'number' || !Number.isInteger(a.fix) || a.fix < 0) invalid(method, `${where}.fix must be a non-negative integer, not ${shown(a.fix)}.`);
      if (a.version !== undefined && a.version !== null && typeof a.version !== 'number') invalid(method, `${where}.version must be a number or null, not ${shown(a.version)}.`);
      return { command, arg: arg as ApplyFixArgs };
    }
    case Commands.coverage: {
      if (arg === undefined || arg === null) return { command, arg: undefined };
      const a = object(method, where, arg);
      if (a.format !== undefined && a.format !== null && a.format !== 'markdown' && a.format !== 'json') invalid(method, `${where}.format must be "markdown" or "json", not ${shown(a.format)}.`);
      optionalString(method, `${where}.uri`, a.uri);
      return { command, arg: a as CoverageArgs };
    }
    case Commands.writeCoverage: {
      if (arg === undefined || arg === null) return { command, arg: undefined };
      const a = object(method, where, arg);
      optionalString(method, `${where}.uri`, a.uri);
      optionalBoolean(method, `${where}.overwrite`, a.overwrite);
      return { command, arg: a as WriteCoverageArgs };
    }
    case Commands.effectiveConfig: {
      if (arg === undefined || arg === null) return { command, arg: undefined };
      optionalString(method, `${where}.uri`, object(method, where, arg).uri);
      return { command, arg: arg as EffectiveConfigArgs };
    }
    default:
      return { command, arg };
  }
}
