/** Inline suppressions: `<!-- roadmap-governance-disable-next-line CODE -- reason -->`. */
import type { Suppression } from './parse';
import { range } from '../types';
import { nextFence } from './split';

const SUPPRESSION = /<!--\s*roadmap-governance-disable-(next-line|line|file)\b([^>]*?)-->/g;

export function findSuppressions(lines: string[]): Suppression[] {
  const found: Suppression[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = nextFence(line, fence);
    fence = f.fence;
    if (f.toggled) continue;
    if (fence !== null || !line.includes('roadmap-governance-disable')) continue;
    SUPPRESSION.lastIndex = 0;
    for (let m = SUPPRESSION.exec(line); m; m = SUPPRESSION.exec(line)) {
      const [codesPart, ...reasonParts] = m[2].split(/\s--\s?/);
      const codes = codesPart.split(/[\s,]+/).filter(Boolean);
      const target = m[1] === 'file' ? -1 : m[1] === 'line' ? i : i + 1;
      found.push({ line: i, target, codes, reason: reasonParts.join(' -- ').trim(), range: range(i, m.index, i, m.index + m[0].length) });
    }
  }
  return found;
}
