import { itemsWithin, type Phase, type PhaseStatus } from '../model';
import type { TableInfo } from '../markdown/parse';
import { rangeKey, ReportMemo, type Rule } from '../rule';
import { detached } from '../detach';
import type { Fix } from '../types';

import { cellContentRange, textLines } from '../lifecycle';

/**
 * RG024: a roadmap status table (a table with a Phase column and a
 * Completion or Status column, like "Quick Status Overview") that disagrees
 * with the phase sections. Counting: the roadmap items of the phase and of its
 * sub-phases (nested task items are sub-tasks, plain bullets are notes; rows of
 * a status table in the phase are items); done = checked ones.
 * The completion cell's "(done/total)" must equal the counts and its percent
 * must equal done/total to the precision written; the status cell must match
 * the phase heading's marker (✅ completed, 🔄 in progress, 📋 planned) when
 * the heading has one.
 */
export const statusTableDrift: Rule = {
  code: 'RG024',
  name: 'status-table-drift',
  description: "Roadmap status table whose completion or status disagrees with the phase's items or heading",
  defaultSeverity: 'warning',
  tags: ['roadmap', 'drift'],
  check(context) {
    const { model } = context;
    const roadmap = model.roadmap;
    if (!roadmap) return;
    const memo = new ReportMemo(context, 'status-table-drift');
    const doc = roadmap.doc;
    const lines = textLines(doc);
    const phases = new Map(roadmap.phases.filter((p) => p.kind === 'phase').map((p) => [p.number, p]));
    for (const table of doc.summary.tables) {
      const cols = statusColumns(table);
      if (!cols) continue;
      for (const row of table.rows) {
        const phaseCell = row.cells[cols.phase];
        const num = /\bPhase\s+(\d+(?:\.\d+)*)/i.exec(phaseCell?.text ?? '')?.[1];
        const phase = num !== undefined ? phases.get(num) : undefined;
        if (!phase) continue;
        // The phase's items and its sub-phases' (Phase 7 counts 7.1 and 7a).
        const items = itemsWithin(roadmap, phase);
        const total = items.length;
        const done = items.filter((i) => i.checked).length;
        const completionCell = cols.completion >= 0 ? row.cells[cols.completion] : undefined;
        if (completionCell && total > 0) {
          const where = cellContentRange(doc, completionCell);
          const text = lines[where.start.line].slice(where.start.character, where.end.character);
          const problem = completionProblem(text, done, total);
          if (problem) {
            // Everything the report says: a row the user did not touch keeps its report while they type elsewhere.
            const key = ['completion', doc.path, rangeKey(where), text, phase.number, done, total].join('\u0000');
            memo.report(key, () => {
              const fixed = rewriteCompletion(text, done, total);
              const fixes: Fix[] | undefined =
                fixed !== text ? [{ title: detached(`Change to "${fixed}"`), preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: where, newText: detached(fixed) }] }] }] : undefined;
              return {
                path: doc.path,
                range: where,
                message: detached(`Phase ${phase.number} completion "${text}" disagrees with the roadmap: ${done} of ${total} top-level items are checked (${formatPercent((done / total) * 100, 2)}%).`),
                fixes,
                data: { phase: detached(phase.number), done, total, written: detached(text) },
              };
            });
          }
        }
        const statusCell = cols.status >= 0 ? row.cells[cols.status] : undefined;
        if (statusCell && phase.status !== 'unknown') {
          const written = statusOf(statusCell.text);
          if (written && written !== phase.status) {
            const where = cellContentRange(doc, statusCell);
            const heading = phase.status;
            const headingLine = phase.heading.range.start.line;
            const key = ['status', doc.path, rangeKey(where), statusCell.text, written, phase.number, heading, headingLine].join('\u0000');
            memo.report(key, () => ({
              path: doc.path,
              range: where,
              message: detached(`Phase ${phase.number} status "${statusCell.text}" disagrees with its heading, which says ${label(heading)} (line ${headingLine + 1}).`),
              fixes: [{ title: `Change to "${STATUS_TEXT[heading]}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: where, newText: STATUS_TEXT[heading] }] }] }],
              data: { phase: detached(phase.number), written, heading },
            }));
          }
        }
      }
    }
  },
};

const STATUS_TEXT: Record<Exclude<PhaseStatus, 'unknown'>, string> = { completed: '✅ Complete', 'in-progress': '🔄 In Progress', planned: '📋 Planned' };

function label(status: Phase['status']): string {
  return status === 'completed' ? 'completed (✅)' : status === 'in-progress' ? 'in progress (🔄)' : status === 'planned' ? 'planned (📋)' : 'nothing';
}

function statusColumns(table: TableInfo): { phase: number; completion: number; status: number } | undefined {
  const header = table.header.map((h) => h.toLowerCase().trim());
  const phase = header.findIndex((h) => h === 'phase');
  const completion = header.findIndex((h) => /completion|progress|%|done/.test(h));
  const status = header.findIndex((h) => h === 'status' || h === 'state');
  if (phase < 0 || (completion < 0 && status < 0)) return undefined;
  return { phase, completion, status };
}

function statusOf(text: string): Exclude<PhaseStatus, 'unknown'> | undefined {
  if (/✅|\bcomplete(d)?\b|\bdone\b/i.test(text)) return 'completed';
  if (/🔄|\bin progress\b|\bactive\b/i.test(text)) return 'in-progress';
  if (/📋|\bplanned\b|\bnot started\b/i.test(text)) return 'planned';
  return undefined;
}

const PERCENT = /(\d+(?:\.\d+)?)\s*%/;
const FRACTION = /\(\s*(\d+)\s*\/\s*(\d+)\s*\)/;

/** What is wrong with a completion cell, or undefined when it agrees with done/total. */
function completionProblem(text: string, done: number, total: number): string | undefined {
  const fraction = FRACTION.exec(text);
  if (fraction && (Number(fraction[1]) !== done || Number(fraction[2]) !== total)) return 'fraction';
  const percent = PERCENT.exec(text);
  if (percent) {
    const decimals = percent[1].split('.')[1]?.length ?? 0;
    const actual = (done / total) * 100;
    // Agrees when rounding or truncating the true figure to the written precision gives the written one.
    const step = 10 ** -decimals;
    const written = Number(percent[1]);
    const rounded = Math.round(actual / step) * step;
    const truncated = Math.floor(actual / step + 1e-9) * step;
    if (Math.abs(written - rounded) > step / 1000 && Math.abs(written - truncated) > step / 1000) return 'percent';
  }
  return undefined;
}

function formatPercent(value: number, decimals: number): string {
  return Number(value.toFixed(decimals)).toString();
}

/** The cell text with the percent and the fraction recomputed, everything else kept. */
function rewriteCompletion(text: string, done: number, total: number): string {
  const decimals = Math.max(2, PERCENT.exec(text)?.[1].split('.')[1]?.length ?? 0);
  let out = text.replace(PERCENT, () => `${formatPercent((done / total) * 100, decimals)}%`);
  out = out.replace(FRACTION, `(${done}/${total})`);
  if (!FRACTION.test(text) && PERCENT.test(text) && done > 0 && done < total) out = out.replace(/%/, `% (${done}/${total})`);
  return out;
}
