/**
 * Kiro's spec folders: `.kiro/specs/<feature>/` (at the root or under a
 * subproject) with `requirements.md`, `design.md` and `tasks.md`.
 */
import type { WorkspaceModel } from './model';

export interface KiroFeature {
  /** The feature folder: `.kiro/specs/capacity-based-throttling`. */
  folder: string;
  requirements?: string;
  design?: string;
  tasks?: string;
}

const FEATURE_FILES = new Set(['requirements.md', 'design.md', 'tasks.md']);

/** The Kiro feature folders of the workspace, sorted by folder. */
export function kiroFeatures(model: WorkspaceModel): readonly KiroFeature[] {
  const key = 'kiro-specs';
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as KiroFeature[];
  const byFolder = new Map<string, KiroFeature>();
  for (const file of model.files) {
    const parts = file.split('/');
    const n = parts.length;
    if (n < 4 || parts[n - 3] !== 'specs' || parts[n - 4] !== '.kiro' || !FEATURE_FILES.has(parts[n - 1])) continue;
    const folder = parts.slice(0, n - 1).join('/');
    let feature = byFolder.get(folder);
    if (!feature) byFolder.set(folder, (feature = { folder }));
    feature[parts[n - 1].slice(0, -3) as 'requirements' | 'design' | 'tasks'] = file;
  }
  const features = [...byFolder.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  model.cache.memo.set(key, features);
  return features;
}
