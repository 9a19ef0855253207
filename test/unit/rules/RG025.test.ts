/** RG025 phase-plan-drift on the GSD layout: .planning/ROADMAP.md with phases/NN-slug/NN-MM-PLAN.md and -SUMMARY.md. */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const ROADMAP = '.planning/ROADMAP.md';
const roadmap = (...plans: string[]) =>
  lines(
    '# Roadmap: Demo',
    '',
    '## Phases',
    '',
    '- [x] **Phase 1: Foundation** — scaffold (completed 2026-02-24)',
    '- [ ] **Phase 2: Layout** — responsive shell',
    '',
    '## Phase Details',
    '',
    '### Phase 1: Foundation',
    '**Plans**: 2 plans',
    '',
    'Plans:',
    '- [x] 01-01-PLAN.md — Scaffold',
    '- [x] 01-02: Store',
    '',
    '### Phase 2: Layout',
    '**Plans**: 3 plans',
    '',
    'Plans:',
    ...plans,
    '',
  );
const plan = (n: string) => lines('---', `phase: ${n.slice(0, 2)}`, 'type: execute', '---', '', `# Plan ${n}`, '');
const phases = {
  '.planning/phases/01-foundation/01-01-PLAN.md': plan('01-01'),
  '.planning/phases/01-foundation/01-01-SUMMARY.md': '# Summary\n',
  '.planning/phases/01-foundation/01-02-PLAN.md': plan('01-02'),
  '.planning/phases/01-foundation/01-02-SUMMARY.md': '# Summary\n',
  '.planning/phases/02-layout/02-01-PLAN.md': plan('02-01'),
  '.planning/phases/02-layout/02-01-SUMMARY.md': '# Summary\n',
  '.planning/phases/02-layout/02-02-PLAN.md': plan('02-02'),
  '.planning/phases/02-layout/02-03-PLAN.md': plan('02-03'),
  '.planning/phases/02-layout/02-CONTEXT.md': '# Context\n',
};

describe('RG025 phase-plan-drift (GSD phase plans)', () => {
  it('is silent when every listed plan agrees with its folder; the GSD files are not plans of other rules', async () => {
    const files = { [ROADMAP]: roadmap('- [x] 02-01-PLAN.md — Shell', '- [ ] 02-02-PLAN.md — Sheet', '- [ ] 02-03-PLAN.md — Toggle'), ...phases };
    const { findings } = await run(files);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`), []);
  });

  it('reports an executed plan left unchecked, and its fix ticks the box', async () => {
    const files = { [ROADMAP]: roadmap('- [ ] 02-01-PLAN.md — Shell', '- [ ] 02-02-PLAN.md — Sheet', '- [ ] 02-03-PLAN.md — Toggle'), ...phases };
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG025'), [`${ROADMAP}:21 Plan 02-01 has its summary (.planning/phases/02-layout/02-01-SUMMARY.md): it was executed, but the roadmap leaves it unchecked.`]);
    const finding = findings.find((f) => f.code === 'RG025')!;
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 20, character: 2 }, end: { line: 20, character: 5 } });
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed[ROADMAP], /^- \[x\] 02-01-PLAN\.md — Shell$/m);
    assert.deepEqual((await run(fixed)).findings, []);
  });

  it('reports a ticked plan without a summary (info), a listed plan the folder lacks, and a plan file the list leaves out (info)', async () => {
    const files: Record<string, string> = { [ROADMAP]: roadmap('- [x] 02-01-PLAN.md — Shell', '- [x] 02-02-PLAN.md — Sheet', '- [ ] 02-04-PLAN.md — Polish'), ...phases };
    const { findings } = await run(files);
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG025').map((f) => `${f.severity} ${f.range.start.line + 1} ${f.message}`),
      [
        'info 17 .planning/phases/02-layout/02-03-PLAN.md is not in the roadmap\'s list of Phase 2\'s plans.',
        'info 22 Plan 02-02 is checked, but 02-02-SUMMARY.md does not exist beside it: was it executed?',
        'warning 23 Plan 02-04 is listed, but .planning/phases/02-layout/ has no 02-04-PLAN.md (nor its summary).',
      ],
    );
  });

  it('is off without plans in a phases folder beside the roadmap, and with conventions.phasePlans "off"', async () => {
    const files = { [ROADMAP]: roadmap('- [ ] 02-01-PLAN.md — Shell'), ...phases };
    assert.deepEqual(keys((await run({ ...files, '.roadmap-governance.json': JSON.stringify({ conventions: { phasePlans: 'off' } }) })).findings, 'RG025'), []);
    const elsewhere = Object.fromEntries(Object.entries(phases).map(([p, t]) => [p.replace('.planning/phases/', 'work/phases/'), t]));
    assert.deepEqual(keys((await run({ [ROADMAP]: roadmap('- [ ] 02-01-PLAN.md — Shell'), ...elsewhere })).findings, 'RG025'), []);
  });
});
