/**
 * A mermaid pie chart (`pie [showData]`, `title …`, `"label" : value` lines)
 * drawn as inline SVG, for VS Code's markdown preview, which renders no
 * mermaid of its own: the coverage matrix's chart shows without a network and
 * without bundling mermaid (several megabytes) into the extension. Any other
 * mermaid diagram is left as the code block it is.
 */

export interface PieChart {
  title?: string;
  /** `pie showData`: the values are written next to the labels. */
  showData: boolean;
  slices: { label: string; value: number }[];
}

/** The chart of a mermaid source, or undefined when it is not a pie chart this renderer understands. */
export function parseMermaidPie(source: string): PieChart | undefined {
  const lines = source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('%%'));
  const head = /^pie(\s+showData)?(?:\s+title\s+(.+))?$/.exec(lines[0] ?? '');
  if (!head) return undefined;
  const chart: PieChart = { showData: !!head[1], slices: [], ...(head[2] ? { title: head[2].trim() } : {}) };
  for (const line of lines.slice(1)) {
    const slice = /^"([^"]*)"\s*:\s*(\d+(?:\.\d+)?)$/.exec(line);
    const title = /^title\s+(.+)$/.exec(line);
    if (slice) chart.slices.push({ label: slice[1], value: Number(slice[2]) });
    else if (title) chart.title = title[1].trim();
    else if (line === 'showData') chart.showData = true;
    // Accessibility lines carry nothing to draw.
    else if (!/^acc(Title|Descr)\b/.test(line)) return undefined;
  }
  return chart.slices.length ? chart : undefined;
}

/**
 * Colours of the slices that renderCoverageMarkdown writes (so that "Missing"
 * is red whichever slices are present), then a palette by position. The
 * webview defines the theme's chart colours; the fallbacks are for elsewhere.
 */
const KNOWN: Record<string, string> = {
  'Design and implementation': 'var(--vscode-charts-green, #388a34)',
  'Design only': 'var(--vscode-charts-yellow, #bf8803)',
  'Implementation only': 'var(--vscode-charts-orange, #d18616)',
  Missing: 'var(--vscode-charts-red, #e51400)',
};
const PALETTE = ['blue', 'purple', 'green', 'yellow', 'orange', 'red'].map((c, i) => `var(--vscode-charts-${c}, ${['#1a85ff', '#652d90', '#388a34', '#bf8803', '#d18616', '#e51400'][i]})`);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The chart as HTML: an SVG pie with the share of each slice on it, and a
 * legend (with the values for `showData`). `line`: the source line, for the
 * preview's scroll sync (`code-line`, `data-line`).
 */
export function renderPieHtml(chart: PieChart, line?: number): string {
  const slices = chart.slices.filter((s) => s.value > 0);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const r = 90;
  const c = 100;
  const legendLine = 22;
  const height = Math.max(2 * c, 20 + legendLine * chart.slices.length);
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  const colours = chart.slices.map((s, i) => KNOWN[s.label] ?? PALETTE[i % PALETTE.length]);
  chart.slices.forEach((s, i) => {
    if (s.value <= 0) return;
    const share = s.value / total;
    const style = `fill: ${colours[i]}; stroke: var(--vscode-editor-background, #fff); stroke-width: 1.5`;
    const end = angle + share * 2 * Math.PI;
    if (slices.length === 1) parts.push(`<circle cx="${c}" cy="${c}" r="${r}" style="${style}"/>`);
    else {
      const [x1, y1, x2, y2] = [c + r * Math.cos(angle), c + r * Math.sin(angle), c + r * Math.cos(end), c + r * Math.sin(end)];
      parts.push(`<path d="M ${c} ${c} L ${round(x1)} ${round(y1)} A ${r} ${r} 0 ${share > 0.5 ? 1 : 0} 1 ${round(x2)} ${round(y2)} Z" style="${style}"><title>${escapeHtml(s.label)}: ${s.value}</title></path>`);
    }
    if (share >= 0.06) {
      const mid = (angle + end) / 2;
      const at = slices.length === 1 ? [c, c] : [c + r * 0.62 * Math.cos(mid), c + r * 0.62 * Math.sin(mid)];
      parts.push(`<text x="${round(at[0])}" y="${round(at[1])}" text-anchor="middle" dominant-baseline="central" style="fill: #fff; stroke: rgba(0, 0, 0, 0.5); stroke-width: 2px; paint-order: stroke; font-size: 13px; font-weight: 600">${Math.round(share * 100)}%</text>`);
    }
    angle = end;
  });
  chart.slices.forEach((s, i) => {
    const y = 20 + i * legendLine;
    const text = chart.showData ? `${s.label} [${s.value}]` : s.label;
    parts.push(`<rect x="${2 * c + 20}" y="${y - 7}" width="14" height="14" style="fill: ${colours[i]}"/>`);
    parts.push(`<text x="${2 * c + 42}" y="${y}" dominant-baseline="central" style="fill: currentColor; font-size: 13px">${escapeHtml(text)}</text>`);
  });
  const title = chart.title ?? 'Pie chart';
  const width = 2 * c + 42 + 9 * Math.max(...chart.slices.map((s) => (chart.showData ? `${s.label} [${s.value}]` : s.label).length));
  return [
    line === undefined ? '<div class="roadmap-governance-pie">' : `<div class="roadmap-governance-pie code-line" data-line="${line}">`,
    chart.title ? `<p><strong>${escapeHtml(chart.title)}</strong></p>` : '',
    `<svg role="img" aria-label="${escapeHtml(title)}" width="${Math.ceil(width)}" height="${height}" viewBox="0 0 ${Math.ceil(width)} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(title)}</title>`,
    ...parts,
    '</svg>',
    '</div>',
  ].join('\n');
}

/** The small part of markdown-it's API the preview plugin uses. */
export interface MarkdownIt {
  renderer: { rules: Record<string, ((tokens: FenceToken[], idx: number, options: unknown, env: unknown, self: unknown) => string) | undefined> };
}
interface FenceToken {
  info: string;
  content: string;
  map: [number, number] | null;
}

/**
 * The markdown-it plugin VS Code's markdown preview loads
 * (`markdown.markdownItPlugins`): ```mermaid pie charts become SVG; every
 * other fence renders as before.
 */
export function extendMarkdownIt<T extends MarkdownIt>(md: T): T {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token.info.trim().split(/\s+/)[0] === 'mermaid') {
      const chart = parseMermaidPie(token.content);
      if (chart) return renderPieHtml(chart, token.map?.[0]);
    }
    return fence ? fence(tokens, idx, options, env, self) : `<pre><code>${escapeHtml(token.content)}</code></pre>`;
  };
  return md;
}
