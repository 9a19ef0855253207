import type { Rule } from '../rule';
import { range } from '../types';
import { docAnchor, textLines } from '../lifecycle';
import { convention } from '../presets';

/**
 * RG021: the release-notes template must carry every heading of
 * `releaseTemplate.headings` (Keep a Changelog's categories by default), each
 * on its own line with the same level. One finding per missing heading; the
 * fix appends all of them, in the configured order.
 */
export const releaseTemplateHeadings: Rule = {
  code: 'RG021',
  name: 'release-template-headings',
  description: 'Release notes template without a required heading',
  defaultSeverity: 'error',
  tags: ['release'],
  reads: ['releaseTemplate', 'files'],
  check({ model, config, report }) {
    const doc = model.docs.get(config.releaseTemplate.path);
    if (!doc || !convention(model, 'releaseTemplate').on) return;
    const lines = textLines(doc);
    const present = new Set<string>();
    let fence: string | null = null;
    for (const line of lines) {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1];
        else if (f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
        continue;
      }
      if (fence === null) present.add(line.trim().replace(/\s+#+\s*$/, '').replace(/\s+/g, ' '));
    }
    const missing = config.releaseTemplate.headings.filter((h) => {
      const want = h.trim().replace(/\s+/g, ' ');
      return ![...present].some((p) => p === want || p.toLowerCase() === want.toLowerCase());
    });
    if (missing.length === 0) return;
    const last = lines.length - 1;
    const tail = lines[last] === '' ? '' : '\n';
    const appended = missing.map((h) => `\n${h}\n`).join('');
    missing.forEach((heading, i) => {
      report({
        path: doc.path,
        range: docAnchor(doc),
        message: `The release notes template has no "${heading}" heading.`,
        fixes: [
          {
            title: missing.length > 1 ? `Append the ${missing.length} missing headings` : `Append "${heading}"`,
            // One fix-all application adds every heading; the others would duplicate them.
            preferred: i === 0,
            steps: [{ kind: 'edit', path: doc.path, edits: [{ range: range(last, lines[last].length), newText: `${tail}${appended}` }] }],
          },
        ],
        data: { heading },
      });
    });
  },
};
