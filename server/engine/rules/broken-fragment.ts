import { documentRule, rangeKey, ReportMemo, type Rule } from '../rule';
import { detached } from '../detach';

/** RG004: a link whose #fragment matches no heading (GitHub slugs) or anchor of its target. */
export const brokenFragment: Rule = documentRule({
  code: 'RG004',
  name: 'broken-fragment',
  description: 'Link whose #fragment matches no heading of the target',
  defaultSeverity: 'warning',
  tags: ['links'],
  reads: ['files', 'anchors'],
  checkDocument(context, doc) {
    const { model } = context;
    const memo = new ReportMemo(context, `broken-fragment:${doc.path}`);
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
      const fragmentAt = link.target.indexOf('#');
      const key = [doc.path, rangeKey(link.range), rangeKey(link.targetRange), link.kind, link.target, r.path, r.fragment, close ?? ''].join('\u0000');
      // Kept while the link stays: strings that do not keep the document's text.
      memo.report(key, () => ({
        path: doc.path,
        range: link.range,
        message: detached(`No heading in ${r.path} has the anchor #${r.fragment}.${close ? ` Did you mean #${close}?` : ''}`),
        fixes:
          close && fragmentAt >= 0 && link.kind !== 'codespan'
            ? [{ title: detached(`Change the fragment to #${close}`), preferred: true, steps: [{ kind: 'edit', path: doc.path, edits: [{ range: link.targetRange, newText: detached(link.target.slice(0, fragmentAt + 1) + close) }] }] }]
            : undefined,
        data: { target: detached(r.path) },
      }));
    }
  },
});
