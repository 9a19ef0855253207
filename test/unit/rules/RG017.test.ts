import { strict as assert } from 'node:assert';
import { baseWorkspace, check, lines, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-03-cache-design.md';
const plan = (date: string, status: string) => ({ ...baseWorkspace(), [PLAN]: lines('# Cache', '', `**Date:** ${date}`, `**Status:** ${status}`, '') });

describe('RG017 plan-metadata-invalid', () => {
  it('accepts real dates with notes, and statuses with emoji and parenthesized notes', async () => {
    for (const [date, status] of [
      ['2026-02-03', 'Draft'],
      ['2026-02-03 (Updated: 2026-02-10)', '✅ Implemented (PR #39)'],
      ['2024-02-29', 'Placeholder (Planned)'],
      ['2026-02-03', 'complete (except 2.2 — deferred)'],
      ['2026-02-03', 'Ready for Implementation'],
    ]) assert.deepEqual(show(await check(plan(date, status), 'RG017')), [], `${date} / ${status}`);
  });

  it('reports an impossible date and a placeholder date on the value', async () => {
    assert.deepEqual(show(await check(plan('2026-02-30', 'Draft'), 'RG017')), [`${PLAN}:3:11 Date "2026-02-30" is not a valid calendar date written YYYY-MM-DD.`]);
    assert.deepEqual(show(await check(plan('03/02/2026', 'Draft'), 'RG017')), [`${PLAN}:3:11 Date "03/02/2026" is not a valid calendar date written YYYY-MM-DD.`]);
    assert.deepEqual(show(await check(plan('YYYY-MM-DD', 'Draft'), 'RG017')), [`${PLAN}:3:11 Date "YYYY-MM-DD" is still a placeholder: write the plan's date as YYYY-MM-DD.`]);
  });

  it('reports a status whose leading words are no known status', async () => {
    assert.deepEqual(show(await check(plan('2026-02-03', 'Mostly there'), 'RG017')), [
      `${PLAN}:4:13 Status "Mostly there" does not start with a known status (Draft, Proposed, In Review, Approved, Accepted, Decided, … see "planStatuses").`,
    ]);
    // "Drafting" is not "Draft": statuses match as whole words.
    assert.equal((await check(plan('2026-02-03', 'Drafting'), 'RG017')).length, 1);
  });

  it('leaves templates with placeholders alone', async () => {
    const files = { ...baseWorkspace(), 'docs/plans/TEMPLATE-design.md': lines('# {{title}}', '', '**Date:** YYYY-MM-DD', '**Status:** <status>', '') };
    assert.deepEqual(show(await check(files, 'RG017')), []);
  });
});

describe('RG017 plan-metadata-invalid: calendars', () => {
  it('takes a Holocene-calendar date (the year plus 10,000) as a date, and still reports a five-digit typo', async () => {
    const { run, keys } = await import('./planRuleHelpers');
    const adr = (date: string) => `---\nstatus: accepted\ndate: ${date}\n---\n\n# Use a queue\n`;
    const { findings } = await run({
      'docs/decisions/0001-use-a-queue.md': adr('12026-06-07'),
      'docs/decisions/0002-use-a-cache.md': adr('12026-02-30'),
      'docs/decisions/0003-use-a-log.md': adr('20261-06-07'),
    });
    const dates = keys(findings, 'RG017').map((k) => k.replace(/:\d+ /, ' '));
    assert.deepEqual(dates, [
      'docs/decisions/0002-use-a-cache.md Date "12026-02-30" is not a valid calendar date written YYYY-MM-DD.',
      'docs/decisions/0003-use-a-log.md Date "20261-06-07" is not a valid calendar date written YYYY-MM-DD.',
    ]);
  });
});
