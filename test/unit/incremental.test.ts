/**
 * Incremental checking: after any sequence of edits (open buffers, files on
 * disk, new and deleted files), the engine's findings equal those of a fresh
 * engine on the same texts. Rules that declare their inputs are reused only
 * when those inputs did not change.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import fc from 'fast-check';
import { Engine } from '../../server/engine/engine';
import { RULES } from '../../server/engine/rules';
import type { Finding } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { generatedFiles } from './generated';

const EXAMPLE = path.resolve(__dirname, '../../examples/workspace');
const NOW = () => new Date('2026-03-10T00:00:00Z');

function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fg.sync('**/*', { cwd: EXAMPLE, dot: true })) files[f] = readFileSync(path.join(EXAMPLE, f), 'latin1').includes('\u0000') ? 'binary\u0000' : readFileSync(path.join(EXAMPLE, f), 'utf8');
  return files;
}

/** The example workspace and, when present, both corpus snapshots. */
const ROOTS = [EXAMPLE, ...['kaiku-before-gap-closure', 'kaiku-after-gap-closure'].map((c) => path.resolve(__dirname, '../../../shared/corpus', c)).filter((d) => existsSync(d))];

function filesOf(root: string, glob: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fg.sync(glob, { cwd: root, dot: true })) files[f] = readFileSync(path.join(root, f), 'utf8');
  return files;
}

/** Every link by target, as `target <- from:line:character`, sorted. */
function incomingOf(engine: Engine): string[] {
  const out: string[] = [];
  for (const [target, refs] of engine.model().incoming) for (const r of refs) out.push(`${target} <- ${r.from}:${r.link.range.start.line}:${r.link.range.start.character}`);
  return out.sort();
}

/** What a user sees of a finding, its fixes' edits included (findings reused from an earlier check must still be right). */
const strip = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.code} ${f.message} ${JSON.stringify(f.fixes ?? [])} ${JSON.stringify(f.data ?? {})}`);

async function fresh(ws: InMemoryWorkspace, overlays: Map<string, string>): Promise<string[]> {
  const copy = new InMemoryWorkspace(Object.fromEntries(ws.files));
  const engine = new Engine(copy, { now: NOW });
  await engine.scan();
  for (const [p, t] of overlays) engine.setOverlay(p, t);
  return strip(engine.check());
}

const EDITABLE = [
  'docs/project/roadmap.md',
  'docs/plans/2026-03-01-search-design.md',
  'docs/plans/2026-03-05-data-export-implementation.md',
  'docs/plans/PLAN_LIFECYCLE.md',
  'CHANGELOG.md',
  'docs/project/RELEASE_NOTES_TEMPLATE.md',
  'docs/guide.md',
];

const SNIPPETS = [
  '\n- [ ] **[New] Item** ([Design](../plans/2026-03-01-search-design.md))\n',
  '\n**Status:** Done\n',
  '\n## Open Standards Profile\n\n- **Standards used:** TBD\n',
  '\n| `2026-03-01-search-design.md` | Superseded | - | x |\n',
  '\n- Current roadmap phase: Phase 3\n',
  '\n### Security\n',
  '\nSee [missing](missing.md).\n',
  '\n**Lifecycle:** Superseded\n',
];

describe('incremental checking', () => {
  it('gives the same findings as a fresh engine after any sequence of edits', async () => {
    const edit = fc.record({
      file: fc.constantFrom(...EDITABLE, 'docs/plans/2026-03-09-new-design.md'),
      snippet: fc.constantFrom(...SNIPPETS),
      how: fc.constantFrom('overlay', 'disk', 'close', 'delete'),
      // A file whose findings an editor asks for first, right after the edit.
      probe: fc.constantFrom(...EDITABLE),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const ws = new InMemoryWorkspace(exampleFiles());
        const engine = new Engine(ws, { now: NOW });
        await engine.scan();
        engine.check();
        const overlays = new Map<string, string>();
        for (const e of edits) {
          const current = overlays.get(e.file) ?? ws.files.get(e.file) ?? '# New\n';
          if (e.how === 'overlay') {
            overlays.set(e.file, current + e.snippet);
            engine.setOverlay(e.file, current + e.snippet);
          } else if (e.how === 'disk') {
            ws.files.set(e.file, (ws.files.get(e.file) ?? '# New\n') + e.snippet);
            await engine.fileChanged(e.file);
          } else if (e.how === 'close') {
            overlays.delete(e.file);
            engine.clearOverlay(e.file);
          } else if (!overlays.has(e.file)) {
            ws.files.delete(e.file);
            await engine.fileDeleted(e.file);
          }
          const expected = await fresh(ws, overlays);
          const ofProbe = expected.filter((line) => line.startsWith(`${e.probe}:`));
          assert.deepEqual(strip(engine.check({ only: e.probe })), ofProbe, `findings of ${e.probe} alone`);
          assert.deepEqual(strip(engine.check()), expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same findings as a fresh engine while typing anywhere in a long roadmap', async function () {
    // Hundreds of full checks of a fresh engine: ~15 s on a quiet 2-core machine, several times that on a loaded one.
    this.timeout(240_000);
    // A roadmap long enough to be parsed in chunks: typing keeps the objects
    // of the chunks it did not touch, and the model reuses what was built from them.
    const files = await generatedFiles(150);
    const roadmap = 'docs/project/roadmap.md';
    const lineCount = files[roadmap].split('\n').length;
    const LINE_EDITS = [
      (l: string) => l.replace('**', '**x'),
      (l: string) => `${l} [Design](../plans/missing-design.md)`,
      (l: string) => l.replace(/\]\(([^)]*)\)/, '](elsewhere.md)'),
      (l: string) => l.replace('- [ ]', '- [x]'),
      () => '## Phase 7: Inserted',
      () => '',
      (l: string) => `${l}\n- [ ] **[New] Item** (Priority: High)\n\n## Notes`,
    ];
    const edit = fc.record({ line: fc.nat({ max: lineCount - 1 }), how: fc.nat({ max: LINE_EDITS.length - 1 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        const ws = new InMemoryWorkspace(files);
        const engine = new Engine(ws, { now: NOW });
        await engine.scan();
        const lines = files[roadmap].split('\n');
        engine.setOverlay(roadmap, lines.join('\n'));
        engine.check();
        for (const e of edits) {
          const at = e.line % lines.length;
          lines[at] = LINE_EDITS[e.how](lines[at]);
          const text = lines.join('\n');
          engine.setOverlay(roadmap, text);
          const expected = await fresh(ws, new Map([[roadmap, text]]));
          assert.deepEqual(strip(engine.check({ only: roadmap })), expected.filter((line) => line.startsWith(`${roadmap}:`)), 'the roadmap alone');
          assert.deepEqual(strip(engine.check()), expected);
          // The links into each file, which the engine keeps up to date document by document.
          const copy = new Engine(new InMemoryWorkspace(files), { now: NOW });
          await copy.scan();
          copy.setOverlay(roadmap, text);
          assert.deepEqual(incomingOf(engine), incomingOf(copy), 'links by target');
        }
      }),
      { numRuns: 15 },
    );
  });

  it('typing in one item of a long roadmap leaves the other findings of the roadmap the same objects', async () => {
    // The server derives each diagnostic, and its JSON, once per finding object:
    // a keystroke must not make every finding of a long roadmap anew.
    const files = await generatedFiles(150);
    const roadmap = 'docs/project/roadmap.md';
    // A broken link too, so that every rule that reports in a typed roadmap is in play.
    files[roadmap] += '\nSee [the old plan](../plans/2020-01-01-gone-design.md).\n';
    const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
    await engine.scan();
    const lines = files[roadmap].split('\n');
    engine.setOverlay(roadmap, lines.join('\n'));
    let before = engine.check({ only: roadmap });
    const codes = new Set(before.map((f) => f.code));
    for (const code of ['RG001', 'RG002', 'RG003', 'RG004', 'RG023', 'RG024']) assert.ok(codes.has(code), `the roadmap has ${code} findings`);
    const open = lines.flatMap((l, i) => (l.startsWith('- [ ] **') ? [i] : []));
    for (const k of [0.1, 0.5, 0.9]) {
      const at = open[Math.floor(k * open.length)];
      lines[at] = lines[at].replace('**', '**x');
      engine.setOverlay(roadmap, lines.join('\n'));
      const after = engine.check({ only: roadmap });
      const kept = new Set(before);
      const made = after.filter((f) => !kept.has(f));
      // Only the edited item's own findings (its missing design and implementation links) are new.
      assert.ok(made.every((f) => f.range.start.line === at), `new findings after one keystroke: ${made.map((f) => `${f.code} ${f.range.start.line}`).join(', ')}`);
      before = after;
    }
  });

  it('rules that declare where they report never report elsewhere', async () => {
    for (const root of ROOTS) {
      const files = filesOf(root, '**/*.md');
      const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
      await engine.scan();
      const model = engine.model();
      const findings = engine.check();
      for (const f of findings) {
        const rule = RULES.find((r) => r.code === f.code)!;
        if (rule.reportsIn) assert.ok(rule.reportsIn.includes(engine.partOf(f.path, model)), `${f.code} reported in ${f.path} (${engine.partOf(f.path, model)}), outside ${rule.reportsIn.join(', ')}`);
      }
      const declared = new Set(findings.filter((f) => RULES.find((r) => r.code === f.code)!.reportsIn).map((f) => f.code));
      if (root === EXAMPLE) assert.ok(declared.size >= 5, `the example exercises the declared rules (${[...declared].join(', ')})`);
    }
  });

  it('the early check of the roadmap, before the scan reads the workspace, gives the full check\'s findings of the roadmap', async () => {
    for (const root of ROOTS) {
      const files = filesOf(root, '**/*');
      const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
      let pending: Promise<Finding[] | undefined> | undefined;
      const roadmap = ['docs/project/roadmap.md', 'docs/roadmap.md', 'ROADMAP.md'].find((p) => p in files)!;
      await engine.scan({ listed: () => (pending = engine.checkEarly(roadmap)) });
      const answer = await pending;
      assert.ok(answer, `an early answer for ${root}`);
      const early = strip(answer);
      const full = strip(engine.check()).filter((line) => line.startsWith(`${roadmap}:`));
      assert.ok(full.length > 0, 'the roadmap has findings to compare');
      assert.deepEqual(early, full, root);
      assert.equal(await engine.checkEarly('docs/guide.md'), undefined, 'only the roadmap is answered early');
    }
  });

  it('a check that runs while a rescan reads the documents does not leave the rescan\'s model short of documents', async () => {
    // A server checks between the scan's batches (an editor request, a flush); the model built
    // then holds only what was read so far, and the first build after the scan must not start from it.
    const files = filesOf(EXAMPLE, '**/*.md');
    const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
    await engine.scan();
    const expected = strip(engine.check());
    let checksDuringScan = 0;
    await engine.scan({
      between: async () => {
        checksDuringScan++;
        engine.check();
      },
    });
    assert.ok(checksDuringScan > 0);
    assert.deepEqual(strip(engine.check()), expected);
  });

  it('two open documents with the same text in different folders resolve their links each from its own folder', async () => {
    // Long enough to be parsed in chunks, so that the chunk cache shares their chunks.
    const text = `# Notes\n\n${Array.from({ length: 120 }, (_, i) => `- note ${i}\n`).join('')}\n## Links\n\nSee [the other](other.md).\n`;
    const ws = new InMemoryWorkspace({ 'docs/a/notes.md': text, 'docs/a/other.md': '# Other\n', 'docs/b/notes.md': text });
    const engine = new Engine(ws, { now: NOW });
    await engine.scan();
    engine.setOverlay('docs/a/notes.md', text + '\n');
    engine.setOverlay('docs/b/notes.md', text + '\n');
    const broken = engine.check().filter((f) => f.code === 'RG003').map((f) => f.path);
    assert.deepEqual(broken, ['docs/b/notes.md']);
  });

  it('does not run plan-only rules again when only the roadmap changed', async () => {
    const ws = new InMemoryWorkspace(exampleFiles());
    const engine = new Engine(ws, { now: NOW });
    await engine.scan();
    const before = engine.check();
    const roadmap = 'docs/project/roadmap.md';
    engine.setOverlay(roadmap, ws.files.get(roadmap) + '\n- [ ] **[X] Another**\n');
    const after = engine.check();
    const rg005 = (fs: Finding[]) => fs.filter((f) => f.code === 'RG005');
    assert.ok(rg005(before).length > 0);
    assert.ok(rg005(after).every((f, i) => f === rg005(before)[i]), 'the same finding objects: RG005 was not run again');
    assert.ok(after.some((f) => f.code === 'RG001' && f.message.includes('[X] Another')), 'roadmap rules ran');
  });
});
