/** The preview's pie chart: renderCoverageMarkdown's mermaid block drawn as SVG, other diagrams left alone. */
import { strict as assert } from 'node:assert';
import { extendMarkdownIt, type MarkdownIt, parseMermaidPie, renderPieHtml } from '../../client/mermaidPie';
import { computeCoverage, renderCoverageMarkdown } from '../../server/engine/coverage';
import { Engine } from '../../server/engine/engine';
import { InMemoryWorkspace } from '../../server/engine/workspace';

async function matrixPie(): Promise<string> {
  const engine = new Engine(
    new InMemoryWorkspace({
      'docs/project/roadmap.md': [
        '# Roadmap',
        '',
        '## Phase 1: Start',
        '',
        '- [ ] **Alpha** ([Design](../plans/2026-01-01-alpha-design.md), [Implementation](../plans/2026-01-01-alpha-implementation.md))',
        '- [ ] **Beta**',
        '- [ ] **Gamma**',
        '',
      ].join('\n'),
      'docs/plans/2026-01-01-alpha-design.md': '# Alpha\n',
      'docs/plans/2026-01-01-alpha-implementation.md': '# Alpha\n',
    }),
  );
  await engine.scan();
  const md = renderCoverageMarkdown(computeCoverage(engine.model()));
  return /```mermaid\n([\s\S]*?)```/.exec(md)![1];
}

describe('mermaid pie in the markdown preview', () => {
  it('reads the coverage matrix\'s chart: title, showData and its slices', async () => {
    assert.deepEqual(parseMermaidPie(await matrixPie()), {
      showData: true,
      title: 'Roadmap items by link coverage',
      slices: [
        { label: 'Design and implementation', value: 1 },
        { label: 'Missing', value: 2 },
      ],
    });
  });

  it('draws one slice per value with its share, a legend with the values, and red for Missing', async () => {
    const html = renderPieHtml(parseMermaidPie(await matrixPie())!);
    assert.match(html, /<svg role="img" aria-label="Roadmap items by link coverage"/);
    assert.equal(html.match(/<path d="M /g)?.length, 2);
    assert.match(html, />33%</);
    assert.match(html, />67%</);
    assert.match(html, />Design and implementation \[1\]</);
    assert.match(html, />Missing \[2\]</);
    assert.match(html, /<rect [^>]*style="fill: var\(--vscode-charts-red, #e51400\)"\/>\n<text [^>]*>Missing \[2\]/);
  });

  it('draws a single slice as a full circle, and escapes labels', () => {
    const html = renderPieHtml(parseMermaidPie('pie title <All>\n  "a & b" : 4\n')!);
    assert.match(html, /<circle /);
    assert.ok(!html.includes('<All>'));
    assert.match(html, />a &#38; b</);
  });

  it('leaves every other fence, and mermaid diagrams other than pies, to the renderer before it', () => {
    const rendered: string[] = [];
    const md: MarkdownIt = { renderer: { rules: { fence: (tokens, idx) => (rendered.push(tokens[idx].content), '<pre>before</pre>') } } };
    extendMarkdownIt(md);
    const fence = (info: string, content: string) => md.renderer.rules.fence!([{ info, content, map: [4, 8] }], 0, {}, {}, {});
    assert.equal(fence('mermaid', 'flowchart LR\n  A --> B\n'), '<pre>before</pre>');
    assert.equal(fence('ts', 'pie\n"a" : 1\n'), '<pre>before</pre>');
    assert.match(fence('mermaid', 'pie\n  "a" : 1\n  "b" : 3\n'), /^<div class="roadmap-governance-pie code-line" data-line="4">/);
    assert.equal(rendered.length, 2);
  });
});
