/**
 * A workspace of the shape of wycats/locald at its newest snapshot: a folder
 * of numbered RFCs whose front matter gives their stage (Ember style), no
 * roadmap, no implementation plans, and notes whose labelled code spans name
 * files outside the repository. A first run there must give few findings,
 * each true: before these cases, 115 RG016, 123 RG008, 120 RG007, 4 RG017 and
 * 8 false RG003 of that repository were noise.
 */
import { strict as assert } from 'node:assert';
import { keys, lines, run } from './rules/planRuleHelpers';

const rfc = (n: string, title: string, stage?: string, ...body: string[]) =>
  lines(...(stage === undefined ? [] : ['---', `title: "${title}"`, `stage: ${stage}`, 'feature: Architecture', '---', '']), `# RFC ${n}: ${title}`, '', '## Summary', '', ...body, '');

function locald(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'docs/rfcs/0001-project-name.md': rfc('0001', 'Project name', '3 # Recommended'),
    'docs/rfcs/0002-language-rust.md': rfc('0002', 'Language', '0 # 0: Strawman, 1: Accepted, 2: Available, 3: Recommended, 4: Stable', 'See [the name](0001-project-name.md).'),
    'docs/rfcs/0003-ipc.md': rfc('0003', 'IPC'),
    'docs/rfcs/0004-dashboard.md': lines('# RFC 0004: Dashboard', '', '**Status**: Stage 0 (Strawman)', '', '## Summary', ''),
    'docs/decisions.md': lines(
      '# Decisions',
      '',
      '- **Decision**: the daemon listens on `/tmp/locald.sock`.',
      '- **Decision**: user settings live in `~/.config/locald/config.toml`.',
      '- **Plan**: `${workspaceFolder}/docs/plan.toml`',
      '- **Design**: `/Users/me/src/locald/docs/rfcs/0003-ipc.md`',
      '- **Spec**: `docs/rfcs/0009-missing.md`',
      '',
      'Saved to [the transcript](docs/brainstorming/<filename>.md), one per [day](notes/{date}-{topic}.md).',
      '',
    ),
    ...extra,
  };
}

describe('an RFC folder with no roadmap (the locald layout)', () => {
  it('an RFC with a front matter stage is placed; only the one with neither stage, status nor date is reported (RG016)', async () => {
    const { findings } = await run(locald());
    assert.deepEqual(keys(findings, 'RG016'), ['docs/rfcs/0003-ipc.md:1 Plan has no date and no status: no **Date:** or **Status:** line, and no date in its file name.']);
  });

  it('an RFC process\'s stage is a known status (RG017)', async () => {
    const { findings } = await run(locald());
    assert.deepEqual(keys(findings, 'RG017'), []);
  });

  it('asks no design for an implementation plan where the workspace has none (RG008)', async () => {
    const { findings } = await run(locald());
    assert.deepEqual(keys(findings, 'RG008'), []);
  });

  it('asks the same once the team writes implementation plans', async () => {
    const { findings } = await run(locald({ 'docs/plans/2026-01-05-ipc-implementation.md': lines('# IPC plan', '', '**Date:** 2026-01-05', '', 'Builds [the RFC](../rfcs/0003-ipc.md).', '') }));
    assert.deepEqual(
      keys(findings, 'RG008').map((k) => k.split(' ')[0]),
      ['docs/rfcs/0001-project-name.md:7', 'docs/rfcs/0002-language-rust.md:7', 'docs/rfcs/0004-dashboard.md:1'],
    );
  });

  it('reports no orphan without a roadmap or an index, and names the index when there is one (RG007)', async () => {
    assert.deepEqual(keys((await run(locald())).findings, 'RG007'), []);
    const { findings } = await run(locald({ 'docs/rfcs/README.md': lines('# RFCs', '', '- [0001](0001-project-name.md)', '- `docs/rfcs/0003-ipc.md`', '') }));
    assert.deepEqual(keys(findings, 'RG007'), [
      // Linking 0001 does not make 0002 linked.
      'docs/rfcs/0002-language-rust.md:7 Neither the index docs/rfcs/README.md nor any other plan links to this plan or names its path (and there is no roadmap).',
      'docs/rfcs/0004-dashboard.md:1 Neither the index docs/rfcs/README.md nor any other plan links to this plan or names its path (and there is no roadmap).',
    ]);
  });

  it('checks code-span paths of the repository only, and no template placeholder (RG003)', async () => {
    const { findings } = await run(locald());
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG003').map((f) => `${f.range.start.line + 1} ${f.message.split(',')[0].split(':')[0]}`),
      [
        // The author's copy of a repository file: reported, with its repository path.
        '6 Link "/Users/me/src/locald/docs/rfcs/0003-ipc.md" is an absolute path on the author\'s machine',
        '7 "Spec" path "docs/rfcs/0009-missing.md" points to docs/rfcs/0009-missing.md',
      ],
    );
  });
});
