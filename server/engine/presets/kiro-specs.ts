/**
 * `kiro-specs`: the specs Kiro writes, a `.kiro/specs/<feature>/` folder per
 * feature with `requirements.md` (numbered requirements, each with numbered
 * acceptance criteria), `design.md` and `tasks.md` (task items numbered
 * `1.`, `1.1`, each naming the criteria it meets, `_Requirements: 1.2, 3.1_`),
 * checked by RG027. Shown by a feature folder with a task list.
 */
import { kiroFeatures } from '../kiroSpecs';
import type { ConventionPreset } from './types';

export const kiroSpecs: ConventionPreset = {
  kind: 'convention',
  name: 'kiro-specs',
  convention: 'kiroSpecs',
  summary: 'Kiro specs (.kiro/specs/<feature>/ with requirements.md, design.md, tasks.md) whose tasks name criteria that exist and are checked when their sub-tasks are (RG027).',
  docs: 'docs/layouts.md#kiro-specs',
  settings: { conventions: { kiroSpecs: 'on' } },
  evidence: (model) => {
    const n = kiroFeatures(model).filter((f) => f.files.tasks).length;
    return n ? `.kiro/specs has ${n} feature folder${n === 1 ? '' : 's'} with a tasks.md` : undefined;
  },
};
