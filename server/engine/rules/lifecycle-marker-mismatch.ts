import type { Rule } from '../rule';
import { cleanValue, docAnchor, insertMetadataLine, isFrontMatterField, planLifecycles, registryCellTarget, startsWithWords } from '../lifecycle';

/**
 * RG012: a plan whose `**Lifecycle:**` marker is missing or says something
 * other than its row in the lifecycle registry; or a plan with a marker that
 * the registry does not list.
 */
export const lifecycleMarkerMismatch: Rule = {
  code: 'RG012',
  name: 'lifecycle-marker-mismatch',
  description: "Plan's Lifecycle marker missing or different from the lifecycle registry",
  defaultSeverity: 'error',
  tags: ['lifecycle', 'metadata'],
  reads: ['plans', 'registry', 'otherDocuments', 'files'],
  check({ model, config, report }) {
    const registry = model.registry;
    if (!registry) return;
    for (const entry of planLifecycles(model).values()) {
      const doc = model.docs.get(entry.path);
      if (!doc) continue;
      const marker = entry.marker;
      if (!entry.row) {
        if (marker && !isFrontMatterField(doc, marker)) {
          const value = cleanValue(marker.value);
          report({
            path: doc.path,
            range: marker.range,
            message: `The plan says Lifecycle "${value}", but ${registry.path} has no row for it.`,
            data: { marker: value },
          });
        }
        continue;
      }
      const state = entry.state ?? '';
      if (!config.lifecycle.states.includes(state)) continue; // RG011 reports the row.
      const planCode = registryCellTarget(model, entry.row.planCell);
      const rowName = planCode.kind === 'path' ? planCode.code : entry.path;
      const line = `**Lifecycle:** ${state}`;
      if (!marker) {
        report({
          path: doc.path,
          range: docAnchor(doc),
          message: `The plan has no **Lifecycle:** marker; ${registry.path} lists ${rowName} as ${state}.`,
          fixes: [{ title: `Add "${line}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [insertMetadataLine(model, doc, line, { first: true })] }] }],
          data: { expected: state },
        });
        continue;
      }
      const value = cleanValue(marker.value);
      if (startsWithWords(value, state)) continue;
      const front = isFrontMatterField(doc, marker);
      report({
        path: doc.path,
        range: front ? docAnchor(doc) : marker.range,
        message: `The plan's Lifecycle is "${value}", but ${registry.path} lists it as ${state}.`,
        fixes: front
          ? undefined
          : [{ title: `Change the marker to "${state}"`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: marker.valueRange, newText: state }] }] }],
        data: { expected: state, actual: value },
      });
    }
  },
};
