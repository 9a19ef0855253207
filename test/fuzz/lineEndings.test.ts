/**
 * Fixes in CRLF files and files with a UTF-8 byte order mark (fast-check).
 * Workspaces are generated from the bundled example (files dropped, roadmap
 * items added in every link style, final newlines removed), then each file is
 * given CRLF line breaks and/or a BOM at random. The engine must see the same
 * findings as in the plain LF workspace, and every fix it offers, applied as
 * an editor applies it, must change exactly what it changes in the LF
 * workspace: the same text with the file's own line breaks, and written back,
 * the file's BOM.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import type { Finding, TextEdit } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const RUNS = Math.max(10, Math.round(Number(process.env.FUZZ_RUNS ?? 100) / 3));
const NOW = () => new Date('2026-03-10T00:00:00Z');
const EXAMPLE_ROOT = path.resolve(__dirname, '../../examples/workspace');
const ROADMAP = 'docs/project/roadmap.md';
const BOM = '\uFEFF';

/** The example's files, as LF text without a BOM. */
function readTree(root: string, dir = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, readTree(root, rel));
    else out[rel] = readFileSync(path.join(root, rel), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  }
  return out;
}
const EXAMPLE = readTree(EXAMPLE_ROOT);
const OTHERS = Object.keys(EXAMPLE).filter((p) => p !== ROADMAP).sort();

/** Link targets from the roadmap: plans that exist, a misspelt one, a close and a far anchor, a superseded plan, a missing file. */
const TARGETS = [
  '../plans/2026-03-01-search-design.md',
  '../plans/2026-03-01-serch-design.md',
  '../plans/2026-03-05-data-export-design.md#goals-and-limit',
  '../plans/2026-03-05-data-export-design.md#nothing-like-it',
  '../plans/2026-03-04-export-v1-implementation.md',
  '../plans/2026-03-09-nowhere-design.md',
  '../guide.md',
];

const item = fc.record({
  checked: fc.boolean(),
  title: fc.constantFrom('[Ops] Backups', 'Audit trail', '[UX] Dark mode', 'Rate limits'),
  style: fc.constantFrom('inline', 'labelled', 'bare', 'two-links'),
  target: fc.constantFrom(...TARGETS),
  second: fc.constantFrom(...TARGETS),
});

const fileStyle = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), noFinalNewline: fc.boolean() });

const workspace = fc.record({
  dropped: fc.subarray(OTHERS, { maxLength: 6 }),
  items: fc.array(item, { maxLength: 6 }),
  styles: fc.array(fileStyle, { minLength: OTHERS.length + 1, maxLength: OTHERS.length + 1 }),
});

type Style = { crlf: boolean; bom: boolean; noFinalNewline: boolean };

/** The LF workspace, and the style of each of its files. */
function build(spec: { dropped: string[]; items: { checked: boolean; title: string; style: string; target: string; second: string }[]; styles: Style[] }) {
  const lf: Record<string, string> = {};
  const styles = new Map<string, Style>();
  [ROADMAP, ...OTHERS].forEach((p, i) => {
    if (spec.dropped.includes(p)) return;
    let text = EXAMPLE[p];
    if (p === ROADMAP && spec.items.length) {
      const added = spec.items.map((it) => {
        const box = `- [${it.checked ? 'x' : ' '}] **${it.title}**`;
        if (it.style === 'inline') return `${box} ([Design](${it.target}))`;
        if (it.style === 'two-links') return `${box} ([Design](${it.target}), [Implementation](${it.second}))`;
        if (it.style === 'labelled') return `${box}\n  - **Design:** \`docs/plans/${path.basename(it.target).replace(/#.*/, '')}\``;
        return box;
      });
      text = text.replace(/\n*$/, '\n') + '\n## Phase 4: Later\n\n' + added.join('\n') + '\n';
    }
    if (spec.styles[i].noFinalNewline) text = text.replace(/\n+$/, '');
    lf[p] = text;
    styles.set(p, spec.styles[i]);
  });
  return { lf, styles };
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const styled = (text: string, style: Style | undefined) => (style?.crlf ? crlf(text) : text);

/** Applies edits as an editor does (the LSP reference implementation). */
function editorApply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 0, text), edits);
}

const key = (f: Finding) => `${f.code} ${f.path} ${JSON.stringify(f.range)} ${f.message} | ${(f.fixes ?? []).map((x) => x.title).join(' | ')}`;

async function check(files: Record<string, string>) {
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: NOW });
  await engine.scan();
  return { ws, engine, findings: engine.check() };
}

describe('fuzz: fixes keep CRLF line breaks and the byte order mark', function () {
  this.timeout(Math.max(120_000, RUNS * 3_000));

  it('every fix changes in a CRLF / BOM file exactly what it changes in the LF file, in the file\'s own line breaks', async () => {
    let fixesSeen = 0;
    await fc.assert(
      fc.asyncProperty(workspace, async (spec) => {
        const { lf, styles } = build(spec);
        const raw: Record<string, string> = {};
        for (const [p, text] of Object.entries(lf)) raw[p] = (styles.get(p)!.bom ? BOM : '') + styled(text, styles.get(p));
        const plain = await check(lf);
        const other = await check(raw);
        // The same findings, at the same positions (the BOM and the \r are not counted, as in an editor).
        assert.deepEqual(other.findings.map(key), plain.findings.map(key));
        for (const [i, finding] of other.findings.entries()) {
          const lfFinding = plain.findings[i];
          for (const [j, fix] of (finding.fixes ?? []).entries()) {
            const lfFix = lfFinding.fixes![j];
            assert.deepEqual(fix.steps.map((s) => `${s.kind} ${s.path}`), lfFix.steps.map((s) => `${s.kind} ${s.path}`));
            for (const [k, step] of fix.steps.entries()) {
              const lfStep = lfFix.steps[k];
              if (step.kind === 'create' || lfStep.kind === 'create') {
                assert.equal(step.kind === 'create' && step.content.replace(/\r\n/g, '\n'), lfStep.kind === 'create' && lfStep.content.replace(/\r\n/g, '\n'));
                continue;
              }
              fixesSeen++;
              const style = styles.get(step.path);
              const text = other.engine.textOf(step.path)!;
              assert.ok(!text.startsWith(BOM), 'the engine reads the text without its BOM');
              const expected = styled(editorApply(lf[step.path], lfStep.edits), style);
              const where = `${finding.code} "${fix.title}" on ${step.path} (${style?.crlf ? 'CRLF' : 'LF'})`;
              assert.equal(editorApply(text, step.edits), expected, `${where}: as an editor applies it`);
              assert.equal(applyEdits(text, step.edits), expected, `${where}: as --fix applies it`);
              // Written back through the workspace, the file keeps its BOM.
              await other.ws.writeFile(step.path, expected);
              assert.equal(other.ws.files.get(step.path), (style?.bom ? BOM : '') + expected, `${where}: BOM kept`);
              other.ws.files.set(step.path, raw[step.path]);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(fixesSeen > RUNS * 5, `${fixesSeen} fix edits checked`);
  });
});
