/**
 * Emacs 28 + eglot (Debian's `emacs-nox elpa-eglot`) as a real LSP client of
 * dist/server.js, in batch mode. eglot cannot create files from a
 * WorkspaceEdit (it does not advertise resourceOperations and ignores
 * CreateFile), so the create-doc fix must reach it as a command the server
 * runs. test/clients/emacs/scenario.el does what a user does; the files are
 * read back from disk here.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  codesAndLines,
  copyFixture,
  engineFindings,
  explain,
  fixOf,
  type LspDiagnostic,
  read,
  requireClient,
  ROADMAP,
  type Run,
  runEditor,
  SERVER,
  SERVER_EXIT_MS,
  todayUtc,
  versionOf,
  WAIT_MS,
} from './support';

const SCRIPT = path.join(__dirname, 'emacs', 'scenario.el');
const ELPA_ON_LOAD_PATH =
  '(dolist (dir (ignore-errors (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[^.]"))) (when (file-directory-p dir) (push dir load-path)))';
const LINK_CODES = ['RG001', 'RG002', 'RG003', 'RG004'];
/** How long the notes may take to show the fix's effect once it has run. */
const SETTLE_MS = 5000;

interface Note {
  line: number;
  code?: string;
  text: string;
}

/** Code, line and text of each flymake note, sorted: what the user reads. */
const seen = (notes: Note[]) => notes.map((n) => `${n.code}@${n.line} ${n.text}`).sort();

const BETA = 8;
const GAMMA = 9;
const EPSILON = 14;

function emacs(root: string, scenario: string, env: Record<string, string> = {}): Promise<Run> {
  const resultFile = path.join(path.dirname(root), `emacs-${scenario}.result.json`);
  return runEditor(
    'emacs',
    ['--batch', '-Q', '-l', SCRIPT],
    { RG_SERVER: SERVER, RG_ROOT: root, RG_RESULT: resultFile, RG_TIMEOUT_MS: String(WAIT_MS), RG_SCENARIO: scenario, ...env },
    resultFile,
  );
}

function assertRan(run: Run): asserts run is Run & { result: NonNullable<Run['result']> } {
  assert.ok(run.result, `emacs wrote no result\n${explain(run)}`);
  assert.equal(run.code, 0, `emacs failed\n${explain(run)}`);
  assert.equal(run.result.ok, true, explain(run));
  assert.ok(!run.serverLingered, `the server (pid ${run.result.serverPid}) was still running ${SERVER_EXIT_MS} ms after the editor exited`);
}

describe('Emacs 28 + eglot in batch mode as a client', function () {
  const cleanups: (() => void)[] = [];
  const timings: string[] = [];

  before(function () {
    requireClient(this, 'emacs', 'emacs-nox elpa-eglot');
    // eglot: built into Emacs 29+, from elpa-eglot on Emacs 28 (the script adds Debian's elpa folders).
    const probe = spawnSync('emacs', ['--batch', '-Q', '--eval', ELPA_ON_LOAD_PATH + "(require 'eglot)"], { encoding: 'utf8' });
    if (probe.status !== 0) {
      const message = 'emacs client tests cannot run: eglot is not installed (apt-get install -y elpa-eglot)';
      if (process.env.CI) throw new Error(`${message}. CI is set, so this is a failure, not a skip.`);
      console.warn(`      SKIPPED: ${message}`);
      this.skip();
    }
    timings.push(versionOf('emacs'));
  });

  after(function () {
    for (const cleanup of cleanups) cleanup();
    if (timings.length > 1) console.log(`      ${timings.join('\n      ')}`);
  });

  function workspace(): string {
    const { root, cleanup } = copyFixture('basic');
    cleanups.push(cleanup);
    return root;
  }

  it('shows the roadmap diagnostics in flymake, with their codes and lines', async function () {
    const root = workspace();
    const run = await emacs(root, 'diagnostics');
    assertRan(run);
    timings.push(`diagnostics: ${run.ms} ms, server gone ${run.serverExitMs} ms after the editor (flymake notes ${run.result.timings.roadmapDiagnostics} ms after start)`);
    const expected = [`RG001@${GAMMA}`, `RG002@${BETA}`, `RG002@${GAMMA}`, `RG002@${EPSILON}`].sort();
    assert.deepEqual(codesAndLines(run.result.published[ROADMAP], LINK_CODES), expected, 'published for the roadmap');
    assert.deepEqual(codesAndLines(run.result.shown!, LINK_CODES), expected, 'flymake-diagnostics of the roadmap buffer');
    const note = run.result.shown!.find((n) => n.code === 'RG001')!;
    assert.match(note.text!, /Gamma export/);
  });

  it('sees a file created on disk behind its back, and its deletion: eglot watches the files for the server', async function () {
    const root = workspace();
    const file = 'docs/plans/2025-12-01-beta-notes.md';
    const shown = 'docs/plans/2026-01-12-beta-view-design.md';
    const run = await emacs(root, 'disk', { RG_FILE: file, RG_SHOWN: shown, RG_LINE: '8', RG_SETTLE_MS: String(SETTLE_MS) });
    assertRan(run);
    const { timings: t } = run.result;
    timings.push(`file on disk: ${run.ms} ms (created -> RG003 gone ${t.seen - t.created} ms, deleted -> back ${t.back - t.deleted} ms)`);
    const result = run.result as typeof run.result & { before: LspDiagnostic[]; settled: LspDiagnostic[]; logs: string[] };
    const lines = (d: LspDiagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line} ${x.message}`).sort();
    assert.deepEqual(lines(result.settled), lines(result.before.filter((d) => !(d.code === 'RG003' && d.range.start.line === 8))), 'the RG003 gone and nothing new');
    assert.ok(result.logs.some((m) => /The client watches the workspace files/.test(m)), 'eglot registered the watch, so the server does not watch');
  });

  it('runs the create-doc fix through the command fallback: the plan is created on disk and linked', async function () {
    const root = workspace();
    const before = read(root, ROADMAP);
    const date = todayUtc();
    const target = `docs/plans/${date}-gamma-export-design.md`;
    const fix = fixOf(await engineFindings(root, date), 'RG001', GAMMA, /^Create design doc/);
    const create = fix.steps.find((s) => s.kind === 'create');
    assert.ok(create && create.kind === 'create' && create.path === target);

    const run = await emacs(root, 'create-doc', { RG_LINE: String(GAMMA), RG_TARGET: target, RG_SETTLE_MS: String(SETTLE_MS) });
    assertRan(run);
    timings.push(`create doc: ${run.ms} ms (notes corrected ${run.result.timings.settled - run.result.timings.applied} ms after the fix ran)`);
    const action = run.result.actions!.find((a) => a.title === run.result.chosen);
    assert.ok(action, `the chosen action was among those offered: ${JSON.stringify(run.result.actions)}`);
    // eglot cannot create files, so the server must not rely on a CreateFile edit here.
    assert.ok(action.command, `the create-doc action carries a command for eglot: ${JSON.stringify(action)}`);

    assert.ok(existsSync(path.join(root, target)), `${target} exists`);
    assert.equal(read(root, target), create.content, 'the template, rendered for the item, exactly');
    assert.equal(
      read(root, ROADMAP),
      before.split('\n').map((l, i) => (i === GAMMA ? `- [ ] **[CLI] Gamma export** ([Design](../plans/${date}-gamma-export-design.md)) \`Priority: Low\`` : l)).join('\n'),
      'the item links the new plan and nothing else changed',
    );

    // What the user sees in flymake: what was there before, less the item's RG001; no RG003 for
    // the plan the server just created, and nothing new.
    const result = run.result as typeof run.result & { before: Note[]; settled: Note[]; logs: string[] };
    assert.deepEqual(seen(result.settled), seen(result.before.filter((n) => !(n.code === 'RG001' && n.line === GAMMA))), 'the notes once the fix is in');
    // eglot registers the file watch the server asks for, so the server does not watch as well.
    assert.ok(result.logs.some((m) => /The client watches the workspace files/.test(m)), `server log: ${result.logs.join(' | ')}`);
    assert.ok(!result.logs.some((m) => /the server watches .* itself/.test(m)), 'the server does not watch too');
  });
});
