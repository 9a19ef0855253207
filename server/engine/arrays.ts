/**
 * Array helpers for lists that can be long. `into.push(...items)` and
 * `Math.max(...items)` pass every item as an argument, and past about 100,000
 * items that overflows the call stack ("Maximum call stack size exceeded"):
 * one large file full of findings, anchors or links is enough.
 */

/** Appends `items` to `into`, one at a time, and returns `into`. */
export function pushAll<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}

/** The largest of `values`, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  let first = true;
  for (const v of values) {
    if (first || v > max) max = v;
    first = false;
  }
  return max;
}

/** The smallest of `values`, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = empty;
  let first = true;
  for (const v of values) {
    if (first || v < min) min = v;
    first = false;
  }
  return min;
}
