// Tests of the benchmark's own parts: run with `node --test bench/test/`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusFiles, planName, roadmapOnlyFiles, typoCorpusFiles, typoName } from '../lib/generate.mjs';
import { LspClient, positionAt } from '../lib/lsp-client.mjs';

function digest(n) {
  const hash = createHash('sha256');
  for (const f of corpusFiles(n)) hash.update(f.path).update('\0').update(f.text).update('\0');
  return hash.digest('hex');
}

test('the same N gives the same corpus, byte for byte', () => {
  assert.equal(digest(60), digest(60));
  assert.notEqual(digest(60), digest(62));
});

test('a corpus of N has 2N + 3 files: roadmap, registry, changelog, N plans, N other docs', () => {
  const files = [...corpusFiles(100)];
  assert.equal(files.length, 203);
  assert.equal(files.filter((f) => f.path.startsWith('docs/plans/2026-')).length, 100);
  assert.equal(files.filter((f) => f.path.startsWith('docs/guides/')).length, 100);
  assert.equal(new Set(files.map((f) => f.path)).size, files.length);
});

test('the roadmap has N top-level items in the corpus styles, and its links point at generated plans unless meant to break', () => {
  const files = [...corpusFiles(400)];
  const paths = new Set(files.map((f) => f.path));
  const roadmap = files[0].text;
  const items = roadmap.match(/^- \[[ x]\] \*\*/gm) ?? [];
  assert.equal(items.length, 400);
  assert.match(roadmap, /^- \[ \] \*\*.+\*\* \(\[Design\]\(\.\.\/plans\/.+-design\.md\), \[Implementation\]\(\.\.\/plans\/.+\)\)/m, 'inline style');
  assert.match(roadmap, /^ {2}- \*\*Design:\*\* `docs\/plans\/.+-design\.md`$/m, 'labelled sub-bullet style');
  assert.match(roadmap, /^- Implementation coverage: \[/m, 'phase-level coverage line');
  assert.match(roadmap, /^- \[ \] \*\*[^*]+\*\*( `Priority: \w+`)?$/m, 'an open item with no link');
  const targets = [...roadmap.matchAll(/\]\(\.\.\/plans\/([^)#]+)/g)].map((m) => `docs/plans/${m[1]}`);
  const broken = targets.filter((t) => !paths.has(t));
  assert.ok(targets.length > 100);
  assert.ok(broken.every((t) => t.includes('/missing-')), `unexpected broken links: ${broken.slice(0, 3)}`);
  assert.ok(paths.has(`docs/plans/${planName(0)}`));
});

test('the typo corpus adds to each plan one link, two edits from another plan of the folder, and changes nothing else', () => {
  const plain = [...corpusFiles(80)];
  const typos = [...typoCorpusFiles(80)];
  const paths = new Set(plain.map((f) => f.path));
  assert.deepEqual(typos.map((f) => f.path), plain.map((f) => f.path));
  let planCount = 0;
  for (const [i, f] of typos.entries()) {
    if (!f.path.startsWith('docs/plans/2026-')) {
      assert.equal(f.text, plain[i].text);
      continue;
    }
    planCount++;
    assert.ok(f.text.startsWith(plain[i].text));
    const target = /\]\(\.\/([^)]+)\)\.\n$/.exec(f.text)?.[1];
    assert.ok(target && !paths.has(`docs/plans/${target}`), `${f.path}: ${target}`);
    assert.ok(plain.some((p) => p.path.startsWith('docs/plans/') && typoName(p.path.slice('docs/plans/'.length)) === target), target);
  }
  assert.equal(planCount, 80);
  assert.equal(typoName('2026-01-02-topic-00001-design.md'), '2026-01-02-topic-00001-desgin.md');
  assert.deepEqual([...roadmapOnlyFiles(80)].map((f) => f.path), ['docs/project/roadmap.md']);
});

test('about two plans in three have a standards section', () => {
  const plans = [...corpusFiles(300)].filter((f) => f.path.startsWith('docs/plans/2026-'));
  const withSection = plans.filter((p) => /^## Open Standards (Profile|Enforcement)$/m.test(p.text)).length;
  assert.equal(withSection, 200);
});

test('positionAt counts lines and UTF-16 columns', () => {
  const text = 'a\n✅ b\nc';
  assert.deepEqual(positionAt(text, 0), { line: 0, character: 0 });
  assert.deepEqual(positionAt(text, 4), { line: 1, character: 2 });
  assert.deepEqual(positionAt(text, text.length), { line: 2, character: 1 });
});

test('the LSP client frames requests, answers server requests and receives notifications', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lsp-'));
  const server = join(dir, 'echo-server.cjs');
  // A tiny server: answers "echo", asks the client "ask/me", then notifies "done" with the client's answer.
  writeFileSync(
    server,
    `let buf = Buffer.alloc(0);
const send = (m) => { const b = Buffer.from(JSON.stringify(m)); process.stdout.write('Content-Length: ' + b.length + '\\r\\n\\r\\n'); process.stdout.write(b); };
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\\r\\n\\r\\n'); if (h < 0) return;
    const len = Number(/Content-Length: (\\d+)/.exec(buf.subarray(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.subarray(h + 4, h + 4 + len).toString()); buf = buf.subarray(h + 4 + len);
    if (msg.method === 'echo') { send({ jsonrpc: '2.0', id: msg.id, result: msg.params }); send({ jsonrpc: '2.0', id: 99, method: 'ask/me', params: { q: 1 } }); }
    else if (msg.id === 99) send({ jsonrpc: '2.0', method: 'done', params: msg.result });
    else if (msg.method === 'shutdown') send({ jsonrpc: '2.0', id: msg.id, result: null });
    else if (msg.method === 'exit') process.exit(0);
  }
});`,
  );
  const client = new LspClient(process.execPath, [server], { onRequest: { 'ask/me': ({ q }) => ({ answer: q + 41 }) } });
  try {
    const done = client.waitForNotification((m) => m === 'done', 10000, 'done');
    assert.deepEqual(await client.request('echo', { text: 'é✅'.repeat(1000) }), { text: 'é✅'.repeat(1000) });
    assert.deepEqual(await done, { answer: 42 });
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
