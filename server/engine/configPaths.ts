/**
 * Paths and globs in the config file that leave the workspace folder. The
 * engine reads only files inside the folder, so `"templates": "../shared"` or
 * `"plans": ["/srv/plans/**"]` silently did nothing; each such value is now a
 * problem (RG900) located on the value in the config file.
 */
import type { ConfigProblem } from './config';
import type { Range } from './types';
import { range } from './types';

/** Settings that name one file or folder, by their path of keys in the config file. */
const PATH_SETTINGS: readonly (readonly string[])[] = [
  ['templates'],
  ['changelog'],
  ['roadmapFallbacks'],
  ['lifecycle', 'registry'],
  ['releaseTemplate', 'path'],
  ['standards', 'profile'],
  ['standards', 'checklist'],
];

/** Settings that hold globs. */
const GLOB_SETTINGS: readonly string[] = ['plans', 'documents'];

/**
 * True when a workspace-relative path or glob reaches outside the folder: it
 * is absolute (`/x`, `C:/x`, `\\server\x`, `~/x`) or its `..` segments climb
 * above the folder (`../x`, `docs/../../x`). A leading `!` (a negated glob) is
 * not part of the path.
 */
export function leavesWorkspace(value: string): boolean {
  const path = value.replace(/^!+/, '').replace(/\\/g, '/');
  if (path.startsWith('/') || path.startsWith('~/') || path === '~' || /^[a-zA-Z]:(\/|$)/.test(path)) return true;
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') {
      if (--depth < 0) return true;
    } else if (part !== '' && part !== '.') depth++;
  }
  return false;
}

/**
 * `problems` (those of the config file so far) plus one for each path or glob
 * the config file sets that leaves the workspace. A problem already reported
 * on the same value ("matches no file") gives way to this one, which says why.
 */
export function withOutsidePathProblems(text: string, problems: readonly ConfigProblem[]): ConfigProblem[] {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return [...problems];
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [...problems];
  const found: ConfigProblem[] = [];
  const root = input as Record<string, unknown>;
  for (const keys of PATH_SETTINGS) {
    let value: unknown = root;
    for (const key of keys) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    const name = keys.join('.');
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    let from = 0;
    for (const v of values) {
      if (!leavesWorkspace(v)) continue;
      const where = locateValue(text, keys, v, from);
      from = where.end;
      found.push({ message: `"${name}" is "${v}", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`, range: where.range });
    }
  }
  for (const key of GLOB_SETTINGS) {
    const value = root[key];
    if (!Array.isArray(value)) continue;
    let from = 0;
    for (const glob of value) {
      if (typeof glob !== 'string' || !leavesWorkspace(glob)) continue;
      const where = locateValue(text, [key], glob, from);
      from = where.end;
      found.push({ message: `The glob "${glob}" in "${key}" reaches outside the workspace folder; only files inside the folder are checked, so it matches none there.`, range: where.range });
    }
  }
  if (found.length === 0) return [...problems];
  const taken = new Set(found.map((p) => rangeKey(p.range)));
  return [...problems.filter((p) => !taken.has(rangeKey(p.range))), ...found];
}

const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

/**
 * The range of `value` (as JSON) after the keys `keys`, one inside the other,
 * searching from offset `from` for a list's later entries; the last key's
 * range when the value is written some other way (escapes).
 */
function locateValue(text: string, keys: readonly string[], value: string, from: number): { range: Range; end: number } {
  let at = 0;
  let keyAt = -1;
  for (const key of keys) {
    keyAt = text.indexOf(JSON.stringify(key), at);
    if (keyAt < 0) return { range: range(0, 0), end: from };
    at = keyAt + JSON.stringify(key).length;
  }
  const literal = JSON.stringify(value);
  const valueAt = text.indexOf(literal, Math.max(at, from));
  if (valueAt < 0) return { range: rangeOf(text, keyAt, keyAt + JSON.stringify(keys[keys.length - 1]).length), end: from };
  return { range: rangeOf(text, valueAt, valueAt + literal.length), end: valueAt + literal.length };
}

function rangeOf(text: string, from: number, to: number): Range {
  const before = text.slice(0, from);
  const line = before.split('\n').length - 1;
  const character = from - (before.lastIndexOf('\n') + 1);
  return range(line, character, line, character + (to - from));
}
