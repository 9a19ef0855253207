import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG } from '../../../server/engine/config';
import { hasAnyWord, reviewStandardsText } from '../../../server/engine/rules/standards-section-incomplete';
import { keys, lines, run } from './planRuleHelpers';

const plan = (...section: string[]) => lines('# P - Design', '', '**Date:** 2026-02-20', '', '## Goals', '', 'x', '', '## Open Standards Profile', '', ...section, '', '## Risks', '', '- Secret tests and CI gates in another section do not count.', '');

describe('RG006 standards-section-incomplete', () => {
  it('reports a Draft plan at standards.draftSeverity (info), an approved one at the rule\'s, and "off" leaves drafts alone', async () => {
    const withStatus = (status: string) => plan('- **Standards used:** TBD', '- **Where enforced:** TBD').replace('**Date:** 2026-02-20', `**Date:** 2026-02-20\n**Status:** ${status}`);
    const files = {
      'docs/plans/2026-02-20-draft-design.md': withStatus('Draft'),
      'docs/plans/2026-02-20-review-design.md': withStatus('In Review (waiting on security)'),
      'docs/plans/2026-02-20-approved-design.md': withStatus('Approved'),
    };
    const severities = async (config: unknown) =>
      (await run({ ...files, '.roadmap-governance.json': JSON.stringify(config) })).findings
        .filter((f) => f.code === 'RG006')
        .map((f) => `${f.path.replace(/^docs\/plans\/2026-02-20-|-design\.md$/g, '')} ${f.severity}${/still (Draft|In Review)\.$/.test(f.message) ? ' (says so)' : ''}`);
    const gate = { requiredSince: '2026-02-15' };
    assert.deepEqual(await severities({ standards: gate }), ['approved warning', 'draft info (says so)', 'review info (says so)']);
    assert.deepEqual(await severities({ standards: { ...gate, draftSeverity: 'off' } }), ['approved warning']);
    // Never above the rule's own severity.
    assert.deepEqual(await severities({ standards: { ...gate, draftSeverity: 'error' } }), ['approved warning', 'draft warning (says so)', 'review warning (says so)']);
    assert.deepEqual(await severities({ standards: gate, rules: { RG006: 'hint' } }), ['approved hint', 'draft hint (says so)', 'review hint (says so)']);
  });

  it('reports, once per section and on its heading, which of standard / enforcement / tests is missing', async () => {
    const { findings } = await run({
      '.roadmap-governance.json': JSON.stringify({ standards: { requiredSince: '2026-02-15' } }),
      // Complete: names the standard, where it is enforced, and the tests.
      'docs/plans/2026-02-20-complete-design.md': plan('- **Standard:** OpenAPI 3.1 for every endpoint.', '- **Enforced:** schema lint in the CI gate.', '- **Tests:** contract tests prove conformance.'),
      // Names standards only (like most corpus plans).
      'docs/plans/2026-02-20-standards-only-design.md': plan('- WebSocket RFC 6455 semantics.', '- Telemetry through OpenTelemetry.'),
      // Has tests but not where it is enforced.
      'docs/plans/2026-02-20-no-enforcement-design.md': plan('- WCAG 2.2 AA for every dialog, covered by axe tests.'),
      // Says how it is checked but not which standard.
      'docs/plans/2026-02-20-no-standard-design.md': plan('- Enforced by middleware and covered by integration tests.'),
      // The template, untouched.
      'docs/plans/2026-02-20-template-design.md': plan('- **Standards used:** TBD (see the standards profile)', '- **Where enforced:** TBD', '- **Conformance tests:** TBD'),
      // Nothing under the heading.
      'docs/plans/2026-02-20-empty-design.md': plan(),
      // Complete except one answer still TBD.
      'docs/plans/2026-02-20-partly-tbd-design.md': plan('- **Standards used:** OAuth 2.1', '- **Where enforced:** token middleware', '- **Conformance tests:** TODO'),
      // Before requiredSince: not checked (RG005 does not apply either).
      'docs/plans/2026-01-01-old-design.md': lines('# Old', '', '## Standards Profile', '', 'TBD', ''),
    });
    assert.deepEqual(keys(findings, 'RG006'), [
      'docs/plans/2026-02-20-empty-design.md:9 Standards section "Open Standards Profile" is empty: say which standard is used, where it is enforced and which tests prove conformance.',
      'docs/plans/2026-02-20-no-enforcement-design.md:9 Standards section "Open Standards Profile" does not say where it is enforced.',
      'docs/plans/2026-02-20-no-standard-design.md:9 Standards section "Open Standards Profile" does not say which standard is used.',
      'docs/plans/2026-02-20-partly-tbd-design.md:9 Standards section "Open Standards Profile" does not say which tests prove conformance. It still has placeholders (TODO).',
      'docs/plans/2026-02-20-standards-only-design.md:9 Standards section "Open Standards Profile" does not say where it is enforced or which tests prove conformance.',
      'docs/plans/2026-02-20-template-design.md:9 Standards section "Open Standards Profile" names only placeholders (TBD): say which standard is used, where it is enforced and which tests prove conformance.',
    ]);
    const f = findings.find((x) => x.code === 'RG006')!;
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 8, character: 0 }, end: { line: 8, character: 25 } });
  });

  it('counts a labelled answer for the aspect its label names', () => {
    const s = DEFAULT_CONFIG.standards;
    const review = reviewStandardsText(['- **Standards used:** WAI-ARIA tree pattern for the thread view.', '- **Where enforced:** pull requests.', '- **Conformance tests:** thread view suite.'].join('\n'), s);
    assert.deepEqual(review.missing, []);
    assert.deepEqual(reviewStandardsText('- **Standards used:** TBD\n- **Where enforced:** CI', s).missing, ['standard', 'tests']);
  });

  it('matches words at word starts with inflections, and short words only whole', () => {
    const w = DEFAULT_CONFIG.standards;
    assert.ok(hasAnyWord('Rules are enforced at the gateway', w.enforcementWords), 'enforce → enforced');
    assert.ok(!hasAnyWord('Bot gateway and circuit breakers', w.enforcementWords), 'gate is not gateway, ci is not circuit');
    assert.ok(hasAnyWord('Runs in CI.', w.enforcementWords));
    assert.ok(!hasAnyWord('Tenant isolation', w.standardWords), 'iso is not isolation');
    assert.ok(hasAnyWord('ISO 27001 controls', w.standardWords));
    assert.ok(hasAnyWord('Verification of signatures', w.testWords));
    assert.ok(!hasAnyWord('Attestation only', w.testWords), 'test inside a word does not count');
  });

  it('counts named standards the word lists miss (name + version, X-compatible, "follows X")', () => {
    const s = DEFAULT_CONFIG.standards;
    for (const text of ['CloudEvents 1.0 envelopes', 'S3-compatible storage', 'Release notes follow Keep a Changelog']) {
      assert.ok(!reviewStandardsText(text, s).missing.includes('standard'), text);
    }
    assert.ok(reviewStandardsText('We will be careful.', s).missing.includes('standard'));
  });

  it('reads the section to the next heading of its level, including subsections and tables', async () => {
    const { findings } = await run({
      'docs/plans/2026-02-20-x-design.md': lines(
        '# X',
        '',
        '**Date:** 2026-02-20',
        '',
        '## Open Standards Baseline',
        '',
        '| Domain | Standard |',
        '|---|---|',
        '| API | OpenAPI 3.1 |',
        '',
        '### Gate',
        '',
        'Checked in CI by the contract test suite.',
        '',
      ),
    });
    assert.deepEqual(keys(findings, 'RG006'), []);
  });

  it('is silenced by a suppression before the heading', async () => {
    const text = plan('- OpenAPI 3.1.').replace('## Open Standards Profile', '<!-- roadmap-governance-disable-next-line RG006 -- enforcement tracked in #12 -->\n## Open Standards Profile');
    const { findings } = await run({ 'docs/plans/2026-02-20-s-design.md': text });
    assert.deepEqual(keys(findings, 'RG006'), []);
  });
});
