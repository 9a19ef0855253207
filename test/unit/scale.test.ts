/**
 * A run with a very large number of findings. Collecting findings with
 * `push(...list)` passes each one as an argument and overflows the call stack
 * past about 120,000 of them, so one big file full of broken #fragment links
 * took the whole run down ("Maximum call stack size exceeded"). The engine
 * must report them all and still check every other file, and the CLI print them.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../server/engine/engine';
import { TakenText } from '../../server/engine/fixes';
import type { Finding, Position, TextEdit } from '../../server/engine/types';
import { comparePositions } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const COUNT = 200_000;
const BIG = 'docs/notes/anchors.md';

/** A note whose every line links to a heading it does not have: one RG004 finding per line. */
function bigNote(): string {
  const lines = ['# Anchors', '', '## The only heading', ''];
  for (let i = 0; i < COUNT; i++) lines.push(`[to ${i}](#nowhere-${i})`);
  return lines.join('\n') + '\n';
}

/** A small workspace with a few findings of its own, in several files. */
const SMALL: Record<string, string> = {
  'docs/project/roadmap.md': [
    '# Roadmap',
    '',
    '**Current Phase:** Phase 1',
    '**Last Updated:** 2026-03-01',
    '',
    '## Phase 1: Now 🔄 **IN PROGRESS**',
    '',
    '- [ ] **[Core] Sync engine** ([Design](../plans/2026-03-01-sync-design.md))',
    '- [ ] **[Core] Conflict view**',
    '',
  ].join('\n'),
  'docs/plans/2026-03-01-sync-design.md': ['# Sync engine', '', '**Date:** 2026-03-01', '**Status:** Draft', '', 'Builds on [the cache plan](./2026-02-01-cache-design.md).', ''].join('\n'),
  'docs/guide.md': ['# Guide', '', 'Read [the setup](#setup) first.', ''].join('\n'),
};

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

const outside = (findings: Finding[]) => findings.filter((f) => f.path !== BIG).map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`);

describe('scale: 200,000 findings in one run', function () {
  this.timeout(120_000);
  const big = bigNote();

  it('the engine reports every one of them, and the other files are checked as without the big file', async () => {
    const now = () => new Date('2026-03-01T00:00:00Z');
    const alone = new Engine(new InMemoryWorkspace(SMALL), { now });
    await alone.scan();
    const expected = outside(alone.check());
    assert.ok(expected.some((f) => f.startsWith('RG003 docs/plans/')), `a broken link among ${expected.join('\n')}`);
    assert.ok(expected.some((f) => f.startsWith('RG004 docs/guide.md:3')), 'a broken fragment in the guide');
    assert.ok(expected.some((f) => f.startsWith('RG001 docs/project/roadmap.md:9')), 'an item without a design doc');

    const engine = new Engine(new InMemoryWorkspace({ ...SMALL, [BIG]: big }), { now });
    await engine.scan();
    const findings = engine.check();
    const inBig = findings.filter((f) => f.path === BIG);
    assert.equal(inBig.length, COUNT);
    assert.ok(inBig.every((f) => f.code === 'RG004'));
    assert.equal(inBig[COUNT - 1].range.start.line, COUNT + 3, 'the last one on the last line');
    assert.deepEqual(outside(findings), expected);
    // Checking again (from the rules' kept results) gives the same.
    assert.equal(engine.check().length, findings.length);
  });

  it('the CLI prints them all as JSON and exits 1, with nothing on stderr', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rg-scale-'));
    try {
      for (const [p, text] of Object.entries({ ...SMALL, [BIG]: big })) {
        mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
        writeFileSync(path.join(root, p), text);
      }
      const { code, stdout, stderr } = await runCli(['check', root, '--format', 'json']);
      assert.equal(stderr, '');
      assert.equal(code, 1);
      const printed = JSON.parse(stdout) as { path: string; code: string }[];
      assert.equal(printed.filter((f) => f.path === BIG && f.code === 'RG004').length, COUNT);
      assert.ok(printed.some((f) => f.path === 'docs/guide.md' && f.code === 'RG004'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('check --fix applies 50,000 fixes in one file (no pairwise comparison of their edits)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rg-scale-fix-'));
    const n = 50_000;
    try {
      const lines = ['# Notes', '', '## Release checklist', ''];
      for (let i = 0; i < n; i++) lines.push(`- [step ${i}](#release-check)`);
      mkdirSync(path.join(root, 'docs'), { recursive: true });
      writeFileSync(path.join(root, 'docs/notes.md'), lines.join('\n') + '\n');
      const started = Date.now();
      const r = await runCli(['check', root, '--fix']);
      assert.match(r.stderr, new RegExp(`applied ${n} fixes`));
      const text = readFileSync(path.join(root, 'docs/notes.md'), 'utf8');
      assert.equal(text.split('(#release-checklist)').length - 1, n);
      assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('TakenText: which edits touch text already taken', () => {
  const before = (a: Position, b: Position) => comparePositions(a, b) < 0;
  /** The definitions, edit by edit: overlap or the same start; with `adjacent`, also edits that only meet. */
  const conflict = (a: TextEdit, b: TextEdit, adjacent: boolean) =>
    comparePositions(a.range.start, b.range.start) === 0 ||
    (adjacent
      ? !before(b.range.end, a.range.start) && !before(a.range.end, b.range.start)
      : before(a.range.start, b.range.end) && before(b.range.start, a.range.end));
  const position = fc.record({ line: fc.nat({ max: 4 }), character: fc.nat({ max: 4 }) });
  const edit = fc.tuple(position, position).map(([a, b]): TextEdit => {
    const [start, end] = comparePositions(a, b) <= 0 ? [a, b] : [b, a];
    return { range: { start, end }, newText: 'x' };
  });

  for (const adjacent of [false, true]) {
    it(`agrees with comparing every pair${adjacent ? ' (adjacent edits conflict)' : ''}`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 25 }), (fixes) => {
          const taken = new TakenText(adjacent);
          const chosen: TextEdit[] = [];
          for (const edits of fixes) {
            const expected = edits.some((e) => chosen.some((t) => conflict(e, t, adjacent)));
            assert.equal(taken.conflicts(edits), expected, JSON.stringify({ chosen, edits }));
            if (expected) continue;
            taken.take(edits);
            chosen.push(...edits);
          }
        }),
        { numRuns: 500 },
      );
    });
  }
});
