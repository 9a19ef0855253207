/**
 * `roadmap-metadata`: the roadmap says where it stands, `**Current Phase:**`
 * and `**Last Updated:** YYYY-MM-DD` (RG019). Shown by either line.
 */
import type { ConventionPreset } from './types';

export const roadmapMetadata: ConventionPreset = {
  kind: 'convention',
  name: 'roadmap-metadata',
  convention: 'roadmapMetadata',
  summary: 'The roadmap has **Current Phase:** and **Last Updated:** lines (RG019; RG022 when the roadmap is missing and required).',
  docs: 'docs/layouts.md#roadmap-metadata',
  settings: { conventions: { roadmapMetadata: 'on' } },
  evidence(model) {
    const roadmap = model.roadmap;
    const line = roadmap?.currentPhase ?? roadmap?.lastUpdated;
    return line ? `${roadmap!.path} has a **${line.label}:** line (line ${line.line + 1})` : undefined;
  },
};
