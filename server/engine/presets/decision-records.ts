/**
 * `decision-records`: architecture decision records, numbered
 * (`docs/adr/NNNN-title.md`, Nygard or MADR style), in the usual folders.
 */
import { findFolders, isDated, isNumbered } from './folders';
import type { LayoutPreset } from './types';

const FOLDERS = ['docs/adr', 'docs/adrs', 'doc/adr', 'adr', 'docs/decisions', 'docs/architecture/decisions', 'docs/architecture/adr', 'decisions'];

export const decisionRecords: LayoutPreset = {
  kind: 'layout',
  name: 'decision-records',
  summary: 'Numbered decision records (docs/adr/NNNN-title.md, docs/decisions/), Nygard or MADR metadata.',
  docs: 'docs/layouts.md#decision-records',
  settings: { plans: ['docs/adr/**/*.md', 'docs/decisions/**/*.md'], planKinds: { 'docs/adr/**': 'decision', 'docs/decisions/**': 'decision' } },
  detect: (files) =>
    findFolders(
      files,
      FOLDERS.map((folder) => ({ folder, kind: 'decision' as const, accept: (p: string) => isNumbered(p) || isDated(p), min: 1, noun: 'numbered decision records' })),
    ),
};
