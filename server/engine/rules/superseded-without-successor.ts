import type { Rule } from '../rule';
import {
  cellContentRange,
  codePathFor,
  docAnchor,
  docField,
  insertMetadataLine,
  isSuperseded,
  planLifecycles,
  registryCellTarget,
} from '../lifecycle';
import { basename } from '../paths';

/**
 * RG013: a superseded plan must say what replaced it. In the registry: a
 * Superseded row needs a Superseded By path that exists, and the old plan's
 * text must name it. By marker: `**Lifecycle:** Superseded` needs a
 * `**Superseded By:**` line. A registry without its table is reported too
 * (a table without rows is an empty map: nothing is superseded yet).
 */
export const supersededWithoutSuccessor: Rule = {
  code: 'RG013',
  name: 'superseded-without-successor',
  description: 'Superseded plan without a successor, with a missing successor, or that does not name it',
  defaultSeverity: 'error',
  tags: ['lifecycle'],
  reads: ['plans', 'registry', 'otherDocuments', 'files'],
  check({ model, report }) {
    const registry = model.registry;
    if (registry && !registry.hasTable) {
      report({
        path: registry.path,
        range: docAnchor(registry.doc),
        message: 'The lifecycle registry has no table: add one with the columns | Plan | Lifecycle | Superseded By | Notes |, a row for each plan that is superseded or replaces one.',
      });
    }
    for (const entry of planLifecycles(model).values()) {
      if (!isSuperseded(entry.state)) continue;
      const doc = model.docs.get(entry.path);
      if (entry.row && registry) {
        const row = entry.row;
        const by = registryCellTarget(model, row.supersededByCell);
        if (by.kind !== 'path') {
          report({
            path: registry.path,
            range: row.supersededByCell ? cellContentRange(registry.doc, row.supersededByCell) : cellContentRange(registry.doc, row.planCell),
            message:
              by.kind === 'invalid'
                ? `Superseded By "${by.text}" of ${entry.path} is not a plan path in a code span.`
                : `${entry.path} is Superseded but its row names no successor in Superseded By.`,
            data: { plan: entry.path },
          });
          continue;
        }
        if (by.path && !model.files.has(by.path)) {
          report({
            path: registry.path,
            range: cellContentRange(registry.doc, row.supersededByCell!),
            message: `The successor of ${entry.path}, ${by.path}, does not exist.`,
            data: { plan: entry.path, successor: by.path },
          });
        }
        if (!doc) continue;
        const named = doc.text.includes(by.code) || (by.path !== undefined && doc.text.includes(basename(by.path)));
        if (!named) {
          const marker = docField(model, doc, 'lifecycle', true);
          const line = `**Superseded By:** \`${by.path ? codePathFor(doc.path, by.path, by.code) : by.code}\``;
          report({
            path: doc.path,
            range: marker?.range ?? docAnchor(doc),
            message: `${entry.path} is Superseded by ${by.code} in ${registry.path}, but its text does not name ${by.code}.`,
            fixes: [{ title: `Add "${line}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, line, marker ? { after: marker } : { first: true })] }] }],
            data: { plan: entry.path, successor: by.path },
          });
        }
        continue;
      }
      // Superseded by the plan's own marker, without a registry row.
      if (!doc || !entry.marker) continue;
      if (!docField(model, doc, 'superseded by', true)) {
        report({
          path: doc.path,
          range: entry.marker.range,
          message: `${entry.path} is marked Superseded but has no **Superseded By:** line naming its successor.`,
          data: { plan: entry.path },
        });
      }
    }
  },
};
