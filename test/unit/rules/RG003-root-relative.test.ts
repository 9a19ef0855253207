/**
 * RG003 broken-link, for links that a document in a subfolder writes from the
 * repository root (`docs/plans/x.md` inside `docs/ROADMAP.md`): one finding
 * per document with one fix that rewrites them all, applied by the engine's
 * fix, by `check --fix` on disk, and re-checked.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Finding, Severity } from '../../../server/engine/types';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const ROADMAP = 'docs/ROADMAP.md';

const roadmap = lines(
  '# Roadmap',
  '',
  '## Phase 1: Storage',
  '',
  '- [x] **[Data] Cold storage tiers** ([Design](docs/plans/2026-04-02-cold-tiers-design.md), [Implementation](docs/plans/2026-04-02-cold-tiers-implementation.md#rollout))',
  '- [x] **[Data] Retention sweeper** ([Design](plans/2026-04-05-sweeper-design.md))',
  '  - Worker entry point: [sweeper](services/sweeper/main.go); all plans: [folder](docs/plans/).',
  '  - Meeting notes: [kickoff](docs/meeting%20notes/kickoff.md), and one that never existed: [lost](docs/plans/2026-01-01-lost-design.md).',
  '',
  'See the [queue decision][queue].',
  '',
  '[queue]: docs/adr/0003-queue-choice.md',
  '',
);

const doc = (title: string) => lines(`# ${title}`, '', '**Date:** 2026-04-02', '**Status:** Implemented', '', '## Rollout', '', 'Text.', '');

const files: Record<string, string> = {
  [ROADMAP]: roadmap,
  'README.md': lines('# Service', '', 'From the root these are right: [plans](docs/plans/), [roadmap](docs/ROADMAP.md).', ''),
  'docs/plans/2026-04-02-cold-tiers-design.md': doc('Cold tiers'),
  'docs/plans/2026-04-02-cold-tiers-implementation.md': doc('Cold tiers plan'),
  'docs/plans/2026-04-05-sweeper-design.md': doc('Sweeper'),
  'docs/adr/0003-queue-choice.md': doc('Queue choice'),
  'docs/meeting notes/kickoff.md': doc('Kickoff'),
  'services/sweeper/main.go': '',
  'docs/guides/operating.md': lines('# Operating', '', 'Before a release read the [sweeper design](docs/plans/2026-04-05-sweeper-design.md).', ''),
};

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Findings at `severity` or worse, as `code path:line message`. */
function atLeast(findings: Finding[], severity: Severity): string[] {
  return findings
    .filter((f) => SEVERITY[f.severity] <= SEVERITY[severity])
    .map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('RG003 broken-link: links written from the repository root', () => {
  it('reports one finding per document, on the first such link, naming the count; links broken either way stay their own findings', async () => {
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG003'), [
      `${ROADMAP}:5 6 links in this file are written from the repository root (docs/…, services/…) but GitHub resolves them from docs/: "docs/plans/2026-04-02-cold-tiers-design.md" leads to docs/docs/plans/2026-04-02-cold-tiers-design.md, which does not exist; "plans/2026-04-02-cold-tiers-design.md" reaches docs/plans/2026-04-02-cold-tiers-design.md.`,
      `${ROADMAP}:8 Link "docs/plans/2026-01-01-lost-design.md" points to docs/docs/plans/2026-01-01-lost-design.md, which does not exist.`,
      'docs/guides/operating.md:3 Link "docs/plans/2026-04-05-sweeper-design.md" is written from the repository root, but GitHub resolves it from docs/guides/: it leads to docs/guides/docs/plans/2026-04-05-sweeper-design.md, which does not exist; "../plans/2026-04-05-sweeper-design.md" reaches docs/plans/2026-04-05-sweeper-design.md.',
    ]);
    const first = findings.find((f) => f.code === 'RG003' && f.path === ROADMAP && f.data?.count === 6)!;
    const line = roadmap.split('\n')[4];
    const at = line.indexOf('[Design]');
    assert.deepEqual(first.range, { start: { line: 4, character: at }, end: { line: 4, character: line.indexOf(')', at) + 1 } }, 'on the first such link');
    assert.equal(first.severity, 'error');
  });

  it('one preferred fix rewrites every such link of the document relative to it, in its own spelling; re-checked, the finding is gone and no error or warning is new', async () => {
    const before = await run(files);
    const finding = before.findings.find((f) => f.code === 'RG003' && f.path === ROADMAP && f.data?.count === 6)!;
    assert.equal(finding.fixes!.length, 1, 'one fix: all of them, no per-link fix');
    const fix = finding.fixes![0];
    assert.equal(fix.title, 'Rewrite the 6 links relative to docs/');
    assert.equal(fix.preferred, true);
    assert.equal(fix.steps.length, 1);
    assert.equal(fix.steps[0].kind === 'edit' && fix.steps[0].edits.length, 6);
    const after = applyFix(files, fix);
    assert.deepEqual(after[ROADMAP].split('\n').slice(4, 12), [
      '- [x] **[Data] Cold storage tiers** ([Design](plans/2026-04-02-cold-tiers-design.md), [Implementation](plans/2026-04-02-cold-tiers-implementation.md#rollout))',
      '- [x] **[Data] Retention sweeper** ([Design](plans/2026-04-05-sweeper-design.md))',
      '  - Worker entry point: [sweeper](../services/sweeper/main.go); all plans: [folder](plans/).',
      '  - Meeting notes: [kickoff](meeting%20notes/kickoff.md), and one that never existed: [lost](docs/plans/2026-01-01-lost-design.md).',
      '',
      'See the [queue decision][queue].',
      '',
      '[queue]: adr/0003-queue-choice.md',
    ]);
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG003').filter((k) => k.startsWith(ROADMAP)), [
      `${ROADMAP}:8 Link "docs/plans/2026-01-01-lost-design.md" points to docs/docs/plans/2026-01-01-lost-design.md, which does not exist.`,
    ]);
    const removed = `${finding.code} ${finding.path}:${finding.range.start.line + 1} ${finding.message}`;
    const wasThere = new Set(atLeast(before.findings, 'warning'));
    assert.deepEqual(atLeast(again.findings, 'warning').filter((k) => !wasThere.has(k)), [], 'nothing new at warning or error');
    assert.ok(!atLeast(again.findings, 'warning').includes(removed));
  });

  it('a single such link gets the singular message and a fix that climbs out of the subfolder', async () => {
    const { findings } = await run(files);
    const f = findings.find((x) => x.code === 'RG003' && x.path === 'docs/guides/operating.md')!;
    assert.equal(f.fixes![0].title, 'Rewrite "../plans/2026-04-05-sweeper-design.md" (relative to docs/guides/)');
    const after = applyFix(files, f.fixes![0]);
    assert.equal(after['docs/guides/operating.md'], files['docs/guides/operating.md'].replace('](docs/plans/', '](../plans/'));
    assert.deepEqual(keys((await run(after)).findings, 'RG003').filter((k) => k.startsWith('docs/guides/')), []);
  });

  it('prefers the rewrite to a nearest-file guess', async () => {
    // An older copy with the same name sorts first: the nearest-file search would name it.
    const withDecoy = { ...files, 'archive/plans/2026-04-02-cold-tiers-design.md': doc('Old copy') };
    const { findings } = await run(withDecoy);
    const rg003 = findings.filter((f) => f.code === 'RG003' && f.path === ROADMAP);
    assert.ok(!rg003.some((f) => f.message.includes('Did you mean')), rg003.map((f) => f.message).join('\n'));
        const fix = rg003.find((f) => f.data?.count)!.fixes![0];
    assert.match(applyFix(withDecoy, fix)[ROADMAP], /\[Design\]\(plans\/2026-04-02-cold-tiers-design\.md\)/);
  });

  it('leaves alone what resolves: root documents, code-span paths (read from the root), links already relative, bare names and ./ paths', async () => {
    const extra = {
      ...files,
      [ROADMAP]: lines('# Roadmap', '', '## Phase 1: Storage', '', '- [ ] **[Data] Quotas**', '  - **Design:** `docs/plans/2026-04-02-cold-tiers-design.md`', '', 'Siblings: [a](plans/2026-04-05-sweeper-design.md), [readme](README.md), [here](./docs/plans/2026-04-05-sweeper-design.md).', ''),
    };
    const { findings } = await run(extra);
    // The two that do not resolve are ordinary broken links (with the nearest file as a guess, not preferred).
    assert.deepEqual(keys(findings, 'RG003').filter((k) => k.startsWith(ROADMAP) || k.startsWith('README')), [
      `${ROADMAP}:8 Link "./docs/plans/2026-04-05-sweeper-design.md" points to docs/docs/plans/2026-04-05-sweeper-design.md, which does not exist. Did you mean docs/plans/2026-04-05-sweeper-design.md?`,
      `${ROADMAP}:8 Link "README.md" points to docs/README.md, which does not exist. Did you mean README.md?`,
    ]);
    assert.ok(findings.filter((f) => f.code === 'RG003' && f.path === ROADMAP).every((f) => f.fixes?.every((x) => !x.preferred)));
  });

  it('is silenced, all of it, by a suppression before the first such link', async () => {
    const guide = lines('# Operating', '', '<!-- roadmap-governance-disable-next-line RG003 -- moves with the docs reorganisation -->', 'Read the [sweeper design](docs/plans/2026-04-05-sweeper-design.md).', '');
    const { findings } = await run({ ...files, 'docs/guides/operating.md': guide });
    assert.deepEqual(keys(findings, 'RG003').filter((k) => k.startsWith('docs/guides/')), []);
  });

  it('check --fix rewrites them on disk; the re-check has no RG003 left', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rg-root-relative-'));
    try {
      const onDisk = { ...files, [ROADMAP]: roadmap.replace(', and one that never existed: [lost](docs/plans/2026-01-01-lost-design.md)', '') };
      for (const [rel, text] of Object.entries(onDisk)) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      const first = JSON.parse((await cli(['check', '.', '--format', 'json'], dir)).stdout) as { code: string }[];
      assert.equal(first.filter((f) => f.code === 'RG003').length, 2, 'one for each document');
      const fixed = await cli(['check', '.', '--fix', '--format', 'json'], dir);
      assert.match(fixed.stderr, /applied \d+ fix/);
      assert.deepEqual((JSON.parse(fixed.stdout) as { code: string }[]).filter((f) => f.code === 'RG003'), []);
      assert.match(readFileSync(path.join(dir, ROADMAP), 'utf8'), /\[kickoff\]\(meeting%20notes\/kickoff\.md\)/);
      assert.match(readFileSync(path.join(dir, 'docs/guides/operating.md'), 'utf8'), /\]\(\.\.\/plans\/2026-04-05-sweeper-design\.md\)/);
      const again = JSON.parse((await cli(['check', '.', '--format', 'json'], dir)).stdout) as { code: string }[];
      assert.deepEqual(again.filter((f) => f.code === 'RG003'), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
