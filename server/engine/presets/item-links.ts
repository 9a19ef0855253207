/**
 * `item-links`: roadmap items link their design docs and implementation
 * plans (RG001, RG002). Shown by design docs or plans in the workspace (any
 * layout, found or configured) or by roadmap items that link a markdown
 * document. A roadmap of task items in a project that writes no plans is not
 * asked for links, nor one in a project whose only plans are decision records
 * (ADRs record decisions; they are not a design doc per roadmap item).
 */
import type { ConventionPreset } from './types';

export const itemLinks: ConventionPreset = {
  kind: 'convention',
  name: 'item-links',
  convention: 'itemLinks',
  summary: 'Open roadmap items link a design doc and an implementation plan (RG001, RG002).',
  docs: 'docs/layouts.md#item-links',
  settings: { conventions: { itemLinks: 'on' } },
  evidence(model) {
    // From the file list, not the documents read: the early check of the roadmap reads only a few.
    // Counted once per file list (the cache lasts while it does), not at every keystroke's model.
    let plans = model.cache.memo.get('item-links:plans') as number | undefined;
    if (plans === undefined) {
      plans = 0;
      for (const f of model.files) if (model.isPlan(f) && model.cache.planKind(f).kind !== 'decision') plans++;
      model.cache.memo.set('item-links:plans', plans);
    }
    if (plans) return `${plans} design doc${plans === 1 ? '' : 's'} or plan${plans === 1 ? '' : 's'} in ${model.config.plans.join(', ')}`;
    for (const phase of model.roadmap?.phases ?? [])
      for (const item of phase.items) {
        const linked = item.links.find((l) => l.path && /\.md$/i.test(l.path));
        if (linked) return `roadmap item "${item.title}" links ${linked.path}`;
      }
    return undefined;
  },
};
