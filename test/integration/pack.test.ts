/**
 * The npm package: `npm pack` holds only what the CLI and the language server
 * need (their bundles, the schema, docs/, README, LICENSE, CHANGELOG.md,
 * package.json), the bundles require nothing but Node's built-in modules, and
 * the tarball installed offline into an empty folder runs
 * `npx roadmap-governance check` on a fixture.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fg from 'fast-glob';
import * as esbuild from 'esbuild';
import { buildBundle, governedDocs, REPO, run, writeFiles } from '../unit/ci-helpers';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** Modules a bundle requires that are not Node's own. */
function foreignRequires(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
  return [...required].filter((m) => !builtinModules.includes(m.replace(/^node:/, '')));
}

describe('npm package (npm pack)', function () {
  this.timeout(300_000);
  let tmp: string;
  let tarball: string;

  before(async () => {
    await Promise.all([buildBundle('server/cli/main.ts', 'dist/cli.js'), buildBundle('server/lsp/main.ts', 'dist/server.js')]);
    await esbuild.stop();
    // As build.mjs does.
    copyFileSync(path.join(REPO, 'server/schema/roadmap-governance.schema.json'), path.join(REPO, 'dist/roadmap-governance.schema.json'));
    tmp = mkdtempSync(path.join(tmpdir(), 'rg-pack-'));
    const packed = await run('npm', ['pack', '--pack-destination', tmp, '--json'], { cwd: REPO, env: { ...process.env, npm_config_offline: 'true' } });
    assert.equal(packed.code, 0, packed.stderr);
    tarball = path.join(tmp, JSON.parse(packed.stdout)[0].filename);
    assert.ok(existsSync(tarball), tarball);
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the CLI and server bundles, the schema, docs/, README, LICENSE, CHANGELOG.md and package.json, nothing else', async () => {
    const listed = await run('tar', ['-tzf', tarball], { cwd: tmp });
    assert.equal(listed.code, 0, listed.stderr);
    const files = listed.stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
    const docs = fg.sync('docs/**/*', { cwd: REPO, onlyFiles: true });
    assert.ok(docs.includes('docs/ci.md') && docs.includes('docs/rules/RG003-broken-link.md'));
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/roadmap-governance.schema.json', 'dist/server.js', ...docs, 'package.json'].sort());
    // Small: no source maps, no sources, no tests (the bundles are most of it).
    assert.ok(statSync(tarball).size < 1_000_000, `${statSync(tarball).size} bytes`);
  });

  it('the bundles need no runtime dependency: they require Node built-ins only, and package.json has no dependencies', () => {
    assert.deepEqual(foreignRequires(path.join(REPO, 'dist/cli.js')), []);
    assert.deepEqual(foreignRequires(path.join(REPO, 'dist/server.js')), []);
    assert.equal(pkg.dependencies, undefined);
  });

  it('installed offline into an empty folder, `npx roadmap-governance check` runs on a fixture', async () => {
    const consumer = path.join(tmp, 'consumer');
    mkdirSync(consumer);
    const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const installed = await run('npm', ['install', '--offline', '--no-save', tarball], { cwd: consumer, env });
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);
    assert.deepEqual(readdirSync(path.join(consumer, 'node_modules')).filter((n) => !n.startsWith('.')), ['roadmap-governance'], 'nothing else was installed');
    const fixture = path.join(tmp, 'fixture');
    writeFiles(fixture, governedDocs());
    const checked = await run('npx', ['--offline', 'roadmap-governance', 'check', fixture], { cwd: consumer, env });
    assert.equal(checked.code, 1, checked.stderr);
    assert.equal(
      checked.stdout,
      'docs/plans/2026-03-02-exporter-design.md:6:20: error RG003/broken-link Link "./exporter-wiki-notes.md" points to docs/plans/exporter-wiki-notes.md, which does not exist.\n1 finding in 1 file (1 error, 0 warnings)\n',
    );
    const version = await run('npx', ['--offline', 'roadmap-governance', '--version'], { cwd: consumer, env });
    assert.equal(version.stdout.trim(), pkg.version);
    // The language server's bin is there too, and the schema that `init` points configs at.
    assert.ok(existsSync(path.join(consumer, 'node_modules/.bin/roadmap-governance-lsp')));
    assert.ok(existsSync(path.join(consumer, 'node_modules/roadmap-governance/dist/roadmap-governance.schema.json')));
  });

  it('package.json names the repository, homepage, issues and keywords', () => {
    assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    assert.match(pkg.homepage, /^https:\/\/github\.com\//);
    assert.match(pkg.bugs.url, /\/issues$/);
    assert.ok(pkg.keywords.includes('roadmap') && pkg.keywords.length <= 30, 'vsce takes at most 30 keywords');
  });
});
