import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

/** The standards gate from a configured date (without evidence in the workspace it is off). */
const GATE = { '.roadmap-governance.json': JSON.stringify({ standards: { requiredSince: '2026-02-15' } }) };

const ROADMAP = lines('# Roadmap', '', '## Phase 1: Start', '', '- [ ] **[Core] Thing**', '');

const withSection = lines(
  '# With Section - Design',
  '',
  '**Date:** 2026-02-20',
  '',
  '## Goals',
  '',
  'Stuff.',
  '',
  '## Open Standards Profile',
  '',
  '- OpenAPI 3.1 contracts, enforced by a CI lint gate, proven by contract tests.',
  '',
);

const noSection = lines('# No Section - Design', '', '**Date:** 2026-02-20', '**Status:** Draft', '', '## Goals', '', 'Stuff.', '', '## Risks', '', '- Some.', '');

describe('RG005 standards-section-missing', () => {
  it('reports a plan dated on or after requiredSince without the section, on its title', async () => {
    const { findings } = await run({
      '.roadmap-governance.json': JSON.stringify({ standards: { requiredSince: '2026-02-15' } }),
      'docs/project/roadmap.md': ROADMAP,
      'docs/plans/2026-02-20-with-section-design.md': withSection,
      'docs/plans/2026-02-20-no-section-design.md': noSection,
      // Before the cut-off date: history is not rewritten.
      'docs/plans/2026-01-10-old-design.md': lines('# Old - Design', '', '**Date:** 2026-01-10', '', '## Goals', ''),
      // The **Date:** metadata wins over the file name's date.
      'docs/plans/2026-01-10-redated-design.md': lines('# Redated', '', '**Date:** 2026-02-16', '', '## Goals', ''),
      // No date anywhere: the requirement cannot apply.
      'docs/plans/undated-notes.md': lines('# Notes', ''),
    });
    assert.deepEqual(keys(findings, 'RG005'), [
      'docs/plans/2026-01-10-redated-design.md:1 Plan has no standards-compliance section (a heading such as "Open Standards Profile"); it is required in plans dated on or after 2026-02-15.',
      'docs/plans/2026-02-20-no-section-design.md:1 Plan has no standards-compliance section (a heading such as "Open Standards Profile"); it is required in plans dated on or after 2026-02-15.',
    ]);
    const f = findings.find((x) => x.code === 'RG005' && x.path.includes('no-section'))!;
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } });
  });

  it('accepts configured headings and "standards" with profile/enforcement/compliance/conformance/baseline, in any case', async () => {
    const heading = (h: string) => lines('# P', '', '**Date:** 2026-02-20', '', `### ${h}`, '', '- x', '');
    const { findings } = await run({
      'docs/plans/2026-02-20-a-design.md': heading('open standards enforcement'),
      'docs/plans/2026-02-20-b-design.md': heading('2) Open Standards Baseline (Mandatory)'),
      'docs/plans/2026-02-20-c-design.md': heading('Standards and Conformance'),
      'docs/plans/2026-02-20-d-design.md': heading('Standards Compliance Notes'),
      'docs/plans/2026-02-20-e-design.md': heading('Coding Standards'),
    });
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG005').map((f) => f.path),
      ['docs/plans/2026-02-20-e-design.md'],
    );
  });

  it('honours standards.kinds and requiredSince: null (every plan) from the config', async () => {
    const files = {
      '.roadmap-governance.json': JSON.stringify({ standards: { requiredSince: null, kinds: ['implementation'] } }),
      'docs/plans/2020-01-01-x-implementation.md': lines('# Old impl', ''),
      'docs/plans/2020-01-01-x-design.md': lines('# Old design', ''),
      'docs/plans/notes.md': lines('# Undated implementation-less notes', ''),
    };
    const { findings } = await run(files);
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG005').map((f) => f.path),
      ['docs/plans/2020-01-01-x-implementation.md'],
    );
  });

  it('fix: inserts the template section before the last Risks/Verification/Testing section, one blank line around it', async () => {
    const files = { ...GATE, 'docs/plans/2026-02-20-no-section-design.md': noSection };
    const { findings } = await run(files);
    const fix = findings.find((f) => f.code === 'RG005')!.fixes![0];
    assert.equal(fix.title, 'Add the "Open Standards Profile" section');
    const after = applyFix(files, fix);
    const section = lines('## Open Standards Profile', '', '- **Standards used:** TBD (see the standards profile)', '- **Where enforced:** TBD', '- **Conformance tests:** TBD', '');
    assert.equal(after['docs/plans/2026-02-20-no-section-design.md'], noSection.replace('## Risks', `${section}\n## Risks`));
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG005'), []);
  });

  it('fix: appends at the end when there is no closing section, and keeps CRLF line endings', async () => {
    const crlf = lines('# T', '', '**Date:** 2026-02-20', '', '## Design', '', 'Text.').replace(/\n/g, '\r\n');
    const files = { ...GATE, 'docs/plans/2026-02-20-t-design.md': crlf };
    const { findings } = await run(files);
    const after = applyFix(files, findings.find((f) => f.code === 'RG005')!.fixes![0]);
    const text = after['docs/plans/2026-02-20-t-design.md'];
    assert.ok(text.startsWith(crlf), 'nothing before the insertion changed');
    assert.equal(text.slice(crlf.length), '\r\n\r\n## Open Standards Profile\r\n\r\n- **Standards used:** TBD (see the standards profile)\r\n- **Where enforced:** TBD\r\n- **Conformance tests:** TBD\r\n');
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
    assert.deepEqual(keys((await run(after)).findings, 'RG005'), []);
  });

  it("fix: uses the workspace checklist, under an \"Open Standards Profile\" heading when it has none", async () => {
    const files = {
      ...GATE,
      'docs/standards/feature-standards-checklist.md': lines('# Feature Standards Checklist', '', '- [ ] Standard named', '- [ ] Enforcement point', '', '## Tests', '', '- [ ] Conformance test', ''),
      'docs/plans/2026-02-20-no-section-design.md': noSection,
    };
    const { findings } = await run(files);
    const after = applyFix(files, findings.find((f) => f.code === 'RG005' && f.path.startsWith('docs/plans'))!.fixes![0]);
    const inserted = lines('## Open Standards Profile', '', '- [ ] Standard named', '- [ ] Enforcement point', '', '### Tests', '', '- [ ] Conformance test', '');
    assert.equal(after['docs/plans/2026-02-20-no-section-design.md'], noSection.replace('## Risks', `${inserted}\n## Risks`));
  });

  it('fix: uses the checklist\'s own standards section when it has one', async () => {
    const files = {
      ...GATE,
      'docs/standards/feature-standards-checklist.md': lines('# Checklist', '', 'Intro.', '', '## Standards Compliance', '', '- Standard: …', '', '## Appendix', '', 'x', ''),
      'docs/plans/2026-02-20-t-design.md': lines('# T', '', '**Date:** 2026-02-20', ''),
    };
    const { findings } = await run(files);
    const after = applyFix(files, findings.find((f) => f.code === 'RG005')!.fixes![0]);
    assert.equal(after['docs/plans/2026-02-20-t-design.md'], lines('# T', '', '**Date:** 2026-02-20', '', '## Standards Compliance', '', '- Standard: …', ''));
  });

  it('is silenced by a suppression with a reason on the line before the title', async () => {
    const { findings } = await run({
      'docs/plans/2026-02-20-s-design.md': lines('<!-- roadmap-governance-disable-next-line RG005 -- standards live in the parent plan -->', '# S', '', '**Date:** 2026-02-20', ''),
    });
    assert.deepEqual(keys(findings, 'RG005'), []);
    assert.deepEqual(keys(findings, 'RG902'), []);
  });

  it('fills Plan.standards in the model (heading, end line, body)', async () => {
    const { engine } = await run({ 'docs/plans/2026-02-20-with-section-design.md': withSection });
    const plan = engine.model().plans.get('docs/plans/2026-02-20-with-section-design.md')!;
    assert.equal(plan.standards?.heading.text, 'Open Standards Profile');
    assert.equal(plan.standards?.endLine, 11);
    assert.equal(plan.standards?.text, lines('', '- OpenAPI 3.1 contracts, enforced by a CI lint gate, proven by contract tests.', ''));
  });
});
