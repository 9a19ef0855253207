import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { editDistance, joinPath, relativePath } from '../../server/engine/paths';

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe('paths', () => {
  it('banded edit distance equals Levenshtein up to the limit', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, limit) => editDistance(a, b, limit) === Math.min(levenshtein(a, b), limit + 1)),
      { numRuns: 2000 },
    );
  });

  it('edit distance stays exact on long names that share a prefix and a suffix', () => {
    // Long inputs grow the reused rows; shared ends are dropped before the band.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '0', '1'), maxLength: 90 });
    fc.assert(
      fc.property(word, word, word, word, fc.integer({ min: 0, max: 9 }), (pre, a, b, post, limit) =>
        editDistance(pre + a + post, pre + b + post, limit) === Math.min(levenshtein(a, b), limit + 1),
      ),
      { numRuns: 500 },
    );
  });

  it('joins inside the workspace and refuses to leave it', () => {
    assert.equal(joinPath('docs/plans', '../project/roadmap.md'), 'docs/project/roadmap.md');
    assert.equal(joinPath('docs/plans', '/README.md'), 'README.md');
    assert.equal(joinPath('docs', '../../etc/passwd'), null);
  });

  it('makes relative paths that join back', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'docs'), { maxLength: 3 }), fc.array(fc.constantFrom('a', 'b', 'x.md'), { minLength: 1, maxLength: 3 }), (from, to) => {
        const dir = from.join('/');
        const target = to.join('/');
        return joinPath(dir, relativePath(dir, target)) === target;
      }),
    );
  });
});
