/**
 * Spec-kit feature folders: the layout GitHub's spec-kit ("Spec-Driven
 * Development") writes, one folder per feature, `specs/NNN-slug/` (at the
 * root, under a subproject, or in `.specify/specs/`), holding the feature's
 * `spec.md` (with a `**Status**:` line), its `plan.md` and its `tasks.md`
 * (the tasks as task items, `- [x] T001 …`).
 */
import { type FeatureFolder, featureFolders } from './featureFolders';
import type { WorkspaceModel } from './model';

/** A feature folder (`specs/001-photo-albums`) with its `spec.md`, `plan.md` and `tasks.md` as far as they exist. */
export type SpecKitFeature = FeatureFolder<'spec' | 'plan' | 'tasks'>;

/** `001-photo-albums`: three or more digits, a dash, a slug. */
const FEATURE_FOLDER = /^\d{3,}-[^/]+$/;
const ROLES: Record<string, 'spec' | 'plan' | 'tasks'> = { 'spec.md': 'spec', 'plan.md': 'plan', 'tasks.md': 'tasks' };

/** The spec-kit feature folders of the workspace (those with a spec, plan or tasks file), sorted by folder. */
export function specKitFeatures(model: WorkspaceModel): readonly SpecKitFeature[] {
  return featureFolders(model, 'spec-kit', (parts) => {
    const n = parts.length;
    return n >= 3 && parts[n - 3] === 'specs' && FEATURE_FOLDER.test(parts[n - 2]) ? ROLES[parts[n - 1]] : undefined;
  });
}
