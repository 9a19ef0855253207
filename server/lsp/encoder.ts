/**
 * The JSON encoding of the server's outgoing messages, with one shortcut for
 * diagnostics.
 *
 * A keystroke in a long roadmap answers a pull with every diagnostic of the
 * file (thousands, about a megabyte of JSON), although nearly all of them are
 * the same objects as in the previous answer (see `toDiagnostic`). Here each
 * diagnostic is serialized once and its text kept with the object; a message
 * is stringified with its diagnostic lists left out, and the lists are joined
 * from the kept texts. The bytes are the same as `JSON.stringify` gives.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** Diagnostics that are never changed once made (registered by convert.ts), with their JSON once written. */
const frozen = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Marks a diagnostic as one that will not change, so that its JSON may be kept. */
export function registerImmutable(diagnostic: object): void {
  frozen.add(diagnostic);
}

function jsonOf(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** Stands in for a list in the first pass; no message text can contain it (it carries a NUL and a per-process nonce). */
const MARK = `\u0000rg-list-${Math.random().toString(36).slice(2)}-`;
const MARKED = new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`, 'g');

/** `JSON.stringify(message)`, with lists made only of registered diagnostics joined from their kept texts. */
export function encodeMessage(message: unknown): string {
  const lists: object[][] = [];
  const head = JSON.stringify(message, (key, value: unknown) => {
    if ((key === 'items' || key === 'diagnostics') && Array.isArray(value) && value.length > 0 && value.every((d) => frozen.has(d))) {
      lists.push(value);
      return MARK + (lists.length - 1);
    }
    return value;
  });
  if (!lists.length) return head;
  return head.replace(MARKED, (_, k: string) => `[${lists[Number(k)].map(jsonOf).join(',')}]`);
}

export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(encodeMessage(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
