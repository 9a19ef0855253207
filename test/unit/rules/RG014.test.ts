import { strict as assert } from 'node:assert';
import { applyFix, baseWorkspace, changedFiles, check, lines, show } from './governance-fixture';

const REGISTRY = 'docs/plans/PLAN_LIFECYCLE.md';
const OLD = 'docs/plans/2026-01-01-parser-design.md';
const NEW = 'docs/plans/2026-02-01-parser-design.md';

const OLD_PLAN = lines('# Parser (old) - Design', '', '**Lifecycle:** Superseded', '**Superseded By:** `2026-02-01-parser-design.md`', '**Date:** 2026-01-01', '**Status:** Superseded', '');
const NEW_PLAN = lines('# Parser - Design', '', '**Lifecycle:** Active', '**Supersedes:** `2026-01-01-parser-design.md`', '**Date:** 2026-02-01', '**Status:** Approved', '');
const ROW = '| `2026-01-01-parser-design.md` | Superseded | `2026-02-01-parser-design.md` | v2 |';

function mutual(): Record<string, string> {
  const files = baseWorkspace();
  files[OLD] = OLD_PLAN;
  files[NEW] = NEW_PLAN;
  files[REGISTRY] = files[REGISTRY].replace('| current |', `| current |\n${ROW}`);
  return files;
}

describe('RG014 supersession-not-mutual', () => {
  it('is silent when both plans and the registry agree', async () => {
    assert.deepEqual(show(await check(mutual(), 'RG014')), []);
  });

  it('reports Superseded By without Supersedes, and the fix adds it to the new plan only', async () => {
    const files = mutual();
    files[NEW] = NEW_PLAN.replace('**Supersedes:** `2026-01-01-parser-design.md`\n', '');
    const findings = await check(files, 'RG014');
    assert.deepEqual(show(findings), [
      `${OLD}:4:1 Supersession of ${OLD} by ${NEW} is not recorded everywhere: ${NEW} has no **Supersedes:** naming ${OLD}.`,
    ]);
    assert.equal(findings[0].severity, 'warning');
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [NEW]);
    assert.equal(fixed[NEW], NEW_PLAN);
    assert.deepEqual(await check(fixed, 'RG014'), []);
  });

  it('reports Supersedes without Superseded By and a registry that does not record it; one fix completes both files and the registry', async () => {
    const files = baseWorkspace();
    files[OLD] = lines('# Parser (old) - Design', '', '**Date:** 2026-01-01', '**Status:** Approved', '');
    files[NEW] = NEW_PLAN;
    const findings = await check(files, 'RG014');
    assert.deepEqual(show(findings), [
      `${NEW}:4:1 Supersession of ${OLD} by ${NEW} is not recorded everywhere: ${OLD} has no **Superseded By:** naming ${NEW}; ${REGISTRY} does not record ${OLD} as Superseded by ${NEW}.`,
    ]);
    const fix = findings[0].fixes![0];
    assert.deepEqual(fix.steps.map((s) => s.path).sort(), [REGISTRY, OLD].sort());
    const fixed = applyFix(files, fix);
    assert.deepEqual(changedFiles(files, fixed), [REGISTRY, OLD].sort());
    assert.equal(
      fixed[OLD],
      lines('# Parser (old) - Design', '', '**Lifecycle:** Superseded', '**Superseded By:** `2026-02-01-parser-design.md`', '**Date:** 2026-01-01', '**Status:** Approved', ''),
    );
    assert.equal(fixed[REGISTRY], files[REGISTRY].replace('| current |', `| current |\n| \`2026-01-01-parser-design.md\` | Superseded | \`2026-02-01-parser-design.md\` |  |`));
    assert.deepEqual(await check(fixed, 'RG014'), []);
    assert.deepEqual(show(await check(fixed, 'RG012')), [], 'the markers agree with the registry after the fix');
    assert.deepEqual(show(await check(fixed, 'RG013')), []);
  });

  it('reports a registry that says the old plan is still Active, and fixes the row', async () => {
    const files = mutual();
    files[REGISTRY] = files[REGISTRY].replace(ROW, '| `2026-01-01-parser-design.md` | Active | - | stale |');
    const findings = await check(files, 'RG014');
    assert.deepEqual(show(findings), [`${OLD}:4:1 Supersession of ${OLD} by ${NEW} is not recorded everywhere: ${REGISTRY} does not record ${OLD} as Superseded by ${NEW}.`]);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.deepEqual(changedFiles(files, fixed), [REGISTRY]);
    assert.equal(fixed[REGISTRY], files[REGISTRY].replace('| Active | - | stale |', '| Superseded | `2026-02-01-parser-design.md` | stale |'));
    assert.deepEqual(await check(fixed, 'RG014'), []);
  });
});
