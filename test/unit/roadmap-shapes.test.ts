/**
 * The roadmap shapes teams write, one small roadmap each: which headings are
 * sections (phases, sub-phases, milestones, sub-projects, a Backlog), how they
 * nest, which list items and table rows are items, what their titles are, and
 * which phase-level lines credit them. Asserted as a user sees them: the items
 * (section, title, done, design / implementation), the RG001 / RG002 findings,
 * their fixes and the coverage matrix.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { computeCoverage, renderCoverageMarkdown } from '../../server/engine/coverage';
import { Engine } from '../../server/engine/engine';
import type { Finding } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { FsWorkspace } from '../../server/node/fsWorkspace';
import { applyFix, keys, lines, NOW, run as runFiles } from './rules/planRuleHelpers';

const ROADMAP = 'docs/project/roadmap.md';

/**
 * Runs the engine on `files` with the item-links convention on (these
 * roadmaps stand alone, without the plans that would show it) and `config`.
 */
function run(files: Record<string, string>, config: object = {}) {
  return runFiles({ ...files, '.roadmap-governance.json': JSON.stringify({ conventions: { itemLinks: 'on' }, ...config }) });
}

/** A plan file with the metadata the other rules want, so only RG001/RG002 speak. */
const plan = (title: string) => lines(`# ${title}`, '', '**Date:** 2026-03-01', '**Status:** Draft', '');

/** Each item as `section | title | x or space | D(0/1) I(0/1)`. */
function items(engine: Engine): string[] {
  const roadmap = engine.model().roadmap;
  assert.ok(roadmap, 'the roadmap is found');
  return roadmap.phases.flatMap((p) => p.items.map((i) => `${p.label} | ${i.title} | ${i.checked ? 'x' : ' '} | D${i.hasDesign ? 1 : 0} I${i.hasImplementation ? 1 : 0}`));
}

/** The sections as `label: title` with their parent's label. */
function sections(engine: Engine): string[] {
  return engine.model().roadmap!.phases.map((p) => `${p.label}${p.title ? `: ${p.title}` : ''}${p.parent ? ` (in ${p.parent.label})` : ''}`);
}

async function roadmapOnly(...text: string[]) {
  return run({ [ROADMAP]: lines(...text, '') });
}

describe('roadmap shapes', () => {
  describe('section headings', () => {
    it('reads status markers and emoji anywhere in a phase heading, and the separators people use', async () => {
      const { engine } = await roadmapOnly(
        '# Plan',
        '',
        '## ✅ Phase 2: Sync engine',
        '- [x] **Conflict resolution**',
        '## Phase 3 🚧 Reports',
        '- [ ] **Weekly digest**',
        '## Phase 4 ✅',
        '- [x] **Dark mode**',
        '## Phase-5: Exports',
        '- [ ] **CSV export**',
        '## Phase 6 — Imports',
        '- [ ] **Bulk import**',
        '## Phase 7. Audit trail',
        '- [ ] **Event log**',
        '## [DONE] Phase 8: Login',
        '- [x] **Passkeys**',
      );
      assert.deepEqual(sections(engine), ['Phase 2: Sync engine', 'Phase 3: Reports', 'Phase 4', 'Phase 5: Exports', 'Phase 6: Imports', 'Phase 7: Audit trail', 'Phase 8: Login']);
      const phases = engine.model().roadmap!.phases;
      assert.deepEqual(
        phases.map((p) => p.status),
        ['completed', 'unknown', 'completed', 'unknown', 'unknown', 'unknown', 'completed'],
      );
      assert.deepEqual(items(engine), [
        'Phase 2 | Conflict resolution | x | D0 I0',
        'Phase 3 | Weekly digest |   | D0 I0',
        'Phase 4 | Dark mode | x | D0 I0',
        'Phase 5 | CSV export |   | D0 I0',
        'Phase 6 | Bulk import |   | D0 I0',
        'Phase 7 | Event log |   | D0 I0',
        'Phase 8 | Passkeys | x | D0 I0',
      ]);
    });

    it('does not take a heading that only mentions a phase for one', async () => {
      const { engine } = await roadmapOnly('# Plan', '', '## Notes on Phase 2', '', 'Text.', '', '## Phase 3: Search', '- [ ] **Fuzzy match**');
      assert.deepEqual(sections(engine), ['Phase 3: Search']);
    });

    it('reads milestones and sub-projects, and names them so in messages', async () => {
      const { engine, findings } = await roadmapOnly(
        '# Plan',
        '',
        '## Milestone 3: Public beta',
        '- [ ] **Invite flow**',
        '## M4 — General availability',
        '- [ ] **Pricing page**',
        '## Sub-project B: Mobile app',
        '- [ ] **Push notifications**',
      );
      assert.deepEqual(sections(engine), ['Milestone 3: Public beta', 'M4: General availability', 'Sub-project B: Mobile app']);
      assert.deepEqual(keys(findings, 'RG001'), [
        `${ROADMAP}:4 Milestone 3 item "Invite flow" has no design doc link.`,
        `${ROADMAP}:6 M4 item "Pricing page" has no design doc link.`,
        `${ROADMAP}:8 Sub-project B item "Push notifications" has no design doc link.`,
      ]);
    });
  });

  describe('nesting', () => {
    const nested = lines(
      '# Plan',
      '',
      '## Phase 7: Platform',
      '- [ ] **Rate limits**',
      '### Phase 7.1: Quotas',
      '- [ ] **Per-team quota**',
      '### 7a. Billing hooks',
      '- [ ] **Invoice webhook**',
      '### Phase 7 follow-ups',
      '- [ ] **Quota dashboard**',
      '## Phase 8: Polish',
      '- [ ] **Empty states**',
      '',
    );

    it('makes `### Phase 7.1` and `### 7a.` inside `## Phase 7` phases of their own, nested in it', async () => {
      const { engine, findings } = await run({ [ROADMAP]: nested });
      assert.deepEqual(sections(engine), ['Phase 7: Platform', 'Phase 7.1: Quotas (in Phase 7)', 'Phase 7a: Billing hooks (in Phase 7)', 'Phase 8: Polish']);
      // "### Phase 7 follow-ups" names its own phase: a sub-heading of Phase 7, not a new phase.
      assert.deepEqual(items(engine), [
        'Phase 7 | Rate limits |   | D0 I0',
        'Phase 7 | Quota dashboard |   | D0 I0',
        'Phase 7.1 | Per-team quota |   | D0 I0',
        'Phase 7a | Invoice webhook |   | D0 I0',
        'Phase 8 | Empty states |   | D0 I0',
      ]);
      assert.ok(keys(findings, 'RG001').includes(`${ROADMAP}:6 Phase 7.1 item "Per-team quota" has no design doc link.`));
    });

    it('selects a sub-phase by its number in linkScope.phases, and a phase with its sub-phases', async () => {
      const only71 = await run({ [ROADMAP]: nested }, { linkScope: { phases: ['7.1'] } });
      assert.deepEqual(keys(only71.findings, 'RG001'), [`${ROADMAP}:6 Phase 7.1 item "Per-team quota" has no design doc link.`]);
      const all7 = await run({ [ROADMAP]: nested }, { linkScope: { phases: ['7'] } });
      assert.deepEqual(keys(all7.findings, 'RG001'), [
        `${ROADMAP}:10 Phase 7 item "Quota dashboard" has no design doc link.`,
        `${ROADMAP}:4 Phase 7 item "Rate limits" has no design doc link.`,
        `${ROADMAP}:6 Phase 7.1 item "Per-team quota" has no design doc link.`,
        `${ROADMAP}:8 Phase 7a item "Invoice webhook" has no design doc link.`,
      ]);
      const byLabel = await run({ [ROADMAP]: nested }, { linkScope: { phases: ['Phase 8'] } });
      assert.deepEqual(keys(byLabel.findings, 'RG001'), [`${ROADMAP}:12 Phase 8 item "Empty states" has no design doc link.`]);
    });

    it("names a phase's unlinked plan for the items of its sub-phases", async () => {
      const files = {
        [ROADMAP]: lines('## Phase 4: Team Sync', '', '### 4a. Presence', '- [ ] **Online dots**', '### 4b. Typing', '- [ ] **Typing hints**', ''),
        'docs/plans/2026-03-01-phase-4-team-sync-implementation.md': plan('Phase 4: Team Sync'),
      };
      const { findings } = await run(files);
      assert.deepEqual(keys(findings, 'RG002'), [
        `${ROADMAP}:4 Phase 4a item "Online dots" has no implementation plan link; docs/plans/2026-03-01-phase-4-team-sync-implementation.md looks like it: link it?`,
        `${ROADMAP}:6 Phase 4b item "Typing hints" has no implementation plan link; docs/plans/2026-03-01-phase-4-team-sync-implementation.md looks like it: link it?`,
      ]);
      const link = findings.find((f) => f.code === 'RG002' && f.data?.item === 'Online dots')!.fixes![0];
      assert.equal(link.preferred, true);
      assert.equal(applyFix(files, link)[ROADMAP].split('\n')[3], '- [ ] **Online dots** ([Implementation](../plans/2026-03-01-phase-4-team-sync-implementation.md))');
    });

    it('does not let `# Phase 6` swallow the `## Phase 7` and `## Phase 8` that follow it', async () => {
      const { engine } = await roadmapOnly(
        '# Phase 6: Foundations',
        '- [x] **Schema**',
        '## Phase 7: Sharing',
        '- [ ] **Share links**',
        '### Phase 7.1: Permissions',
        '- [ ] **Viewer role**',
        '## Phase 8: Offline',
        '- [ ] **Local cache**',
        '#### Phase 2 recap',
        'What we learned in Phase 2.',
        '- [ ] **Cache eviction**',
      );
      assert.deepEqual(sections(engine), ['Phase 6: Foundations', 'Phase 7: Sharing', 'Phase 7.1: Permissions (in Phase 7)', 'Phase 8: Offline']);
      // An earlier number deeper down is a recap inside Phase 8, not a new phase.
      assert.deepEqual(items(engine), [
        'Phase 6 | Schema | x | D0 I0',
        'Phase 7 | Share links |   | D0 I0',
        'Phase 7.1 | Viewer role |   | D0 I0',
        'Phase 8 | Local cache |   | D0 I0',
        'Phase 8 | Cache eviction |   | D0 I0',
      ]);
    });

    it('nests phases in milestones, and reads sub-phases with letters (Phase A.1)', async () => {
      const { engine } = await roadmapOnly('## Milestone 1: Launch', '### Phase A: Core', '- [ ] **Accounts**', '### Phase A.1: Roles', '- [ ] **Admin role**', '### Phase B: Growth', '- [ ] **Referrals**');
      assert.deepEqual(sections(engine), ['Milestone 1: Launch', 'Phase A: Core (in Milestone 1)', 'Phase A.1: Roles (in Phase A)', 'Phase B: Growth (in Milestone 1)']);
    });
  });

  describe('items', () => {
    it('takes task items under a plain grouping bullet as items; task items under a task item stay its sub-tasks', async () => {
      const { engine, findings } = await roadmapOnly(
        '## Phase 2: Storage',
        '',
        '- Backend:',
        '  - [ ] **Write-ahead log**',
        '    - [ ] benchmark the fsync cost',
        '  - [x] **Compaction**',
        '- Frontend:',
        '  - [ ] **Storage meter**',
        '- [ ] **Quota alerts**',
        '  - [ ] email',
        '  - [ ] banner',
        '- A note that is not an item.',
      );
      assert.deepEqual(items(engine), [
        'Phase 2 | Write-ahead log |   | D0 I0',
        'Phase 2 | Compaction | x | D0 I0',
        'Phase 2 | Storage meter |   | D0 I0',
        'Phase 2 | Quota alerts |   | D0 I0',
      ]);
      assert.deepEqual(keys(findings, 'RG002'), [
        `${ROADMAP}:4 Phase 2 item "Write-ahead log" has no implementation plan link.`,
        `${ROADMAP}:8 Phase 2 item "Storage meter" has no implementation plan link.`,
        `${ROADMAP}:9 Phase 2 item "Quota alerts" has no implementation plan link.`,
      ]);
    });

    it('a grouped item links in its own sub-bullets, and the stub goes to the item, not the group', async () => {
      const files = {
        [ROADMAP]: lines('## Phase 2: Storage', '', '- Backend:', '  - [ ] **Write-ahead log**', '    - **Design:** `docs/plans/2026-03-01-wal-design.md`', '  - [ ] **Snapshots**', ''),
        'docs/plans/2026-03-01-wal-design.md': plan('WAL'),
      };
      const { engine, findings } = await run(files);
      assert.deepEqual(items(engine), ['Phase 2 | Write-ahead log |   | D1 I0', 'Phase 2 | Snapshots |   | D0 I0']);
      const f = findings.find((x) => x.code === 'RG002' && x.data?.item === 'Write-ahead log')!;
      const after = applyFix(files, f.fixes![0]);
      assert.equal(
        after[ROADMAP],
        lines('## Phase 2: Storage', '', '- Backend:', '  - [ ] **Write-ahead log**', '    - **Design:** `docs/plans/2026-03-01-wal-design.md`', '    - **Implementation:** `docs/plans/2026-03-01-write-ahead-log-implementation.md`', '  - [ ] **Snapshots**', ''),
      );
    });

    it('titles a plain task item by its text up to " — ", " – ", ": " or a link, with the category from a bold title', async () => {
      const { engine } = await roadmapOnly(
        '## Phase 3: Capture',
        '- [ ] Voice notes — record a clip and attach it to a task',
        '- [ ] Shared lists – invite someone by e-mail',
        '- [ ] Quick add: type a task from anywhere',
        '- [ ] Rename `config.max: number` to `limit` — breaking',
        '- [ ] [Calendar sync](https://example.com/spec) — two-way',
        '- [ ] Smart dates ([notes](https://example.com/notes))',
        '- [ ] **[API] Webhooks** — outgoing events',
        '- [ ] ~~Fax gateway — dropped~~ (not planned)',
        '- [ ] Plain title without a separator',
      );
      assert.deepEqual(
        engine.model().roadmap!.phases[0].items.map((i) => [i.title, i.category ?? '']),
        [
          ['Voice notes', ''],
          ['Shared lists', ''],
          ['Quick add', ''],
          ['Rename config.max: number to limit', ''],
          ['Calendar sync', ''],
          ['Smart dates', ''],
          ['[API] Webhooks', 'API'],
          ['Fax gateway', ''],
          ['Plain title without a separator', ''],
        ],
      );
    });

    it('reports a plain item on its title and inserts the stub right after it', async () => {
      const files = { [ROADMAP]: lines('## Phase 3: Capture', '', '- [ ] Voice notes — record a clip and attach it to a task', '') };
      const { findings } = await run(files);
      const f = findings.find((x) => x.code === 'RG001')!;
      assert.equal(f.message, 'Phase 3 item "Voice notes" has no design doc link.');
      assert.deepEqual(f.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 17 } });
      const after = applyFix(files, f.fixes!.find((x) => x.title.startsWith('Insert'))!);
      assert.equal(after[ROADMAP].split('\n')[2], '- [ ] Voice notes ([Design](../plans/2026-03-01-voice-notes-design.md)) — record a clip and attach it to a task');
      const again = await run({ ...after, 'docs/plans/2026-03-01-voice-notes-design.md': plan('Voice notes') });
      assert.deepEqual(keys(again.findings, 'RG001'), []);
    });

    it('puts the stub after a title that is a link, not into it', async () => {
      const files = { [ROADMAP]: lines('## Phase 3: Capture', '', '- [ ] [Voice notes](https://example.com/voice) — record a clip', '') };
      const { findings } = await run(files);
      const f = findings.find((x) => x.code === 'RG002')!;
      assert.equal(f.message, 'Phase 3 item "Voice notes" has no implementation plan link.');
      const after = applyFix(files, f.fixes![0]);
      assert.equal(after[ROADMAP].split('\n')[2], '- [ ] [Voice notes](https://example.com/voice) ([Implementation](../plans/2026-03-01-voice-notes-implementation.md)) — record a clip');
    });
  });

  describe('a Backlog and other plain sections', () => {
    it('makes any heading that directly holds task items a section, named by its heading', async () => {
      const { engine, findings } = await roadmapOnly(
        '# Plan',
        '',
        '## Phase 1: Basics',
        '- [x] **Sign-in**',
        '',
        '## 🧊 Backlog',
        '- [ ] Export to PDF — for printing',
        '- [ ] **Keyboard shortcuts**',
        '',
        '## Recent Changes',
        '### 2026-02-20',
        '- [ ] follow up on the release notes',
        '',
        '## Definition of Done',
        '- [ ] tests pass',
        '',
        '## Glossary',
        'Words.',
      );
      assert.deepEqual(sections(engine), ['Phase 1: Basics', 'Backlog']);
      assert.deepEqual(keys(findings, 'RG001'), [`${ROADMAP}:7 Backlog item "Export to PDF" has no design doc link.`, `${ROADMAP}:8 Backlog item "Keyboard shortcuts" has no design doc link.`]);
      const md = renderCoverageMarkdown(computeCoverage(engine.model()));
      assert.match(md, /\| \[Backlog\]\(#backlog\) \| 2 \| 0 \| 0 \| 0 \| 2 \| 0% \|/);
      assert.match(md, /\n## Backlog\n/);
    });

    it('selects a plain section by its name in linkScope.phases', async () => {
      const { findings } = await run({
        [ROADMAP]: lines('## Phase 1: Basics', '- [ ] **Sign-in**', '## Backlog', '- [ ] **Themes**', ''),
      }, { linkScope: { phases: ['backlog'] } });
      assert.deepEqual(keys(findings, 'RG001'), [`${ROADMAP}:4 Backlog item "Themes" has no design doc link.`]);
    });

    it('ends a plain section at a phase heading below it', async () => {
      const { engine } = await roadmapOnly('# Roadmap', '- [ ] **Pick a name**', '## Phase 1: Start', '- [ ] **Repository**');
      assert.deepEqual(sections(engine), ['Roadmap', 'Phase 1: Start']);
      assert.deepEqual(items(engine), ['Roadmap | Pick a name |   | D0 I0', 'Phase 1 | Repository |   | D0 I0']);
    });

    it('keeps the task items of a sub-heading inside a phase in that phase', async () => {
      const { engine } = await roadmapOnly('## Phase 4: Teams', '### Backend', '- [ ] **Org model**', '### Frontend', '- [ ] **Org switcher**');
      assert.deepEqual(items(engine), ['Phase 4 | Org model |   | D0 I0', 'Phase 4 | Org switcher |   | D0 I0']);
    });
  });

  describe('status tables', () => {
    const table = lines(
      '# Plan',
      '',
      '## Overview',
      '',
      '| Phase | Status |',
      '|---|---|',
      '| Phase 5 | In progress |',
      '',
      '## Phase 5: Insights',
      '',
      '| Priority | Feature | Notes | Status |',
      '|---|---|---|---|',
      '| P0 | **Usage charts** | per team | **Done** |',
      '| P1 | Anomaly alerts ([Design](../plans/2026-03-01-anomaly-design.md)) | threshold based | in progress |',
      '| P2 | Forecasts | later | ✅ |',
      '| P2 | Cohorts | | Shipped |',
      '| P3 | Exports | | Not started |',
      '',
      '| Risk | Mitigation | Status |',
      '|---|---|---|',
      '| Vendor lock-in | abstraction | open |',
      '',
      '| Idea | Votes |',
      '|---|---|',
      '| Dark mode | 12 |',
      '',
    );
    const files = { [ROADMAP]: table, 'docs/plans/2026-03-01-anomaly-design.md': plan('Anomaly alerts') };

    it('takes each row of a table with a Status column as an item, done by its Status', async () => {
      const { engine } = await run(files);
      assert.deepEqual(items(engine), [
        'Phase 5 | Usage charts | x | D0 I0',
        'Phase 5 | Anomaly alerts |   | D1 I0',
        'Phase 5 | Forecasts | x | D0 I0',
        'Phase 5 | Cohorts | x | D0 I0',
        'Phase 5 | Exports |   | D0 I0',
      ]);
      assert.equal(engine.model().roadmap!.phases[0].items[0].priority, 'P0');
    });

    it('reports open rows on their title cell', async () => {
      const { findings } = await run(files);
      assert.deepEqual(keys(findings, 'RG001'), [`${ROADMAP}:17 Phase 5 item "Exports" has no design doc link.`]);
      assert.deepEqual(keys(findings, 'RG002'), [`${ROADMAP}:14 Phase 5 item "Anomaly alerts" has no implementation plan link.`, `${ROADMAP}:17 Phase 5 item "Exports" has no implementation plan link.`]);
      const f = findings.find((x) => x.code === 'RG001')!;
      assert.deepEqual(f.range, { start: { line: 16, character: 7 }, end: { line: 16, character: 14 } });
    });

    it('fixes a row inside its title cell: the table stays a table and the finding goes', async () => {
      const { findings } = await run(files);
      const stub = findings.find((x) => x.code === 'RG002' && x.data?.item === 'Anomaly alerts')!.fixes!.find((x) => x.title.startsWith('Insert'))!;
      const after = applyFix(files, stub);
      assert.equal(
        after[ROADMAP].split('\n')[13],
        '| P1 | Anomaly alerts ([Design](../plans/2026-03-01-anomaly-design.md), [Implementation](../plans/2026-03-01-anomaly-alerts-implementation.md)) | threshold based | in progress |',
      );
      const created = findings.find((x) => x.code === 'RG001' && x.data?.item === 'Exports')!.fixes!.find((x) => x.title.startsWith('Create'))!;
      const both = applyFix({ ...after, 'docs/plans/2026-03-01-anomaly-alerts-implementation.md': plan('Anomaly alerts') }, created);
      assert.equal(both[ROADMAP].split('\n')[16], '| P3 | Exports ([Design](../plans/2026-03-01-exports-design.md)) | | Not started |');
      const again = await run(both);
      assert.deepEqual(keys(again.findings, 'RG001'), []);
      assert.deepEqual(keys(again.findings, 'RG002'), [`${ROADMAP}:17 Phase 5 item "Exports" has no implementation plan link.`]);
      assert.deepEqual(keys(again.findings, 'RG003'), []);
    });

    it("gives a link that says nothing of its role its column's role", async () => {
      const { engine } = await run({
        [ROADMAP]: lines('## Phase 2: Ops', '', '| Task | Design | Plan | Status |', '|---|---|---|---|', '| Backups | [doc](../plans/2026-03-01-backups.md) | [doc](../plans/2026-03-01-backups-steps.md) | open |', ''),
        'docs/plans/2026-03-01-backups.md': plan('Backups'),
        'docs/plans/2026-03-01-backups-steps.md': plan('Backups steps'),
      });
      assert.deepEqual(items(engine), ['Phase 2 | Backups |   | D1 I1']);
    });

    it('takes the first column as the title when no column is named like one', async () => {
      const { engine } = await roadmapOnly('## Phase 2: Ops', '', '| Work | Owner | Status |', '|---|---|---|', '| Backups | ana | done |', '| Restore drill | li | planned |');
      assert.deepEqual(items(engine), ['Phase 2 | Backups | x | D0 I0', 'Phase 2 | Restore drill |   | D0 I0']);
    });

    it('reads no table outside a phase as items', async () => {
      const { engine } = await roadmapOnly('## Inventory', '', '| Feature | Status |', '|---|---|', '| Search | planned |');
      assert.deepEqual(items(engine), []);
    });
  });

  describe('phase-level links', () => {
    const roadmap = lines(
      '# Plan',
      '',
      '## Phase 6: Memory',
      '',
      '> See [design doc](../plans/2026-03-01-memory-design.md) for the full picture.',
      '',
      '- [ ] Memo capture — save a note by chat',
      '- [ ] **Recall** ([Implementation](../plans/2026-03-01-recall-implementation.md))',
      '',
      '### Phase 6.1: Sharing',
      '- [ ] **Shared memos**',
      '',
      '## Phase 7: Alerts',
      '',
      'See [design doc](../plans/2026-03-01-alerts-design.md).',
      '- Implementation coverage: [Alerts plan](../plans/2026-03-01-alerts-implementation.md)',
      '',
      '- [ ] **Threshold alerts**',
      '',
      'See [the old design](../plans/2026-03-01-old-design.md) for why we dropped polling.',
      '',
      '- [ ] **Digest alerts**',
      '',
    );
    const files = {
      [ROADMAP]: roadmap,
      'docs/plans/2026-03-01-memory-design.md': plan('Memory'),
      'docs/plans/2026-03-01-recall-implementation.md': plan('Recall'),
      'docs/plans/2026-03-01-alerts-design.md': plan('Alerts'),
      'docs/plans/2026-03-01-old-design.md': plan('Old'),
    };

    it('credits every item of the phase (and of its sub-phases) with a See line or quote under the heading', async () => {
      const { engine, findings } = await run(files);
      assert.deepEqual(items(engine), [
        'Phase 6 | Memo capture |   | D1 I0',
        'Phase 6 | Recall |   | D1 I1',
        'Phase 6.1 | Shared memos |   | D1 I0',
        // The coverage line's plan does not exist: no implementation credit. A See line after the items is prose.
        'Phase 7 | Threshold alerts |   | D1 I0',
        'Phase 7 | Digest alerts |   | D1 I0',
      ]);
      assert.deepEqual(keys(findings, 'RG001'), []);
      assert.deepEqual(keys(findings, 'RG002'), [
        `${ROADMAP}:11 Phase 6.1 item "Shared memos" has no implementation plan link.`,
        `${ROADMAP}:18 Phase 7 item "Threshold alerts" has no implementation plan link.`,
        `${ROADMAP}:22 Phase 7 item "Digest alerts" has no implementation plan link.`,
        `${ROADMAP}:7 Phase 6 item "Memo capture" has no implementation plan link.`,
      ]);
      const alerts = engine.model().roadmap!.phases.find((p) => p.number === '7')!;
      assert.deepEqual(alerts.coverage.map((l) => [l.role, l.path]), [
        ['design', 'docs/plans/2026-03-01-alerts-design.md'],
        ['implementation', 'docs/plans/2026-03-01-alerts-implementation.md'],
      ]);
    });

    it('reads a labelled field line under the heading as a phase-level link too', async () => {
      const { engine } = await run({
        [ROADMAP]: lines('## Phase 9: Search', '', '**Design:** `docs/plans/2026-03-01-search-design.md`', '', '- [ ] **Ranking**', ''),
        'docs/plans/2026-03-01-search-design.md': plan('Search'),
      });
      assert.deepEqual(items(engine), ['Phase 9 | Ranking |   | D1 I0']);
    });

    it('does not count a phase-level link to a missing file', async () => {
      const without = Object.fromEntries(Object.entries(files).filter(([path]) => path !== 'docs/plans/2026-03-01-memory-design.md'));
      const { engine, findings } = await run(without);
      assert.deepEqual(items(engine).slice(0, 3), ['Phase 6 | Memo capture |   | D0 I0', 'Phase 6 | Recall |   | D0 I1', 'Phase 6.1 | Shared memos |   | D0 I0']);
      assert.ok(keys(findings, 'RG003').some((k) => k.startsWith(`${ROADMAP}:5 `)), 'the broken link itself is reported');
      assert.equal(keys(findings, 'RG001').length, 3);
    });

    it('says "via phase" in the coverage matrix', async () => {
      const { engine } = await run(files);
      const data = computeCoverage(engine.model());
      const memo = data.phases[0].items[0];
      assert.deepEqual(memo.design, [{ path: 'docs/plans/2026-03-01-memory-design.md', exists: true, status: 'Draft', phaseLevel: true }]);
      assert.equal(data.phases[0].label, 'Phase 6');
      const md = renderCoverageMarkdown(data);
      assert.match(md, /\| Memo capture \| \[2026-03-01-memory-design\.md\]\(docs\/plans\/2026-03-01-memory-design\.md\) \(via phase\) \| — \| Draft \| 🟡 design-linked \|/);
    });
  });

  describe('while typing', () => {
    const filler = (name: string, n: number) => Array.from({ length: n }, (_, i) => `- [ ] **${name} task ${i}**`);
    const text = lines(
      '# Plan',
      '',
      '## Phase 7: Platform',
      '',
      '> See [design doc](../plans/2026-03-01-platform-design.md).',
      '',
      ...filler('Platform', 90),
      '',
      '### Phase 7.1: Quotas',
      '',
      ...filler('Quota', 90),
      '',
      '## Phase 8: Polish',
      '',
      ...filler('Polish', 90),
      '',
    );
    const strip = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.range.start.line}:${f.range.start.character} ${f.code} ${f.message} ${JSON.stringify(f.fixes ?? [])}`).sort();

    it('keeps the sections typing did not touch, with their nesting and phase-level credit right', async () => {
      const files = { [ROADMAP]: text, 'docs/plans/2026-03-01-platform-design.md': plan('Platform') };
      const engine = new Engine(new InMemoryWorkspace(files), { now: NOW });
      await engine.scan();
      engine.setOverlay(ROADMAP, text);
      const first = engine.model().roadmap!.phases;
      assert.deepEqual(first.map((p) => [p.label, p.items.length, p.items[0].hasDesign]), [['Phase 7', 90, true], ['Phase 7.1', 90, true], ['Phase 8', 90, false]]);
      // Typing in Phase 8 keeps Phase 7 and its sub-phase.
      const second = text.replace('**Polish task 50**', '**Polish task 5O**');
      engine.setOverlay(ROADMAP, second);
      const next = engine.model().roadmap!.phases;
      assert.equal(next[0], first[0]);
      assert.equal(next[1], first[1]);
      assert.notEqual(next[2], first[2]);
      // Typing in Phase 7's own items keeps Phase 7.1, now nested in the new Phase 7.
      const third = second.replace('**Platform task 40**', '**Platform task 4O**');
      engine.setOverlay(ROADMAP, third);
      const after = engine.model().roadmap!.phases;
      assert.notEqual(after[0], next[0]);
      assert.equal(after[1], next[1]);
      assert.equal(after[1].parent, after[0]);
      // Breaking the phase-level link takes the credit from the sub-phase too.
      const fourth = third.replace('2026-03-01-platform-design.md', '2026-03-01-gone-design.md');
      engine.setOverlay(ROADMAP, fourth);
      const last = engine.model().roadmap!.phases;
      assert.deepEqual(last.map((p) => p.items[0].hasDesign), [false, false, false]);
      const fresh = new Engine(new InMemoryWorkspace({ ...files, [ROADMAP]: fourth }), { now: NOW });
      await fresh.scan();
      assert.deepEqual(strip(engine.check()), strip(fresh.check()));
    });
  });

  describe('on the world repositories (../shared/corpus/world, when present)', function () {
    const WORLD = path.resolve(__dirname, '../../../shared/corpus/world');
    before(function () {
      if (!existsSync(WORLD)) this.skip();
    });
    const open = async (name: string) => {
      const engine = new Engine(new FsWorkspace(path.join(WORLD, name)), { now: NOW });
      await engine.scan();
      return engine;
    };

    it('papai: 38 open items, 34 of them in phases 6–11 (sub-phases 7b, 8a, 9a, 9b), 4 in the Backlog; none credited by the broken phase-level design links', async () => {
      const engine = await open('papai');
      const openItems = engine.model().roadmap!.phases.flatMap((p) => p.items.filter((i) => !i.checked).map((i) => p.label));
      const count = new Map<string, number>();
      for (const label of openItems) count.set(label, (count.get(label) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(count), { 'Phase 6': 5, 'Phase 7b': 5, 'Phase 8a': 5, 'Phase 9a': 5, 'Phase 9b': 3, 'Phase 10': 6, 'Phase 11': 5, Backlog: 4 });
      const findings = engine.check();
      assert.equal(findings.filter((f) => f.code === 'RG001').length, 38);
      assert.equal(findings.filter((f) => f.code === 'RG002').length, 38);
      assert.ok(findings.some((f) => f.message === 'Phase 6 item "Quick memo capture" has no design doc link.'));
      // Phase 9's unlinked plan is still named for the items of its sub-phases.
      assert.ok(
        findings.some((f) => f.message === 'Phase 9b item "Weekly planning session" has no implementation plan link; docs/superpowers/plans/2026-03-20-phase-09-event-driven-suggestions.md looks like it: link it?'),
      );
    });

    it('elephant: the Status table of Phase 1 is its ten done items; no table without a Status column is read', async () => {
      const engine = await open('elephant');
      const phases = engine.model().roadmap!.phases;
      assert.deepEqual(phases.map((p) => [p.label, p.items.length, p.items.filter((i) => i.checked).length]), [['Phase 1', 10, 10], ['Phase 2', 0, 0], ['Phase 3', 0, 0]]);
      assert.equal(phases[0].items[0].title, 'Blocker Radar');
      assert.deepEqual(engine.check().filter((f) => f.code === 'RG001' || f.code === 'RG002'), []);
    });
  });
});
