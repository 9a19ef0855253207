import type { WorkspaceModel } from '../model';
import type { Rule } from '../rule';
import type { Fix, TextEdit } from '../types';
import { range } from '../types';
import { docAnchor, isCalendarDate, textLines } from '../lifecycle';
import { convention } from '../presets';

const PHASE_LINE = /^(\s*[-*+]\s+Current roadmap phase:)(\s*)(.*?)\s*$/i;
const UPDATED_LINE = /^(\s*[-*+]\s+Roadmap last updated:)(\s*)(.*?)\s*$/i;

/**
 * What the changelog's first Roadmap Alignment block says (placeholders such
 * as `<YYYY-MM-DD>` left out): where the roadmap stood, for a roadmap that
 * lacks its own lines.
 */
export function alignmentValues(model: WorkspaceModel): { phase?: string; updated?: string } {
  const doc = model.docs.get(model.config.changelog);
  if (!doc) return {};
  const lines = textLines(doc);
  const start = lines.findIndex((l) => /^###\s+roadmap alignment\s*$/i.test(l.trim()));
  if (start < 0) return {};
  const out: { phase?: string; updated?: string } = {};
  for (let l = start + 1; l < lines.length && !/^#{1,3}\s/.test(lines[l]); l++) {
    const phase = PHASE_LINE.exec(lines[l])?.[3];
    const updated = UPDATED_LINE.exec(lines[l])?.[3];
    if (phase && out.phase === undefined && !/^<.*>$/.test(phase)) out.phase = phase;
    if (updated && out.updated === undefined && isCalendarDate(updated)) out.updated = updated;
  }
  return out;
}

/**
 * RG020: CHANGELOG's `[Unreleased]` section must carry a `### Roadmap
 * Alignment` block whose `- Current roadmap phase:` and `- Roadmap last
 * updated:` lines repeat the roadmap's `**Current Phase:**` and
 * `**Last Updated:**`, so a release records where the roadmap stood.
 */
export const changelogAlignment: Rule = {
  code: 'RG020',
  name: 'changelog-alignment',
  description: 'CHANGELOG [Unreleased] Roadmap Alignment block missing or disagreeing with the roadmap',
  defaultSeverity: 'error',
  tags: ['changelog', 'roadmap'],
  reads: ['roadmap', 'changelog'],
  check({ model, config, report }) {
    const doc = model.docs.get(config.changelog);
    if (!doc || !convention(model, 'changelogAlignment').on) return;
    const lines = textLines(doc);
    const phase = model.roadmap?.currentPhase?.value.trim() || undefined;
    const updatedRaw = model.roadmap?.lastUpdated?.value.trim();
    const updated = updatedRaw && isCalendarDate(updatedRaw) ? updatedRaw : undefined;
    const block = (p = phase ?? '<current roadmap phase>', u = updated ?? '<YYYY-MM-DD>') =>
      `### Roadmap Alignment\n- Current roadmap phase: ${p}\n- Roadmap last updated: ${u}\n`;
    const canFix = phase !== undefined && updated !== undefined;
    const headings = doc.summary.headings;
    const unreleasedIndex = headings.findIndex((h) => h.depth === 2 && /^\[?\s*unreleased\s*\]?$/i.test(h.text.trim()));
    if (unreleasedIndex < 0) {
      const firstRelease = headings.find((h) => h.depth === 2);
      const edit: TextEdit = firstRelease
        ? { range: range(firstRelease.range.start.line, 0), newText: `## [Unreleased]\n\n${block()}\n` }
        : { range: range(lines.length - 1, lines[lines.length - 1].length), newText: `${lines[lines.length - 1] === '' ? '' : '\n'}\n## [Unreleased]\n\n${block()}` };
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: `${doc.path} has no ## [Unreleased] section (with its ### Roadmap Alignment block).`,
        fixes: canFix ? [{ title: 'Add an [Unreleased] section with the Roadmap Alignment block', preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [edit] }] }] : undefined,
      });
      return;
    }
    const unreleased = headings[unreleasedIndex];
    let sectionEnd = lines.length - 1;
    for (let j = unreleasedIndex + 1; j < headings.length; j++) {
      if (headings[j].depth <= 2) {
        sectionEnd = headings[j].range.start.line - 1;
        break;
      }
    }
    const alignIndex = headings.findIndex(
      (h, j) => j > unreleasedIndex && h.range.start.line <= sectionEnd && h.depth === 3 && /^roadmap alignment$/i.test(h.text.trim()),
    );
    if (alignIndex < 0) {
      const at = unreleased.range.end.line;
      const next = lines[at + 1];
      const edit: TextEdit =
        next === undefined
          ? { range: range(at, lines[at].length), newText: `\n\n${block().replace(/\n$/, '')}` }
          : { range: range(at + 1, 0), newText: next.trim() === '' ? `\n${block()}` : `\n${block()}\n` };
      report({
        path: doc.path,
        range: unreleased.range,
        message: 'The [Unreleased] section has no ### Roadmap Alignment block (current roadmap phase and last-updated date).',
        fixes: canFix ? [{ title: 'Insert the Roadmap Alignment block from the roadmap', preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [edit] }] }] : undefined,
        data: { phase, updated },
      });
      return;
    }
    const align = headings[alignIndex];
    let blockEnd = sectionEnd;
    for (let j = alignIndex + 1; j < headings.length; j++) {
      if (headings[j].depth <= 3) {
        blockEnd = Math.min(blockEnd, headings[j].range.start.line - 1);
        break;
      }
    }
    const checks: { name: string; pattern: RegExp; label: string; expected?: string; validDate?: boolean }[] = [
      { name: 'phase', pattern: PHASE_LINE, label: 'Current roadmap phase', expected: phase },
      { name: 'updated', pattern: UPDATED_LINE, label: 'Roadmap last updated', expected: updated, validDate: true },
    ];
    let lastBullet = align.range.end.line;
    for (let l = align.range.end.line + 1; l <= blockEnd; l++) if (/^\s*[-*+]\s/.test(lines[l])) lastBullet = l;
    for (const c of checks) {
      let found = false;
      for (let l = align.range.end.line + 1; l <= blockEnd; l++) {
        const m = c.pattern.exec(lines[l]);
        if (!m) continue;
        found = true;
        const value = m[3];
        const from = m[1].length + m[2].length;
        const valueRange = range(l, from, l, from + value.length);
        const fix = (text: string): Fix[] | undefined =>
          c.expected !== undefined ? [{ title: `Set it to "${c.expected}" from the roadmap`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: valueRange, newText: text }] }] }] : undefined;
        if (c.validDate && !isCalendarDate(value)) {
          report({ path: doc.path, range: range(l, 0, l, lines[l].length), message: `"- ${c.label}:" must be a date YYYY-MM-DD, not "${value}".`, fixes: fix(c.expected ?? ''), data: { field: c.name } });
        } else if (c.expected !== undefined && value !== c.expected) {
          report({
            path: doc.path,
            range: range(l, 0, l, lines[l].length),
            message: `${c.label} "${value}" disagrees with the roadmap (${model.roadmap!.path}): "${c.expected}".`,
            fixes: fix(c.expected),
            data: { field: c.name, changelog: value, roadmap: c.expected },
          });
        }
        break;
      }
      if (!found) {
        const text = `- ${c.label}: ${c.expected ?? ''}`;
        report({
          path: doc.path,
          range: align.range,
          message: `The Roadmap Alignment block has no "- ${c.label}:" line.`,
          fixes:
            c.expected !== undefined
              ? [{ title: `Add "${text}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: range(lastBullet, lines[lastBullet].length), newText: `\n${text}` }] }] }]
              : undefined,
          data: { field: c.name },
        });
      }
    }
  },
};
