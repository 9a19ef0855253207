import type { Rule } from '../rule';
import type { Doc } from '../model';
import type { FieldInfo } from '../markdown/parse';
import type { Fix, Range } from '../types';
import { range } from '../types';
import { convention } from '../presets';
import { specKitFeatures } from '../specKit';
import { detached } from '../detach';
import { cleanValue, startsWithWords } from '../lifecycle';
import { NOT_DONE_STATUSES } from './checked-item-draft-plan';

/** Statuses of a spec whose work is done; the not-done ones are RG023's. Others (`Design Complete`, `草稿`) give no finding. */
const DONE_STATUSES = ['Complete', 'Completed', 'Implemented', 'Done'];

/**
 * RG026: a spec-kit feature folder (`specs/NNN-slug/`) whose spec and task
 * list disagree: every task checked while the spec's `**Status**:` is still
 * Draft (with a fix), a spec marked Complete with tasks left open, a plan
 * without its spec, a task list without its plan.
 */
export const specKitDrift: Rule = {
  code: 'RG026',
  name: 'spec-kit-drift',
  description: 'Spec-kit feature folder whose spec status disagrees with its tasks (all checked but Draft, Complete with open tasks), or a plan without its spec',
  defaultSeverity: 'warning',
  tags: ['spec-kit', 'drift'],
  // Spec-kit files are plans where the config's globs say so, other documents otherwise.
  reportsIn: ['plans', 'otherDocuments'],
  reads: ['plans', 'otherDocuments', 'files'],
  check({ model, report }) {
    if (!convention(model, 'specKit').on) return;
    const roadmap = model.roadmap?.path;
    // The roadmap is read as the roadmap, even where it is named like a spec-kit file.
    const docOf = (path: string | undefined) => (path !== undefined && path !== roadmap ? model.docs.get(path) : undefined);
    for (const feature of specKitFeatures(model)) {
      const spec = docOf(feature.files.spec);
      const plan = docOf(feature.files.plan);
      const tasks = docOf(feature.files.tasks);
      if (plan && !feature.files.spec) {
        report({
          path: plan.path,
          range: titleRange(plan),
          message: `This plan has no spec: ${feature.folder}/ has no spec.md.`,
          data: { folder: feature.folder },
        });
      }
      if (tasks && !feature.files.plan) {
        report({
          path: tasks.path,
          range: titleRange(tasks),
          message: `These tasks have no plan: ${feature.folder}/ has no plan.md.`,
          data: { folder: feature.folder },
          lower: 'info',
        });
      }
      if (!spec || !tasks) continue;
      const status = specStatus(spec);
      if (!status) continue;
      const items = tasks.summary.items.filter((item) => item.checked !== null);
      const open = items.filter((item) => !item.checked).length;
      if (!items.length) continue;
      const value = cleanValue(status.value);
      const notDone = NOT_DONE_STATUSES.find((w) => startsWithWords(value, w));
      const done = DONE_STATUSES.find((w) => startsWithWords(value, w));
      if (!open && notDone) {
        const word = wordRange(status, notDone);
        const fix: Fix | undefined = word && { title: 'Mark the spec Complete', preferred: true, steps: [{ kind: 'edit', path: spec.path, edits: [{ range: word, newText: 'Complete' }] }] };
        report({
          path: spec.path,
          range: status.valueRange,
          message: detached(`All ${items.length} task${items.length === 1 ? '' : 's'} in ${tasks.path} ${items.length === 1 ? 'is' : 'are'} checked, but the spec's status is still "${status.value}".`),
          fixes: fix ? [fix] : undefined,
          data: { tasks: tasks.path, total: items.length, status: detached(status.value) },
        });
      } else if (open && done) {
        report({
          path: spec.path,
          range: status.valueRange,
          message: detached(`Spec is marked ${done}, but ${open} of ${items.length} tasks in ${tasks.path} ${open === 1 ? 'is' : 'are'} unchecked.`),
          data: { tasks: tasks.path, total: items.length, unchecked: open, status: detached(status.value) },
          lower: 'info',
        });
      }
    }
  },
};

/**
 * The spec's `**Status**:` line in its header, above the first section (a
 * Status further down belongs to a checklist or a table of its own).
 */
function specStatus(doc: Doc): FieldInfo | undefined {
  const section = doc.summary.headings.find((h) => h.depth >= 2)?.range.start.line ?? Infinity;
  return doc.summary.fields.find((f) => f.key === 'status' && f.item === -1 && f.line < section && f.value !== '');
}

/** Where the status words `words` are in the value as written (`**Draft**`, `Draft - Revision`): what the fix replaces. */
function wordRange(status: FieldInfo, words: string): Range | undefined {
  const at = new RegExp(`(?<![\\p{L}\\p{N}])${words.split(' ').join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu').exec(status.value);
  if (!at) return undefined;
  const { line, character } = status.valueRange.start;
  return range(line, character + at.index, line, character + at.index + at[0].length);
}

/** The document's title, where a finding about the whole file goes. */
function titleRange(doc: Doc): Range {
  const headings = doc.summary.headings;
  return (headings.find((h) => h.depth === 1) ?? headings[0])?.range ?? range(0, 0);
}
