/**
 * `plans-folder`: dated plans in one folder, their kind in the file name
 * (`docs/plans/YYYY-MM-DD-<slug>-design.md`, `…-implementation.md`,
 * `…-implementation-plan.md`, `…-plan.md`). Unsuffixed dated files there are
 * implementation plans only by their label or link; their kind stays unknown.
 */
import { findFolders, isDated } from './folders';
import type { LayoutPreset } from './types';

const FOLDERS = ['docs/plans', 'plans', 'doc/plans', 'docs/planning'];

export const plansFolder: LayoutPreset = {
  kind: 'layout',
  name: 'plans-folder',
  summary: 'Dated plans in docs/plans/, kind from the file name suffix (-design, -implementation, -plan).',
  docs: 'docs/layouts.md#plans-folder',
  settings: { plans: ['docs/plans/**/*.md'] },
  detect: (files) => findFolders(files, FOLDERS.map((folder) => ({ folder, accept: isDated, min: 1, noun: 'dated plans' }))),
};
