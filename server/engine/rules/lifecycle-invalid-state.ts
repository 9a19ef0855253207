import type { Rule } from '../rule';
import { cellContentRange, registryCellTarget } from '../lifecycle';

/**
 * RG011: a lifecycle registry row that cannot be trusted: a state outside
 * `lifecycle.states`, a plan cell that is not a code-span path, or a plan
 * file that does not exist.
 */
export const lifecycleInvalidState: Rule = {
  code: 'RG011',
  name: 'lifecycle-invalid-state',
  description: 'Lifecycle registry row with an unknown state, a plan cell that is not a path, or a missing plan file',
  defaultSeverity: 'error',
  tags: ['lifecycle'],
  reads: ['registry', 'files'],
  check({ model, config, report }) {
    const registry = model.registry;
    if (!registry) return;
    const states = config.lifecycle.states;
    for (const row of registry.rows) {
      const target = registryCellTarget(model, row.planCell);
      if (target.kind !== 'path') {
        report({
          path: registry.path,
          range: cellContentRange(registry.doc, row.planCell),
          message: `Plan cell "${row.planCell.text}" is not a plan path in a code span (for example \`2026-01-29-x-implementation.md\`).`,
        });
        continue;
      }
      const state = row.state.trim();
      const stateRange = cellContentRange(registry.doc, { text: row.state, range: row.stateRange, codes: [] });
      if (!states.includes(state)) {
        const near = states.find((s) => s.toLowerCase() === state.toLowerCase());
        report({
          path: registry.path,
          range: stateRange,
          message: `Lifecycle state "${state}" of ${target.code} is not one of ${states.join(', ')}.`,
          fixes: near
            ? [{ title: `Change the state to "${near}"`, preferred: true, steps: [{ kind: 'edit', path: registry.path, edits: [{ range: stateRange, newText: near }] }] }]
            : undefined,
          data: { state, allowed: states },
        });
      }
      if (target.path && !model.files.has(target.path)) {
        report({
          path: registry.path,
          range: cellContentRange(registry.doc, row.planCell),
          message: `The registry lists ${target.path}, which does not exist.`,
          data: { plan: target.path },
        });
      }
    }
  },
};
