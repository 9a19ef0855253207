/**
 * Cases found by first runs on public repositories the corpus does not hold:
 * each was a false finding (or a missed layout) there, written down as the
 * smallest workspace that shows it.
 */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './rules/planRuleHelpers';
import { firstClause } from '../../server/engine/rules/plan-metadata-invalid';

describe('layouts and conventions of strangers\' repositories', () => {
  it('reads an RFC folder of compact dated names (opentofu: rfc/20230915-title.md) as design docs', async () => {
    const { engine } = await run({
      'rfc/20230915-state-encryption.md': lines('# State encryption', '', 'See [the next one](20231002-provider-functions.md).', ''),
      'rfc/20231002-provider-functions.md': lines('# Provider functions', ''),
      'rfc/README.md': lines('# RFCs', ''),
    });
    const plans = [...engine.model().plans.values()].map((p) => [p.path, p.kind]);
    assert.deepEqual(plans.sort(), [
      ['rfc/20230915-state-encryption.md', 'design'],
      ['rfc/20231002-provider-functions.md', 'design'],
    ]);
  });

  it('takes a Reverted plan as retired: known status, and asked for no design (home-assistant/architecture)', async () => {
    const { findings } = await run({
      'docs/plans/2026-02-01-a-design.md': lines('# A', '', '**Status:** Draft', ''),
      'docs/plans/2026-02-01-b-implementation.md': lines('# B', '', '**Status:** Reverted', ''),
      'docs/plans/2026-02-02-c-implementation.md': lines('# C', '', '**Status:** Draft', ''),
    });
    assert.deepEqual(keys(findings, 'RG017'), []);
    assert.deepEqual(
      keys(findings, 'RG009').map((k) => k.split(' ')[0]),
      ['docs/plans/2026-02-02-c-implementation.md:1'],
    );
  });

  it('checks no text fragment (#:~:text=) as a heading anchor, only the anchor before it', async () => {
    const { findings } = await run({
      'docs/plans/2026-02-01-a-design.md': lines(
        '# A',
        '',
        '## Scope',
        '',
        '[words](2026-02-01-b-design.md#:~:text=some%20words), [both](2026-02-01-b-design.md#goals:~:text=x), [bad](2026-02-01-b-design.md#nowhere:~:text=x)',
        '',
      ),
      'docs/plans/2026-02-01-b-design.md': lines('# B', '', '## Goals', ''),
    });
    assert.equal(findings.filter((f) => f.code === 'RG004').length, 1);
    assert.match(findings.find((f) => f.code === 'RG004')!.message, /#nowhere/);
  });

  it('reads a template kept in a folder of its own as a template, with an example name as its placeholder (adr templates)', async () => {
    const { findings } = await run({
      'docs/adr/0001-use-adrs.md': lines('# Use ADRs', '', '**Status:** Accepted', ''),
      'locales/en/templates/decision-record-template-madr/index.md': lines('# Title', '', 'Supersedes [the example](0005-example.md).', ''),
      'docs/notes.md': lines('# Notes', '', 'See [the example](0005-example.md).', ''),
    });
    assert.deepEqual(
      keys(findings, 'RG003').map((k) => k.split(' ')[0]),
      ['docs/notes.md:3'],
    );
  });

  it('reads no path in a labelled code span that holds an extension alone or code', async () => {
    const { findings } = await run({
      'docs/adr/0001-format.md': lines(
        '# Format',
        '',
        '**Status:** Accepted',
        '',
        '**Decision:** `.md`',
        '',
        '**Decision:** `render(docs/x.md)`',
        '',
        '**Spec:** `docs/adr/0009-missing.md`',
        '',
      ),
    });
    assert.deepEqual(
      keys(findings, 'RG003').map((k) => k.split(' ')[0]),
      ['docs/adr/0001-format.md:9'],
    );
  });

  it('quotes a long unknown status up to its first clause (RG017)', async () => {
    const { findings } = await run({
      'docs/plans/2026-02-01-a-design.md': lines('# A', '', '**Status:** design note for review. **Not** an artifact (deliberately), companion to another note.', ''),
    });
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG017').map((f) => f.message.split(' does not')[0]),
      ['Status "design note for review. …"'],
    );
    assert.equal(firstClause('Mostly there'), 'Mostly there');
    assert.equal(firstClause('Brainstorming output (upstream of the design)'), 'Brainstorming output …');
    assert.equal(firstClause('x'.repeat(20) + ' ' + 'y'.repeat(50)), 'x'.repeat(20) + '…');
  });

  it('takes the dated folder of a record split in parts as the date of its parts (RG016, opentofu)', async () => {
    const { findings } = await run({
      'rfc/20240513-static-evaluation.md': lines('# Static evaluation', '', '**Status:** Accepted', ''),
      'rfc/20240513-static-evaluation/module-expansion.md': lines('# Module expansion', '', 'Part of [the RFC](../20240513-static-evaluation.md).', ''),
      'rfc/2024-06-01-other/part.md': lines('# Part', ''),
      'rfc/20240601-undated-folder-name.md': lines('# Compact', ''),
      'rfc/notes/loose.md': lines('# Loose', ''),
    });
    assert.deepEqual(
      keys(findings, 'RG016').map((k) => k.split(' ')[0]),
      ['rfc/notes/loose.md:1'],
    );
  });

  it('reads a status written as a link or in brackets by its text (RG017, Adyen ADRs)', async () => {
    const { findings } = await run({
      'docs/adr/0001-a.md': lines('# A', '', '## Status', '', '[Accepted](https://github.com/org/repo/pull/12)', ''),
      'docs/adr/0002-b.md': lines('# B', '', '**Status:** [Approved]', ''),
      'docs/adr/0003-c.md': lines('# C', '', '**Status:** [Pondering](https://example.com)', ''),
    });
    assert.deepEqual(
      keys(findings, 'RG017').map((k) => k.split(' ')[0]),
      ['docs/adr/0003-c.md:3'],
    );
  });

  it('takes a link that climbs to a repository page on GitHub (../../security of a root file) as no file link', async () => {
    const { findings } = await run({
      'SECURITY.md': lines('# Security', '', 'Report in [the security tab](../../security) or [discussions](../../discussions/new), not [here](../../elsewhere).', ''),
      'docs/guide.md': lines('# Guide', '', 'File [an issue](../../../issues), not [this](../../issues).', ''),
    });
    assert.deepEqual(
      keys(findings, 'RG003').map((k) => k.split(' ').slice(0, 2).join(' ')),
      ['SECURITY.md:3 Link', 'docs/guide.md:3 Link'],
    );
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG003').map((f) => /Link "([^"]+)"/.exec(f.message)?.[1]),
      ['../../elsewhere', '../../issues'],
    );
  });

  it('says a URL in parentheses is one, and its fix drops them; the finding is gone (rust-lang/rfcs)', async () => {
    const files = { 'text/0001-a.md': lines('# A', '', 'See [the thread]((https://internals.example.org/t/5182)).', '') };
    const { findings } = await run(files);
    const found = findings.filter((f) => f.code === 'RG003');
    assert.deepEqual(
      found.map((f) => f.message),
      ['Link "(https://internals.example.org/t/5182)" is a URL in parentheses: GitHub reads it as a path in this repository. Remove the parentheses.'],
    );
    const after = applyFix(files, found[0].fixes![0]);
    assert.equal(after['text/0001-a.md'].split('\n')[2], 'See [the thread](https://internals.example.org/t/5182).');
    assert.deepEqual((await run(after)).findings, []);
  });
});
