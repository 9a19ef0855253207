import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { WorkspaceModel } from '../../server/engine/model';
import { basename, dirname } from '../../server/engine/paths';
import { searchNearestFile } from '../../server/engine/rules/broken-link';

/** Plain Levenshtein, the whole table. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The rule as documented, by brute force: every file with the missing name's
 * extension, other than the document itself, whose lower-case name is within a
 * fifth of the name's length (at least 2) edits; the lowest 10·distance (+5 in
 * another folder) wins, then (for the same name in other folders) the most
 * trailing, then leading, folders shared with the missing path, then the first path. A name without an extension (a
 * docs site's route) that no file has exactly is first looked for as the one
 * file at that path plus `.md` or `.mdx`, in its folder or under a longer path.
 */
function bruteForce(files: string[], missing: string, from?: string): string | undefined {
  const name = basename(missing).toLowerCase();
  const folder = dirname(missing);
  const ext = /\.[^./]+$/.exec(name)?.[0] ?? '';
  const limit = Math.max(2, Math.floor(name.length / 5));
  const common = (a: string[], b: string[]) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n] && a[n] !== '') n++;
    return n;
  };
  const shared = (path: string) => {
    const a = dirname(path).split('/');
    const b = folder.split('/');
    return common([...a].reverse(), [...b].reverse()) * 1000 + common(a, b);
  };
  let best: { path: string; score: number } | undefined;
  for (const path of files) {
    const other = basename(path).toLowerCase();
    if (path === from || (ext && !other.endsWith(ext))) continue;
    const d = levenshtein(other, name);
    if (d > limit) continue;
    const score = d * 10 + (dirname(path) === folder ? 0 : 5);
    const nearer = score === 5 && best?.score === 5 ? shared(path) - shared(best.path) : 0;
    if (!best || score < best.score || (score === best.score && (nearer > 0 || (nearer === 0 && path < best.path)))) best = { path, score };
  }
  if (ext === '' && (!best || best.score >= 10)) {
    const wanted = ['.md', '.mdx'].map((e) => missing.toLowerCase() + e);
    const routes = files.filter((p) => p !== from && wanted.some((w) => p.toLowerCase() === w || p.toLowerCase().endsWith('/' + w)));
    if (new Set(routes).size === 1) return routes[0];
  }
  return best?.path;
}

function modelOf(files: string[]): WorkspaceModel {
  // The search reads only the file list and the model's memo.
  return { files: new Set(files), cache: { memo: new Map() } } as unknown as WorkspaceModel;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const KINDS = ['design', 'implementation', 'implementation-plan'];
const FOLDERS = ['docs/plans', 'docs/plans/archive', 'docs/guides/area-000', 'docs', ''];

/** Names alike, as in a plans folder: dated, numbered, three kinds, and a few short or odd ones. */
const fileName = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom(...KINDS)).map(([day, topic, kind]) => `2026-01-${pad(day, 2)}-topic-${pad(topic, 5)}-${kind}.md`),
  fc.integer({ min: 0, max: 300 }).map((k) => `guide-${pad(k, 5)}.md`),
  fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '.', 'M', 'D'), minLength: 1, maxLength: 7 }),
);
const filePath = fc.tuple(fc.constantFrom(...FOLDERS), fileName).map(([folder, name]) => (folder ? `${folder}/${name}` : name));

type Edit = [kind: 0 | 1 | 2 | 3, at: number, char: string];
const edit = fc.tuple(fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3), fc.nat(), fc.constantFrom('a', 'e', 's', 'g', '0', '1', '-', '.', 'X'));

/** A few random edits (insert, delete, substitute, swap neighbours) of a name. */
function typo(name: string, edits: Edit[]): string {
  let s = name;
  for (const [kind, n, c] of edits) {
    const at = s.length ? n % s.length : 0;
    if (kind === 0) s = s.slice(0, at) + c + s.slice(at);
    else if (kind === 1) s = s.slice(0, at) + s.slice(at + 1);
    else if (kind === 2) s = s.slice(0, at) + c + s.slice(at + 1);
    else s = s.slice(0, at) + s.slice(at + 1, at + 2) + s.slice(at, at + 1) + s.slice(at + 2);
  }
  return s;
}

describe('RG003 nearest file: the indexed search gives the brute force answer', () => {
  it('on generated names alike, with typos of 0 to 6 edits, another folder, another case, or the document itself', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(filePath, { minLength: 1, maxLength: 120 }),
        fc.nat(),
        fc.array(edit, { maxLength: 6 }),
        fc.constantFrom(...FOLDERS),
        fc.boolean(),
        fc.boolean(),
        (files, pick, edits, folder, upper, fromItself) => {
          const original = files[pick % files.length];
          let name = typo(basename(original), edits);
          if (upper) name = name.toUpperCase();
          if (name === '' || name.includes('/')) return;
          const missing = folder ? `${folder}/${name}` : name;
          if (files.includes(missing)) return;
          const from = fromItself ? original : undefined;
          const model = modelOf(files);
          assert.equal(searchNearestFile(model, missing, from), bruteForce(files, missing, from), `${missing} among ${files.length} files`);
          // The indexes built by the first search serve the next ones unchanged.
          assert.equal(searchNearestFile(model, missing, from), bruteForce(files, missing, from));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on one shared index, for many queries in a row', () => {
    const files: string[] = [];
    for (let j = 0; j < 600; j++) files.push(`docs/plans/2026-0${1 + (j % 2)}-${pad(1 + (j % 28), 2)}-topic-${pad(j >> 1, 5)}-${KINDS[j % 3]}.md`);
    for (let k = 0; k < 200; k++) files.push(`docs/guides/area-00${k % 3}/guide-${pad(k, 5)}.md`);
    const model = modelOf(files);
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { maxLength: 9 }), fc.constantFrom(...FOLDERS), (pick, edits, folder) => {
        const name = typo(basename(files[pick % files.length]), edits);
        if (name === '' || name.includes('/')) return;
        const missing = folder ? `${folder}/${name}` : name;
        if (files.includes(missing)) return;
        assert.equal(searchNearestFile(model, missing), bruteForce(files, missing), missing);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RG003 nearest file: a route without an extension', () => {
  const files = ['crates/cli/build.rs', 'site/src/content/docs/reference/builds.md', 'site/src/content/docs/reference/cli.mdx', 'docs/a/x.md', 'docs/b/x.md'];
  it('is, of the same name in several other folders, the one sharing the most folders with the missing path (a versioned docs tree)', () => {
    const files = ['site/docs/1.23/guides/auth.md', 'site/docs/1.33/guides/auth.md', 'site/docs/main/guides/auth.md'];
    assert.equal(searchNearestFile(modelOf(files), 'site/docs/1.33/config/guides/auth.md'), 'site/docs/1.33/guides/auth.md');
    assert.equal(searchNearestFile(modelOf(files), 'site/docs/main/config/guides/auth.md'), 'site/docs/main/guides/auth.md');
    assert.equal(searchNearestFile(modelOf(files), 'other/auth.md'), 'site/docs/1.23/guides/auth.md');
    const readmes = ['README.md', 'rfc/README.md', 'docs/README.md'];
    assert.equal(searchNearestFile(modelOf(readmes), 'contributing/rfc/README.md'), 'rfc/README.md');
  });

  it('is never a numbered record of another number, unless it has the same title (a renumbered record)', async () => {
    const { run, keys, lines } = await import('./rules/planRuleHelpers');
    const { findings } = await run({
      'ERCS/erc-20.md': '# ERC-20\n',
      'ERCS/erc-21.md': '# ERC-21\n',
      'ERCS/eip-721.md': '# EIP-721\n',
      'docs/adr/0013-use-postgres.md': '# Use Postgres\n',
      'docs/plans/2026-01-05-search-design.md': '# Search\n',
      'ERCS/erc-1155.md': lines('# ERC-1155', '', '[20](./eip-20.md), [2](./eip-2.md), [720](./eip-720.md), [adr](../docs/adr/0012-use-postgres.md), [date](../docs/plans/2025-01-05-search-design.md)', ''),
    });
    assert.deepEqual(
      keys(findings, 'RG003').map((k) => k.replace(/^.*? Link "([^"]+)".*?(?:Did you mean (\S+)\?)?$/, '$1 -> $2')),
      ['../docs/adr/0012-use-postgres.md -> docs/adr/0013-use-postgres.md', '../docs/plans/2025-01-05-search-design.md -> docs/plans/2026-01-05-search-design.md', './eip-2.md -> ', './eip-20.md -> ERCS/erc-20.md', './eip-720.md -> '],
    );
  });

  it('is the one markdown file at that path under a content root, not a name a few edits away', () => {
    assert.equal(searchNearestFile(modelOf(files), 'reference/builds'), 'site/src/content/docs/reference/builds.md');
    assert.equal(searchNearestFile(modelOf(files), 'reference/cli'), 'site/src/content/docs/reference/cli.mdx');
  });
  it('is no answer of its own when two files fit (the distance search decides: here, nothing near enough)', () => {
    assert.equal(searchNearestFile(modelOf(files), 'x'), undefined);
    assert.equal(bruteForce(files, 'x'), undefined);
  });
});
