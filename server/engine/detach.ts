/**
 * A copy of `text` that shares no memory with the string it was cut from.
 *
 * V8 keeps a slice of a string (a title or a link target cut from a document)
 * as a view into the whole string, so whatever keeps the slice keeps the whole
 * document's text alive. Caches that outlive one version of a document keep
 * copies instead. (Concatenating makes a new string; slicing it flattens that
 * into a fresh copy first.)
 */
export function detached(text: string): string {
  return `${text}\n`.slice(0, -1);
}
