import { strict as assert } from 'node:assert';
import { baseWorkspace, check, fixAll, lines, show } from './governance-fixture';

const REGISTRY = 'docs/plans/PLAN_LIFECYCLE.md';
const OLD = 'docs/plans/2026-01-01-parser-design.md';

function workspace(row: string, oldPlan: string): Record<string, string> {
  const files = baseWorkspace();
  files[REGISTRY] = files[REGISTRY].replace('| current |', `| current |\n${row}`);
  files[OLD] = oldPlan;
  return files;
}

const OLD_PLAN = lines('# Parser (old) - Design', '', '**Lifecycle:** Superseded', '**Date:** 2026-01-01', '**Status:** Superseded', '', '## Design', '');

describe('RG013 superseded-without-successor', () => {
  it('is silent when the row names an existing successor that the old plan names', async () => {
    const files = workspace(
      '| `2026-01-01-parser-design.md` | Superseded | `2026-02-01-parser-design.md` | v2 |',
      OLD_PLAN.replace('**Date:**', '**Superseded By:** `2026-02-01-parser-design.md`\n**Date:**'),
    );
    assert.deepEqual(show(await check(files, 'RG013')), []);
  });

  it('reports a Superseded row without a successor', async () => {
    const files = workspace('| `2026-01-01-parser-design.md` | Superseded | - | replaced |', OLD_PLAN);
    assert.deepEqual(show(await check(files, 'RG013')), [
      `${REGISTRY}:6:48 docs/plans/2026-01-01-parser-design.md is Superseded but its row names no successor in Superseded By.`,
    ]);
  });

  it('reports a successor that does not exist', async () => {
    const files = workspace('| `2026-01-01-parser-design.md` | Superseded | `2026-03-01-gone-design.md` | v3 |', OLD_PLAN.replace('## Design', 'See `2026-03-01-gone-design.md`.\n\n## Design'));
    assert.deepEqual(show(await check(files, 'RG013')), [
      `${REGISTRY}:6:48 The successor of docs/plans/2026-01-01-parser-design.md, docs/plans/2026-03-01-gone-design.md, does not exist.`,
    ]);
  });

  it('reports an old plan whose text does not name its successor, and the fix adds a Superseded By line', async () => {
    const files = workspace('| `2026-01-01-parser-design.md` | Superseded | `2026-02-01-parser-design.md` | v2 |', OLD_PLAN);
    assert.deepEqual(show(await check(files, 'RG013')), [
      `${OLD}:3:1 docs/plans/2026-01-01-parser-design.md is Superseded by 2026-02-01-parser-design.md in ${REGISTRY}, but its text does not name 2026-02-01-parser-design.md.`,
    ]);
    const fixed = await fixAll(files, 'RG013');
    assert.equal(fixed[OLD], OLD_PLAN.replace('**Date:**', '**Superseded By:** `2026-02-01-parser-design.md`\n**Date:**'));
    assert.equal(fixed[REGISTRY], files[REGISTRY]);
  });

  it('reports a plan marked Superseded with no Superseded By line and no registry row', async () => {
    const files = { ...baseWorkspace(), [OLD]: OLD_PLAN };
    assert.deepEqual(show(await check(files, 'RG013')), [
      `${OLD}:3:1 docs/plans/2026-01-01-parser-design.md is marked Superseded but has no **Superseded By:** line naming its successor.`,
    ]);
  });

  it('reports a registry without its table', async () => {
    const files = { ...baseWorkspace(), [REGISTRY]: lines('# Plan Lifecycle Registry', '', 'Nothing yet.', '') };
    assert.deepEqual(show(await check(files, 'RG013')), [
      `${REGISTRY}:1:1 The lifecycle registry has no table: add one with the columns | Plan | Lifecycle | Superseded By | Notes |, a row for each plan that is superseded or replaces one.`,
    ]);
  });

  it('takes a table without rows as an empty registry: nothing is superseded yet', async () => {
    const files = { ...baseWorkspace(), [REGISTRY]: lines('# Plan Lifecycle Registry', '', '| Plan | Lifecycle | Superseded By | Notes |', '|------|-----------|---------------|-------|', '') };
    assert.deepEqual(show(await check(files, 'RG013')), []);
  });
});
