import type { Rule } from '../rule';
import type { Doc } from '../model';
import type { Fix, Range } from '../types';
import { range } from '../types';
import { convention } from '../presets';
import { kiroFeatures } from '../kiroSpecs';
import { textLines } from '../markdown/split';
import { detached } from '../detach';

/**
 * RG027: a Kiro spec (`.kiro/specs/<feature>/`) whose task list disagrees
 * with itself or with its requirements: a task's `_Requirements: 5.1_` that
 * names an acceptance criterion `requirements.md` does not have (warning), a
 * task left unchecked while all its sub-tasks are checked (info, with a fix
 * that checks it), a task checked while some of its sub-tasks are not (info).
 * Optional sub-tasks (`- [ ]* 2.2`): one left open keeps its task open, but a
 * task checked with only optional sub-tasks open is done (Kiro leaves them so).
 */
export const kiroSpecDrift: Rule = {
  code: 'RG027',
  name: 'kiro-spec-drift',
  description: 'Kiro spec whose tasks name acceptance criteria that requirements.md lacks, or whose task checkboxes disagree with their sub-tasks',
  defaultSeverity: 'warning',
  tags: ['kiro', 'drift'],
  reportsIn: ['plans', 'otherDocuments'],
  reads: ['plans', 'otherDocuments', 'files'],
  check({ model, report }) {
    if (!convention(model, 'kiroSpecs').on) return;
    for (const feature of kiroFeatures(model)) {
      const tasks = feature.files.tasks === undefined ? undefined : model.docs.get(feature.files.tasks);
      if (!tasks) continue;
      const lines = textLines(tasks);
      const requirements = feature.files.requirements === undefined ? undefined : model.docs.get(feature.files.requirements);
      const criteria = requirements ? criteriaOf(requirements) : undefined;
      if (requirements && criteria && criteria.size) {
        for (const ref of requirementRefs(lines)) {
          if (criteria.has(ref.id)) continue;
          const [n, m] = ref.id.split('.');
          const why = criteria.has(n) ? `Requirement ${n} has no acceptance criterion ${m}` : `it has no Requirement ${n}`;
          report({ path: tasks.path, range: ref.range, message: detached(`"${ref.id}" names no requirement of ${requirements.path}: ${why}.`), data: { requirement: detached(ref.id), requirements: requirements.path } });
        }
      }
      for (const group of taskGroups(tasks, lines)) {
        const open = group.children.filter((c) => !c.checked).length;
        // An optional sub-task left open is how Kiro leaves it once the task is done: not a reason to reopen it.
        const required = group.children.filter((c) => !c.checked && !c.optional).length;
        if (!group.parent.checked && open === 0) {
          const box = lines[group.parent.line].indexOf('[ ]');
          const fix: Fix | undefined = box < 0 ? undefined : { title: `Check task ${group.number}`, preferred: true, steps: [{ kind: 'edit', path: tasks.path, edits: [{ range: range(group.parent.line, box + 1, group.parent.line, box + 2), newText: 'x' }] }] };
          report({
            path: tasks.path,
            range: group.parent.range,
            message: `Task ${group.number} is unchecked, but all ${group.children.length} of its sub-tasks are checked.`,
            fixes: fix ? [fix] : undefined,
            data: { task: group.number, subtasks: group.children.length },
            lower: 'info',
          });
        } else if (group.parent.checked && required > 0) {
          report({
            path: tasks.path,
            range: group.parent.range,
            message: `Task ${group.number} is checked, but ${required} of its ${group.children.length} sub-tasks ${required === 1 ? 'is' : 'are'} not.`,
            data: { task: group.number, subtasks: group.children.length, unchecked: required },
            lower: 'info',
          });
        }
      }
    }
  },
};

/**
 * The acceptance criteria of a requirements document, as `N.M` (and each
 * requirement as `N`): a `Requirement N` heading, then the numbered list items
 * under it up to the next heading of its level or above.
 */
function criteriaOf(doc: Doc): Set<string> {
  const out = new Set<string>();
  const lines = textLines(doc);
  const headings = doc.summary.headings;
  headings.forEach((h, i) => {
    const n = /^Requirement\s+(\d+)\b/i.exec(h.text)?.[1];
    if (!n) return;
    out.add(n);
    const from = h.range.start.line;
    const to = headings.slice(i + 1).find((next) => next.depth <= h.depth)?.range.start.line ?? Infinity;
    for (const item of doc.summary.items) {
      const line = item.range.start.line;
      if (line <= from || line >= to) continue;
      const m = /^\s*(\d+)[.)]\s/.exec(lines[line] ?? '')?.[1];
      if (m) out.add(`${n}.${Number(m)}`);
    }
  });
  return out;
}

/** Every `N` or `N.M` in a `_Requirements: 1.1, 2.3_` line outside fenced code, where it is written. */
function requirementRefs(lines: readonly string[]): { id: string; range: Range }[] {
  const out: { id: string; range: Range }[] = [];
  let fence: string | undefined;
  lines.forEach((line, lineNo) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f) fence = fence === undefined ? f : f[0] === fence[0] && f.length >= fence.length ? undefined : fence;
    if (fence !== undefined || f) return;
    const ref = /_Requirements?:\s*([^_]+)_/i.exec(line);
    if (!ref) return;
    const start = ref.index + ref[0].indexOf(ref[1]);
    for (const token of ref[1].matchAll(/[^,;\s]+/g)) {
      const id = token[0].replace(/\.$/, '');
      // Only plain numbers: "NFR-1", "All" or a range are left alone.
      if (!/^\d+(\.\d+)?$/.test(id)) continue;
      const at = start + token.index!;
      out.push({ id: id.split('.').map(Number).join('.'), range: range(lineNo, at, lineNo, at + id.length) });
    }
  });
  return out;
}

interface Task {
  line: number;
  checked: boolean;
  /** `- [ ]* 2.3`: Kiro's optional task. */
  optional: boolean;
  range: Range;
}

/** Numbered tasks (`- [ ] 2. …`) with the sub-tasks numbered under them (`- [x] 2.1 …`, `- [ ]* 2.2 …` optional), wherever those are in the list. */
function taskGroups(doc: Doc, lines: readonly string[]): { number: string; parent: Task; children: Task[] }[] {
  const parents = new Map<string, Task>();
  const children = new Map<string, Task[]>();
  for (const item of doc.summary.items) {
    const line = item.range.start.line;
    // `- [ ]* 2.2`: an optional task (Kiro's star), open like any other; markdown does not see its box.
    const m = /^\s*[-*+]\s+\[([ xX])\](\*?)\s+(\d+(?:\.\d+)*)\.?\s/.exec(lines[line] ?? '');
    if (!m) continue;
    const number = m[3];
    const task = { line, checked: m[1] !== ' ', optional: m[2] === '*', range: item.range };
    const parts = number.split('.');
    if (parts.length === 1) {
      if (!parents.has(number)) parents.set(number, task);
    } else if (parts.length === 2) {
      const list = children.get(parts[0]);
      if (list) list.push(task);
      else children.set(parts[0], [task]);
    }
  }
  const out: { number: string; parent: Task; children: Task[] }[] = [];
  for (const [number, parent] of parents) {
    const list = children.get(number);
    if (list?.length) out.push({ number, parent, children: list });
  }
  return out;
}
