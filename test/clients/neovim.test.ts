/**
 * Neovim 0.7 (Debian's `neovim`) as a real LSP client of dist/server.js.
 * Each scenario is a Lua script in test/clients/nvim/, run headless on a temp
 * copy of test/fixtures/clients/basic; the script writes what it saw to a
 * JSON file, and the files it saved with `:wall` are read back from disk here.
 */
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../../server/engine/fixes';
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

const SCRIPTS = path.join(__dirname, 'nvim');
const LINK_CODES = ['RG001', 'RG002', 'RG003', 'RG004'];

/** Roadmap lines (0-based) of the fixture's items. */
const BETA = 8;
const GAMMA = 9;
const EPSILON = 14;
const UNOPENED_PLAN = 'docs/plans/2026-01-12-beta-view-design.md';

function gammaLineWith(link: string): string {
  return `- [ ] **[CLI] Gamma export** ([Design](../plans/${link})) \`Priority: Low\``;
}

function replaceLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line] = replacement;
  return lines.join('\n');
}

async function nvim(root: string, script: string, env: Record<string, string> = {}): Promise<Run> {
  const resultFile = path.join(path.dirname(root), `${script}.result.json`);
  return runEditor(
    'nvim',
    ['--headless', '--clean', '-n', '-c', `luafile ${path.join(SCRIPTS, `${script}.lua`)}`],
    {
      RG_HARNESS: path.join(SCRIPTS, 'harness.lua'),
      RG_SERVER: SERVER,
      RG_ROOT: root,
      RG_RESULT: resultFile,
      RG_TIMEOUT_MS: String(WAIT_MS),
      // Neovim's LSP log (with the server's stderr) goes to a fresh folder per run.
      XDG_CACHE_HOME: path.join(path.dirname(root), 'cache'),
      XDG_STATE_HOME: path.join(path.dirname(root), 'state'),
      ...env,
    },
    resultFile,
  );
}

function assertRan(run: Run): asserts run is Run & { result: NonNullable<Run['result']> } {
  assert.ok(run.result, `nvim wrote no result\n${explain(run)}`);
  assert.equal(run.code, 0, `nvim failed\n${explain(run)}`);
  assert.equal(run.result.ok, true, explain(run));
  assert.ok(!run.serverLingered, `the server (pid ${run.result.serverPid}) was still running ${SERVER_EXIT_MS} ms after the editor exited`);
}

const uriOf = (root: string, rel: string) => pathToFileURL(path.join(root, rel)).href;

/** How long after :wall the roadmap may take to show the created plan as there (the server's watch batches for 30 ms). */
const SETTLE_MS = 5000;

/** Code, line and message of each diagnostic, sorted: what the user reads. */
const seen = (diagnostics: LspDiagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line} ${d.message}`).sort();

// The `nvim` on PATH: Debian's 0.7.2 here; test/clients/nvim-trixie.sh gives a Neovim 0.10.4 to put first on PATH.
describe('Neovim headless as a client', function () {
  const cleanups: (() => void)[] = [];
  const timings: string[] = [];

  before(function () {
    requireClient(this, 'nvim', 'neovim');
    timings.push(versionOf('nvim'));
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

  it('shows the roadmap diagnostics with their codes and lines, and pushes those of unopened plans', async function () {
    const root = workspace();
    const run = await nvim(root, 'diagnostics', { RG_UNOPENED: UNOPENED_PLAN });
    assertRan(run);
    const { result } = run;
    timings.push(`diagnostics: ${run.ms} ms, server gone ${run.serverExitMs} ms after the editor (roadmap diagnostics ${result.timings.roadmapDiagnostics} ms after start)`);

    const expected = [`RG001@${GAMMA}`, `RG002@${BETA}`, `RG002@${GAMMA}`, `RG002@${EPSILON}`].sort();
    assert.deepEqual(codesAndLines(result.published[ROADMAP], LINK_CODES), expected, 'published for the roadmap');
    // What Neovim shows (vim.diagnostic): the same codes on the same lines.
    assert.deepEqual(codesAndLines(result.shown!, LINK_CODES), expected, 'vim.diagnostic.get() of the roadmap buffer');
    const gamma = result.published[ROADMAP].find((d) => d.code === 'RG001')!;
    assert.match(gamma.message, /Gamma export/);
    assert.equal(gamma.range.start.character, 6, 'the range starts at the item title');

    // A plan the user never opened: its broken link is pushed too.
    assert.deepEqual(result.missed ?? [], [], 'diagnostics of an unopened plan never arrived');
    assert.deepEqual(codesAndLines(result.published[UNOPENED_PLAN], LINK_CODES), ['RG003@8']);
  });

  it('applies the link-stub quick fix: exactly the link is inserted, nothing else changes', async function () {
    const root = workspace();
    const before = read(root, ROADMAP);
    const date = todayUtc();
    const run = await nvim(root, 'link_stub', { RG_LINE: String(GAMMA) });
    assertRan(run);
    timings.push(`link stub: ${run.ms} ms`);
    assert.match(run.result.chosen!, /Design link stub/);
    assert.equal(read(root, ROADMAP), replaceLine(before, GAMMA, gammaLineWith(`${date}-gamma-export-design.md`)));
    assert.ok(!existsSync(path.join(root, `docs/plans/${date}-gamma-export-design.md`)), 'a link stub creates no file');
  });

  it('applies the create-doc fix as CreateFile + edit: the plan is on disk with the template, and linked', async function () {
    const root = workspace();
    const before = read(root, ROADMAP);
    const date = todayUtc();
    const target = `docs/plans/${date}-gamma-export-design.md`;
    const fix = fixOf(await engineFindings(root, date), 'RG001', GAMMA, /^Create design doc/);
    const create = fix.steps.find((s) => s.kind === 'create');
    assert.ok(create && create.kind === 'create' && create.path === target);

    const run = await nvim(root, 'create_doc', { RG_LINE: String(GAMMA), RG_TARGET: target, RG_SETTLE_MS: String(SETTLE_MS) });
    assertRan(run);
    const { timings: t } = run.result;
    timings.push(`create doc: ${run.ms} ms (roadmap corrected ${t.settled - t.written} ms after :wall)`);
    const action = run.result.actions!.find((a) => a.title === run.result.chosen)!;
    // Neovim advertises resourceOperations: the fix is a WorkspaceEdit that creates the file, no command.
    assert.deepEqual(
      action.creates!.map((c) => c.uri),
      [uriOf(root, target)],
      `the action creates the plan (${JSON.stringify(action)})`,
    );

    // Neovim 0.7 creates the file as a buffer holding one empty line and inserts the text before
    // it, so the saved file ends with one extra newline; everything else is the template, exactly.
    const written = read(root, target);
    assert.ok(written === create.content || written === `${create.content}\n`, `the template, rendered for the item:\n${written}`);
    assert.match(written, /^# Gamma export - Design\n\n\*\*Date:\*\* \d{4}-\d{2}-\d{2}\n\*\*Status:\*\* Draft\n/);
    assert.ok(written.includes(`**Date:** ${date}`));
    assert.equal(read(root, ROADMAP), replaceLine(before, GAMMA, gammaLineWith(`${date}-gamma-export-design.md`)));
    const edit = fix.steps.find((s) => s.kind === 'edit');
    assert.ok(edit && edit.kind === 'edit');
    assert.equal(read(root, ROADMAP), applyEdits(before, edit.edits), 'the same edit the engine computes');

    // What the user sees: right after the edit the plan is only a buffer, so the new link is an
    // RG003; once :wall has written it, the server's own watch sees it (Neovim 0.7 never reports
    // files) and the roadmap shows what it showed before, less the item's RG001, and nothing new.
    const { before: shownBefore, afterEdit, settled } = run.result as typeof run.result & Record<'before' | 'afterEdit' | 'settled', LspDiagnostic[]>;
    assert.ok(afterEdit.some((d) => d.code === 'RG003' && d.message.includes(target)), `before :wall, the link to the unsaved plan is broken:\n${seen(afterEdit).join('\n')}`);
    assert.deepEqual(seen(settled), seen(shownBefore.filter((d) => !(d.code === 'RG001' && d.range.start.line === GAMMA))), 'after :wall: the RG001 gone, no RG003, nothing new');
  });

  it('sees a file created on disk behind its back, and its deletion: the server watches, since Neovim 0.7 does not', async function () {
    const root = workspace();
    const file = 'docs/plans/2025-12-01-beta-notes.md';
    const run = await nvim(root, 'disk', { RG_FILE: file, RG_SHOWN: UNOPENED_PLAN, RG_LINE: '8', RG_SETTLE_MS: String(SETTLE_MS) });
    assertRan(run);
    const { timings: t } = run.result;
    timings.push(`file on disk: ${run.ms} ms (created -> RG003 gone ${t.seen - t.created} ms, deleted -> back ${t.back - t.deleted} ms)`);
    const { before: shownBefore, settled } = run.result as typeof run.result & Record<'before' | 'settled', LspDiagnostic[]>;
    assert.deepEqual(seen(settled), seen(shownBefore.filter((d) => !(d.code === 'RG003' && d.range.start.line === 8))), 'the RG003 gone and nothing new');
    assert.ok(!existsSync(path.join(root, file)));
  });

  for (const when of ['before', 'after'] as const) {
    const story =
      when === 'before'
        ? 'the target exists when the server starts'
        : 'the target appears on disk after the scan (as from a git pull), unannounced';
    it(`never offers a CreateFile for an existing file: ${story}`, async function () {
      const root = workspace();
      const date = todayUtc();
      const existing = `docs/plans/${date}-gamma-export-design.md`;
      const content = '# Notes someone already wrote\n\nKeep me.\n';
      if (when === 'before') writeFileSync(path.join(root, existing), content);
      const before = read(root, ROADMAP);
      const run = await nvim(root, 'create_doc', {
        RG_LINE: String(GAMMA),
        RG_EXISTING: existing,
        RG_EXISTING_WHEN: when,
        RG_EXISTING_CONTENT: content,
      });
      assertRan(run);
      timings.push(`existing target (${when}): ${run.ms} ms`);
      const existingUri = uriOf(root, existing);
      for (const action of run.result.actions!) {
        assert.ok(!(action.creates ?? []).some((c) => c.uri === existingUri), `"${action.title}" would create the existing ${existing}`);
      }
      assert.equal(read(root, existing), content, 'the existing file is untouched');
      if (when === 'before') {
        // The fix moves on to the next free name and links that.
        const next = `${date}-gamma-export-design-2.md`;
        assert.ok(run.result.chosen, `a create-doc action is offered (menu: ${run.result.menu?.join(' | ')})`);
        assert.ok(existsSync(path.join(root, 'docs/plans', next)), `${next} is created`);
        assert.equal(read(root, ROADMAP), replaceLine(before, GAMMA, gammaLineWith(next)));
      } else if (run.result.chosen) {
        // Whatever was offered and applied did not touch the existing file (checked above) and linked a new one.
        assert.notEqual(read(root, ROADMAP), before);
        assert.ok(!read(root, ROADMAP).includes(`(../plans/${date}-gamma-export-design.md)`), 'the roadmap links the new file, not the existing one');
      }
    });
  }
});
