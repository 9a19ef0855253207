/**
 * `decision-records`: architecture decision records, numbered
 * (`docs/adr/NNNN-title.md`, `ADR-NNNN-title.md`; Nygard or MADR style), in
 * the usual folders.
 */
import { folderLayout, isDated, isNumbered } from './folders';

export const decisionRecords = folderLayout({
  name: 'decision-records',
  summary: 'Numbered decision records (docs/adr/NNNN-title.md, docs/decisions/), Nygard or MADR metadata.',
  folders: ['docs/adr', 'docs/adrs', 'doc/adr', 'adr', 'docs/decisions', 'docs/architecture/decisions', 'docs/architecture/adr', 'decisions'],
  kind: 'decision',
  accept: (p) => isNumbered(p) || isDated(p),
  noun: 'numbered decision records',
});
