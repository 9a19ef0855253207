/**
 * Feature folders of spec-driven layouts (spec-kit's `specs/NNN-slug/`, Kiro's
 * `.kiro/specs/<feature>/`): the workspace's files grouped by the folder they
 * are in, for the file names the layout gives a role.
 */
import type { WorkspaceModel } from './model';

export interface FeatureFolder<R extends string> {
  /** The feature folder: `specs/001-photo-albums`. */
  folder: string;
  /** The file of each role found there: `{ spec: 'specs/001-photo-albums/spec.md' }`. */
  files: Partial<Record<R, string>>;
}

/**
 * The folders holding a file that `roleOf` gives a role (it is handed the
 * path's parts), sorted by folder, kept in the model's memo under `key`.
 */
export function featureFolders<R extends string>(model: WorkspaceModel, key: string, roleOf: (parts: readonly string[]) => R | undefined): readonly FeatureFolder<R>[] {
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as FeatureFolder<R>[];
  const byFolder = new Map<string, FeatureFolder<R>>();
  for (const file of model.files) {
    const parts = file.split('/');
    const role = roleOf(parts);
    if (role === undefined) continue;
    const folder = parts.slice(0, -1).join('/');
    let feature = byFolder.get(folder);
    if (!feature) byFolder.set(folder, (feature = { folder, files: {} }));
    feature.files[role] = file;
  }
  const features = [...byFolder.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  model.cache.memo.set(key, features);
  return features;
}
