/**
 * Where the user is typing: the lines that keystrokes edited, so that a
 * half-typed link's findings can wait until typing pauses (see
 * DiagnosticsManager.typingAt). A change counts as a keystroke when it
 * inserts a few characters at most (a letter, an auto-closed pair, Enter with
 * its indentation) or deletes: an applied fix, a paste or an accepted
 * completion inserts more, and its findings show at once.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The most characters a keystroke inserts (an auto-closed pair with a selection wrapped is more, and rare). */
const KEYSTROKE_CHARS = 3;

function isKeystroke(inserted: string): boolean {
  return inserted.length <= KEYSTROKE_CHARS || /^\r?\n[ \t]*$/.test(inserted);
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Applies `changes` to `document` (as TextDocuments does) and returns the
 * lines of the new text that keystrokes in them ended on; none when a change
 * was not a keystroke.
 */
export function updateAndLocate(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): { document: TextDocument; lines: number[] } {
  const full = changes.some((c) => !('range' in c));
  const before = full ? document.getText() : undefined;
  const updated = TextDocument.update(document, changes, version);
  if (before !== undefined) return { document: updated, lines: keystrokeLine(before, updated.getText()) };
  let lines: number[] = [];
  for (const change of changes) {
    if (!('range' in change) || !isKeystroke(change.text)) return { document: updated, lines: [] };
    const { start, end } = change.range;
    const inserted = newlines(change.text);
    const delta = inserted - (end.line - start.line);
    lines = lines.map((l) => (l > end.line ? l + delta : l));
    lines.push(start.line + inserted);
  }
  return { document: updated, lines: [...new Set(lines)] };
}

/** For a full-text change (clients that send the whole text): the line a keystroke ended on, found by the common prefix and suffix. */
function keystrokeLine(before: string, after: string): number[] {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix === before.length && prefix === after.length) return [];
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const inserted = after.slice(prefix, after.length - suffix);
  if (!isKeystroke(inserted)) return [];
  return [newlines(after.slice(0, prefix + inserted.length))];
}
