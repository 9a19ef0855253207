/**
 * RG001 / RG002 when the plan already exists: the finding names it and the
 * preferred fix links it in the item's own style; creating a new doc stays a
 * choice. Matching is by the plan's file name and title, conservatively.
 */
import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/engine/engine';
import type { Finding, Severity } from '../../../server/engine/types';
import { InMemoryWorkspace } from '../../../server/engine/workspace';
import { applyFix, keys, lines, NOW, run } from './planRuleHelpers';

const ROADMAP = 'docs/project/roadmap.md';

const roadmap = lines(
  '# Roadmap',
  '',
  '**Current Phase:** Phase 4',
  '**Last Updated:** 2026-02-20',
  '',
  '## Phase 3: Field Reports',
  '',
  '- [ ] **[Ops] Audit Trail Export**',
  '- [ ] **[Client] Mobile Support**',
  '',
  '## Phase 4: Offline Sync',
  '',
  '- [ ] **[Sync] Conflict Resolution Rules**',
  '- [ ] **[Sync] Background Queue Replay**',
  '',
  '## Phase 5: Tenant Billing',
  '',
  '- [ ] **[SaaS] Billing Dashboard for Tenants** ([Implementation](../plans/2026-02-12-tenant-billing-dashboard-implementation.md))',
  '- [ ] **[SaaS] Usage Metering**',
  '  - **Design:** `docs/plans/2026-02-12-usage-metering-design.md`',
  '',
);

const plan = (title: string, status = 'Draft') => lines(`# ${title}`, '', '**Date:** 2026-02-10', `**Status:** ${status}`, '', '## Goals', '', 'Words.', '');

const files: Record<string, string> = {
  [ROADMAP]: roadmap,
  'docs/plans/2026-02-02-audit-trail-export-design.md': plan('Audit Trail Export — Design'),
  'docs/plans/2026-02-02-mobile-app-design.md': plan('Mobile App — Design'),
  'docs/plans/2026-02-09-conflict-resolution-rules-design.md': plan('Conflict Resolution Rules — Design'),
  'docs/plans/2026-02-10-phase-4-offline-sync-implementation.md': plan('Phase 4: Offline Sync — Implementation Plan'),
  'docs/plans/2026-02-11-tenant-billing-dashboard-design.md': plan('Tenant Billing Dashboard — Design'),
  'docs/plans/2026-02-12-tenant-billing-dashboard-implementation.md': plan('Tenant Billing Dashboard — Implementation Plan'),
  'docs/plans/2026-02-12-usage-metering-design.md': plan('Usage Metering — Design'),
  'docs/plans/2026-02-12-usage-metering-implementation.md': plan('Usage Metering — Implementation Plan'),
};

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function atLeast(findings: Finding[], severity: Severity): string[] {
  return findings
    .filter((f) => SEVERITY[f.severity] <= SEVERITY[severity])
    .map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

/** Applies `finding`'s first fix and re-checks: the finding is gone, and nothing at its severity or worse is new. */
async function applyAndRecheck(before: Record<string, string>, findings: Finding[], finding: Finding): Promise<Record<string, string>> {
  const after = applyFix(before, finding.fixes![0]);
  const again = (await run(after)).findings;
  const key = (f: Finding) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`;
  assert.ok(!again.some((f) => f.code === finding.code && f.data?.item === finding.data?.item), `${key(finding)} is gone`);
  const was = new Set(atLeast(findings, finding.severity));
  assert.deepEqual(atLeast(again, finding.severity).filter((k) => !was.has(k)), [], 'nothing new at the same severity or worse');
  return after;
}

const suggestions = (findings: Finding[], code: string) => keys(findings, code).filter((k) => k.includes('looks like it'));

describe('RG001 / RG002: the plan that already exists', () => {
  it('names the plan whose name is the item\'s, or its phase\'s, when its kind is the missing one', async () => {
    const { findings } = await run(files);
    assert.deepEqual(suggestions(findings, 'RG001'), [
      `${ROADMAP}:13 Phase 4 item "[Sync] Conflict Resolution Rules" has no design doc link; docs/plans/2026-02-09-conflict-resolution-rules-design.md looks like it: link it?`,
      `${ROADMAP}:18 Phase 5 item "[SaaS] Billing Dashboard for Tenants" has no design doc link; docs/plans/2026-02-11-tenant-billing-dashboard-design.md looks like it: link it?`,
      `${ROADMAP}:8 Phase 3 item "[Ops] Audit Trail Export" has no design doc link; docs/plans/2026-02-02-audit-trail-export-design.md looks like it: link it?`,
    ]);
    assert.deepEqual(suggestions(findings, 'RG002'), [
      `${ROADMAP}:13 Phase 4 item "[Sync] Conflict Resolution Rules" has no implementation plan link; docs/plans/2026-02-10-phase-4-offline-sync-implementation.md looks like it: link it?`,
      `${ROADMAP}:14 Phase 4 item "[Sync] Background Queue Replay" has no implementation plan link; docs/plans/2026-02-10-phase-4-offline-sync-implementation.md looks like it: link it?`,
      `${ROADMAP}:19 Phase 5 item "[SaaS] Usage Metering" has no implementation plan link; docs/plans/2026-02-12-usage-metering-implementation.md looks like it: link it?`,
    ]);
    // "Mobile App" is not "Mobile Support"; a design is no implementation plan; the rest keep the plain message.
    assert.deepEqual(keys(findings, 'RG001').filter((k) => !k.includes('looks like it')), [
      `${ROADMAP}:14 Phase 4 item "[Sync] Background Queue Replay" has no design doc link.`,
      `${ROADMAP}:9 Phase 3 item "[Client] Mobile Support" has no design doc link.`,
    ]);
    assert.deepEqual(keys(findings, 'RG002').filter((k) => !k.includes('looks like it')), [
      `${ROADMAP}:8 Phase 3 item "[Ops] Audit Trail Export" has no implementation plan link.`,
      `${ROADMAP}:9 Phase 3 item "[Client] Mobile Support" has no implementation plan link.`,
    ]);
  });

  it('links it as the preferred fix, inline after the title; creating a new doc stays a choice', async () => {
    const { findings } = await run(files);
    const f = findings.find((x) => x.code === 'RG001' && x.data?.item === '[Ops] Audit Trail Export')!;
    assert.equal(f.data?.existing, 'docs/plans/2026-02-02-audit-trail-export-design.md');
    assert.deepEqual(
      f.fixes!.map((x) => [x.title, x.preferred === true]),
      [
        ['Link docs/plans/2026-02-02-audit-trail-export-design.md as the design doc', true],
        ['Insert Design link stub (docs/plans/2026-03-01-audit-trail-export-design.md)', false],
        ['Create design doc docs/plans/2026-03-01-audit-trail-export-design.md and link it', false],
      ],
    );
    const after = await applyAndRecheck(files, findings, f);
    assert.equal(after[ROADMAP].split('\n')[7], '- [ ] **[Ops] Audit Trail Export** ([Design](../plans/2026-02-02-audit-trail-export-design.md))');
  });

  it('adds to the item\'s inline group, and writes a labelled sub-bullet for a labelled item', async () => {
    const { findings } = await run(files);
    const inline = findings.find((x) => x.code === 'RG001' && x.data?.item === '[SaaS] Billing Dashboard for Tenants')!;
    const a = await applyAndRecheck(files, findings, inline);
    assert.equal(
      a[ROADMAP].split('\n')[17],
      '- [ ] **[SaaS] Billing Dashboard for Tenants** ([Implementation](../plans/2026-02-12-tenant-billing-dashboard-implementation.md), [Design](../plans/2026-02-11-tenant-billing-dashboard-design.md))',
    );
    const labelled = findings.find((x) => x.code === 'RG002' && x.data?.item === '[SaaS] Usage Metering')!;
    const b = await applyAndRecheck(files, findings, labelled);
    assert.deepEqual(b[ROADMAP].split('\n').slice(18, 21), [
      '- [ ] **[SaaS] Usage Metering**',
      '  - **Design:** `docs/plans/2026-02-12-usage-metering-design.md`',
      '  - **Implementation:** `docs/plans/2026-02-12-usage-metering-implementation.md`',
    ]);
  });

  it('a phase\'s plan stays the suggestion for the other items of the phase once one links it', async () => {
    const { findings } = await run(files);
    const first = findings.find((x) => x.code === 'RG002' && x.data?.item === '[Sync] Conflict Resolution Rules')!;
    const after = await applyAndRecheck(files, findings, first);
    const again = (await run(after)).findings;
    assert.deepEqual(suggestions(again, 'RG002').filter((k) => k.includes('Phase 4')), [
      `${ROADMAP}:14 Phase 4 item "[Sync] Background Queue Replay" has no implementation plan link; docs/plans/2026-02-10-phase-4-offline-sync-implementation.md looks like it: link it?`,
    ]);
  });

  it('suggests nothing for weak, ambiguous, retired, other-phase or otherwise linked plans', async () => {
    const cases: [string, Record<string, string>, string][] = [
      // Two of the words, and one that is not the item's.
      ['weak overlap', { 'docs/plans/2026-02-02-audit-trail-export-design.md': undefined as unknown as string, 'docs/plans/2026-02-02-audit-log-export-design.md': plan('Audit Log Export — Design') }, '[Ops] Audit Trail Export'],
      ['two as good', { 'docs/plans/2026-02-03-audit-trail-export-design.md': plan('Audit Trail Export — Design') }, '[Ops] Audit Trail Export'],
      ['superseded', { 'docs/plans/2026-02-02-audit-trail-export-design.md': plan('Audit Trail Export — Design', 'Superseded') }, '[Ops] Audit Trail Export'],
      ['another phase', { 'docs/plans/2026-02-09-conflict-resolution-rules-design.md': undefined as unknown as string, 'docs/plans/2026-02-09-phase-2-conflict-resolution-rules-design.md': plan('Conflict Resolution Rules — Design') }, '[Sync] Conflict Resolution Rules'],
    ];
    for (const [what, change, item] of cases) {
      const changed: Record<string, string> = { ...files };
      for (const [p, text] of Object.entries(change)) {
        if (text === undefined) delete changed[p];
        else changed[p] = text;
      }
      const { findings } = await run(changed);
      const f = findings.find((x) => x.code === 'RG001' && x.data?.item === item)!;
      assert.ok(f, `${what}: the finding is there`);
      assert.ok(!f.message.includes('looks like it') && f.data?.existing === undefined, `${what}: ${f.message}`);
      assert.ok(f.fixes!.every((x) => !x.preferred), `${what}: no preferred fix`);
    }
  });

  it('leaves a plan another item links to that item, unless its name is exactly this one\'s', async () => {
    const sharing = lines(
      '## Phase 6: Exports',
      '',
      '- [ ] **[Ops] Scheduled Exports** ([Design](../plans/2026-02-14-scheduled-exports-design.md))',
      '- [ ] **[Ops] Scheduled Exports Retry**',
      '- [ ] **[Ops] Scheduled Exports**',
      '',
    );
    const { findings } = await run({ ...files, [ROADMAP]: roadmap + sharing, 'docs/plans/2026-02-14-scheduled-exports-design.md': plan('Scheduled Exports — Design') });
    assert.deepEqual(suggestions(findings, 'RG001').filter((k) => k.includes('Phase 6')), [
      `${ROADMAP}:25 Phase 6 item "[Ops] Scheduled Exports" has no design doc link; docs/plans/2026-02-14-scheduled-exports-design.md looks like it: link it?`,
    ]);
  });

  it('takes the kind from the folder (planKinds) or the title when the file name has none', async () => {
    const unsuffixed = {
      ...files,
      '.roadmap-governance.json': JSON.stringify({ planKinds: { 'docs/plans/impl/**': 'implementation' } }),
      'docs/plans/impl/2026-02-15-field-reports-phase-3.md': plan('Field reports, phase three'),
      'docs/plans/2026-02-15-background-queue-replay.md': plan('Background Queue Replay: a design'),
    };
    const { findings } = await run(unsuffixed);
    // The folder says implementation; the slug names Phase 3 and its title.
    assert.deepEqual(suggestions(findings, 'RG002').filter((k) => k.includes('Phase 3')), [
      `${ROADMAP}:8 Phase 3 item "[Ops] Audit Trail Export" has no implementation plan link; docs/plans/impl/2026-02-15-field-reports-phase-3.md looks like it: link it?`,
      `${ROADMAP}:9 Phase 3 item "[Client] Mobile Support" has no implementation plan link; docs/plans/impl/2026-02-15-field-reports-phase-3.md looks like it: link it?`,
    ]);
    // The title says design.
    assert.ok(suggestions(findings, 'RG001').includes(`${ROADMAP}:14 Phase 4 item "[Sync] Background Queue Replay" has no design doc link; docs/plans/2026-02-15-background-queue-replay.md looks like it: link it?`));
  });

  it('a plan of unknown kind only by the exact name, and only for the one role the item lacks', async () => {
    const archive = lines(
      '## Phase 7: Archive',
      '',
      '- [ ] **[Ops] Cold Archive Restore** ([Implementation](../plans/2026-02-20-cold-archive-restore-implementation.md))',
      '- [ ] **[Ops] Archive Search Index**',
      '- [ ] **[Ops] Archive Retention Policy** ([Design](../plans/2026-02-20-archive-retention-design.md))',
      '',
    );
    const { findings } = await run({
      ...files,
      [ROADMAP]: roadmap + archive,
      'docs/plans/2026-02-20-cold-archive-restore-implementation.md': plan('Cold Archive Restore — Implementation Plan'),
      'docs/plans/2026-02-20-archive-retention-design.md': plan('Archive Retention — Design'),
      'docs/plans/2026-02-18-cold-archive-restore.md': plan('Cold Archive Restore'),
      'docs/plans/2026-02-18-archive-search-index.md': plan('Archive Search Index'),
      'docs/plans/2026-02-18-retention-policy.md': plan('Archive Retention'),
    });
    const phase7 = (code: string) => suggestions(findings, code).filter((k) => k.includes('Phase 7'));
    assert.deepEqual(phase7('RG001'), [
      `${ROADMAP}:23 Phase 7 item "[Ops] Cold Archive Restore" has no design doc link; docs/plans/2026-02-18-cold-archive-restore.md looks like it: link it?`,
    ]);
    // "Archive Search Index" lacks both: either label would be a guess. "Archive Retention" is not the exact name.
    assert.deepEqual(phase7('RG002'), []);
  });

  it('links the section of a phase\'s plan that has one per item, and suggests it only for the items it has a section for', async () => {
    const sectioned = {
      ...files,
      'docs/plans/2026-02-10-phase-4-offline-sync-implementation.md': lines(
        '# Phase 4: Offline Sync — Implementation Plan',
        '',
        '**Date:** 2026-02-10',
        '**Status:** Draft',
        '',
        '## 1. Conflict Resolution Rules',
        '',
        'Steps.',
        '',
        '## 2. Sync Status Badges',
        '',
        'Steps.',
        '',
      ),
    };
    const phase4 = lines('- [ ] **[Sync] Conflict Resolution Rules**', '- [ ] **[Sync] Background Queue Replay**', '- [x] **[Sync] Sync Status Badges**');
    const withBadges = { ...sectioned, [ROADMAP]: roadmap.replace(lines('- [ ] **[Sync] Conflict Resolution Rules**', '- [ ] **[Sync] Background Queue Replay**'), phase4) };
    const { findings } = await run(withBadges);
    assert.deepEqual(suggestions(findings, 'RG002').filter((k) => k.includes('Phase 4')), [
      `${ROADMAP}:13 Phase 4 item "[Sync] Conflict Resolution Rules" has no implementation plan link; docs/plans/2026-02-10-phase-4-offline-sync-implementation.md#1-conflict-resolution-rules looks like it: link it?`,
    ]);
    const f = findings.find((x) => x.code === 'RG002' && x.data?.item === '[Sync] Conflict Resolution Rules')!;
    const after = await applyAndRecheck(withBadges, findings, f);
    assert.match(after[ROADMAP], /Conflict Resolution Rules\*\* \(\[Implementation\]\(\.\.\/plans\/2026-02-10-phase-4-offline-sync-implementation\.md#1-conflict-resolution-rules\)\)/);
    assert.deepEqual(keys((await run(after)).findings, 'RG004'), [], 'the anchor exists');
  });

  it('follows edits: a plan renamed in its title, or a link added elsewhere, changes the suggestion', async () => {
    const ws = new InMemoryWorkspace(files);
    const engine = new Engine(ws, { now: NOW });
    await engine.scan();
    const named = (fs: Finding[]) => fs.find((x) => x.code === 'RG002' && x.data?.item === '[SaaS] Usage Metering')?.data?.existing;
    const phase4 = (fs: Finding[]) => fs.find((x) => x.code === 'RG002' && x.data?.item === '[Sync] Background Queue Replay')?.data?.existing;
    assert.equal(named(engine.check()), 'docs/plans/2026-02-12-usage-metering-implementation.md');
    assert.equal(phase4(engine.check()), 'docs/plans/2026-02-10-phase-4-offline-sync-implementation.md');
    // An item of another phase links the phase's plan now (typing in Phase 3 only: Phase 4's items are kept).
    const elsewhere = roadmap.replace('- [ ] **[Client] Mobile Support**', '- [ ] **[Client] Mobile Support** ([Implementation](../plans/2026-02-10-phase-4-offline-sync-implementation.md))');
    engine.setOverlay(ROADMAP, elsewhere);
    assert.equal(phase4(engine.check()), undefined, 'no longer the phase\'s own');
    engine.setOverlay(ROADMAP, roadmap);
    assert.equal(phase4(engine.check()), 'docs/plans/2026-02-10-phase-4-offline-sync-implementation.md');
    // The plan's own title now says it is a design: its file name still says implementation, and wins.
    engine.setOverlay('docs/plans/2026-02-12-usage-metering-implementation.md', plan('Usage Metering — Design'));
    assert.equal(named(engine.check()), 'docs/plans/2026-02-12-usage-metering-implementation.md');
    // Retired: no longer suggested.
    engine.setOverlay('docs/plans/2026-02-12-usage-metering-implementation.md', plan('Usage Metering — Implementation Plan', 'Superseded'));
    assert.equal(named(engine.check()), undefined);
  });

  it('the early check of the roadmap finds the same suggestions as the full check', async () => {
    const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
    let pending: Promise<Finding[] | undefined> | undefined;
    await engine.scan({ listed: () => (pending = engine.checkEarly(ROADMAP)) });
    const early = (await pending)!;
    const strip = (fs: Finding[]) => fs.filter((f) => f.code === 'RG001' || f.code === 'RG002').map((f) => `${f.code} ${f.range.start.line} ${f.message}`);
    assert.deepEqual(strip(early), strip(engine.check().filter((f) => f.path === ROADMAP)));
    assert.ok(strip(early).some((k) => k.includes('looks like it')));
  });
});
