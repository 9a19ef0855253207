/**
 * The JSON encoding of the server's outgoing messages, with one shortcut for
 * diagnostics.
 *
 * A keystroke in a long roadmap answers a pull with every diagnostic of the
 * file (thousands, about a megabyte of JSON), although nearly all of them are
 * the same objects as in the previous answer (see `toDiagnostic`). Here each
 * diagnostic is serialized once and its UTF-8 bytes kept with the object; a
 * message is stringified with its diagnostic lists left out, and the lists are
 * copied from the kept bytes. The bytes are those of `JSON.stringify`.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver';

/** Diagnostics that are never changed once made (registered by convert.ts), with their UTF-8 JSON once written. */
const frozen = new WeakSet<object>();
const kept = new WeakMap<object, Buffer>();

/** Marks a diagnostic as one that will not change, so that its JSON may be kept. */
export function registerImmutable(diagnostic: object): void {
  frozen.add(diagnostic);
}

function bytesOf(value: object): Buffer {
  let bytes = kept.get(value);
  if (bytes === undefined) kept.set(value, (bytes = Buffer.from(JSON.stringify(value), 'utf8')));
  return bytes;
}

/** Stands in for a list in the first pass; no message text can contain it (it carries a NUL and a per-process nonce). */
const MARK = `\u0000rg-list-${Math.random().toString(36).slice(2)}-`;
const MARKED = new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`, 'g');
/** Made at the first message: the browser server loads this module too (for `registerImmutable`) and has no Buffer. */
let separators: { open: Buffer; comma: Buffer; close: Buffer } | undefined;

/**
 * The UTF-8 bytes of `JSON.stringify(message)`. Lists made only of registered
 * diagnostics are copied from their kept bytes: no string of the whole list
 * is built, so a keystroke's answer leaves no megabyte-sized strings behind
 * for the garbage collector, and only new diagnostics are encoded.
 */
export function encodeMessage(message: unknown): Buffer {
  const lists: object[][] = [];
  const head = JSON.stringify(message, (key, value: unknown) => {
    if ((key === 'items' || key === 'diagnostics') && Array.isArray(value) && value.length > 0 && value.every((d) => frozen.has(d))) {
      lists.push(value);
      return MARK + (lists.length - 1);
    }
    return value;
  });
  if (!lists.length) return Buffer.from(head, 'utf8');
  const { open: OPEN, comma: COMMA, close: CLOSE } = (separators ??= { open: Buffer.from('['), comma: Buffer.from(','), close: Buffer.from(']') });
  const parts: Buffer[] = [];
  let from = 0;
  MARKED.lastIndex = 0;
  for (let m = MARKED.exec(head); m; m = MARKED.exec(head)) {
    parts.push(Buffer.from(head.slice(from, m.index), 'utf8'), OPEN);
    const list = lists[Number(m[1])];
    for (let i = 0; i < list.length; i++) {
      if (i > 0) parts.push(COMMA);
      parts.push(bytesOf(list[i]));
    }
    parts.push(CLOSE);
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(head.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      // The kept bytes are UTF-8, the only charset LSP clients use; any other goes the plain way.
      const utf8 = /^utf-?8$/i.test(options.charset);
      return Promise.resolve(utf8 ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
