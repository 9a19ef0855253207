/**
 * A run with a very large number of findings. Collecting findings with
 * `push(...list)` passes each one as an argument and overflows the call stack
 * past about 120,000 of them, so one big file full of broken #fragment links
 * took the whole run down ("Maximum call stack size exceeded"). The engine
 * must report them all and still check every other file, and the CLI print them.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import type { Finding } from '../../server/engine/types';
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
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [CLI, 'check', root, '--format', 'json'], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        ),
      );
      assert.equal(stderr, '');
      assert.equal(code, 1);
      const printed = JSON.parse(stdout) as { path: string; code: string }[];
      assert.equal(printed.filter((f) => f.path === BIG && f.code === 'RG004').length, COUNT);
      assert.ok(printed.some((f) => f.path === 'docs/guide.md' && f.code === 'RG004'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
