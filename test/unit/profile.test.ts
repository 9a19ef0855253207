/** The standards profile fills the "Standards used" answer of new docs and added standards sections. */
import { strict as assert } from 'node:assert';
import { applyFix, lines, run } from './rules/planRuleHelpers';

const PROFILE = lines(
  '# Open Standards Profile',
  '',
  '| Domain | Required standards/profile |',
  '|---|---|',
  '| Auth and identity | OAuth 2.1 profile + OpenID Connect, JWT (RFC 7519), Argon2id |',
  '| Voice/media | WebRTC (ICE/STUN/TURN, RTP/RTCP), SDP interop |',
  '| Webhooks/events | CloudEvents 1.0 envelope + HMAC SHA-256 signatures |',
  '| Data export | JSON/ZIP structured export with stable schema/version fields |',
  '',
);
const ROADMAP = 'docs/project/roadmap.md';
const workspace = (...items: string[]) => ({
  'docs/standards/open-standards-profile.md': PROFILE,
  [ROADMAP]: lines('# Roadmap', '', '## Phase 5: Scale', '', ...items, ''),
  'docs/plans/2026-02-01-gate-design.md': lines('# Gate', '', '**Date:** 2026-02-01', '', '## Open Standards Profile', '', '- Standard: RFC 9110, enforced in CI, tests in http.test.ts', ''),
});

async function createdDoc(files: Record<string, string>, title: string): Promise<string> {
  const { findings } = await run(files);
  const rg001 = findings.find((f) => f.code === 'RG001' && (f.data as { title?: string } | undefined)?.title === title) ?? findings.find((f) => f.code === 'RG001' && f.message.includes(title))!;
  const create = rg001.fixes!.find((f) => /^Create design doc/.test(f.title))!;
  const step = create.steps.find((s) => s.kind === 'create')!;
  return step.kind === 'create' ? step.content : '';
}

describe('standards profile', () => {
  it('a new design doc for "[Voice] …" names the Voice/media row\'s standards; enforcement and tests stay to be written', async () => {
    const doc = await createdDoc(workspace('- [ ] **[Voice] Live Session Toolkits**'), 'Live Session Toolkits');
    assert.match(doc, /^- \*\*Standards used:\*\* WebRTC \(ICE\/STUN\/TURN, RTP\/RTCP\), SDP interop \(the standards profile's "Voice\/media" row, docs\/standards\/open-standards-profile\.md\)$/m);
    assert.match(doc, /^- \*\*Where enforced:\*\* TBD$/m);
  });

  it('without a category, a long word of the title names the row ("Webhooks & Bot Gateway")', async () => {
    const doc = await createdDoc(workspace('- [ ] **Webhooks & Bot Gateway**'), 'Webhooks & Bot Gateway');
    assert.match(doc, /\*\*Standards used:\*\* CloudEvents 1\.0 envelope/);
  });

  it('no row, or a short shared word only ("[Compliance] Data Governance"): the placeholder stays', async () => {
    const doc = await createdDoc(workspace('- [ ] **[Compliance] Data Governance**'), 'Data Governance');
    assert.match(doc, /^- \*\*Standards used:\*\* TBD$/m);
  });

  it('the RG005 fix fills the section of a plan that a roadmap item links', async () => {
    const files: Record<string, string> = {
      ...workspace('- [ ] **[Auth] Passkeys** ([Design](../plans/2026-03-01-passkeys-design.md))'),
      'docs/plans/2026-03-01-passkeys-design.md': lines('# Passkeys - Design', '', '**Date:** 2026-03-01', '**Status:** Draft', '', '## Design', '', 'WebAuthn.', ''),
    };
    const { findings } = await run(files);
    const rg005 = findings.find((f) => f.code === 'RG005')!;
    const fixed = applyFix(files, rg005.fixes![0]);
    assert.match(fixed['docs/plans/2026-03-01-passkeys-design.md'], /\*\*Standards used:\*\* OAuth 2\.1 profile \+ OpenID Connect, JWT \(RFC 7519\), Argon2id \(the standards profile's "Auth and identity" row/);
    const after = (await run(fixed)).findings.filter((f) => f.path === 'docs/plans/2026-03-01-passkeys-design.md' && f.code !== 'RG008');
    assert.deepEqual(after.map((f) => `${f.code} ${f.severity}`), ['RG006 info']);
    assert.match(after[0].message, /does not say where it is enforced or which tests prove conformance/);
  });
});
