import type { Rule } from '../rule';
import type { Fix } from '../types';
import { docAnchor, insertMetadataLine, isCalendarDate } from '../lifecycle';
import { convention } from '../presets';
import { alignmentValues } from './changelog-alignment';

/**
 * RG019: the roadmap needs `**Current Phase:**` and `**Last Updated:**
 * YYYY-MM-DD` lines (outside list items); the changelog alignment block and
 * release notes are checked against them.
 */
export const roadmapMetadataMissing: Rule = {
  code: 'RG019',
  name: 'roadmap-metadata-missing',
  description: 'Roadmap without Current Phase or Last Updated YYYY-MM-DD metadata',
  defaultSeverity: 'error',
  tags: ['roadmap', 'metadata'],
  reads: ['roadmap', 'changelog'],
  check({ model, config, report, today }) {
    const roadmap = model.roadmap;
    if (!roadmap || !convention(model, 'roadmapMetadata').on) return;
    // Switched on by the config, both lines are required; found in the roadmap, the lines it has are checked.
    const required = config.conventions.roadmapMetadata === 'on';
    const doc = roadmap.doc;
    let recorded: ReturnType<typeof alignmentValues> | undefined;
    const alignment = () => (recorded ??= convention(model, 'changelogAlignment').on ? alignmentValues(model) : {});
    if (roadmap.currentPhase ? !roadmap.currentPhase.value.trim() : required) {
      // A numbered section (a phase, a milestone), not a plain one such as a Backlog.
      const numbered = roadmap.phases.filter((p) => p.kind !== 'section');
      const phase = numbered.find((p) => p.status === 'in-progress') ?? numbered.find((p) => p.status !== 'completed');
      // The changelog's Roadmap Alignment block, when it says, so that the two keep agreeing (RG020).
      const value = alignment().phase ?? (phase ? `${phase.label} (${phase.title})${phase.status === 'in-progress' ? ' - In Progress' : ''}` : undefined);
      const fixes: Fix[] | undefined = value
        ? [{ title: `Add "**Current Phase:** ${value}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, `**Current Phase:** ${value}`, { first: true })] }] }]
        : undefined;
      report({
        path: doc.path,
        range: roadmap.currentPhase?.range ?? docAnchor(doc),
        message: 'The roadmap has no **Current Phase:** line.',
        fixes: roadmap.currentPhase ? undefined : fixes,
      });
    }
    const updated = roadmap.lastUpdated;
    if (!updated && required) {
      const recorded = alignment().updated;
      const date = recorded ?? today;
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: 'The roadmap has no **Last Updated:** YYYY-MM-DD line.',
        fixes: [
          {
            title: `Add "**Last Updated:** ${date}"${recorded ? ` (the date ${config.changelog}'s Roadmap Alignment records)` : ''}`,
            preferred: true,
            steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, `**Last Updated:** ${date}`, roadmap.currentPhase ? { after: roadmap.currentPhase } : { first: true })] }],
          },
        ],
      });
    } else if (updated && !isCalendarDate(updated.value.trim())) {
      report({
        path: doc.path,
        range: updated.valueRange,
        message: `**Last Updated:** "${updated.value.trim()}" is not a date written YYYY-MM-DD (alone on the line).`,
      });
    }
  },
};
