import picomatch from 'picomatch';

/** Workspace-relative POSIX path helpers (no file system access). */

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalizes; returns null when the result leaves the workspace. */
export function joinPath(base: string, relative: string): string | null {
  const parts = relative.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The relative path from the folder `fromDir` to `to`. */
export function relativePath(fromDir: string, to: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const target = to.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < target.length - 1 && from[i] === target[i]) i++;
  const up = from.length - i;
  const rest = target.slice(i).join('/');
  return up === 0 ? rest : '../'.repeat(up) + rest;
}

/**
 * Whether a link target is a template's placeholder rather than a path:
 * `{{slug}}`, `${workspaceFolder}/plan.md`, `docs/<filename>.md`,
 * `docs/plans/{date}-{topic}.md`, a Liquid tag (`{% link _guides/x.md %}`).
 * Nobody means such a file to exist.
 */
export function isTemplateTarget(target: string): boolean {
  return target.includes('{{') || target.includes('${') || target.includes('{%') || /<[A-Za-z][\w .-]*>|\{[A-Za-z][\w-]*\}/.test(target);
}

export function hasScheme(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Rows reused by `editDistance` (it runs millions of times when many names are alike). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Edit distance, cut off at `limit` (returns limit + 1 beyond it). The common
 * prefix and suffix are dropped first (they never change the distance), then
 * only the diagonal band of width 2·limit+1 is computed: cells outside it
 * exceed the limit.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return Math.min(n + m, over);
  if (rowA.length <= m) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j <= limit ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(m, i + limit);
    const ca = a.charCodeAt(start + i - 1);
    cur[0] = i <= limit ? i : over;
    // Sentinels at both ends of the band stand for the cells outside it.
    if (from > 1) cur[from - 1] = over;
    let best = cur[0];
    for (let j = from; j <= to; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(start + j - 1) ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v > over ? over : v;
      if (cur[j] < best) best = cur[j];
    }
    if (to < m) cur[to + 1] = over;
    if (best > limit) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], over);
}

/** A predicate for "is this workspace-relative path matched by one of the globs". */
export function matcher(globs: string[]): (path: string) => boolean {
  // picomatch throws on an empty pattern; an empty glob matches nothing.
  const patterns = globs.filter((g) => g !== '');
  return patterns.length === 0 ? () => false : picomatch(patterns, { dot: true });
}
