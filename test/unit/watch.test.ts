/**
 * The server's own file watch (server/node/watcher.ts) and what it shares
 * with the scan's listing (FsWorkspace): the same ignores, one OS watch per
 * directory (not per file), and the changes it hands on.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fg from 'fast-glob';
import { FsWorkspace } from '../../server/node/fsWorkspace';
import { type DiskChange, FolderWatcher } from '../../server/node/watcher';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/archive', 'docs/scratch/**', 'docs/*.tmp.md'];

/** A folder with something of everything the listing leaves out. */
function tree(): { root: string; outside: string; cleanup: () => void } {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'rg-watch-')));
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  const files: Record<string, string> = {
    '.gitignore': 'build/\n*.log\n',
    'README.md': '# Readme\n',
    'docs/guide.md': '# Guide\n',
    'docs/draft.tmp.md': 'scratch\n',
    'docs/plans/a-design.md': '# A\n',
    'docs/plans/archive/old.md': '# Old\n',
    'docs/scratch/note.md': '# Note\n',
    'docs/deep/.gitignore': 'private/\n',
    'docs/deep/private/secret.md': '# Secret\n',
    'docs/deep/public.md': '# Public\n',
    'build/out.md': '# Built\n',
    'debug.log': 'log\n',
    'node_modules/pkg/readme.md': '# Pkg\n',
    '../outside/away.md': '# Away\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  symlinkSync(outside, path.join(root, 'docs/elsewhere'));
  symlinkSync(path.join(root, 'README.md'), path.join(root, 'docs/readme-link.md'));
  return { root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** OS-level watches this process holds (Linux inotify; undefined elsewhere). */
function inotifyWatches(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let watches = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target = '';
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target.includes('inotify')) watches += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
  }
  return watches;
}

describe('the server\'s own file watch', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('FsWorkspace.ignores agrees with the listing: every file, and every folder it does not walk into', async () => {
    const { root, cleanup } = tree();
    cleanups.push(cleanup);
    const fs = new FsWorkspace(root);
    const listed = new Set(await fs.listFiles(IGNORE, true));
    assert.deepEqual([...listed].sort(), ['.gitignore', 'README.md', 'docs/deep/.gitignore', 'docs/deep/public.md', 'docs/guide.md', 'docs/plans/a-design.md']);
    // Every regular file on disk (symlinks are never listed): listed exactly when not ignored.
    for (const f of fg.sync('**/*', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false })) assert.equal(fs.ignores(f, false), !listed.has(f), f);
    const dirs = fg.sync('**/*', { cwd: root, dot: true, onlyDirectories: true, followSymbolicLinks: false });
    const leftOut = dirs.filter((d) => fs.ignores(d, true)).sort();
    assert.deepEqual(leftOut, ['build', 'docs/deep/private', 'docs/plans/archive', 'docs/scratch', 'node_modules', 'node_modules/pkg']);
    for (const d of leftOut) assert.ok(![...listed].some((f) => f.startsWith(d + '/')), `nothing listed under ${d}`);
  });

  it('FsWorkspace.fileExists says whether the listing would have the file; filesUnder lists a folder as the listing would', async () => {
    const { root, cleanup } = tree();
    cleanups.push(cleanup);
    const fs = new FsWorkspace(root);
    await fs.listFiles(IGNORE, true);
    const cases: Record<string, boolean> = {
      'docs/guide.md': true,
      'docs/plans': false, // a folder
      'docs/readme-link.md': false, // a symbolic link
      'docs/elsewhere/away.md': false, // under a symlinked folder
      'docs/scratch/note.md': false, // an ignore glob
      'build/out.md': false, // .gitignore
      'docs/deep/private/secret.md': false, // a nested .gitignore
      'docs/missing.md': false,
      '../outside/away.md': false, // outside the folder
    };
    for (const [p, expected] of Object.entries(cases)) assert.equal(await fs.fileExists(p), expected, p);
    assert.deepEqual(fs.filesUnder('docs'), ['docs/deep/.gitignore', 'docs/deep/public.md', 'docs/guide.md', 'docs/plans/a-design.md']);
  });

  it('watches directories only (one OS watch each, none per file), and reports files created, changed and deleted, in new folders too', async function () {
    const { root, outside, cleanup } = tree();
    cleanups.push(cleanup);
    const fs = new FsWorkspace(root);
    const known = new Set(await fs.listFiles(IGNORE, true));
    const batches: DiskChange[][] = [];
    let arrived: () => void = () => {};
    const watcher = new FolderWatcher(fs, {
      knows: (p) => known.has(p) || [...known].some((f) => f.startsWith(p + '/')),
      onChanges: (changes) => {
        batches.push(changes);
        for (const c of changes) c.kind === 'deleted' ? known.delete(c.path) : known.add(c.path);
        arrived();
      },
    });
    cleanups.push(() => void watcher.close());
    const before = inotifyWatches();
    await watcher.start();
    // The root, docs, docs/plans, docs/deep: the folders the listing walks, and nothing else.
    assert.equal(watcher.watchedDirectories(), 4);
    if (before !== undefined) assert.equal(inotifyWatches()! - before, 4, 'one inotify watch per folder, none per file');

    /** Waits until a change of `p` has been reported; gives the first one. */
    const all: DiskChange[] = [];
    const until = async (p: string): Promise<DiskChange> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        for (const batch of batches.splice(0)) all.push(...batch);
        const found = all.find((c) => c.path === p);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${p}; seen ${JSON.stringify(all)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadline - Date.now());
          arrived = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    };
    const at = (rel: string) => path.join(root, rel);

    writeFileSync(at('docs/plans/b-design.md'), '# B\n');
    assert.equal((await until('docs/plans/b-design.md')).kind, 'created');

    writeFileSync(at('docs/guide.md'), '# Guide, changed\n');
    assert.equal((await until('docs/guide.md')).kind, 'changed');

    // What the listing leaves out is never reported (written first: it would come no later than the last one).
    writeFileSync(at('docs/scratch/more.md'), 'x\n');
    writeFileSync(at('build/more.md'), 'x\n');
    writeFileSync(at('debug2.log'), 'x\n');
    writeFileSync(at('docs/other.tmp.md'), 'x\n');
    writeFileSync(path.join(outside, 'more.md'), 'x\n');
    mkdirSync(at('docs/new/inner'), { recursive: true });
    writeFileSync(at('docs/new/inner/c.md'), '# C\n');
    assert.equal((await until('docs/new/inner/c.md')).kind, 'created', 'a file in a new folder');

    rmSync(at('docs/plans/a-design.md'));
    assert.equal((await until('docs/plans/a-design.md')).kind, 'deleted');

    // A folder removed with its files: a deletion of the folder (the engine drops what is under it).
    rmSync(at('docs/new'), { recursive: true });
    assert.equal((await until('docs/new')).kind, 'deleted');

    const expected = ['docs/plans/b-design.md', 'docs/guide.md', 'docs/new/inner/c.md', 'docs/plans/a-design.md', 'docs/new', 'docs/new/inner'];
    assert.deepEqual(all.filter((c) => !expected.includes(c.path)), [], 'nothing else, and nothing the listing leaves out');
    await watcher.close();
  });

  it('starts over with the new ignores when a listing changes them', async () => {
    const { root, cleanup } = tree();
    cleanups.push(cleanup);
    const fs = new FsWorkspace(root);
    await fs.listFiles(IGNORE, true);
    const watcher = new FolderWatcher(fs, { knows: () => false, onChanges: () => {} });
    cleanups.push(() => void watcher.close());
    await watcher.start();
    assert.equal(watcher.watchedDirectories(), 4);
    assert.equal(await watcher.refresh(), false, 'nothing changed: the watch goes on');
    writeFileSync(path.join(root, '.gitignore'), '*.log\n');
    await fs.listFiles(IGNORE, true);
    assert.equal(await watcher.refresh(), true);
    assert.equal(watcher.watchedDirectories(), 5, 'build/ is watched once .gitignore no longer ignores it');
    await watcher.close();
  });
});
