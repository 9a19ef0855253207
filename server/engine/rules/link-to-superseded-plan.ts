import { documentRule, type Rule } from '../rule';
import { isSuperseded, type PlanLifecycle, planLifecycles } from '../lifecycle';
import { rewriteTarget } from './broken-link';

/** Labels whose links are meant to reach an old plan. */
const SUPERSESSION_LABELS = new Set(['supersedes', 'superseded by', 'replaces', 'previous version']);

/**
 * RG015: a link (in the roadmap or any other document) to a plan whose
 * lifecycle is Superseded. Readers should land on the successor. Links that
 * record the supersession itself, links from superseded plans (history) and
 * the lifecycle registry are left alone.
 */
export const linkToSupersededPlan: Rule = documentRule({
  code: 'RG015',
  name: 'link-to-superseded-plan',
  description: 'Link to a plan whose lifecycle is Superseded',
  defaultSeverity: 'warning',
  tags: ['lifecycle', 'links'],
  // The lifecycles come from the registry and the plans' markers.
  reads: ['plans', 'registry', 'files'],
  checkDocument({ model, report }, doc) {
    const superseded = supersededPlans(planLifecycles(model));
    if (superseded.size === 0) return;
    if (doc.path === model.config.lifecycle.registry || superseded.has(doc.path)) return;
    const fieldLines = new Map<number, string>();
    for (const f of doc.summary.fields) fieldLines.set(f.line, f.key);
    for (const link of doc.links) {
      if (link.kind === 'reference') continue; // reported at its definition, where the destination is
      const key = fieldLines.get(link.range.start.line);
      if ((key && SUPERSESSION_LABELS.has(key)) || (link.label && SUPERSESSION_LABELS.has(link.label.toLowerCase()))) continue;
      const r = model.resolve(doc, link);
      if (r.status !== 'ok' || !superseded.has(r.path) || r.path === doc.path) continue;
      const successor = superseded.get(r.path);
      if (successor === doc.path) continue;
      const usable = successor && model.files.has(successor);
      report({
        path: doc.path,
        range: link.range,
        message: `${r.path} is superseded${successor ? ` by ${successor}` : ''}; link to ${successor ? 'the successor' : 'the current plan'} instead.`,
        fixes: usable
          ? [{ title: `Repoint to ${successor}`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: rewriteTarget(doc, link, successor!) }] }] }]
          : undefined,
        data: { target: r.path, successor },
      });
    }
  },
});

const supersededByLifecycles = new WeakMap<Map<string, PlanLifecycle>, Map<string, string | undefined>>();

/** Superseded plans and their successors, once per lifecycle map. */
function supersededPlans(lifecycles: Map<string, PlanLifecycle>): Map<string, string | undefined> {
  let superseded = supersededByLifecycles.get(lifecycles);
  if (!superseded) {
    superseded = new Map();
    for (const entry of lifecycles.values()) if (isSuperseded(entry.state)) superseded.set(entry.path, entry.successor);
    supersededByLifecycles.set(lifecycles, superseded);
  }
  return superseded;
}
