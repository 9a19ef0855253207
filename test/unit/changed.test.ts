/**
 * `check --changed [BASE]`: the built CLI on temp git repositories. Findings in
 * changed files are reported, and so are findings elsewhere that the change
 * caused (a link in an untouched file to a plan that was renamed or deleted);
 * an old finding in an untouched file is not.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { filterChanged, parseNameStatus, takeChanged, type Changes } from '../../server/cli/changed';
import type { Finding } from '../../server/engine/types';
import { range } from '../../server/engine/types';
import { buildBundle, git, gitEnv, gitRepo, governedDocs, lines, run, writeFiles } from './ci-helpers';

const OLD_BROKEN = 'docs/plans/2026-03-02-exporter-design.md:6:20: error RG003/broken-link';

interface Check {
  code: number;
  lines: string[];
  stderr: string;
}

describe('check --changed', function () {
  this.timeout(120_000);
  let cli: string;
  let tmp: string;
  let repo: string;

  const check = async (args: string[], cwd = repo): Promise<Check> => {
    const r = await run(process.execPath, [cli, 'check', ...args], { cwd, env: gitEnv() });
    return { code: r.code, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
  };

  before(async () => {
    cli = await buildBundle('server/cli/main.ts', 'dist/cli.js');
    tmp = mkdtempSync(path.join(tmpdir(), 'rg-changed-'));
  });
  after(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.stop();
  });
  beforeEach(function () {
    repo = path.join(tmp, this.currentTest!.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
    gitRepo(repo, governedDocs());
  });

  it('without changes: the whole check has the old broken link, --changed has nothing', async () => {
    const all = await check([]);
    assert.equal(all.code, 1);
    assert.ok(all.lines[0].startsWith(OLD_BROKEN), all.lines.join('\n'));
    const changed = await check(['--changed']);
    assert.equal(changed.code, 0, changed.stderr);
    assert.deepEqual(changed.lines, ['No findings.']);
    assert.match(changed.stderr, /--changed: 0 files changed since HEAD \(/);
  });

  it('a renamed plan: the roadmap link to it (an unchanged file) is reported, the old broken link is not', async () => {
    git(repo, 'checkout', '-q', '-b', 'rename');
    git(repo, 'mv', 'docs/plans/2026-03-01-importer-implementation.md', 'docs/plans/2026-03-05-importer-implementation.md');
    git(repo, 'commit', '-q', '-m', 'rename the importer plan');
    const r = await check(['--changed', 'main']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.lines.slice(0, -1).map((l) => l.split(': ').slice(0, 2).join(': ')),
      [
        'docs/plans/2026-03-01-importer-design.md:6:14: error RG003/broken-link Link "./2026-03-01-importer-implementation.md" points to docs/plans/2026-03-01-importer-implementation.md, which does not exist. Did you mean docs/plans/2026-03-05-importer-implementation.md?',
        'docs/plans/2026-03-05-importer-implementation.md:1:1: info RG007/orphan-plan No roadmap item (docs/project/roadmap.md) and no other plan links to this plan or names its path.',
        'docs/plans/2026-03-05-importer-implementation.md:3:11: warning RG018/plan-date-mismatch Date 2026-03-01 differs from the date in the file name, 2026-03-05.',
        'docs/project/roadmap.md:8:78: error RG003/broken-link Link "../plans/2026-03-01-importer-implementation.md" points to docs/plans/2026-03-01-importer-implementation.md, which does not exist. Did you mean docs/plans/2026-03-05-importer-implementation.md?',
      ].map((l) => l.split(': ').slice(0, 2).join(': ')),
    );
    assert.ok(r.lines.includes('docs/project/roadmap.md:8:78: error RG003/broken-link Link "../plans/2026-03-01-importer-implementation.md" points to docs/plans/2026-03-01-importer-implementation.md, which does not exist. Did you mean docs/plans/2026-03-05-importer-implementation.md?'), r.lines.join('\n'));
    assert.ok(!r.lines.some((l) => l.startsWith(OLD_BROKEN)), 'the old broken link is not reported');
    assert.match(r.stderr, /--changed: 2 files changed since main \(merge base [0-9a-f]{12}\), 1 of them deleted or renamed\./);
    // The same with the value after "=".
    assert.deepEqual((await check(['--changed=main'])).lines, r.lines);
  });

  it('uncommitted changes count: a deleted plan (unstaged) and a new untracked file', async () => {
    unlinkSync(path.join(repo, 'docs/plans/2026-03-02-exporter-implementation.md'));
    writeFiles(repo, { 'docs/notes.md': lines('# Notes', '', 'See [nothing](./nowhere.md).') });
    const r = await check(['--changed']);
    assert.equal(r.code, 1);
    const where = r.lines.slice(0, -1).map((l) => l.split(': ')[0]);
    assert.deepEqual(where, ['docs/notes.md:3:5', 'docs/project/roadmap.md:9:78']);
    assert.match(r.lines[1], /points to docs\/plans\/2026-03-02-exporter-implementation\.md, which does not exist/);
  });

  it('a heading edited in a changed plan: the fragment link to it in an unchanged file is reported', async () => {
    writeFiles(repo, {
      'docs/plans/2026-03-01-importer-design.md': lines('# Importer', '', '**Date:** 2026-03-01', '**Status:** Approved', '', '## Formats', '', 'Built by the [plan](./2026-03-01-importer-implementation.md).'),
      'docs/plans/2026-03-01-importer-implementation.md': lines('# Importer plan', '', '**Date:** 2026-03-01', '**Status:** Draft', '**Design Reference:** `docs/plans/2026-03-01-importer-design.md`', '', 'Formats: see [the design](./2026-03-01-importer-design.md#formats).'),
    });
    git(repo, 'commit', '-qam', 'a section and a link to it');
    writeFiles(repo, { 'docs/plans/2026-03-01-importer-design.md': lines('# Importer', '', '**Date:** 2026-03-01', '**Status:** Approved', '', '## Input formats', '', 'Built by the [plan](./2026-03-01-importer-implementation.md).') });
    const r = await check(['--changed']);
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.deepEqual(r.lines, [
      'docs/plans/2026-03-01-importer-implementation.md:7:14: warning RG004/broken-fragment No heading in docs/plans/2026-03-01-importer-design.md has the anchor #formats. Did you mean #input-formats?',
      '1 finding in 1 file (0 errors, 1 warning)',
    ]);
  });

  it('the default base is origin/HEAD when the clone has one', async () => {
    const clone = `${repo}-clone`;
    git(tmp, 'clone', '-q', repo, clone);
    git(clone, 'checkout', '-q', '-b', 'topic');
    renameSync(path.join(clone, 'docs/plans/2026-03-02-exporter-design.md'), path.join(clone, 'docs/plans/2026-03-02-export-design.md'));
    git(clone, 'add', '-A');
    git(clone, 'commit', '-q', '-m', 'rename');
    const r = await check(['--changed'], clone);
    assert.match(r.stderr, /changed since origin\/HEAD \(merge base [0-9a-f]{12}\)/);
    // The roadmap's and the implementation plan's links to the old name, and the renamed file's own
    // findings (a renamed file is a changed file): its old broken link, and now no plan names it.
    assert.deepEqual(r.lines.slice(0, -1), [
      'docs/plans/2026-03-02-export-design.md:1:1: info RG007/orphan-plan No roadmap item (docs/project/roadmap.md) and no other plan links to this plan or names its path.',
      'docs/plans/2026-03-02-export-design.md:1:1: info RG008/design-without-implementation Design doc has no implementation plan: no 2026-03-02-export-implementation.md (or -plan.md), no plan links it, and no roadmap item links it with one.',
      'docs/plans/2026-03-02-export-design.md:6:20: error RG003/broken-link Link "./exporter-wiki-notes.md" points to docs/plans/exporter-wiki-notes.md, which does not exist.',
      'docs/plans/2026-03-02-exporter-implementation.md:5:24: error RG003/broken-link "Design Reference" path "docs/plans/2026-03-02-exporter-design.md" points to docs/plans/2026-03-02-exporter-design.md, which does not exist. Did you mean docs/plans/2026-03-02-export-design.md?',
      'docs/project/roadmap.md:9:28: error RG003/broken-link Link "../plans/2026-03-02-exporter-design.md" points to docs/plans/2026-03-02-exporter-design.md, which does not exist. Did you mean docs/plans/2026-03-02-export-design.md?',
    ]);
  });

  it('DIR inside the repository: git paths are mapped to the folder, changes outside it are left out', async () => {
    const sub = path.join(tmp, 'sub-repo');
    gitRepo(sub, { 'README.md': '# Top\n', ...Object.fromEntries(Object.entries(governedDocs()).map(([p, t]) => [`site/${p}`, t])) });
    git(sub, 'mv', 'site/docs/plans/2026-03-01-importer-design.md', 'site/docs/plans/2026-03-01-import-design.md');
    writeFiles(sub, { 'README.md': '# Top, changed\n' });
    const r = await check(['site', '--changed', 'HEAD'], sub);
    assert.deepEqual(
      r.lines.slice(0, -1).map((l) => l.split(': ')[0]),
      ['docs/plans/2026-03-01-import-design.md:1:1', 'docs/plans/2026-03-01-importer-implementation.md:5:24', 'docs/project/roadmap.md:8:28'],
    );
  });

  it('a changed config file reports every finding', async () => {
    writeFiles(repo, { '.roadmap-governance.json': JSON.stringify({ rules: { RG018: 'error' } }) + '\n' });
    const r = await check(['--changed']);
    assert.ok(r.lines[0].startsWith(OLD_BROKEN), r.lines.join('\n'));
  });

  it('before the first commit everything is new', async () => {
    const fresh = path.join(tmp, 'fresh');
    gitRepo(fresh, { 'x.md': '# x\n' });
    rmSync(path.join(fresh, '.git'), { recursive: true, force: true });
    git(fresh, 'init', '-q', '-b', 'main');
    writeFiles(fresh, governedDocs());
    const r = await check(['--changed'], fresh);
    assert.ok(r.lines[0].startsWith(OLD_BROKEN), r.lines.join('\n'));
    assert.match(r.stderr, /changed since nothing \(no commit yet\)/);
  });

  it('exits 2 with one clear line for a base that is not a commit, and outside a repository', async () => {
    const bad = await check(['--changed', 'no-such-branch']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^roadmap-governance: --changed: "no-such-branch" is not a commit of this repository\. Put DIR before --changed/);
    const plain = path.join(tmp, 'plain');
    writeFiles(plain, { 'README.md': '# x\n' });
    const none = await check(['--changed'], plain);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^roadmap-governance: --changed needs a git repository: /);
    assert.equal(none.stderr.trim().split('\n').length, 1, none.stderr);
  });

  it('--fix --changed fixes only the findings it reports', async () => {
    // An old, fixable broken link in an untouched file (a typo of an existing name) stays as it is.
    writeFiles(repo, { 'docs/plans/2026-03-02-exporter-implementation.md': lines('# Exporter plan', '', '**Date:** 2026-03-02', '**Status:** Draft', '**Design Reference:** `docs/plans/2026-03-02-exporter-design.md`', '', 'See [design](./2026-03-02-exporter-desing.md).') });
    git(repo, 'commit', '-qam', 'old typo');
    git(repo, 'mv', 'docs/plans/2026-03-01-importer-implementation.md', 'docs/plans/2026-03-01-importer-implementaton.md');
    const before = await check([]);
    assert.ok(before.lines.some((l) => l.includes('exporter-desing.md')));
    const r = await check(['--fix', '--changed']);
    // The roadmap's link and the design's link to the renamed plan.
    assert.match(r.stderr, /applied 2 fixes/);
    const after = await check([]);
    assert.ok(after.lines.some((l) => l.includes('exporter-desing.md')), 'the untouched file was not fixed');
    assert.ok(!after.lines.some((l) => l.includes('importer-implementation.md, which does not exist')), after.lines.join('\n'));
  });
});

describe('--changed, the pieces', () => {
  it('takeChanged: a flag with an optional value', () => {
    assert.deepEqual(takeChanged(['.', '--changed']), { rest: ['.'], changed: '' });
    assert.deepEqual(takeChanged(['--changed', 'main', 'docs']), { rest: ['docs'], changed: 'main' });
    assert.deepEqual(takeChanged(['--changed', '--format', 'json']), { rest: ['--format', 'json'], changed: '' });
    assert.deepEqual(takeChanged(['--changed=origin/main', 'x']), { rest: ['x'], changed: 'origin/main' });
    assert.deepEqual(takeChanged(['x']), { rest: ['x'], changed: undefined });
    assert.deepEqual(takeChanged(['--', '--changed']), { rest: ['--', '--changed'], changed: undefined });
  });

  it('parseNameStatus: renames have two paths, and names may hold spaces and tabs', () => {
    assert.deepEqual(parseNameStatus('M\0a b.md\0R087\0old\tname.md\0new.md\0D\0gone.md\0A\0new dir/x.md\0'), [
      { status: 'M', paths: ['a b.md'] },
      { status: 'R', paths: ['old\tname.md', 'new.md'] },
      { status: 'D', paths: ['gone.md'] },
      { status: 'A', paths: ['new dir/x.md'] },
    ]);
  });

  it('filterChanged: by the finding file, by its target, or everything when the config changed', () => {
    const f = (p: string, data?: Record<string, unknown>): Finding => ({ code: 'RG003', name: 'broken-link', severity: 'error', message: 'm', path: p, range: range(0, 0), data });
    const findings = [f('a.md'), f('b.md', { target: 'gone.md' }), f('c.md', { plan: 'a.md' }), f('d.md', { target: 'other.md' })];
    const changes: Changes = { base: 'HEAD', mergeBase: 'x', changed: new Set(['a.md']), gone: new Set(['gone.md']) };
    assert.deepEqual(filterChanged(findings, changes).map((x) => x.path), ['a.md', 'b.md', 'c.md']);
    assert.equal(filterChanged(findings, { ...changes, changed: new Set(['.roadmap-governance.json']) }, ['.roadmap-governance.json']).length, 4);
  });
});
