/**
 * The pre-commit hook (.pre-commit-hooks.yaml), run by the real `pre-commit`
 * on `git commit` in a temp repository: a commit that breaks a link fails,
 * the commit that fixes it passes. Offline.
 *
 * 1. `repo: local`, `language: system`: the hook's entry, files and
 *    pass_filenames from .pre-commit-hooks.yaml, with the built CLI.
 * 2. The hook as users get it: `repo:` a git repository laid out like a
 *    release (this package with dist/ committed), `rev:` its commit, and
 *    `language: node` as declared. pre-commit then runs `npm install` there
 *    (with npm_config_offline=true, from npm's cache, which `npm ci` filled),
 *    `npm pack` and `npm install -g` of the tarball into its own env.
 * 3. The lighter way docs/ci.md gives: `repo: local`, `language: node`, the
 *    package in `additional_dependencies` (its npm pack tarball here, where
 *    docs/ci.md names the registry's `roadmap-governance@version`).
 *
 * Skipped, with a message, when pre-commit is not installed and CI is not set
 * (.ci/run installs it).
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import YAML from 'yaml';
import { buildBundle, git, gitEnv, gitRepo, governedDocs, hasCommand, REPO, run, writeFiles } from '../unit/ci-helpers';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}

const BREAK = ['docs/plans/2026-03-01-importer-design.md', 'Built by the [plan](./2026-03-01-importer-implementation.md).', 'Built by the [plan](./2026-03-01-importer-implementaton.md).'] as const;

describe('pre-commit hook (.pre-commit-hooks.yaml)', function () {
  this.timeout(600_000);
  const hooks = YAML.parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'roadmap-governance')!;
  let tmp: string;
  let cli: string;

  before(async function () {
    if (!hasCommand('pre-commit') || !hasCommand('git')) {
      if (process.env.CI) throw new Error('pre-commit (or git) is not installed, and CI is set: .ci/run installs it (apt-get install pre-commit).');
      console.log('      (skipped: pre-commit is not installed; `apt-get install pre-commit` to run these tests)');
      this.skip();
    }
    // The CLI for the local hooks; the server bundle too, since a release-like clone carries what npm packs.
    [cli] = await Promise.all([buildBundle('server/cli/main.ts', 'dist/cli.js'), buildBundle('server/lsp/main.ts', 'dist/server.js')]);
    await esbuild.stop();
    tmp = mkdtempSync(path.join(tmpdir(), 'rg-precommit-'));
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('declares the hook: id, language node, markdown files, no file names, the CLI check', () => {
    assert.deepEqual(
      { id: hook.id, entry: hook.entry, language: hook.language, files: hook.files, pass_filenames: hook.pass_filenames },
      { id: 'roadmap-governance', entry: 'roadmap-governance check', language: 'node', files: '\\.(md|markdown)$', pass_filenames: false },
    );
    const bin = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).bin;
    assert.equal(bin[hook.entry.split(' ')[0]], 'dist/cli.js');
  });

  /** A project repository with pre-commit installed as its git hook, and this config. */
  const project = async (name: string, config: unknown, home: string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> => {
    const dir = path.join(tmp, name);
    gitRepo(dir, governedDocs());
    // The old broken link of the fixture would fail every commit of a whole-repository check: mend it first.
    writeFiles(dir, { 'docs/plans/2026-03-02-exporter-design.md': governedDocs()['docs/plans/2026-03-02-exporter-design.md'].replace('[the wiki export](./exporter-wiki-notes.md)', 'the wiki export') });
    writeFiles(dir, { '.pre-commit-config.yaml': YAML.stringify(config) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'pre-commit config', '--no-verify');
    const env = gitEnv({ PRE_COMMIT_HOME: home, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
    const installed = await run('pre-commit', ['install'], { cwd: dir, env });
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);
    return { dir, env };
  };

  /** Breaks a link and commits (fails), then fixes it and commits (passes). */
  const breakThenFix = async ({ dir, env }: { dir: string; env: NodeJS.ProcessEnv }) => {
    const [file, good, bad] = BREAK;
    const text = readFileSync(path.join(dir, file), 'utf8');
    writeFiles(dir, { [file]: text.replace(good, bad) });
    git(dir, 'add', file);
    const broken = await run('git', ['commit', '-m', 'break a link'], { cwd: dir, env, timeout: 540_000 });
    assert.equal(broken.code, 1, `the commit must fail:\n${broken.stdout}${broken.stderr}`);
    const out = broken.stdout + broken.stderr;
    assert.match(out, /roadmap-governance\.+Failed/);
    assert.match(out, /docs\/plans\/2026-03-01-importer-design\.md:6:14: error RG003\/broken-link Link "\.\/2026-03-01-importer-implementaton\.md" points to docs\/plans\/2026-03-01-importer-implementaton\.md, which does not exist\. Did you mean docs\/plans\/2026-03-01-importer-implementation\.md\?/);
    assert.equal(git(dir, 'log', '--format=%s', '-1').trim(), 'pre-commit config', 'nothing was committed');

    writeFiles(dir, { [file]: text.replace(good, `${good}\n\nFixed.`) });
    git(dir, 'add', file);
    const fixed = await run('git', ['commit', '-m', 'fix the link'], { cwd: dir, env });
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout + fixed.stderr, /roadmap-governance\.+Passed/);
    assert.equal(git(dir, 'log', '--format=%s', '-1').trim(), 'fix the link');

    // A commit without markdown does not run the hook.
    writeFiles(dir, { 'notes.txt': 'plain\n' });
    git(dir, 'add', 'notes.txt');
    const skipped = await run('git', ['commit', '-m', 'text only'], { cwd: dir, env });
    assert.equal(skipped.code, 0, skipped.stdout + skipped.stderr);
    assert.match(skipped.stdout + skipped.stderr, /roadmap-governance\.+\(no files to check\)Skipped/);
  };

  it('repo: local, language: system: a commit that breaks a link fails, the fix passes', async () => {
    const config = {
      repos: [
        {
          repo: 'local',
          hooks: [{ id: hook.id, name: hook.id, entry: `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} check`, language: 'system', files: hook.files, pass_filenames: hook.pass_filenames }],
        },
      ],
    };
    await breakThenFix(await project('local', config, path.join(tmp, 'home-local')));
  });

  it('repo: a release-like clone with dist/, language: node, offline: fails on the broken link, passes once fixed', async () => {
    // What a release carries: the package as npm packs it, plus the hook file and the lockfile.
    const release = path.join(tmp, 'release');
    mkdirSync(release, { recursive: true });
    const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO });
    assert.equal(packed.code, 0, packed.stderr);
    const files = (JSON.parse(packed.stdout)[0].files as { path: string }[]).map((f) => f.path);
    for (const f of [...files, '.pre-commit-hooks.yaml', 'package-lock.json']) {
      mkdirSync(path.dirname(path.join(release, f)), { recursive: true });
      copyFileSync(path.join(REPO, f), path.join(release, f));
    }
    gitRepo(release, {});
    const rev = git(release, 'rev-parse', 'HEAD').trim();
    const home = path.join(tmp, 'home-node');
    const proj = await project('node', { repos: [{ repo: release, rev, hooks: [{ id: 'roadmap-governance' }] }] }, home);
    const install = await run('pre-commit', ['install-hooks'], { cwd: proj.dir, env: proj.env, timeout: 540_000 });
    assert.equal(install.code, 0, `pre-commit could not install the node hook offline:\n${install.stdout}${install.stderr}`);
    await breakThenFix(proj);
  });

  it('repo: local, language: node, the package as additional_dependencies (here its tarball): fails, then passes', async () => {
    const packed = await run('npm', ['pack', '--pack-destination', tmp, '--json', '--ignore-scripts'], { cwd: REPO, env: { ...process.env, npm_config_offline: 'true' } });
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = path.join(tmp, JSON.parse(packed.stdout)[0].filename);
    const config = {
      repos: [
        {
          repo: 'local',
          hooks: [{ id: hook.id, name: hook.id, entry: hook.entry, language: 'node', additional_dependencies: [tarball], files: hook.files, pass_filenames: hook.pass_filenames }],
        },
      ],
    };
    await breakThenFix(await project('local-node', config, path.join(tmp, 'home-local-node')));
  });
});
