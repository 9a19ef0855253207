import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, lines, show } from './governance-fixture';

const REGISTRY = 'docs/plans/PLAN_LIFECYCLE.md';
const ROADMAP = 'docs/project/roadmap.md';
const OLD = 'docs/plans/2026-01-01-parser-design.md';

function workspace(): Record<string, string> {
  const files = baseWorkspace();
  files[OLD] = lines('# Old', '', '**Lifecycle:** Superseded', '**Superseded By:** `2026-02-01-parser-design.md`', '**Date:** 2026-01-01', '**Status:** Superseded', '');
  files['docs/plans/2026-02-01-parser-design.md'] = files['docs/plans/2026-02-01-parser-design.md'].replace('**Date:**', '**Supersedes:** `2026-01-01-parser-design.md`\n**Date:**');
  files[REGISTRY] = files[REGISTRY].replace('| current |', '| current |\n| `2026-01-01-parser-design.md` | Superseded | `2026-02-01-parser-design.md` | v2 |');
  files[ROADMAP] = files[ROADMAP].replace('- [ ] **[Core] Checker**', '- [ ] **[Core] Checker** ([Design](../plans/2026-01-01-parser-design.md#design))');
  files['docs/notes.md'] = lines('# Notes', '', '**Design:** `docs/plans/2026-01-01-parser-design.md`', '');
  return files;
}

describe('RG015 link-to-superseded-plan', () => {
  it('is silent without superseded plans', async () => {
    assert.deepEqual(show(await check(baseWorkspace(), 'RG015')), []);
  });

  it('reports roadmap and other links to a superseded plan, not the supersession records', async () => {
    assert.deepEqual(show(await check(workspace(), 'RG015')), [
      `docs/notes.md:3:14 ${OLD} is superseded by docs/plans/2026-02-01-parser-design.md; link to the successor instead.`,
      `${ROADMAP}:10:27 ${OLD} is superseded by docs/plans/2026-02-01-parser-design.md; link to the successor instead.`,
    ]);
  });

  it('repoints each link to the successor in its own form, keeping the fragment', async () => {
    const files = workspace();
    let fixed = files;
    for (const f of await check(files, 'RG015')) fixed = applyFix(fixed, f.fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), ['docs/notes.md', ROADMAP]);
    assert.equal(fixed[ROADMAP], files[ROADMAP].replace('../plans/2026-01-01-parser-design.md#design', '../plans/2026-02-01-parser-design.md#design'));
    assert.equal(fixed['docs/notes.md'], files['docs/notes.md'].replace('docs/plans/2026-01-01', 'docs/plans/2026-02-01'));
    assert.deepEqual(await check(fixed, 'RG015'), []);
  });
});
