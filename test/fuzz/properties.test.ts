/**
 * Property-based tests (fast-check) over generated markdown (roadmap-like and
 * arbitrary), configs (arbitrary JSON) and edit sequences. `npm test` runs a
 * small number of cases; `npm run fuzz` runs many more (FUZZ_RUNS, default 100
 * here). A failure prints fast-check's seed and the shrunk counterexample.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { normalizeConfig, parseConfigText, DEFAULT_CONFIG } from '../../server/engine/config';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import { clearChunkCaches, withChunkCache } from '../../server/engine/markdown/chunked';
import { parseMarkdown } from '../../server/engine/markdown/parse';
import type { Range } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const NOW = () => new Date('2026-03-01T00:00:00Z');

// ---------------------------------------------------------------- generators

/** Markdown-ish pieces: the constructs the scanner cares about, and their broken halves. */
const PIECES = [
  '# ', '## Phase 1: Core', '### ', '- ', '- [ ] ', '- [x] ', '  - ', '1. ', '* ', '> ', '>> ', '**', '**Design:** ', '**Status:** Draft', '`', '``', '```', '~~~', '<!--', '-->',
  '<!-- roadmap-governance-disable-next-line RG003 -- why -->', '[', ']', '(', ')', '<', '>', '![', '[x](./a.md)', '[x](../../../../etc/passwd)', '[r]', '[r]: ./b.md', '[x][r]', '(#frag)',
  '| a | b |', '|---|---|', '---', '===', '\\', '\t', '    ', '\r', '\n', '\n\n', 'text', 'docs/plans/2026-01-01-x-design.md', '#anchor', 'é', '😀', '\u0000', '\uFFFD', '\u2028',
];
const markdownSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((parts) => parts.join(''));
const anyText = fc.oneof(markdownSoup, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

/** A roadmap-like document: phases, items in the styles the engine reads, with links, fields and noise. */
const roadmapItem = fc.record({
  checked: fc.boolean(),
  title: fc.oneof(fc.constantFrom('Search', '[UX] Search', 'Webhooks', '`code` title', 'Ünïcode'), fc.string({ maxLength: 20 })),
  style: fc.constantFrom('inline', 'labelled', 'bare', 'noise'),
  target: fc.constantFrom('../plans/2026-01-10-search-design.md', '../plans/missing.md', '../../../../etc/passwd', 'https://example.com', '#phase-1', ''),
  noise: markdownSoup,
});
const roadmapDoc = fc
  .record({
    phases: fc.array(fc.record({ title: fc.string({ maxLength: 15 }), items: fc.array(roadmapItem, { maxLength: 12 }) }), { minLength: 1, maxLength: 8 }),
    header: fc.boolean(),
  })
  .map(({ phases, header }) => {
    const out: string[] = ['# Roadmap', ''];
    if (header) out.push('**Current Phase:** 1', '**Last Updated:** 2026-02-01', '');
    phases.forEach((p, n) => {
      out.push(`## Phase ${n + 1}: ${p.title}`, '');
      for (const it of p.items) {
        const box = `- [${it.checked ? 'x' : ' '}] **${it.title}**`;
        if (it.style === 'inline') out.push(`${box} ([Design](${it.target}))`);
        else if (it.style === 'labelled') out.push(box, `  - **Design:** \`${it.target}\``);
        else if (it.style === 'bare') out.push(box);
        else out.push(box + it.noise);
      }
      out.push('');
    });
    return out.join('\n');
  });

const workspaceFiles = fc.record({
  roadmap: roadmapDoc,
  plan: fc.oneof(markdownSoup, fc.constant('# Search\n\n**Date:** 2026-01-10\n**Status:** Draft\n')),
  other: anyText,
});

// ---------------------------------------------------------------- checks

function rangeInside(text: string, r: Range): boolean {
  const lines = text.split('\n');
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(r.start) && ok(r.end);
}

function assertSummaryInside(text: string): void {
  const s = parseMarkdown(text);
  assert.equal(s.lineCount, text.split('\n').length);
  for (const l of s.links) assert.ok(rangeInside(text, l.range) && rangeInside(text, l.targetRange), `link range ${JSON.stringify(l.range)}`);
  for (const h of s.headings) assert.ok(rangeInside(text, h.range), `heading range ${JSON.stringify(h.range)}`);
  for (const it of s.items) assert.ok(rangeInside(text, it.range) && it.parent < s.items.length, `item range ${JSON.stringify(it.range)}`);
  for (const f of s.fields) assert.ok(rangeInside(text, f.range) && rangeInside(text, f.valueRange));
}

async function checkWorkspace(files: Record<string, string>, configText?: string) {
  const all = { ...files, ...(configText === undefined ? {} : { '.roadmap-governance.json': configText }) };
  const engine = new Engine(new InMemoryWorkspace(all), { now: NOW });
  await engine.scan();
  const findings = engine.check();
  const internal = findings.filter((f) => f.code === 'RG901');
  assert.deepEqual(internal.map((f) => f.message), [], 'no rule fails');
  for (const f of findings) {
    const text = engine.textOf(f.path);
    if (text !== undefined) assert.ok(rangeInside(text, f.range), `${f.code} range ${JSON.stringify(f.range)} inside ${f.path}`);
    for (const fix of f.fixes ?? []) {
      for (const step of fix.steps) {
        if (step.kind === 'create') assert.ok(!engine.hasFile(step.path), `${f.code} fix creates existing ${step.path}`);
        else {
          const t = engine.textOf(step.path);
          assert.ok(t !== undefined, `${f.code} fix edits unknown ${step.path}`);
          for (const e of step.edits) assert.ok(rangeInside(t, e.range), `${f.code} fix edit ${JSON.stringify(e.range)} inside ${step.path}`);
          applyEdits(t, step.edits);
        }
      }
    }
  }
  return { engine, findings };
}

// ---------------------------------------------------------------- properties

describe('fuzz: properties', function () {
  this.timeout(Math.max(60_000, RUNS * 2_000));
  after(() => console.log(`      fast-check: ${RUNS} runs per property`));

  it('any text parses, with every range inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => assertSummaryInside(text)),
      { numRuns: RUNS * 3 },
    );
  });

  it('roadmap-like documents parse, with every range inside the text', () => {
    fc.assert(
      fc.property(roadmapDoc, (text) => assertSummaryInside(text)),
      { numRuns: RUNS },
    );
  });

  it('after any edit sequence, the chunk cache gives the same summary as a fresh parse', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...PIECES), markdownSoup, fc.string({ maxLength: 10 })) });
    // Long documents (over the 80-line chunk threshold) so that chunks and the cache are used.
    const longDoc = fc.tuple(roadmapDoc, roadmapDoc, roadmapDoc).map((d) => d.join('\n'));
    fc.assert(
      fc.property(longDoc, fc.array(edit, { minLength: 1, maxLength: 20 }), (start, edits) => {
        clearChunkCaches();
        // Parsed as the engine parses a document open in an editor: with its chunk cache.
        const typed = (t: string) => withChunkCache('fuzz:roadmap.md', () => parseMarkdown(t));
        let text = start;
        typed(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          // Without an owner, the parse uses no cache.
          assert.deepEqual(typed(text), parseMarkdown(text));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary JSON as the config never throws, gives a well-typed config, and the checks still run', async () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const { config, problems } = normalizeConfig(value, JSON.stringify(value));
        for (const [k, v] of Object.entries(DEFAULT_CONFIG)) assert.equal(Array.isArray((config as unknown as Record<string, unknown>)[k]), Array.isArray(v), k);
        assert.equal(typeof config.roadmap, 'string');
        assert.ok(Number.isFinite(config.maxFileSize) && config.maxFileSize > 0);
        for (const p of problems) assert.ok(p.message.length > 0);
      }),
      { numRuns: RUNS * 3 },
    );
    const configText = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ roadmap: fc.oneof(fc.string(), fc.integer()), plans: fc.oneof(fc.array(fc.string({ maxLength: 12 })), fc.string()), maxFileSize: fc.oneof(fc.integer(), fc.double()), rules: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constantFrom('error', 'off', 'loud'), fc.integer())) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(configText, workspaceFiles, async (text, files) => {
        const parsed = parseConfigText(text);
        assert.ok(parsed.config);
        const { findings } = await checkWorkspace({ 'docs/project/roadmap.md': files.roadmap, 'docs/plans/2026-01-10-search-design.md': files.plan, 'docs/other.md': files.other }, text);
        for (const f of findings.filter((x) => x.code === 'RG900')) assert.equal(f.path, '.roadmap-governance.json');
      }),
      { numRuns: RUNS },
    );
  });

  it('generated workspaces check without a failing rule; every finding and fix lies inside its text', async () => {
    await fc.assert(
      fc.asyncProperty(workspaceFiles, async (files) => {
        await checkWorkspace({ 'docs/project/roadmap.md': files.roadmap, 'docs/plans/2026-01-10-search-design.md': files.plan, 'docs/other.md': files.other });
      }),
      { numRuns: RUNS },
    );
  });
});
