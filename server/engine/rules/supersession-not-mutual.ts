import type { Doc, RegistryRow, WorkspaceModel } from '../model';
import type { FieldInfo, TableInfo } from '../markdown/parse';
import type { Rule } from '../rule';
import type { FixStep, Range, TextEdit } from '../types';
import { range } from '../types';
import {
  cellContentRange,
  cleanValue,
  codePathFor,
  docField,
  fieldTargets,
  insertMetadataLine,
  isSuperseded,
  registryCellTarget,
  startsWithWords,
  textLines,
} from '../lifecycle';

/** "old is superseded by next", and which of the three places say so. */
interface Supersession {
  old: string;
  next: string;
  /** The old plan's `**Superseded By:**` line naming `next`. */
  byField?: FieldInfo;
  /** The new plan's `**Supersedes:**` line naming `old`. */
  supersedesField?: FieldInfo;
  /** The registry row of `old` saying Superseded by `next`. */
  row?: RegistryRow;
}

/**
 * RG014: a supersession must be recorded in three places that agree: the old
 * plan's `**Superseded By:**`, the new plan's `**Supersedes:**`, and (when
 * there is one) the lifecycle registry. One finding per supersession that
 * some place records and another does not; its fix completes all of them.
 */
export const supersessionNotMutual: Rule = {
  code: 'RG014',
  name: 'supersession-not-mutual',
  description: 'Supersedes / Superseded By not mutual, or the lifecycle registry disagreeing',
  defaultSeverity: 'warning',
  tags: ['lifecycle'],
  reads: ['plans', 'registry', 'otherDocuments', 'files'],
  check({ model, report }) {
    for (const s of collectSupersessions(model).values()) {
      const oldDoc = model.docs.get(s.old);
      const newDoc = model.docs.get(s.next);
      if (!oldDoc || !newDoc) continue;
      const missing: string[] = [];
      if (!s.byField) missing.push(`${s.old} has no **Superseded By:** naming ${s.next}`);
      if (!s.supersedesField) missing.push(`${s.next} has no **Supersedes:** naming ${s.old}`);
      if (model.registry && !s.row) missing.push(`${model.registry.path} does not record ${s.old} as Superseded by ${s.next}`);
      if (missing.length === 0) continue;
      const at: { path: string; range: Range } = s.byField
        ? { path: s.old, range: s.byField.range }
        : s.supersedesField
          ? { path: s.next, range: s.supersedesField.range }
          : { path: model.registry!.path, range: cellContentRange(model.registry!.doc, s.row!.planCell) };
      const steps = mutualFix(model, s, oldDoc, newDoc);
      report({
        ...at,
        message: `Supersession of ${s.old} by ${s.next} is not recorded everywhere: ${missing.join('; ')}.`,
        fixes: steps.length ? [{ title: `Record the supersession of ${s.old} by ${s.next} in both plans and the registry`, preferred: true, steps }] : undefined,
        data: { old: s.old, next: s.next },
      });
    }
  },
};

function collectSupersessions(model: WorkspaceModel): Map<string, Supersession> {
  const out = new Map<string, Supersession>();
  const get = (old: string, next: string) => {
    const key = `${old}\u0000${next}`;
    let s = out.get(key);
    if (!s) out.set(key, (s = { old, next }));
    return s;
  };
  for (const plan of model.plans.values()) {
    const doc = plan.doc;
    const by = docField(model, doc, 'superseded by', true);
    if (by) for (const t of fieldTargets(model, doc, by)) if (t.path !== doc.path && model.docs.has(t.path)) get(doc.path, t.path).byField ??= by;
    const sup = docField(model, doc, 'supersedes', true);
    if (sup) for (const t of fieldTargets(model, doc, sup)) if (t.path !== doc.path && model.docs.has(t.path)) get(t.path, doc.path).supersedesField ??= sup;
  }
  for (const row of model.registry?.rows ?? []) {
    if (!isSuperseded(row.state)) continue;
    const plan = registryCellTarget(model, row.planCell);
    const by = registryCellTarget(model, row.supersededByCell);
    if (plan.kind !== 'path' || by.kind !== 'path' || !plan.path || !by.path) continue;
    if (model.docs.has(plan.path) && model.docs.has(by.path)) get(plan.path, by.path).row ??= row;
  }
  return out;
}

/** Edit steps that make `s` recorded in the old plan, the new plan and the registry. */
function mutualFix(model: WorkspaceModel, s: Supersession, oldDoc: Doc, newDoc: Doc): FixStep[] {
  const steps: FixStep[] = [];
  const registry = model.registry;
  const oldEdits: TextEdit[] = [];
  const newEdits: TextEdit[] = [];
  if (!s.byField) oldEdits.push(...addReference(model, oldDoc, 'superseded by', 'Superseded By', codePathFor(oldDoc.path, s.next), 'Superseded'));
  if (!s.supersedesField) newEdits.push(...addReference(model, newDoc, 'supersedes', 'Supersedes', codePathFor(newDoc.path, s.old), 'Active'));
  if (registry && !s.row) {
    const edits = registryEdits(model, s);
    if (edits.length) steps.push({ kind: 'edit', path: registry.path, edits });
  }
  if (oldEdits.length) steps.unshift({ kind: 'edit', path: oldDoc.path, edits: oldEdits });
  if (newEdits.length) steps.unshift({ kind: 'edit', path: newDoc.path, edits: newEdits });
  return steps;
}

/**
 * Edits that make `doc` name `code` under `label`: appended to an existing
 * line, else a new line after the Lifecycle marker (added with `state` when
 * the plan has none, so the registry and the marker agree).
 */
function addReference(model: WorkspaceModel, doc: Doc, key: string, label: string, code: string, state: string): TextEdit[] {
  const existing = docField(model, doc, key, true);
  if (existing && existing.line > 0) {
    const end = existing.valueRange.end;
    return [{ range: range(end.line, end.character), newText: `, \`${code}\`` }];
  }
  const marker = docField(model, doc, 'lifecycle', true);
  const line = `**${label}:** \`${code}\``;
  if (marker && marker.line > 0) {
    const edits: TextEdit[] = [insertMetadataLine(model, doc, line, { after: marker })];
    if (!startsWithWords(cleanValue(marker.value), state) && state === 'Superseded') edits.push({ range: marker.valueRange, newText: state });
    return edits;
  }
  return [insertMetadataLine(model, doc, `**Lifecycle:** ${state}\n${line}`, { first: true })];
}

function registryEdits(model: WorkspaceModel, s: Supersession): TextEdit[] {
  const registry = model.registry!;
  const table = registryTable(registry.doc);
  if (!table) return [];
  const header = table.header.map((h) => h.toLowerCase());
  const planCol = header.findIndex((h) => h === 'plan');
  const stateCol = header.findIndex((h) => h.includes('lifecycle') || h === 'state' || h === 'status');
  const byCol = header.findIndex((h) => h.includes('superseded by'));
  if (planCol < 0 || stateCol < 0 || byCol < 0) return [];
  const rowOf = (path: string) => registry.rows.find((r) => registryCellTarget(model, r.planCell).kind === 'path' && (registryCellTarget(model, r.planCell) as { path?: string }).path === path);
  const edits: TextEdit[] = [];
  const newRows: string[] = [];
  const makeRow = (plan: string, state: string, by: string) => {
    const cells = header.map(() => '');
    cells[planCol] = `\`${codePathFor(registry.path, plan)}\``;
    cells[stateCol] = state;
    cells[byCol] = by;
    return `| ${cells.join(' | ')} |`;
  };
  const oldRow = rowOf(s.old);
  const byCode = `\`${codePathFor(registry.path, s.next)}\``;
  if (oldRow) {
    const stateRange = cellContentRange(registry.doc, { text: oldRow.state, range: oldRow.stateRange, codes: [] });
    if (!isSuperseded(oldRow.state)) edits.push({ range: stateRange, newText: 'Superseded' });
    if (oldRow.supersededByCell) edits.push({ range: cellContentRange(registry.doc, oldRow.supersededByCell), newText: byCode });
  } else newRows.push(makeRow(s.old, 'Superseded', byCode));
  if (!rowOf(s.next)) newRows.push(makeRow(s.next, 'Active', '-'));
  if (newRows.length) {
    const last = table.range.end.line;
    const lineText = textLines(registry.doc)[last] ?? '';
    edits.push({ range: range(last, lineText.length), newText: newRows.map((r) => `\n${r}`).join('') });
  }
  return edits;
}

function registryTable(doc: Doc): TableInfo | undefined {
  return doc.summary.tables.find((t) => {
    const header = t.header.map((h) => h.toLowerCase());
    return header.includes('plan') && header.some((h) => h.includes('superseded by'));
  });
}
