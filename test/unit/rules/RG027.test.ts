import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const DIR = '.kiro/specs/capacity';
const requirements = lines(
  '# Requirements Document',
  '',
  '## Requirements',
  '',
  '### Requirement 1',
  '',
  '**User Story:** As an operator, I want capacity checked.',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN a job starts THEN the system SHALL check capacity',
  '2. WHEN capacity is short THEN the system SHALL wait',
  '',
  '### Requirement 2',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN an endpoint is serverless THEN the system SHALL use its concurrency',
  '',
);
const tasks = lines(
  '# Implementation Plan',
  '',
  '- [ ] 1. Capacity checks',
  '- [x] 1.1 Add the estimator',
  '  - _Requirements: 1.1, 1.3, 3.1_',
  '- [x] 1.2 Wait when short',
  '  - _Requirements: 1.2, NFR-1_',
  '',
  '- [x] 2. Serverless endpoints',
  '- [x] 2.1 Read the concurrency',
  '  - _Requirements: 2.1_',
  '- [ ] 2.2 Test it',
  '',
  '- [ ] 3. Metrics',
  '- [x] 3.1 Emit metrics',
  '- [ ]* 3.2 Test the metrics (optional)',
  '',
  '- [x] 4. Logging',
  '- [x] 4.1 Log exports',
  '- [ ]* 4.2 Test the logs (optional: left open when the task is done)',
  '',
  '```',
  '_Requirements: 9.9_',
  '```',
  '',
);
const files = { [`${DIR}/requirements.md`]: requirements, [`${DIR}/design.md`]: '# Design\n', [`${DIR}/tasks.md`]: tasks };

describe('RG027 kiro-spec-drift', () => {
  it('reports criteria the requirements lack, a task open with its sub-tasks done, a task done with sub-tasks open', async () => {
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG027'), [
      `${DIR}/tasks.md:3 Task 1 is unchecked, but all 2 of its sub-tasks are checked.`,
      `${DIR}/tasks.md:5 "1.3" names no requirement of ${DIR}/requirements.md: Requirement 1 has no acceptance criterion 3.`,
      `${DIR}/tasks.md:5 "3.1" names no requirement of ${DIR}/requirements.md: it has no Requirement 3.`,
      `${DIR}/tasks.md:9 Task 2 is checked, but 1 of its 2 sub-tasks is not.`,
    ]);
    const severities = findings.filter((f) => f.code === 'RG027').map((f) => f.severity);
    assert.deepEqual(severities.sort(), ['info', 'info', 'warning', 'warning']);
    // Where the number is written: the fix-less warning underlines "1.3" only.
    const at = findings.find((f) => f.message.startsWith('"1.3"'))!.range;
    assert.equal(tasks.split('\n')[at.start.line].slice(at.start.character, at.end.character), '1.3');
  });

  it("checks the task, and nothing else changes: the finding is gone and none appears", async () => {
    const { findings } = await run(files);
    const open = findings.find((f) => f.code === 'RG027' && f.message.startsWith('Task 1 is unchecked'))!;
    const fixed = applyFix(files, open.fixes![0]);
    assert.equal(fixed[`${DIR}/tasks.md`].split('\n')[2], '- [x] 1. Capacity checks');
    const after = keys((await run(fixed)).findings, 'RG027');
    assert.deepEqual(after, keys(findings, 'RG027').filter((k) => !k.includes('Task 1 is unchecked')));
  });

  it('says nothing where no .kiro/specs folder has a task list, or with the convention off', async () => {
    const moved = Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace('.kiro/specs', 'notes'), t]));
    assert.deepEqual(keys((await run(moved)).findings, 'RG027'), []);
    assert.deepEqual(keys((await run({ ...files, '.roadmap-governance.json': '{ "conventions": { "kiroSpecs": "off" } }' })).findings, 'RG027'), []);
  });

  it('reads no criteria from a requirements.md without Requirement N headings', async () => {
    const { findings } = await run({ ...files, [`${DIR}/requirements.md`]: '# Requirements\n\n- capacity is checked\n' });
    assert.deepEqual(keys(findings, 'RG027').filter((k) => k.includes('names no requirement')), []);
  });
});
