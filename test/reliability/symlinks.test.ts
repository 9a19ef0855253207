/**
 * Symbolic links in the workspace, as GitHub shows them: a link to a file
 * inside the folder is that file (a link to it is not broken, its fragments
 * are its target's headings), checked once at its target, and never written
 * through; links that leave the folder, dangle or loop are not files.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import { FsWorkspace } from '../../server/node/fsWorkspace';
import { byPath, lines, NOW, runCli, tempDir, writeFiles } from './support';

const TEXTS: Record<string, string> = {
  // The instructions file, and the name other tools look for pointing at it.
  'CLAUDE.md': lines('# Agent Notes', '', '## Build Steps', '', 'Read [the missing guide](docs/absent.md).'),
  'README.md': lines(
    '# Project',
    '',
    '- [notes](AGENTS.md) and [their build steps](AGENTS.md#build-steps), not [a lost step](AGENTS.md#deploy-steps)',
    '- [folder link](shortcut/page.md), [loop](docs/loop-a.md), [outside](docs/outside.md), [dangling](docs/dangling.md)',
  ),
  'docs/real/page.md': lines('# Page'),
};

describe('reliability: symbolic links inside the workspace', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    root = tempDir('symlinks');
    writeFiles(root, TEXTS);
    symlinkSync('CLAUDE.md', path.join(root, 'AGENTS.md'));
    symlinkSync('docs/real', path.join(root, 'shortcut'));
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    symlinkSync('loop-b.md', path.join(root, 'docs/loop-a.md'));
    symlinkSync('loop-a.md', path.join(root, 'docs/loop-b.md'));
    symlinkSync('/etc/hostname', path.join(root, 'docs/outside.md'));
    symlinkSync('nothing-here.md', path.join(root, 'docs/dangling.md'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists a link to a file inside the folder aside, with its target; not loops, dangling links, folders or links out', async () => {
    const ws = new FsWorkspace(root);
    const files = await ws.listFiles([], true);
    assert.deepEqual(files, ['CLAUDE.md', 'README.md', 'docs/real/page.md']);
    assert.deepEqual([...ws.symlinks], [['AGENTS.md', 'CLAUDE.md']]);
  });

  it('a link to it is not broken, its fragments are checked against its target, and its target is checked once', async () => {
    const engine = new Engine(new FsWorkspace(root), { now: NOW });
    await engine.scan();
    const findings = engine.check();
    const readme = byPath(findings, 'README.md').map((f) => `${f.code} ${f.message}`);
    assert.deepEqual(readme.sort(), [
      'RG003 Link "docs/dangling.md" points to docs/dangling.md, which does not exist.',
      'RG003 Link "docs/loop-a.md" points to docs/loop-a.md, which does not exist.',
      'RG003 Link "docs/outside.md" points to docs/outside.md, which does not exist.',
      // A folder reached through a symbolic link is not followed (GitHub does not either).
      'RG003 Link "shortcut/page.md" points to shortcut/page.md, which does not exist. Did you mean docs/real/page.md?',
      'RG004 No heading in AGENTS.md has the anchor #deploy-steps.',
    ]);
    // CLAUDE.md's broken link is reported there only: AGENTS.md is not a second copy of it.
    assert.deepEqual(byPath(findings, 'CLAUDE.md').map((f) => f.code), ['RG003']);
    assert.deepEqual(byPath(findings, 'AGENTS.md'), []);
    assert.ok(!engine.model().docs.has('AGENTS.md'));
  });

  it('reads through it, but never writes through it', async () => {
    const ws = new FsWorkspace(root);
    const read = await ws.readFile('AGENTS.md', 1_000_000);
    assert.equal(read.kind === 'text' && read.text, TEXTS['CLAUDE.md']);
    assert.equal((await ws.readFile('docs/outside.md', 1_000_000)).kind, 'skipped');
    assert.equal((await ws.readFile('docs/loop-a.md', 1_000_000)).kind, 'skipped');
    await assert.rejects(ws.writeFile('AGENTS.md', 'overwritten'), /symbolic link/);
    await assert.rejects(ws.writeFile('shortcut/page.md', 'overwritten'), /symbolic link|outside/);
    assert.equal(readFileSync(path.join(root, 'CLAUDE.md'), 'utf8'), TEXTS['CLAUDE.md']);
    assert.equal(readFileSync(path.join(root, 'docs/real/page.md'), 'utf8'), TEXTS['docs/real/page.md']);
    // Writing the file itself still works.
    await ws.writeFile('docs/real/page.md', TEXTS['docs/real/page.md']);
  });

  it('the CLI reports the same and --fix changes nothing through a link', async () => {
    const before = readFileSync(path.join(root, 'CLAUDE.md'), 'utf8');
    const json = await runCli(['check', '.', '--format', 'json'], root);
    const findings = JSON.parse(json.stdout) as { path: string; code: string }[];
    assert.ok(!findings.some((f) => f.path === 'AGENTS.md'));
    assert.ok(!findings.some((f) => f.code === 'RG003' && /AGENTS\.md/.test(JSON.stringify(f))));
    await runCli(['check', '.', '--fix'], root);
    assert.equal(readFileSync(path.join(root, 'CLAUDE.md'), 'utf8'), before);
  });
});
