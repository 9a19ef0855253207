/**
 * `spec-kit`: GitHub's spec-kit layout, a `specs/NNN-slug/` folder per
 * feature with its `spec.md`, `plan.md` and `tasks.md`, whose spec status
 * must agree with the task list (RG026). Shown by a feature folder with a
 * spec: a `plan.md` or `tasks.md` alone is too common a name to go by.
 */
import { dirname } from '../paths';
import { specKitFeatures } from '../specKit';
import type { ConventionPreset } from './types';

export const specKit: ConventionPreset = {
  kind: 'convention',
  name: 'spec-kit',
  convention: 'specKit',
  summary: 'GitHub spec-kit feature folders (specs/NNN-slug/ with spec.md, plan.md, tasks.md) whose spec status agrees with the task list (RG026).',
  docs: 'docs/layouts.md#spec-kit',
  settings: { conventions: { specKit: 'on' } },
  evidence: (model) => {
    const withSpec = specKitFeatures(model).filter((f) => f.files.spec);
    if (!withSpec.length) return undefined;
    const folders = [...new Set(withSpec.map((f) => dirname(dirname(f.files.spec!))))];
    const n = withSpec.length;
    return `${folders.join(', ')} ${folders.length === 1 ? 'has' : 'have'} ${n} spec-kit feature folder${n === 1 ? '' : 's'} (NNN-slug/spec.md)`;
  },
};
