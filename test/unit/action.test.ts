/**
 * The GitHub Action as the runner starts it: `node dist/action.js` with the
 * environment GitHub sets (INPUT_*, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT, GITHUB_EVENT_PATH with a pull_request payload) on a fixture
 * repository. Its annotations must be the CLI's findings, the same set.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import YAML from 'yaml';
import { buildBundle, git, gitEnv, gitRepo, governedDocs, lines, REPO, run, writeFiles, type Run } from './ci-helpers';

const ANNOTATION = /^::(error|warning|notice) file=/;

interface ActionRun extends Run {
  annotations: string[];
  summary: string;
  outputs: Record<string, string>;
}

describe('GitHub Action (action.yml → dist/action.js)', function () {
  this.timeout(120_000);
  let action: string;
  let cli: string;
  let tmp: string;
  let repo: string;

  /** Runs the action in `repo` with these inputs (as the runner passes them) and environment. */
  const runAction = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> => {
    const summaryFile = path.join(tmp, `summary-${Math.random().toString(36).slice(2)}.md`);
    const outputFile = path.join(tmp, `output-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(summaryFile, '');
    writeFileSync(outputFile, '');
    const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
    const r = await run(process.execPath, [action], {
      cwd: repo,
      env: gitEnv({
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_WORKSPACE: repo,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_OUTPUT: outputFile,
        GITHUB_REPOSITORY: 'octo/docs',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_EVENT_NAME: 'push',
        ...inputEnv,
        ...env,
      }),
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
      const m = /^([\w-]+)=(.*)$/.exec(line);
      if (m) outputs[m[1]] = m[2];
    }
    return { ...r, annotations: r.stdout.split('\n').filter((l) => ANNOTATION.test(l)), summary: readFileSync(summaryFile, 'utf8'), outputs };
  };

  /** The CLI's `--format github` lines, run from the repository root as a workflow step would. */
  const cliAnnotations = async (args: string[]): Promise<string[]> => {
    const r = await run(process.execPath, [cli, 'check', ...args, '--format', 'github'], { cwd: repo, env: gitEnv() });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return r.stdout.split('\n').filter((l) => l !== '');
  };

  before(async () => {
    [action, cli] = await Promise.all([buildBundle('server/cli/action.ts', 'dist/action.js', false), buildBundle('server/cli/main.ts', 'dist/cli.js')]);
    tmp = mkdtempSync(path.join(tmpdir(), 'rg-action-'));
  });
  after(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.stop();
  });
  beforeEach(function () {
    repo = path.join(tmp, this.currentTest!.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
    gitRepo(repo, {
      ...governedDocs(),
      // A warning and an open item without links, so every severity the action maps is there.
      'docs/plans/2026-03-03-sync-design.md': lines('# Sync', '', '**Date:** 2026-03-04', '**Status:** Draft'),
    });
  });

  it('annotates exactly the findings of the CLI, writes the summary and the outputs, and fails on errors', async () => {
    const r = await runAction({ path: '.', 'fail-on': 'error' });
    const expected = await cliAnnotations(['.']);
    assert.ok(expected.length >= 3, expected.join('\n'));
    assert.deepEqual(r.annotations, expected);
    assert.ok(r.annotations.includes('::error file=docs/plans/2026-03-02-exporter-design.md,line=6,col=20,endLine=6,endColumn=63,title=RG003 broken-link::Link "./exporter-wiki-notes.md" points to docs/plans/exporter-wiki-notes.md, which does not exist.'), r.stdout);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^roadmap-governance: 1 finding at or above "fail-on: error"\.$/m);

    const errors = expected.filter((l) => l.startsWith('::error ')).length;
    assert.deepEqual(r.outputs, { findings: String(expected.length), errors: String(errors), coverage: '100' });

    assert.match(r.summary, /^## Roadmap Governance ❌\n\n\*\*\d+ findings\*\* in \d+ files\.\n/);
    assert.ok(r.summary.includes(`| ${errors} | ${expected.filter((l) => l.startsWith('::warning ')).length} | ${expected.filter((l) => l.startsWith('::notice ')).length} | 0 | error |`), r.summary);
    assert.ok(
      r.summary.includes(
        '| [docs/plans/2026-03-02-exporter-design.md](https://github.com/octo/docs/blob/0123456789abcdef0123456789abcdef01234567/docs/plans/2026-03-02-exporter-design.md#L6) | 6 | RG003 broken-link | error | Link "./exporter-wiki-notes.md" points to docs/plans/exporter-wiki-notes.md, which does not exist. |',
      ),
      r.summary,
    );
    // The coverage matrix (the CLI's markdown, one heading level down), its chart and links to the files at this commit.
    assert.match(r.summary, /^## Roadmap coverage matrix$/m);
    assert.match(r.summary, /^### Summary$/m);
    assert.match(r.summary, /^```mermaid\npie showData\n {4}title Roadmap items by link coverage\n {4}"Design and implementation" : 2\n```$/m);
    assert.ok(r.summary.includes('[2026-03-01-importer-design.md](https://github.com/octo/docs/blob/0123456789abcdef0123456789abcdef01234567/docs/plans/2026-03-01-importer-design.md)'), r.summary);
    assert.ok(!r.summary.includes('<!-- generated by'), 'no generated-file marker in the summary');
  });

  it('fail-on decides the exit code: none passes, warning fails on a warning, error passes warnings', async () => {
    assert.equal((await runAction({ 'fail-on': 'none' })).code, 0);
    // Without the error, only warnings and info are left.
    writeFiles(repo, { 'docs/plans/2026-03-02-exporter-design.md': lines('# Exporter', '', '**Date:** 2026-03-02', '**Status:** Approved') });
    const passes = await runAction({ 'fail-on': 'error' });
    assert.equal(passes.code, 0, passes.stdout);
    assert.ok(passes.annotations.some((a) => a.startsWith('::warning ')), passes.stdout);
    assert.match(passes.stdout, /none at or above "fail-on: error"/);
    assert.match(passes.summary, /^## Roadmap Governance ✅/);
    assert.equal((await runAction({ 'fail-on': 'warning' })).code, 1);
    assert.equal((await runAction({ 'fail-on': 'WARNING' })).code, 1, 'case does not matter');
  });

  it('a folder inside the repository: annotations, SARIF and links are from the repository root', async () => {
    const site = path.join(repo, 'site');
    for (const [p, text] of Object.entries(governedDocs())) writeFiles(site, { [p]: text });
    const r = await runAction({ path: 'site', sarif: 'reports/roadmap.sarif', format: 'json' });
    const expected = await cliAnnotations(['site']);
    assert.deepEqual(r.annotations, expected);
    assert.ok(r.annotations.every((a) => a.includes('file=site/docs/')), r.annotations.join('\n'));
    const sarif = JSON.parse(readFileSync(path.join(repo, 'reports/roadmap.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.length, expected.length);
    assert.deepEqual(
      results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri),
      expected.map((a) => /file=([^,]+)/.exec(a)![1]),
    );
    assert.equal(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${repo}/`);
    assert.match(r.stdout, /^roadmap-governance: wrote reports\/roadmap\.sarif \(SARIF 2\.1\.0, 1 result\)\.$/m);
    // The log in the chosen format, with workflow commands stopped around it.
    const log = /::stop-commands::(rg-[\w-]+)\n([\s\S]*?)::\1::\n/.exec(r.stdout);
    assert.ok(log, r.stdout);
    const cliJson = await run(process.execPath, [cli, 'check', 'site', '--format', 'json'], { cwd: repo });
    assert.deepEqual(JSON.parse(log[2]), JSON.parse(cliJson.stdout));
    assert.ok(r.summary.includes('(https://github.com/octo/docs/blob/0123456789abcdef0123456789abcdef01234567/site/docs/plans/2026-03-01-importer-design.md)'), r.summary);
  });

  it('changed: auto on a pull request annotates what the branch changed and broke, not the old findings', async () => {
    const baseSha = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'checkout', '-q', '-b', 'feature');
    git(repo, 'mv', 'docs/plans/2026-03-01-importer-design.md', 'docs/plans/2026-03-01-import-design.md');
    git(repo, 'commit', '-q', '-m', 'rename the importer design');
    const event = path.join(tmp, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'opened', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: baseSha }, head: { ref: 'feature', sha: git(repo, 'rev-parse', 'HEAD').trim() } } }));
    const r = await runAction({ changed: 'auto' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
    const expected = await cliAnnotations(['.', `--changed=${baseSha}`]);
    assert.deepEqual(r.annotations, expected);
    assert.deepEqual(
      r.annotations.map((a) => /file=([^,]+),line=(\d+)/.exec(a)!.slice(1).join(':')),
      ['docs/plans/2026-03-01-import-design.md:1', 'docs/plans/2026-03-01-importer-implementation.md:5', 'docs/project/roadmap.md:8'],
    );
    assert.ok(!r.annotations.some((a) => a.includes('exporter-wiki-notes')), 'the old broken link is not annotated');
    assert.match(r.summary, new RegExp(`\\(2 files changed since ${baseSha.slice(0, 12)}, 1 of them deleted or renamed: only the findings they concern\\)`));
    assert.equal(r.code, 1);
    // A ref works as well; outside a pull request "auto" checks everything, and says so.
    assert.deepEqual((await runAction({ changed: 'main' })).annotations, expected);
    const push = await runAction({ changed: 'auto' }, { GITHUB_EVENT_PATH: path.join(tmp, 'no-such-event.json') });
    assert.match(push.stdout, /^changed: auto found no pull request or push base in the event \(push\); checking every file\.$/m);
    assert.deepEqual(push.annotations, await cliAnnotations(['.']));
  });

  it('a bad input or folder fails with one error annotation and exit 2', async () => {
    const badFailOn = await runAction({ 'fail-on': 'sometimes' });
    assert.equal(badFailOn.code, 2);
    assert.deepEqual(badFailOn.stdout.trim().split('\n'), ['::error title=roadmap-governance::Unknown fail-on "sometimes"; use one of error, warning, info, hint, none.']);
    const badPath = await runAction({ path: 'no-such-folder' });
    assert.equal(badPath.code, 2);
    assert.deepEqual(badPath.stdout.trim().split('\n'), [`::error title=roadmap-governance::path: "no-such-folder" is not a folder of ${repo}.`]);
    const badBase = await runAction({ changed: 'nope' });
    assert.equal(badBase.code, 2);
    assert.match(badBase.stdout, /^::error title=roadmap-governance::--changed: "nope" is not a commit of this repository/m);
  });

  it('action.yml declares the inputs the entry reads, the outputs it writes, and runs the bundle on node20', () => {
    const spec = YAML.parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
    assert.deepEqual(Object.keys(spec.inputs), ['path', 'config', 'format', 'fail-on', 'sarif', 'changed']);
    assert.equal(spec.inputs.path.default, '.');
    assert.equal(spec.inputs['fail-on'].default, 'error');
    assert.deepEqual(Object.keys(spec.outputs), ['findings', 'errors', 'coverage']);
    assert.deepEqual(spec.runs, { using: 'node20', main: 'dist/action.js' });
    const source = readFileSync(path.join(REPO, 'server/cli/githubAction.ts'), 'utf8');
    const read = [...source.matchAll(/getInput\(env, '([\w-]+)'\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(read)].sort(), Object.keys(spec.inputs).sort());
    assert.match(readFileSync(path.join(REPO, 'build.mjs'), 'utf8'), /entryPoints: \['server\/cli\/action\.ts'\], outfile: 'dist\/action\.js'/);
    assert.ok(existsSync(action));
    // Self-contained: a release that carries dist/ needs no npm install.
    const requires = new Set([...readFileSync(action, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, '')));
    const { builtinModules } = require('node:module') as typeof import('node:module');
    assert.deepEqual([...requires].filter((m) => !builtinModules.includes(m)), []);
  });
});
