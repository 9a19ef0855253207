/**
 * A workspace of the shape of adr/madr (MADR's own repository) and of a
 * repository whose only "roadmap" is a prose note in a tool's folder
 * (liangjie559567/ultrapower's `.omc/research/roadmap.md`). Before these
 * cases, MADR's nineteen decisions gave 15 RG007 and 18 RG016 (a Just the
 * Docs site lists them from their `parent:` front matter, and MADR leaves
 * status and date optional), and ultrapower 25 RG007 against a roadmap that
 * links nothing.
 */
import { strict as assert } from 'node:assert';
import { keys, lines, run } from './rules/planRuleHelpers';

const adr = (n: string, title: string, front: string[] = []) =>
  lines('---', 'parent: Decisions', `nav_order: ${Number(n)}`, ...front, '---', `# ${title}`, '', '## Context and Problem Statement', '', '## Decision Outcome', '');

function madr(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'docs/decisions/index.md': lines('---', 'has_children: true', '---', '# Decisions', '', 'Below, all decision records are listed.', '', 'For new ADRs, use [adr-template.md](adr-template.md).', ''),
    'docs/decisions/adr-template.md': lines('---', 'status: "{proposed | rejected | accepted | deprecated}"', 'date: "{YYYY-MM-DD}"', '---', '# {short title}', ''),
    'docs/decisions/0000-use-markdown-adrs.md': adr('0000', 'Use Markdown ADRs'),
    'docs/decisions/0001-use-cc0-or-mit.md': adr('0001', 'Use CC0 or MIT as license'),
    'docs/decisions/0002-no-numbers-in-headings.md': adr('0002', 'Do not use numbers in headings'),
    'docs/decisions/0003-own-tools.md': adr('0003', 'Write own MADR tooling', ['status: on hold']),
    'docs/decisions/0004-dashes-in-file-names.md': adr('0004', 'Use dashes in file names'),
    'docs/index.md': lines('# MADR', '', 'See [the dashes decision](decisions/0004-dashes-in-file-names.md).', ''),
    ...extra,
  };
}

describe('a MADR decisions folder with a generated index (the adr/madr layout)', () => {
  it('reports nothing: the records are listed by the site, and their optional fields are left out by convention', async () => {
    const { findings } = await run(madr());
    assert.deepEqual(findings.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`), []);
  });

  it('"on hold" is a known status (RG017)', async () => {
    const { findings } = await run(madr({ 'docs/decisions/0001-use-cc0-or-mit.md': adr('0001', 'Use CC0 or MIT as license', ['status: paused']) }));
    assert.deepEqual(keys(findings, 'RG017'), []);
  });

  it('once most records carry a status, the one without is reported (RG016)', async () => {
    const { findings } = await run(
      madr({
        'docs/decisions/0000-use-markdown-adrs.md': adr('0000', 'Use Markdown ADRs', ['status: accepted']),
        'docs/decisions/0001-use-cc0-or-mit.md': adr('0001', 'Use CC0 or MIT as license', ['status: accepted']),
        'docs/decisions/0004-dashes-in-file-names.md': adr('0004', 'Use dashes in file names', ['date: 2024-01-02']),
      }),
    );
    assert.deepEqual(keys(findings, 'RG016').map((k) => k.split(' ')[0]), ['docs/decisions/0002-no-numbers-in-headings.md:5']);
  });

  it('once the index lists most records by hand, the one no index links is reported against it (RG007)', async () => {
    const index = lines('# Decisions', '', '- [0000](0000-use-markdown-adrs.md)', '- [0001](0001-use-cc0-or-mit.md)', '- [0002](0002-no-numbers-in-headings.md)', '');
    const { findings } = await run(madr({ 'docs/decisions/index.md': index }));
    assert.deepEqual(
      keys(findings, 'RG007').map((k) => k.split(' ').slice(0, 5).join(' ')),
      // 0004 is linked from docs/index.md, an index of a folder above.
      ['docs/decisions/0003-own-tools.md:6 Neither the index docs/decisions/index.md'],
    );
  });
});

describe('decision records whose labels are in another language (the ultrapower layout)', () => {
  const record = (n: string, ...meta: string[]) => lines(`# ADR-${n}: 设计`, '', ...meta, '', '## 背景', '');
  it('**状态** / **日期** (and Estado, Fecha, Datum…) place a record: no RG016, and RG017 does not judge their values', async () => {
    const { findings } = await run({
      'docs/adr/001-adapter.md': record('001', '**状态**: 接受', '', '**日期**: 2026-03-05'),
      'docs/adr/002-cache.md': record('002', '- **Estado:** Aprobado'),
      'docs/adr/003-rollout.md': record('003', 'Datum: 2026-03-07'),
      'docs/adr/004-later.md': record('004', '**Status:** Proposed'),
      'docs/adr/006-wide-colon.md': record('006', '**状态**：已接受'),
      'docs/adr/005-untitled.md': record('005'),
    });
    assert.deepEqual(keys(findings, 'RG016').map((k) => k.split(' ')[0]), ['docs/adr/005-untitled.md:1']);
    assert.deepEqual(keys(findings, 'RG017'), []);
  });
});
