/**
 * Spec-kit feature folders: the layout GitHub's spec-kit ("Spec-Driven
 * Development") writes, one folder per feature, `specs/NNN-slug/` (at the
 * root, under a subproject, or in `.specify/specs/`), holding the feature's
 * `spec.md` (with a `**Status**:` line), its `plan.md` and its `tasks.md`
 * (the tasks as task items, `- [x] T001 …`).
 */
import type { WorkspaceModel } from './model';

export interface SpecKitFeature {
  /** The feature folder: `specs/001-photo-albums`. */
  folder: string;
  /** The folder of feature folders it is in: `specs`, `backend/specs`, `.specify/specs`. */
  specs: string;
  spec?: string;
  plan?: string;
  tasks?: string;
}

/** `001-photo-albums`: three or more digits, a dash, a slug. */
const FEATURE_FOLDER = /^\d{3,}-[^/]+$/;
const FEATURE_FILES = new Set(['spec.md', 'plan.md', 'tasks.md']);

/** The spec-kit feature folders of the workspace (those with a spec, plan or tasks file), sorted by folder. */
export function specKitFeatures(model: WorkspaceModel): readonly SpecKitFeature[] {
  const key = 'spec-kit';
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as SpecKitFeature[];
  const byFolder = new Map<string, SpecKitFeature>();
  for (const file of model.files) {
    const parts = file.split('/');
    const n = parts.length;
    if (n < 3 || parts[n - 3] !== 'specs' || !FEATURE_FILES.has(parts[n - 1]) || !FEATURE_FOLDER.test(parts[n - 2])) continue;
    const folder = parts.slice(0, n - 1).join('/');
    let feature = byFolder.get(folder);
    if (!feature) byFolder.set(folder, (feature = { folder, specs: parts.slice(0, n - 2).join('/') }));
    feature[parts[n - 1].slice(0, -3) as 'spec' | 'plan' | 'tasks'] = file;
  }
  const features = [...byFolder.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  model.cache.memo.set(key, features);
  return features;
}
