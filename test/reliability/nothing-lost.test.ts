/**
 * Nothing lost: every fix of every rule, on the bundled example workspace and
 * on the real corpus (when ../shared/corpus exists), is applied and the
 * workspace re-checked. A fix may only create files that do not exist, its
 * edits must lie inside the text they name (no silently clamped position),
 * the finding it fixes must be gone, and the fix must not be offered again
 * (idempotent). Scaffolding never leaves the workspace, whatever the title.
 * Set RG_FIX_ALL=1 to try every corpus fix instead of a sample per rule.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import { joinPath } from '../../server/engine/paths';
import { ScaffoldError, scaffoldDoc } from '../../server/engine/scaffold';
import { slugify } from '../../server/engine/templates';
import type { Finding, Fix, Range } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { FsWorkspace } from '../../server/node/fsWorkspace';
import { HEALTHY, NOW, REPO, runCli, tempDir, writeFiles } from './support';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const PER_RULE = process.env.RG_FIX_ALL ? Infinity : 4;

/** The workspace in memory: every listed file, documents with their text. */
async function loadInMemory(root: string): Promise<Engine> {
  const disk = new FsWorkspace(root);
  const probe = new Engine(disk, { now: NOW });
  await probe.scan();
  const files: Record<string, string> = {};
  for (const f of probe.model().files) files[f] = probe.textOf(f) ?? (f.endsWith('.json') ? (await disk.readFile(f, 1_000_000).then((r) => (r.kind === 'text' ? r.text : ''))) : '');
  const engine = new Engine(new InMemoryWorkspace(files, root), { now: NOW });
  await engine.scan();
  return engine;
}

function insideText(text: string, r: Range): boolean {
  const lines = text.split('\n');
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].replace(/\r$/, '').length;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

const same = (a: Finding, b: Finding) => a.code === b.code && a.path === b.path && a.message === b.message;

/** Applies `fix` as overlays, checks it, and undoes it. */
function tryFix(engine: Engine, finding: Finding, fix: Fix, before: Finding[]): void {
  const label = `${finding.code} ${finding.path}:${finding.range.start.line + 1} "${fix.title}"`;
  const touched: string[] = [];
  try {
    for (const step of fix.steps) {
      assert.equal(joinPath('', step.path), step.path, `${label}: ${step.path} stays inside the workspace`);
      if (step.kind === 'create') {
        assert.ok(!engine.hasFile(step.path), `${label}: creates ${step.path}, which exists`);
        engine.setOverlay(step.path, step.content);
      } else {
        const text = engine.textOf(step.path);
        assert.ok(text !== undefined, `${label}: edits ${step.path}, which has no text`);
        for (const e of step.edits) assert.ok(insideText(text, e.range), `${label}: edit ${JSON.stringify(e.range)} is outside the text of ${step.path}`);
        const after = applyEdits(text, step.edits);
        // Every byte outside the edits is kept: the text minus the replaced spans is a subsequence of the result, in place.
        const sorted = [...step.edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const first = sorted[0].range.start;
        const prefix = text.split('\n').slice(0, first.line).join('\n').length + (first.line ? 1 : 0) + first.character;
        assert.equal(after.slice(0, prefix), text.slice(0, prefix), `${label}: bytes before the first edit are unchanged`);
        engine.setOverlay(step.path, after);
      }
      touched.push(step.path);
    }
    const afterFindings = engine.check();
    const count = (list: Finding[]) => list.filter((f) => same(f, finding)).length;
    assert.ok(count(afterFindings) < count(before), `${label}: the finding is gone after the fix`);
    // Idempotent: the re-check offers no fix with the same edits again.
    const again = afterFindings.filter((f) => f.path === finding.path && f.fixes?.some((x) => JSON.stringify(x.steps) === JSON.stringify(fix.steps)));
    assert.deepEqual(again.map((f) => f.message), [], `${label}: the same fix is offered again`);
  } finally {
    for (const p of touched.reverse()) engine.clearOverlay(p);
  }
}

function sample(findings: Finding[]): [Finding, Fix][] {
  const perRule = new Map<string, number>();
  const out: [Finding, Fix][] = [];
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      const n = perRule.get(f.code) ?? 0;
      if (n >= PER_RULE) continue;
      perRule.set(f.code, n + 1);
      out.push([f, fix]);
    }
  }
  return out;
}

describe('reliability: nothing lost', function () {
  this.timeout(300_000);

  const workspaces = [path.join(REPO, 'examples/workspace')];
  if (existsSync(CORPUS)) for (const name of ['kaiku-before-gap-closure', 'kaiku-after-gap-closure']) if (existsSync(path.join(CORPUS, name))) workspaces.push(path.join(CORPUS, name));

  for (const root of workspaces) {
    it(`every fix on ${path.relative(path.dirname(REPO), root)}: applied, re-checked, gone, not offered again, nothing else changed`, async () => {
      const engine = await loadInMemory(root);
      const before = engine.check();
      const tried = sample(before);
      assert.ok(tried.length > 0, 'there are fixes to try');
      for (const [finding, fix] of tried) tryFix(engine, finding, fix, before);
      // Untouched afterwards: the overlays were all undone.
      assert.deepEqual(engine.check().map((f) => f.message), before.map((f) => f.message));
    });
  }

  it('scaffold titles that try to escape give a safe file name inside the plans folder, or a clear error', async () => {
    const engine = new Engine(new InMemoryWorkspace(HEALTHY), { now: NOW });
    await engine.scan();
    const titles = ['../../x', '/etc/passwd', 'C:\\Windows\\system32', 'con', 'NUL', 'aux.md', 'a\u0000b\u0007c\nd', '..', '.', '~/.ssh/id_rsa', '\u202e gnp.exe', '%2e%2e%2fetc', 'x'.repeat(299)];
    for (const title of titles) {
      const s = scaffoldDoc(engine.model(), { kind: 'design', title, date: '2026-03-01', template: engine.template('design') });
      assert.match(s.path, /^docs\/plans\/2026-03-01-[a-z0-9-]+-design\.md$/, `${JSON.stringify(title)} gave ${s.path}`);
      assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s.path.split('/').pop()!.slice(11, -10)));
      const create = s.steps[0];
      assert.ok(create.kind === 'create' && !/[\u0000-\u0008\u000b-\u001f]/.test(create.content), 'no control characters in the new doc');
    }
    for (const title of ['', '   ', '\u0000\u0001', 'x'.repeat(301)]) assert.throws(() => scaffoldDoc(engine.model(), { kind: 'design', title, date: '2026-03-01', template: '' }), ScaffoldError, JSON.stringify(title));
    assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
  });

  it('the CLI never overwrites: `new` twice gives two files, `init` keeps existing files, --fix never creates over a file', async () => {
    const dir = tempDir('nothing-lost');
    try {
      writeFiles(dir, { ...HEALTHY, '.roadmap-governance.json': '{ "roadmap": "docs/project/roadmap.md" }\n', 'docs/templates/design.md': 'MINE\n' });
      const first = await runCli(['new', 'design', '--title', '../../Escape', '.'], dir);
      const second = await runCli(['new', 'design', '--title', '../../Escape', '.'], dir);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(second.code, 0, second.stderr);
      assert.notEqual(first.stdout.trim(), second.stdout.trim());
      for (const out of [first, second]) assert.match(out.stdout.trim(), /^docs\/plans\/\d{4}-\d{2}-\d{2}-escape-design(-2)?\.md$/);
      assert.ok(!existsSync(path.join(dir, '../escape.md')));
      const init = await runCli(['init', '.'], dir);
      assert.equal(init.code, 0, init.stderr);
      assert.equal(readFileSync(path.join(dir, 'docs/templates/design.md'), 'utf8'), 'MINE\n');
      assert.equal(readFileSync(path.join(dir, '.roadmap-governance.json'), 'utf8'), '{ "roadmap": "docs/project/roadmap.md" }\n');
      const before = readFileSync(path.join(dir, 'docs/plans/2026-01-10-search-design.md'), 'utf8');
      await runCli(['check', '.', '--fix'], dir);
      assert.equal(readFileSync(path.join(dir, 'docs/plans/2026-01-10-search-design.md'), 'utf8').startsWith(before.split('\n')[0]), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reliability: nothing written through a symlink out of the workspace', () => {
  it('FsWorkspace.createFile refuses a path whose folder is a symbolic link out of the workspace', async () => {
    const { mkdirSync, readdirSync, symlinkSync } = await import('node:fs');
    const dir = tempDir('symlink-out');
    const outside = tempDir('outside');
    try {
      writeFiles(dir, HEALTHY);
      symlinkSync(outside, path.join(dir, 'docs/out'));
      const ws = new FsWorkspace(dir);
      await assert.rejects(ws.createFile('docs/out/new.md', 'x'), /outside the workspace/);
      await assert.rejects(ws.createFile('docs/out/deeper/new.md', 'x'), /outside the workspace/);
      assert.deepEqual(readdirSync(outside), []);
      mkdirSync(path.join(dir, 'docs/plans/inside'), { recursive: true });
      await ws.createFile('docs/plans/inside/ok.md', 'ok');
      assert.equal(readFileSync(path.join(dir, 'docs/plans/inside/ok.md'), 'utf8'), 'ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
