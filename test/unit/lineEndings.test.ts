/**
 * CRLF line breaks and the UTF-8 byte order mark survive fixes: `check --fix`
 * on the bundled example converted to CRLF + BOM makes the same changes as on
 * the LF original, in CRLF, keeps every BOM, and a second run changes nothing.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyEdits, fitLineEndings, lineBreakOf } from '../../server/engine/fixes';
import { range } from '../../server/engine/types';
import { FsWorkspace } from '../../server/node/fsWorkspace';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const EXAMPLE = path.join(REPO, 'examples/workspace');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

/** Every file under `root`, as bytes, by relative path. */
function snapshot(root: string, dir = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, b] of snapshot(root, rel)) out.set(p, b);
    else out.set(rel, readFileSync(path.join(root, rel)));
  }
  return out;
}

const toCrlfWithBom = (bytes: Buffer) => Buffer.concat([BOM, Buffer.from(bytes.toString('utf8').replace(/\r?\n/g, '\r\n'), 'utf8')]);

describe('line breaks and byte order marks', function () {
  this.timeout(60_000);

  describe('check --fix on the example in CRLF with a BOM', () => {
    let lf: string;
    let crlf: string;
    before(() => {
      lf = mkdtempSync(path.join(tmpdir(), 'rg-eol-lf-'));
      crlf = mkdtempSync(path.join(tmpdir(), 'rg-eol-crlf-'));
      cpSync(EXAMPLE, lf, { recursive: true });
      cpSync(EXAMPLE, crlf, { recursive: true });
      for (const [p, bytes] of snapshot(crlf)) writeFileSync(path.join(crlf, p), toCrlfWithBom(bytes));
    });
    after(() => {
      rmSync(lf, { recursive: true, force: true });
      rmSync(crlf, { recursive: true, force: true });
    });

    it('makes the changes it makes in LF, in CRLF, keeping every BOM; a second run changes nothing', async () => {
      const fixedLf = await run(['check', lf, '--fix']);
      const fixedCrlf = await run(['check', crlf, '--fix']);
      const applied = /applied (\d+) fix/.exec(fixedCrlf.stderr);
      assert.ok(applied && Number(applied[1]) > 5, fixedCrlf.stderr);
      assert.equal(fixedCrlf.stderr, fixedLf.stderr);
      assert.equal(fixedCrlf.stdout.replaceAll(crlf, '<root>'), fixedLf.stdout.replaceAll(lf, '<root>'), 'the same findings are left');
      const lfFiles = snapshot(lf);
      const after = snapshot(crlf);
      assert.deepEqual([...after.keys()].sort(), [...lfFiles.keys()].sort());
      for (const [p, bytes] of after) assert.ok(bytes.equals(toCrlfWithBom(lfFiles.get(p)!)), `${p} is the LF result in CRLF with its BOM:\n${JSON.stringify(bytes.toString('utf8'))}`);

      const again = await run(['check', crlf, '--fix']);
      assert.match(again.stderr, /applied 0 fixes/);
      for (const [p, bytes] of snapshot(crlf)) assert.ok(bytes.equals(after.get(p)!), `${p} unchanged by the second run`);
    });
  });

  describe('the file-system workspace', () => {
    it('reads a file without its BOM and writes it back with it; a file without one gets none', async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'rg-eol-fs-'));
      try {
        writeFileSync(path.join(root, 'with.md'), Buffer.concat([BOM, Buffer.from('# Title\r\n')]));
        writeFileSync(path.join(root, 'without.md'), '# Title\n');
        const ws = new FsWorkspace(root);
        assert.deepEqual(await ws.readFile('with.md', 1000), { kind: 'text', text: '# Title\r\n' });
        await ws.writeFile('with.md', '# New\r\n');
        await ws.writeFile('without.md', '# New\n');
        assert.ok(readFileSync(path.join(root, 'with.md')).equals(Buffer.concat([BOM, Buffer.from('# New\r\n')])));
        assert.equal(readFileSync(path.join(root, 'without.md'), 'utf8'), '# New\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('applyEdits and fitLineEndings', () => {
    it('puts new text into a CRLF text with CRLF, and into an LF text with LF', () => {
      assert.equal(applyEdits('a\r\nb\r\n', [{ range: range(1, 0), newText: 'x\ny\n' }]), 'a\r\nx\r\ny\r\nb\r\n');
      assert.equal(applyEdits('a\nb\n', [{ range: range(1, 0), newText: 'x\r\ny\r\n' }]), 'a\nx\ny\nb\n');
      const lfEdits = [{ range: range(0, 0), newText: 'no break' }];
      assert.equal(fitLineEndings('a\r\n', lfEdits), lfEdits, 'nothing to change: the same array');
    });

    it('reads a position past the end of a CRLF line as its end, before the \\r, as an editor does', () => {
      assert.equal(applyEdits('ab\r\ncd', [{ range: range(0, 9), newText: '!' }]), 'ab!\r\ncd');
      assert.equal(applyEdits('ab\r\ncd', [{ range: range(0, 1, 0, 3), newText: '' }]), 'a\r\ncd');
    });

    it('keeps insertions at one point in their order', () => {
      assert.equal(applyEdits('ab', [{ range: range(0, 1), newText: '1' }, { range: range(0, 1), newText: '2' }]), 'a12b');
    });

    it('takes the line break most of a text uses', () => {
      assert.equal(lineBreakOf('a\r\nb\r\nc\n'), '\r\n');
      assert.equal(lineBreakOf('a\r\nb\nc\n'), '\n');
      assert.equal(lineBreakOf('one line'), '\n');
    });
  });
});
