/**
 * Every fix the engine offers, applied and re-checked, on the real corpora, the
 * examples and a generated workspace: the finding it fixes is gone, and no
 * finding of the same or a higher severity appears (issue 11: "a fix, applied
 * and re-checked, adds no finding of the same or higher severity"). A link stub
 * names a doc that does not exist yet, which RG003 (an error) then reports with
 * a fix that creates the doc from its template: a stub is judged after that
 * follow-up. Edits of a CRLF file keep its line breaks.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import type { Finding, Fix } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { generatedFiles } from '../unit/generated';
import { appeared, filesOf, fixTrades } from '../support/fixTrades';
import { applyFixes } from '../../server/cli/commands';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const NOW = () => new Date('2026-12-02T00:00:00Z');

/** After a link stub, the fixes that create the docs it names, when those are all it added. */
function createStubTargets(fix: Fix, added: Finding[]): Fix[] {
  if (!/^Insert .* link stub/.test(fix.title)) return [];
  const creates = added.map((f) => (f.code === 'RG003' ? f.fixes?.find((x) => /^Create .* from the template$/.test(x.title)) : undefined));
  return creates.every((x): x is Fix => x !== undefined) ? creates : [];
}

async function tradesOf(files: Record<string, string>) {
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: NOW });
  await engine.scan();
  return fixTrades(ws, engine, { followUp: createStubTargets });
}

function describeTrade(t: Awaited<ReturnType<typeof tradesOf>>['trades'][number]): string {
  const where = (f: Finding) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`;
  return `${where(t.fixed)}\n  fix "${t.fix.title}"${t.gone ? '' : ' leaves the finding'}${t.added.map((a) => `\n  + ${where(a)}`).join('')}`;
}

/**
 * `check --fix` as the CLI runs it (preferred fixes, in passes): a second run
 * changes nothing, no error appears that was not there before, and there are
 * no more errors and warnings together than before (an added standards
 * section turns RG005's error into RG006's warning until it is filled in).
 */
async function assertFixAllSettles(files: Record<string, string>): Promise<void> {
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: NOW });
  await engine.scan();
  const before = engine.check();
  await applyFixes(engine, before);
  const texts = new Map(ws.files);
  const after = engine.check();
  assert.equal(await applyFixes(engine, after), 0, 'a second --fix applied fixes');
  assert.deepEqual([...ws.files.entries()].filter(([p, t]) => texts.get(p) !== t).map(([p]) => p), [], 'a second --fix changed files');
  const errors = appeared(before, after).filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`), [], '--fix added errors');
  const serious = (list: typeof before) => list.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  assert.ok(serious(after) <= serious(before), `--fix left ${serious(after)} errors and warnings, from ${serious(before)}`);
}

async function assertNoTrades(files: Record<string, string>, minimumFixes: number): Promise<void> {
  await assertFixAllSettles(files);
  const { trades, tried } = await tradesOf(files);
  assert.ok(tried >= minimumFixes, `expected at least ${minimumFixes} fixes to try, got ${tried}`);
  const bad = trades.filter((t) => t.added.length || !t.gone);
  assert.deepEqual(bad.map(describeTrade), [], `${bad.length} of ${tried} fixes trade their finding`);
  for (const t of trades) {
    for (const [file, text] of t.texts) {
      const original = files[file];
      if (original?.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(text), `fix "${t.fix.title}" wrote a bare LF into the CRLF file ${file}`);
    }
  }
}

describe('fixes do not trade findings', function () {
  this.timeout(300_000);

  for (const example of ['workspace', 'empty-project', 'plain-folder']) {
    it(`examples/${example}`, async () => assertNoTrades(filesOf(path.join(ROOT, 'examples', example)), example === 'plain-folder' ? 0 : 4));
  }

  it('examples/spec-kit-project', async () => assertNoTrades(filesOf(path.join(ROOT, 'examples', 'spec-kit-project')), 1));
  it('examples/kiro-project', async () => assertNoTrades(filesOf(path.join(ROOT, 'examples', 'kiro-project')), 1));

  it('examples/workspace with CRLF line breaks', async () => {
    const files = filesOf(path.join(ROOT, 'examples', 'workspace'));
    for (const [file, text] of Object.entries(files)) if (file.endsWith('.md')) files[file] = text.replace(/\r?\n/g, '\r\n');
    await assertNoTrades(files, 10);
  });

  it('a generated workspace (the benchmark corpus, 40 items)', async () => assertNoTrades(await generatedFiles(40), 20));

  const corpora: [string, string, unknown?][] = [
    ['kaiku before its gap closure', 'kaiku-before-gap-closure'],
    ['kaiku before, with "extends": ["docs-governance"]', 'kaiku-before-gap-closure', { extends: ['docs-governance'] }],
    ['kaiku after its gap closure', 'kaiku-after-gap-closure'],
    ['papai (superpowers specs and plans)', 'world/papai'],
    ['elephant (stub roadmap, ADRs)', 'world/elephant'],
  ];
  for (const [name, dir, config] of corpora) {
    it(`the real corpus: ${name}`, async function () {
      if (!existsSync(path.join(CORPUS, dir))) this.skip();
      const files = filesOf(path.join(CORPUS, dir));
      if (config) files['.roadmap-governance.json'] = JSON.stringify(config);
      await assertNoTrades(files, 20);
    });
  }
});
