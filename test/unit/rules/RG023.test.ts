import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, show } from './governance-fixture';

const PLAN = 'docs/plans/2026-02-01-parser-design.md';
const withStatus = (status: string) => {
  const files = baseWorkspace();
  files[PLAN] = files[PLAN].replace('**Status:** Approved', `**Status:** ${status}`);
  return files;
};

describe('RG023 checked-item-draft-plan', () => {
  it('is silent when a checked item links a plan that is not a draft', async () => {
    assert.deepEqual(show(await check(withStatus('Approved'), 'RG023')), []);
    assert.deepEqual(show(await check(withStatus('✅ Implemented (PR #3)'), 'RG023')), []);
  });

  it('reports a checked item whose plan is still Draft, on the link', async () => {
    const findings = await check(withStatus('Draft (Reference)'), 'RG023');
    assert.deepEqual(show(findings), ['docs/project/roadmap.md:9:26 "[Core] Parser" is checked, but docs/plans/2026-02-01-parser-design.md still says Status "Draft (Reference)".']);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].fixes![0].preferred, undefined, 'only the author knows: not applied by fix-all');
    const files = withStatus('Draft (Reference)');
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [PLAN]);
    assert.deepEqual(await check(fixed, 'RG023'), []);
  });

  it('counts other not-done statuses, and ignores open items', async () => {
    assert.equal((await check(withStatus('In Progress'), 'RG023')).length, 1);
    assert.equal((await check(withStatus('Placeholder (Planned)'), 'RG023')).length, 1);
    const open = withStatus('Draft');
    open['docs/project/roadmap.md'] = open['docs/project/roadmap.md'].replace('- [x] **[Core] Parser**', '- [ ] **[Core] Parser**');
    assert.deepEqual(show(await check(open, 'RG023')), []);
  });
});
