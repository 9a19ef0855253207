/** RG026 spec-kit-drift on GitHub spec-kit feature folders: specs/NNN-slug/ with spec.md, plan.md and tasks.md. */
import { strict as assert } from 'node:assert';
import { convention } from '../../../server/engine/presets';
import { applyFix, keys, lines, run } from './planRuleHelpers';

const spec = (title: string, status: string) =>
  lines(`# Feature Specification: ${title}`, '', `**Feature Branch**: \`${title}\`  `, '**Created**: 2025-09-30  ', `**Status**: ${status}  `, '**Input**: User description', '', '## User Scenarios & Testing', '', '**Status**: ✅ PASSED', '');
const plan = (title: string) => lines(`# Implementation Plan: ${title}`, '', `**Branch**: \`${title}\` | **Date**: 2025-10-01 | **Spec**: [spec.md](spec.md)`, '', '## Summary', '');
const tasks = (...boxes: string[]) => lines('# Tasks: Demo', '', '## Phase 1: Setup', '', ...boxes.map((b, i) => `- [${b}] T${String(i + 1).padStart(3, '0')} [P] [US1] Task ${i + 1}`), '');

const feature = (folder: string, status: string, ...boxes: string[]) => ({
  [`${folder}/spec.md`]: spec(folder.split('/').pop()!, status),
  [`${folder}/plan.md`]: plan(folder.split('/').pop()!),
  [`${folder}/tasks.md`]: tasks(...boxes),
  [`${folder}/research.md`]: '# Research\n',
});

const agreeing = {
  ...feature('specs/001-albums', 'Complete', 'x', 'x', 'X'),
  ...feature('specs/002-sharing', 'Draft', 'x', ' ', ' '),
  '.specify/memory/constitution.md': '# Constitution\n',
};

describe('RG026 spec-kit-drift (spec-kit feature folders)', () => {
  it('is silent when each spec agrees with its tasks; the feature files are not plans of other rules', async () => {
    const { findings, engine } = await run(agreeing);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.path}:${f.range.start.line + 1} ${f.message}`), []);
    assert.equal(convention(engine.model(), 'specKit').why, 'detected: specs has 2 spec-kit feature folders (NNN-slug/spec.md)');
  });

  it('reports a Draft spec whose tasks are all checked, and its fix marks it Complete', async () => {
    const files = { ...agreeing, ...feature('specs/003-export', 'Draft', 'x', 'x', 'x') };
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG026'), ['specs/003-export/spec.md:5 All 3 tasks in specs/003-export/tasks.md are checked, but the spec\'s status is still "Draft".']);
    const finding = findings.find((f) => f.code === 'RG026')!;
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } });
    const fixed = applyFix(files, finding.fixes![0]);
    // The label, and the line break's trailing spaces, stay.
    assert.match(fixed['specs/003-export/spec.md'], /^\*\*Status\*\*: Complete {2}$/m);
    assert.deepEqual((await run(fixed)).findings, []);
  });

  it('keeps what follows the status word, and reads it in bold, with an emoji or in lower case', async () => {
    for (const [status, after] of [
      ['Draft - Comprehensive Revision', 'Complete - Comprehensive Revision'],
      ['**Draft**', '**Complete**'],
      ['📝 in progress (since 2025-10-02)', '📝 Complete (since 2025-10-02)'],
    ]) {
      const files = { ...agreeing, ...feature('specs/003-export', status, 'x') };
      const { findings } = await run(files);
      assert.deepEqual(keys(findings, 'RG026'), [`specs/003-export/spec.md:5 All 1 task in specs/003-export/tasks.md is checked, but the spec's status is still "${status}".`], status);
      const fixed = applyFix(files, findings.find((f) => f.code === 'RG026')!.fixes![0]);
      assert.ok(fixed['specs/003-export/spec.md'].includes(`**Status**: ${after}  \n`), status);
      assert.deepEqual((await run(fixed)).findings, [], status);
    }
  });

  it('reports a Complete spec with unchecked tasks (info)', async () => {
    const files = { ...agreeing, ...feature('backend/specs/010-merkle', 'Complete', 'x', ' ', ' ', 'x', ' ') };
    const { findings } = await run(files);
    const mine = findings.filter((f) => f.code === 'RG026');
    assert.deepEqual(mine.map((f) => `${f.severity} ${f.path}:${f.range.start.line + 1} ${f.message}`), ['info backend/specs/010-merkle/spec.md:5 Spec is marked Complete, but 3 of 5 tasks in backend/specs/010-merkle/tasks.md are unchecked.']);
    assert.equal(mine[0].fixes, undefined);
  });

  it('reports a plan without its spec, and tasks without their plan (info), on their titles', async () => {
    const files = {
      ...agreeing,
      'specs/004-search/plan.md': plan('004-search'),
      'specs/005-import/spec.md': spec('005-import', 'Draft'),
      'specs/005-import/tasks.md': tasks('x', 'x'),
    };
    const { findings } = await run(files);
    assert.deepEqual(
      findings.filter((f) => f.code === 'RG026').map((f) => `${f.severity} ${f.path}:${f.range.start.line + 1} ${f.message}`),
      [
        'warning specs/004-search/plan.md:1 This plan has no spec: specs/004-search/ has no spec.md.',
        'warning specs/005-import/spec.md:5 All 2 tasks in specs/005-import/tasks.md are checked, but the spec\'s status is still "Draft".',
        'info specs/005-import/tasks.md:1 These tasks have no plan: specs/005-import/ has no plan.md.',
      ],
    );
  });

  it('says nothing of a status it does not know, of a task list without tasks, nor of a Status below the header', async () => {
    const files = {
      ...agreeing,
      ...feature('specs/003-export', 'Design Complete', 'x'),
      ...feature('specs/004-search', 'Complete', ' '),
      'specs/004-search/tasks.md': '# Tasks\n\nNone yet.\n',
      'specs/005-import/spec.md': lines('# 功能规格: 导入', '', '**状态**: 草稿', ''),
      'specs/005-import/plan.md': plan('005-import'),
      'specs/005-import/tasks.md': tasks('x'),
      'specs/006-audit/spec.md': lines('# Feature Specification: Audit', '', '## Review', '', '**Status**: Draft', ''),
      'specs/006-audit/plan.md': plan('006-audit'),
      'specs/006-audit/tasks.md': tasks('x'),
    };
    assert.deepEqual(keys((await run(files)).findings, 'RG026'), []);
  });

  it('finds feature folders in .specify/specs and under a subproject', async () => {
    const files = { ...feature('.specify/specs/001-albums', 'Draft', 'x'), ...feature('backend/specs/0002-sync', 'Draft', 'x') };
    const { findings, engine } = await run(files);
    assert.deepEqual(keys(findings, 'RG026').map((k) => k.slice(0, k.indexOf(':'))), ['.specify/specs/001-albums/spec.md', 'backend/specs/0002-sync/spec.md']);
    assert.equal(convention(engine.model(), 'specKit').why, 'detected: .specify/specs, backend/specs have 2 spec-kit feature folders (NNN-slug/spec.md)');
  });

  it('follows edits of tasks.md and spec.md in the editor (what it reads is declared)', async () => {
    const files = { ...agreeing, ...feature('specs/003-export', 'Draft', 'x', ' ') };
    const { engine } = await run(files);
    assert.deepEqual(keys(engine.check(), 'RG026'), []);
    engine.setOverlay('specs/003-export/tasks.md', tasks('x', 'x'));
    assert.deepEqual(keys(engine.check(), 'RG026'), ['specs/003-export/spec.md:5 All 2 tasks in specs/003-export/tasks.md are checked, but the spec\'s status is still "Draft".']);
    engine.setOverlay('specs/003-export/spec.md', spec('003-export', 'Implemented'));
    assert.deepEqual(keys(engine.check(), 'RG026'), []);
    engine.setOverlay('specs/003-export/tasks.md', tasks('x', ' '));
    assert.deepEqual(keys(engine.check(), 'RG026'), ['specs/003-export/spec.md:5 Spec is marked Implemented, but 1 of 2 tasks in specs/003-export/tasks.md is unchecked.']);
  });

  it('is off with conventions.specKit "off", and not detected in a specs/ folder of other documents', async () => {
    const drifting = { ...agreeing, ...feature('specs/003-export', 'Draft', 'x'), 'specs/004-search/plan.md': plan('004-search') };
    assert.deepEqual(keys((await run({ ...drifting, '.roadmap-governance.json': JSON.stringify({ conventions: { specKit: 'off' } }) })).findings, 'RG026'), []);
    const other = { 'specs/api.md': '# API\n\n**Status**: Draft\n', 'specs/v1/spec.md': spec('v1', 'Draft'), 'specs/v1/tasks.md': tasks('x'), 'specs/01-short/spec.md': spec('01-short', 'Draft'), 'specs/01-short/tasks.md': tasks('x'), 'specs/004-search/plan.md': plan('004-search') };
    const { findings, engine } = await run(other);
    assert.deepEqual(keys(findings, 'RG026'), []);
    assert.equal(convention(engine.model(), 'specKit').why, 'not detected');
    // Switched on, a plan without a spec is reported even where nothing else shows the convention.
    const on = await run({ ...other, '.roadmap-governance.json': JSON.stringify({ conventions: { specKit: 'on' } }) });
    assert.deepEqual(keys(on.findings, 'RG026'), ['specs/004-search/plan.md:1 This plan has no spec: specs/004-search/ has no spec.md.']);
  });
});
