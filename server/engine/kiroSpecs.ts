/**
 * Kiro's spec folders: `.kiro/specs/<feature>/` (at the root or under a
 * subproject) with `requirements.md`, `design.md` and `tasks.md`.
 */
import { type FeatureFolder, featureFolders } from './featureFolders';
import type { WorkspaceModel } from './model';

export type KiroFeature = FeatureFolder<'requirements' | 'design' | 'tasks'>;

const ROLES: Record<string, 'requirements' | 'design' | 'tasks'> = { 'requirements.md': 'requirements', 'design.md': 'design', 'tasks.md': 'tasks' };

/** The Kiro feature folders of the workspace, sorted by folder. */
export function kiroFeatures(model: WorkspaceModel): readonly KiroFeature[] {
  return featureFolders(model, 'kiro-specs', (parts) => {
    const n = parts.length;
    return n >= 4 && parts[n - 3] === 'specs' && parts[n - 4] === '.kiro' ? ROLES[parts[n - 1]] : undefined;
  });
}
