/**
 * Hostile documents: the engine (through FsWorkspace on a temp folder, as the
 * CLI and the server use it) and the built CLI must finish on every one of
 * them, skip binary and oversized files with one RG903 finding each, and still
 * check every other file. Timing is the benchmark's job; here mocha's timeout
 * is the generous bound that turns a hang or a quadratic blow-up into a failure.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import { parseMarkdown } from '../../server/engine/markdown/parse';
import type { Finding } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { FsWorkspace } from '../../server/node/fsWorkspace';
import { byPath, FaultyWorkspace, HEALTHY, lines, NOW, runCli, tempDir, writeFiles } from './support';

const DEPTH = 5000;

/** Every hostile document, by path. Content is a string (UTF-8) or raw bytes. */
function hostileFiles(): Record<string, string | Uint8Array> {
  const random = randomBytes(64 * 1024);
  random[100] = 0; // random bytes: a NUL is as good as certain; make it certain
  return {
    'hostile/random.md': random,
    'hostile/nul.md': 'a\u0000b\n'.repeat(10),
    'hostile/invalid-utf8.md': Buffer.concat([Buffer.from('# Bad bytes\n\nSee [x](./'), Buffer.from([0xc3, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('.md).\n')]),
    // A 5 MB single line is read and scanned (under maxFileSize); 9 MB is skipped.
    'hostile/one-line-5mb.md': 'plain [words] and *a* `code span` ['.repeat(Math.ceil((5 * 1024 * 1024) / 36)),
    'hostile/too-large.md': 'x'.repeat(9 * 1024 * 1024),
    'hostile/deep-quotes.md': '>'.repeat(DEPTH) + ' [q](./q.md)\n' + Array.from({ length: DEPTH }, (_, i) => '> '.repeat((i % 50) + 1) + 'text').join('\n'),
    'hostile/deep-brackets.md': '['.repeat(DEPTH) + 'x' + ']'.repeat(DEPTH) + '\n\n' + '['.repeat(DEPTH * 10) + '\n\n' + '[a]['.repeat(DEPTH) + '\n\n' + '[a]('.repeat(DEPTH) + '\n',
    // 5,000 levels need 25 MB of indentation (over maxFileSize: skipped); 1,000 levels are read.
    'hostile/deep-list.md': Array.from({ length: DEPTH }, (_, i) => ' '.repeat(i * 2) + '- [ ] **item** [l](./l.md)').join('\n'),
    'hostile/deep-list-1000.md': Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- [ ] **item** [l](./l.md)').join('\n'),
    'hostile/deep-parens.md': '[a](' + '('.repeat(DEPTH) + ')'.repeat(DEPTH) + ')\n[b](<' + '<'.repeat(DEPTH) + '\n',
    'hostile/ticks.md': Array.from({ length: 300 }, (_, i) => '`'.repeat(i + 1)).join(' x ') + '\n- **' + '`'.repeat(DEPTH) + '**\n**Field:** ' + '`'.repeat(DEPTH) + '\n',
    'hostile/unterminated-fence.md': '# Fence\n\n```\n' + '[a](./a.md)\n'.repeat(1000),
    'hostile/unterminated-comment.md': '# Comment\n\n<!--\n' + '[a](./a.md)\n'.repeat(1000),
    'hostile/etc-links.md': Array.from({ length: 10_000 }, (_, i) => `- [x${i}](../../../../etc/passwd${i % 10 ? '' : '#root'})`).join('\n') + '\n',
    'hostile/empty.md': '',
    'hostile/blank-lines.md': '\n\n\n\r\n\r\r',
    'hostile/table-blanks.md': 'a|b\n' + ' '.repeat(100_000) + 'x\n',
    'hostile/item-links.md': '- **' + '[a]('.repeat(20_000) + '**\n',
    // Inline HTML that never closes: comments, quoted attribute values, tags in a heading.
    'hostile/unclosed-html.md': 'text <!-- '.repeat(200_000) + '\n\n' + "<a href='<".repeat(200_000) + '\n\n# ' + '<!--'.repeat(5_000) + '\n',
  };
}

function codesOf(findings: Finding[], p: string): string[] {
  return [...new Set(byPath(findings, p).map((f) => f.code))].sort();
}

/**
 * Broken links that RG003 reports in some findings: one each, or the count of
 * the one finding for a document whose links mostly lead nowhere.
 */
function brokenLinksOf(findings: Finding[]): number {
  return findings.filter((f) => f.code === 'RG003').reduce((n, f) => n + ((f.data as { count?: number } | undefined)?.count ?? 1), 0);
}

describe('reliability: hostile documents', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    root = tempDir('hostile');
    writeFiles(root, { ...HEALTHY, ...hostileFiles() });
    // A directory named like a document, a symlink loop, symlinks out of the workspace.
    mkdirSync(path.join(root, 'hostile/folder.md'));
    symlinkSync('loop-b.md', path.join(root, 'hostile/loop-a.md'));
    symlinkSync('loop-a.md', path.join(root, 'hostile/loop-b.md'));
    symlinkSync('/etc/passwd', path.join(root, 'hostile/outside.md'));
    symlinkSync('/etc', path.join(root, 'hostile/etc-dir'));
    symlinkSync('..', path.join(root, 'hostile/parent'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the engine finishes, skips binary and oversized files with one RG903 each, and checks every other file', async () => {
    const engine = new Engine(new FsWorkspace(root), { now: NOW });
    await engine.scan();
    const findings = engine.check();
    // The healthy files are still checked.
    assert.deepEqual(codesOf(findings, 'docs/guide.md'), ['RG003']);
    assert.ok(engine.model().roadmap, 'the roadmap is read');
    // Binary and too large: exactly one RG903 each, with the reason.
    for (const [p, reason] of [
      ['hostile/random.md', /binary/],
      ['hostile/nul.md', /binary/],
      ['hostile/too-large.md', /over the 8000000-byte limit/],
      ['hostile/deep-list.md', /over the 8000000-byte limit/],
    ] as const) {
      const mine = byPath(findings, p);
      assert.equal(mine.length, 1, `${p}: ${JSON.stringify(mine)}`);
      assert.equal(mine[0].code, 'RG903');
      assert.match(mine[0].message, reason);
    }
    // A 5 MB line is read in bounded time and has nothing to report.
    assert.deepEqual(byPath(findings, 'hostile/one-line-5mb.md'), []);
    // Invalid UTF-8 is decoded with replacement characters and checked like any text.
    const bad = byPath(findings, 'hostile/invalid-utf8.md');
    assert.deepEqual(bad.map((f) => f.code), ['RG003']);
    assert.match(bad[0].message, /\uFFFD/);
    // 10,000 links out of the workspace: one finding each, none followed.
    const etc = byPath(findings, 'hostile/etc-links.md');
    assert.equal(etc.length, 10_000);
    assert.ok(etc.every((f) => f.code === 'RG003' && /points outside the workspace/.test(f.message)));
    // Unterminated fences and comments hide their links (as CommonMark says), and end the file cleanly.
    assert.deepEqual(byPath(findings, 'hostile/unterminated-fence.md'), []);
    assert.deepEqual(byPath(findings, 'hostile/unterminated-comment.md'), []);
    // Empty files: nothing to say.
    assert.deepEqual(byPath(findings, 'hostile/empty.md'), []);
    assert.deepEqual(byPath(findings, 'hostile/blank-lines.md'), []);
    // Deep nesting is parsed: the links inside are found.
    assert.equal(brokenLinksOf(byPath(findings, 'hostile/deep-list-1000.md')), 1000);
    assert.ok(byPath(findings, 'hostile/deep-quotes.md').some((f) => f.code === 'RG003'));
    // Symlinks are never followed: not listed as documents, so nothing of /etc is read.
    assert.ok(!engine.model().files.has('hostile/outside.md') || byPath(findings, 'hostile/outside.md').every((f) => f.code === 'RG903'));
    assert.ok(![...engine.model().files].some((f) => f.startsWith('hostile/etc-dir/') || f.startsWith('hostile/parent/')));
    assert.ok(![...engine.model().docs.keys()].includes('hostile/folder.md'));
  });

  it('parses each hostile text directly (no skipping) to completion', () => {
    for (const [p, content] of Object.entries(hostileFiles())) {
      if (content.length > 6_000_000) continue; // the 25 MB list: the engine skips it (RG903)
      const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
      const summary = parseMarkdown(text);
      assert.ok(summary.lineCount >= 1, p);
    }
  });

  it('with maxFileSize raised, the 5 MB single line is read and checked', async () => {
    const dir = tempDir('bigline');
    try {
      writeFiles(dir, {
        '.roadmap-governance.json': JSON.stringify({ maxFileSize: 8_000_000 }),
        'big.md': ('word '.repeat(200) + '[a](./a.md) ').repeat(Math.ceil((5 * 1024 * 1024) / 1012)),
        'docs/guide.md': HEALTHY['docs/guide.md'],
      });
      const engine = new Engine(new FsWorkspace(dir), { now: NOW });
      await engine.scan();
      const findings = engine.check();
      assert.equal(brokenLinksOf(byPath(findings, 'big.md')), Math.ceil((5 * 1024 * 1024) / 1012));
      assert.deepEqual(codesOf(findings, 'docs/guide.md'), ['RG003']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built CLI finishes on the same folder with exit 1 and the same findings', async () => {
    const run = await runCli(['check', root, '--format', 'json'], root);
    assert.equal(run.code, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { path: string; code: string }[];
    const engine = new Engine(new FsWorkspace(root), { now: NOW });
    await engine.scan();
    const expected = engine.check();
    assert.equal(findings.length, expected.length);
    assert.ok(findings.some((f) => f.path === 'docs/guide.md' && f.code === 'RG003'));
    assert.equal(findings.filter((f) => f.path === 'hostile/random.md').length, 1);
  });

  it('a file that vanishes between listing and reading is reported on that file only', async () => {
    const ws = new FaultyWorkspace(new InMemoryWorkspace({ ...HEALTHY, 'docs/vanishing.md': '# Soon gone\n' }));
    ws.vanishAfterListing.add('docs/vanishing.md');
    const engine = new Engine(ws, { now: NOW });
    await engine.scan();
    const findings = engine.check();
    assert.deepEqual(
      byPath(findings, 'docs/vanishing.md').map((f) => f.code),
      ['RG903'],
    );
    assert.deepEqual(codesOf(findings, 'docs/guide.md'), ['RG003']);
  });

  it('a read that throws (EACCES, EIO) is reported on that file only, and the scan goes on', async () => {
    const ws = new FaultyWorkspace(new InMemoryWorkspace({ ...HEALTHY, 'docs/locked.md': '# Locked\n', 'docs/broken-disk.md': '# EIO\n' }));
    ws.throwOnRead.set('docs/locked.md', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    ws.throwOnRead.set('docs/broken-disk.md', Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    const engine = new Engine(ws, { now: NOW });
    await engine.scan();
    const findings = engine.check();
    const locked = byPath(findings, 'docs/locked.md');
    assert.deepEqual(locked.map((f) => f.code), ['RG903']);
    assert.match(locked[0].message, /EACCES/);
    assert.deepEqual(byPath(findings, 'docs/broken-disk.md').map((f) => f.code), ['RG903']);
    assert.deepEqual(codesOf(findings, 'docs/guide.md'), ['RG003']);
    assert.ok(engine.model().roadmap);
  });

  it('on disk, an unreadable path (a directory named .md inside a plan folder, a FIFO) does not stop the CLI', async function () {
    const dir = tempDir('fifo');
    try {
      writeFiles(dir, HEALTHY);
      mkdirSync(path.join(dir, 'docs/plans/dir.md'));
      try {
        execFileSync('mkfifo', [path.join(dir, 'docs/pipe.md')]);
      } catch {
        // no mkfifo: the directory case still runs
      }
      const run = await runCli(['check', '.', '--format', 'json'], dir, 30_000);
      assert.equal(run.code, 1, run.stderr);
      const findings = JSON.parse(run.stdout) as { path: string; code: string }[];
      assert.ok(findings.some((f) => f.path === 'docs/guide.md' && f.code === 'RG003'));
      assert.ok(!findings.some((f) => f.code === 'RG901'), run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an engine fed only hostile files still finishes with findings and no RG901', async () => {
    const files: Record<string, string> = {};
    for (const [p, c] of Object.entries(hostileFiles())) if (typeof c === 'string') files[p] = c;
    const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
    await engine.scan();
    const findings = engine.check();
    assert.ok(!findings.some((f) => f.code === 'RG901'), findings.filter((f) => f.code === 'RG901').map((f) => f.message).join('\n'));
  });

  it('a roadmap made of hostile markdown is modelled without a crash', async () => {
    const roadmap = lines('# Roadmap', '', '## Phase 1: ' + '['.repeat(DEPTH), '', ...Array.from({ length: 2000 }, (_, i) => `${' '.repeat((i % 40) * 2)}- [${i % 2 ? 'x' : ' '}] **${'`'.repeat(i % 7)}Item ${i}** ([Design](${'../'.repeat(i % 9)}etc/${i}.md))`));
    const engine = new Engine(new InMemoryWorkspace({ 'docs/project/roadmap.md': roadmap }), { now: NOW });
    await engine.scan();
    const findings = engine.check();
    assert.ok(engine.model().roadmap);
    assert.ok(!findings.some((f) => f.code === 'RG901'), findings.filter((f) => f.code === 'RG901').map((f) => f.message).join('\n'));
    assert.ok(findings.length > 0);
  });
});
