import { documentRule, type Rule } from '../rule';

/** RG004: a link whose #fragment matches no heading (GitHub slugs) or anchor of its target. */
export const brokenFragment: Rule = documentRule({
  code: 'RG004',
  name: 'broken-fragment',
  description: 'Link whose #fragment matches no heading of the target',
  defaultSeverity: 'warning',
  tags: ['links'],
  reads: ['files', 'anchors'],
  checkDocument({ model, report }, doc) {
    for (const link of doc.links) {
      const r = model.resolve(doc, link);
      if (r.status !== 'ok' || !r.fragment) continue;
      const target = model.docs.get(r.path);
      if (!target) continue; // not markdown, or skipped: nothing to match against
      const fragment = r.fragment.toLowerCase();
      if (/^l\d+(-l\d+)?$/.test(fragment)) continue; // GitHub line anchors
      const slugs = target.summary.headings.map((h) => h.slug);
      if (slugs.includes(fragment) || target.summary.anchors.some((a) => a.toLowerCase() === fragment)) continue;
      const close = slugs.find((s) => s.includes(fragment) || fragment.includes(s));
      const hash = link.target.indexOf('#');
      report({
        path: doc.path,
        range: link.range,
        message: `No heading in ${r.path} has the anchor #${r.fragment}.${close ? ` Did you mean #${close}?` : ''}`,
        fixes:
          close && hash >= 0 && link.kind !== 'codespan'
            ? [{ title: `Change the fragment to #${close}`, preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: link.target.slice(0, hash + 1) + close }] }] }]
            : undefined,
      });
    }
  },
});
