/**
 * Acceptance test on the real corpus (../shared/corpus, beside the checkout):
 * the findings CORPUS.md lists, no more and no less for the rules it covers.
 * Skipped, and says so, when the corpus is not there.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import type { Finding } from '../../server/engine/types';
import { FsWorkspace } from '../../server/node/fsWorkspace';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

/** The snapshot's findings; with `config`, as if it had that `.roadmap-governance.json` (the corpus is read-only). */
async function check(snapshot: string, config?: unknown): Promise<Finding[]> {
  const engine = new Engine(new FsWorkspace(path.join(CORPUS, snapshot)));
  if (config !== undefined) engine.setOverlay('.roadmap-governance.json', JSON.stringify(config));
  await engine.scan();
  return engine.check();
}

const byCode = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);
const where = (f: Finding) => `${f.path}:${f.range.start.line + 1}`;

const UNLINKED_BEFORE = [
  '[Voice] Evaluate str0m as WebRTC Alternative',
  '[SaaS] Limits & Monetization Logic',
  '[Safety] Advanced Moderation & Safety Filters',
  '[Ecosystem] Webhooks & Bot Gateway',
  '[UX] Production-Scale Polish',
  '[Growth] Discovery & Onboarding',
  '[UX] Advanced Search & Discovery',
  '[Compliance] SaaS Trust & Data Governance',
  '[Media] Advanced Media Processing',
  '[Client] Mobile Support',
  '[UX] Personal Workspaces (Favorites v2)',
  '[Content] Sovereign Guild Model (BYO Infrastructure)',
  '[Voice] Live Session Toolkits',
  '[UX] Context-Aware Focus Engine',
  '[SaaS] The Digital Library (Wiki Mastery)',
  '[SaaS] Billing & Subscription Infrastructure',
  '[Compliance] Accessibility (A11y) & Mastery',
  '[SaaS] Identity Trust & OAuth Linking',
  '[Infra] SaaS Observability & Telemetry',
  '[Storage] SaaS Scaling Architecture',
];

const BROKEN_LINKS = [
  'docs/features/channel-permissions.md:663 ./permissions-overview.md',
  'docs/features/channel-permissions.md:664 ./guild-roles.md',
  'docs/features/channel-permissions.md:665 ../security/architecture.md',
  'docs/features/channel-permissions.md:666 ../api/authentication.md',
  'docs/plans/2026-01-17-rate-limiting-implementation.md:11 docs/plans/2026-01-17-rate-limiting-design.md',
  'docs/plans/AGENTS.md:3 ../AGENTS.md',
];

const NO_STANDARDS_AFTER = [
  'backup-restore-drills-design',
  'chaos-resilience-testing-design',
  'data-governance-policy-as-code-design',
  'documentation-governance-design',
  'finops-cost-observability-design',
  'infrastructure-scale-out-design',
  'operational-safety-implementation-plan',
  'operator-supportability-pack-design',
  'performance-budgets-ci-gates-design',
  'plugin-bot-security-hardening-design',
  'release-governance-design',
  'saas-compliance-readiness-design',
  'security-verification-cadence-design',
  'self-hosted-upgrade-safety-design',
  'sovereign-byo-deployment-design',
  'sre-foundations-design',
  'tenancy-isolation-verification-design',
  'topic-2-expansion-implementation-plan',
].map((name) => `docs/plans/2026-02-15-${name}.md`);

function brokenLinkKeys(findings: Finding[]): string[] {
  return byCode(findings, 'RG003')
    .map((f) => `${where(f)} ${/"([^"]+)" points/.exec(f.message)?.[1]}`)
    .sort();
}

describe('real corpus (../shared/corpus)', function () {
  before(function () {
    if (!existsSync(CORPUS)) {
      console.log(`    corpus not found at ${CORPUS}: the corpus acceptance tests are SKIPPED`);
      this.skip();
    }
  });

  describe('kaiku-before-gap-closure', () => {
    let findings: Finding[];
    before(async () => {
      findings = await check('kaiku-before-gap-closure');
    });

    it('reports exactly the 20 open items of phases 5, 6, 7 and 10 as missing both links', () => {
      const design = byCode(findings, 'RG001').map((f) => f.data?.item);
      const impl = byCode(findings, 'RG002').map((f) => f.data?.item);
      assert.deepEqual([...design].sort(), [...UNLINKED_BEFORE].sort());
      assert.deepEqual([...impl].sort(), [...UNLINKED_BEFORE].sort());
      assert.deepEqual([...new Set(byCode(findings, 'RG001').map((f) => f.data?.phase))].sort(), ['10', '5', '6', '7']);
    });

    it('reports the broken relative links and the labelled reference to a missing plan', () => {
      assert.deepEqual(brokenLinkKeys(findings), [...BROKEN_LINKS].sort());
    });

    it('at zero config, requires none of the files of conventions it does not show (registry, release template, alignment block)', () => {
      assert.deepEqual(byCode(findings, 'RG020'), []);
      assert.deepEqual(byCode(findings, 'RG021'), []);
      assert.deepEqual(byCode(findings, 'RG022'), []);
      assert.deepEqual(byCode(findings, 'RG019'), [], 'its roadmap has both metadata lines');
    });

    it(`reports the original checker's three errors with "extends": ["docs-governance"]`, async () => {
      const findings = await check('kaiku-before-gap-closure', { extends: ['docs-governance'] });
      // RG022 names the missing file in its data (it is reported in the config file, where the user can act).
      const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.data?.missing ?? f.path}`);
      assert.ok(errors.some((e) => /^RG020 CHANGELOG\.md$/.test(e)), `changelog alignment missing in ${errors.join(', ')}`);
      assert.ok(errors.some((e) => e === 'RG022 docs/plans/PLAN_LIFECYCLE.md'), 'lifecycle registry missing');
      assert.ok(errors.some((e) => e === 'RG022 docs/project/RELEASE_NOTES_TEMPLATE.md'), 'release template missing');
      const alignment = findings.find((f) => f.code === 'RG020')!;
      assert.match(alignment.message, /Roadmap Alignment/);
      assert.equal(alignment.range.start.line, 7, 'located at the [Unreleased] heading');
    });
  });

  describe('kaiku-after-gap-closure', () => {
    let findings: Finding[];
    before(async () => {
      findings = await check('kaiku-after-gap-closure');
    });

    it('finds no missing-link finding: the 29 open items link both docs, checked items need none', () => {
      assert.deepEqual(byCode(findings, 'RG001'), []);
      assert.deepEqual(byCode(findings, 'RG002'), []);
    });

    it('reports exactly the 18 plans without a standards section', () => {
      const paths = byCode(findings, 'RG005').map((f) => f.path);
      assert.deepEqual(paths.sort(), [...NO_STANDARDS_AFTER].sort());
    });

    it('reports the same broken links, and no prose code-span path', () => {
      assert.deepEqual(brokenLinkKeys(findings), [...BROKEN_LINKS].sort());
    });

    it('finds the lifecycle registry consistent', () => {
      const lifecycle = findings.filter((f) => ['RG011', 'RG012', 'RG013', 'RG014', 'RG022'].includes(f.code));
      assert.deepEqual(lifecycle.map((f) => `${f.code} ${where(f)} ${f.message}`), []);
    });

    it('finds the changelog aligned with the roadmap', () => {
      assert.deepEqual(byCode(findings, 'RG020').map((f) => f.message), []);
    });
  });
});
