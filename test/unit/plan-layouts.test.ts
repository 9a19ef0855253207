/**
 * Plans of every layout, at zero config: the superpowers specs and plans,
 * numbered decision records (Nygard sections, MADR front matter), plans with
 * plain `Date:` / `Status:` lines, and index READMEs. What the user sees: each
 * plan's kind, which design and plan pair up, the few true findings of
 * RG007–RG009 and RG016–RG018, and where a new doc of each kind goes.
 */
import { strict as assert } from 'node:assert';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import { pairingOf, planDate } from '../../server/engine/rules/planFacts';
import { scaffoldDoc } from '../../server/engine/scaffold';
import type { Finding, Fix } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const lines = (...l: string[]) => l.join('\n');

async function open(files: Record<string, string>): Promise<{ engine: Engine; findings: Finding[] }> {
  const engine = new Engine(new InMemoryWorkspace(files), { now: () => new Date('2026-05-01T00:00:00Z') });
  await engine.scan();
  return { engine, findings: engine.check() };
}

/** `path:line message` (1-based line), sorted, for the given codes. */
function shown(findings: Finding[], ...codes: string[]): string[] {
  return findings
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

function applied(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const step of fix.steps) {
    if (step.kind === 'create') {
      assert.equal(out[step.path], undefined, `the fix must not overwrite ${step.path}`);
      out[step.path] = step.content;
    } else out[step.path] = applyEdits(out[step.path], step.edits);
  }
  return out;
}

const SPECS = 'docs/superpowers/specs';
const PLANS = 'docs/superpowers/plans';

/** A superpowers workspace: specs (design) and plans (implementation, mostly unsuffixed), a roadmap that links some. */
function superpowers(): Record<string, string> {
  return {
    'docs/ROADMAP.md': lines(
      '# Roadmap',
      '',
      '## Phase 1: Quotas',
      '',
      '- [x] **Rate limits** ([design](superpowers/specs/2026-03-18-rate-limits-design.md), [plan](superpowers/plans/2026-03-20-rate-limits.md))',
      '- [ ] **Audit trail** ([plan](superpowers/plans/2026-04-05-audit-trail-rollout.md))',
      '- [ ] **Offline mode** ([design](superpowers/specs/2026-04-10-offline-mode-design.md))',
      '- [ ] **Sync engine** ([spec](superpowers/specs/2026-04-20-sync-engine-spec.md), [plan](superpowers/plans/2026-04-22-sync-engine.md))',
      '',
    ),
    // Paired by slug across folders; the plan is dated two days later and has no suffix.
    [`${SPECS}/2026-03-18-rate-limits-design.md`]: lines('# Rate limits', '', '**Date:** 2026-03-18', '**Status:** Approved', '', '## Design', ''),
    [`${PLANS}/2026-03-20-rate-limits.md`]: lines('# Rate limits plan', '', '**Goal:** cap requests per tenant.', '', '## Tasks', ''),
    // Paired by its **Spec:** code span (the names differ).
    [`${SPECS}/2026-04-02-audit-trail-design.md`]: lines('# Audit trail', '', '- Date: 2026-04-02', '- Status: Draft - pending review', '', '## Design', ''),
    [`${PLANS}/2026-04-05-audit-trail-rollout.md`]: lines('# Audit trail rollout', '', '**Spec:** `docs/superpowers/specs/2026-04-02-audit-trail-design.md`.', '', '## Tasks', ''),
    // A near slug: `sync-engine-spec` meets `sync-engine`.
    [`${SPECS}/2026-04-20-sync-engine-spec.md`]: lines('# Sync engine', '', 'Date: 2026-04-20', 'Status: Proposed', '', '## Design', ''),
    [`${PLANS}/2026-04-22-sync-engine.md`]: lines('# Sync engine plan', '', '## Tasks', ''),
    // A design without a plan, and a plan without a design: one finding each.
    [`${SPECS}/2026-04-10-offline-mode-design.md`]: lines('# Offline mode', '', '**Date:** 2026-04-10', '**Status:** Proposed', '', '## Design', ''),
    [`${PLANS}/2026-04-12-lint-cleanup.md`]: lines('# Lint cleanup', '', '> **Status:** In Progress', '', '## Tasks', ''),
    // Built already: no plan is wanted any more.
    [`${SPECS}/2026-04-14-theme-switch-design.md`]: lines('# Theme switch', '', '**Status:** Implemented (2026-04-25)', '', '## Design', ''),
    // Indexes reference what they link or name: the plans folder's, and one above both folders.
    [`${PLANS}/README.md`]: lines('# Plans', '', '- [Lint cleanup](2026-04-12-lint-cleanup.md)', ''),
    'docs/superpowers/README.md': lines('# Superpowers docs', '', '- `docs/superpowers/specs/2026-04-14-theme-switch-design.md`', ''),
  };
}

describe('plan layouts: superpowers specs and plans', () => {
  it('takes the kind from the folder, the suffix first', async () => {
    const { engine } = await open({ ...superpowers(), [`${PLANS}/2026-04-30-wrap-up-design.md`]: '# A design filed with the plans\n' });
    const kinds = Object.fromEntries([...engine.model().plans.values()].map((p) => [p.path.replace(/^docs\/superpowers\//, ''), p.kind]));
    assert.equal(kinds['specs/2026-04-20-sync-engine-spec.md'], 'design');
    assert.equal(kinds['plans/2026-03-20-rate-limits.md'], 'implementation');
    assert.equal(kinds['plans/2026-04-30-wrap-up-design.md'], 'design', 'the suffix wins over the folder');
    assert.equal(kinds['plans/README.md'], undefined, 'an index is not a plan');
  });

  it('pairs specs with plans by slug across folders and dates, by near slug and by a **Spec:** code span', async () => {
    const { engine } = await open(superpowers());
    const pairing = pairingOf(engine.model());
    assert.deepEqual(pairing.partnersOf(`${PLANS}/2026-03-20-rate-limits.md`), [`${SPECS}/2026-03-18-rate-limits-design.md`]);
    assert.deepEqual(pairing.partnersOf(`${PLANS}/2026-04-05-audit-trail-rollout.md`), [`${SPECS}/2026-04-02-audit-trail-design.md`]);
    assert.deepEqual(pairing.partnersOf(`${PLANS}/2026-04-22-sync-engine.md`), [`${SPECS}/2026-04-20-sync-engine-spec.md`]);
  });

  it('gives roadmap links the kind of their target, so an item links a plan by its folder alone', async () => {
    const files = {
      ...superpowers(),
      'docs/ROADMAP.md': lines('# Roadmap', '', '## Phase 2: Billing', '', '- [ ] **Billing** ([why](superpowers/specs/2026-04-01-billing-v2-design.md), [steps](superpowers/plans/2026-04-03-invoice-rollout.md))', ''),
      [`${SPECS}/2026-04-01-billing-v2-design.md`]: lines('# Billing v2', '', '**Status:** Approved', ''),
      [`${PLANS}/2026-04-03-invoice-rollout.md`]: lines('# Invoice rollout', '', '**Status:** Draft', ''),
    };
    const { engine, findings } = await open(files);
    const item = engine.model().roadmap!.phases[0].items[0];
    assert.deepEqual(item.links.map((l) => l.role), ['design', 'implementation']);
    assert.deepEqual(shown(findings, 'RG001', 'RG002').filter((f) => f.includes('Billing')), []);
    assert.deepEqual(pairingOf(engine.model()).partnersOf(`${PLANS}/2026-04-03-invoice-rollout.md`), [`${SPECS}/2026-04-01-billing-v2-design.md`]);
  });

  it('reports a **Design doc:** that names no file (RG010), and a **Design spec:** path that is missing (RG003)', async () => {
    const files = {
      ...superpowers(),
      [`${PLANS}/2026-04-12-lint-cleanup.md`]: lines('# Lint cleanup', '', '**Design doc:** the notes in the wiki', '**Design spec:** `docs/superpowers/specs/2026-04-11-lint-design.md`', '', '## Tasks', ''),
    };
    const { findings } = await open(files);
    assert.deepEqual(shown(findings, 'RG003', 'RG010').filter((f) => f.includes('lint-cleanup')), [
      `RG003 ${PLANS}/2026-04-12-lint-cleanup.md:4 "Design spec" path "docs/superpowers/specs/2026-04-11-lint-design.md" points to docs/superpowers/specs/2026-04-11-lint-design.md, which does not exist.`,
      `RG010 ${PLANS}/2026-04-12-lint-cleanup.md:3 "Design doc" names "the notes in the wiki", which is not a link or a path to a design doc.`,
    ]);
  });

  it('reports only the design without a plan and the plan without a design', async () => {
    const { findings } = await open(superpowers());
    assert.deepEqual(shown(findings, 'RG007', 'RG008', 'RG009', 'RG016', 'RG017', 'RG018'), [
      `RG008 ${SPECS}/2026-04-10-offline-mode-design.md:1 Design doc has no implementation plan: no ${PLANS}/*-offline-mode.md, no plan links it, and no roadmap item links it with one.`,
      `RG009 ${PLANS}/2026-04-12-lint-cleanup.md:1 Implementation plan has no design doc: no ${SPECS}/*-lint-cleanup-design.md, no **Spec:**, **Design Reference:** or other link to a design doc, and no roadmap item links it with one.`,
    ]);
  });

  it('puts a new design doc in the specs folder with -design, and a new plan in the plans folder without a suffix', async () => {
    const { engine, findings } = await open(superpowers());
    const model = engine.model();
    const make = (kind: 'design' | 'implementation') => scaffoldDoc(model, { kind, title: 'Offline mode', date: '2026-05-01', template: engine.template(kind) }).path;
    assert.equal(make('design'), `${SPECS}/2026-05-01-offline-mode-design.md`);
    assert.equal(make('implementation'), `${PLANS}/2026-05-01-offline-mode.md`);
    // The item's missing-plan fix creates the plan there, and the new plan pairs with the spec: RG008 goes too.
    const missing = findings.find((f) => f.code === 'RG002' && f.message.includes('Offline mode'))!;
    const create = missing.fixes!.find((f) => f.steps.some((s) => s.kind === 'create'))!;
    assert.deepEqual(create.steps.map((s) => `${s.kind} ${s.path}`), [`create ${PLANS}/2026-05-01-offline-mode.md`, 'edit docs/ROADMAP.md']);
    const after = await open(applied(superpowers(), create));
    assert.deepEqual(shown(after.findings, 'RG002', 'RG008').filter((f) => f.includes('ffline')), []);
    assert.equal(after.engine.model().plans.get(`${PLANS}/2026-05-01-offline-mode.md`)?.kind, 'implementation');
  });
});

const ADR = 'docs/adr';

/** Numbered decision records: Nygard sections, a bold Status with a date, an index README; MADR under docs/decisions. */
function decisions(): Record<string, string> {
  return {
    [`${ADR}/0001-record-decisions.md`]: lines('# 1. Record architecture decisions', '', '## Status', '', 'Accepted', '', '## Date', '', '2026-01-05', '', '## Context', '', 'We decide things.', ''),
    [`${ADR}/0002-use-sqlite.md`]: lines('# 2. Use SQLite', '', '## Status', '', 'Superseded by [ADR 3](0003-queue-implementation.md)', '', '## Context', ''),
    // Named like an implementation plan, but a numbered record: a decision, and no design is asked of it.
    [`${ADR}/0003-queue-implementation.md`]: lines('# 3. Queue implementation', '', '**Status:** Accepted (2026-04-25)', '', '## Decision', ''),
    [`${ADR}/0004-pondering.md`]: lines('# 4. Caching', '', '## Status', '', 'Pondering', '', '## Context', ''),
    [`${ADR}/0005-unplaced.md`]: lines('# 5. Unplaced', '', 'Neither a date nor a status anywhere.', '', '## Context', ''),
    [`${ADR}/README.md`]: lines('# Decisions', '', '| ADR | Title |', '|---|---|', '| [0001](0001-record-decisions.md) | Record decisions |', '| [0002](0002-use-sqlite.md) | Use SQLite |', '| [0004](0004-pondering.md) | Caching |', ''),
    'docs/decisions/0001-markdown-docs.md': lines('---', 'status: accepted', 'date: 2026-02-01', 'deciders: the team', '---', '', '# Write the docs in Markdown', '', '## Context and Problem Statement', ''),
    'docs/decisions/0002-wiki.md': lines('---', 'status: "rejected"', 'date: 2026-02-30', '---', '', '# Keep a wiki', ''),
  };
}

describe('plan layouts: decision records', () => {
  it('reads Nygard ## Status / ## Date sections, MADR front matter and a date inside the Status', async () => {
    const { engine } = await open(decisions());
    const plans = engine.model().plans;
    const first = plans.get(`${ADR}/0001-record-decisions.md`)!;
    assert.equal(first.kind, 'decision');
    assert.equal(first.slug, 'record-decisions');
    assert.equal(first.number, '0001');
    assert.equal(first.meta.get('status')?.value, 'Accepted');
    assert.equal(first.meta.get('date')?.value, '2026-01-05');
    assert.equal(first.meta.get('status')?.line, 4);
    const queue = plans.get(`${ADR}/0003-queue-implementation.md`)!;
    assert.equal(queue.kind, 'decision');
    assert.equal(planDate(queue), '2026-04-25', 'the date inside **Status:** Accepted (2026-04-25)');
    assert.equal(planDate(first), '2026-01-05');
    assert.equal(plans.get('docs/decisions/0001-markdown-docs.md')?.meta.get('status')?.value, 'accepted');
  });

  it('never asks a decision record for a plan or a design; reports the unknown status, the bad date, the undated record and the one no index lists', async () => {
    const { findings } = await open(decisions());
    assert.deepEqual(shown(findings, 'RG007', 'RG008', 'RG009', 'RG016', 'RG017', 'RG018'), [
      // docs/decisions has no index and there is no roadmap: nothing says its records should be listed.
      `RG007 ${ADR}/0005-unplaced.md:1 Neither the index ${ADR}/README.md nor any other plan links to this plan or names its path (and there is no roadmap).`,
      `RG016 ${ADR}/0005-unplaced.md:1 Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.`,
      `RG017 ${ADR}/0004-pondering.md:5 Status "Pondering" does not start with a known status (Draft, Proposed, In Review, Approved, Accepted, Decided, … see "planStatuses").`,
      'RG017 docs/decisions/0002-wiki.md:6 Date "2026-02-30" is not a valid calendar date written YYYY-MM-DD.',
    ]);
  });

  it('numbers a new decision record after the last one, in the records folder', async () => {
    const { engine } = await open(decisions());
    const path = scaffoldDoc(engine.model(), { kind: 'decision', title: 'Adopt a queue', date: '2026-05-01', template: engine.template('decision') }).path;
    assert.equal(path, `${ADR}/0006-adopt-a-queue.md`);
  });
});

describe('plan layouts: plain Date / Status lines in docs/plans', () => {
  const files = (): Record<string, string> => ({
    'docs/plans/2026-03-11-cache-warmup.md': lines('# Cache warmup', '', 'Date: 2026-03-12', 'Owner: ops', '', '## Steps', ''),
    'docs/plans/2026-03-12-queue-audit.md': lines('status: completed', '', '## Scope', ''),
    'docs/plans/2026-03-13-retry-design.md': lines('# Retries - Design', '', '**status:** draft', '', '## Design', ''),
    'docs/plans/2026-03-14-sharding.md': lines('# Sharding', '', '> Date: 2026-03-14', '> Status: In progress (wave 1 delivered)', '', '## Plan', ''),
    'docs/plans/notes.md': lines('# Notes', '', 'Date: 2026-03-20', '', '## Open questions', ''),
    'docs/plans/ideas.md': lines('# Ideas', '', '## Maybe later', '', 'Status: none of these is planned.', ''),
  });

  it('counts them; reports the plain Date that differs from the file name and fixes it there', async () => {
    const { findings } = await open(files());
    assert.deepEqual(shown(findings, 'RG016', 'RG017', 'RG018'), [
      'RG016 docs/plans/ideas.md:1 Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.',
      'RG018 docs/plans/2026-03-11-cache-warmup.md:3 Date 2026-03-12 differs from the date in the file name, 2026-03-11.',
    ]);
    const mismatch = findings.find((f) => f.code === 'RG018')!;
    assert.deepEqual(mismatch.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 16 } });
    const fixed = applied(files(), mismatch.fixes![0]);
    assert.equal(fixed['docs/plans/2026-03-11-cache-warmup.md'], lines('# Cache warmup', '', 'Date: 2026-03-11', 'Owner: ops', '', '## Steps', ''));
    const after = await open(fixed);
    assert.deepEqual(shown(after.findings, 'RG018'), []);
  });

  it('keeps the names of new docs in docs/plans as they were', async () => {
    const { engine } = await open(files());
    const make = (kind: 'design' | 'implementation' | 'decision') => scaffoldDoc(engine.model(), { kind, title: 'Cold start', date: '2026-05-01', template: engine.template(kind) }).path;
    assert.deepEqual([make('design'), make('implementation'), make('decision')], [
      'docs/plans/2026-05-01-cold-start-design.md',
      'docs/plans/2026-05-01-cold-start-implementation.md',
      'docs/plans/2026-05-01-cold-start-decision.md',
    ]);
  });
});

describe('plan layouts: index documents', () => {
  it('a README or index.md of the folder (or a folder above) references the plans it links or names; the root README does not', async () => {
    const { findings } = await open({
      'docs/plans/2026-01-01-a-design.md': '# A\n',
      'docs/plans/2026-01-02-b-design.md': '# B\n',
      'docs/plans/2026-01-03-c-design.md': '# C\n',
      'docs/plans/index.md': '# Index\n\n- [A](2026-01-01-a-design.md)\n',
      'docs/README.md': '# Docs\n\nSee `docs/plans/2026-01-02-b-design.md`.\n',
      'README.md': '# Project\n\n[C](docs/plans/2026-01-03-c-design.md)\n',
    });
    assert.deepEqual(shown(findings, 'RG007'), ['RG007 docs/plans/2026-01-03-c-design.md:1 Neither the index docs/plans/index.md nor any other plan links to this plan or names its path (and there is no roadmap).']);
  });
});
