/**
 * Deterministic benchmark corpora: a roadmap of N top-level items, N plan
 * docs and N other docs, written in the styles of the real corpus
 * (`kaiku-after-gap-closure`): inline `([Design](…), [Implementation](…))`
 * links, labelled `**Design:**` / `**Plan:**` sub-bullets with code-span paths,
 * phase-level "Implementation coverage" lines, items with no link, plans with
 * and without a standards section, broken links and broken fragments.
 *
 * Everything comes from a seeded PRNG, so the same N gives the same bytes.
 * File count: N plans + N other docs + roadmap, registry and changelog = 2N + 3
 * (4,003 files for N = 2,000 and 20,003 for N = 10,000, the sizes issue 2 names).
 */
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const CATEGORIES = ['Backend', 'Client', 'Voice', 'UX', 'SaaS', 'Infra', 'Safety', 'Media', 'Compliance', 'Ops', 'Perf', 'API', 'Growth', 'Storage'];
const WORDS = (
  'message channel guild voice stream token session cache queue index search thread presence permission role audit ' +
  'backup restore upload preview gateway webhook bot policy budget latency metric alert replica shard tenant quota ' +
  'billing identity consent export import retention schema migration rollout flag canary drill recovery snapshot'
).split(' ');
const VERBS = ['Add', 'Harden', 'Refactor', 'Introduce', 'Migrate', 'Measure', 'Document', 'Automate', 'Split', 'Cache', 'Validate', 'Expose'];
const STATUSES = ['Draft', 'Approved', 'In Progress', 'Implemented', 'Accepted'];
const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'];
const STANDARDS = ['OpenAPI 3.1', 'OAuth 2.1', 'OpenID Connect', 'WebSocket (RFC 6455)', 'OpenTelemetry + OTLP', 'WCAG 2.2 AA', 'CloudEvents 1.0', 'JSON Schema 2020-12', 'SPDX 2.3', 'Keep a Changelog 1.1'];

function sentence(r, min = 6, max = 16) {
  const n = min + r.int(max - min + 1);
  const words = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function title(r) {
  return `${r.pick(VERBS)} ${r.pick(WORDS)} ${r.pick(WORDS)}`.replace(/\b\w/g, (c) => c.toUpperCase());
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

/** Date of plan `j`: spread over 2026-01-01 … 2026-02-28 so the standards rule's since-date splits them. */
function planDate(j) {
  const day = j % 59; // 31 days of January + 28 of February
  return day < 31 ? `2026-01-${pad(day + 1, 2)}` : `2026-02-${pad(day - 30, 2)}`;
}

/** The plan docs: j even is a design, j odd the implementation of the same topic. */
export function planName(j) {
  const topic = Math.floor(j / 2);
  const kind = j % 2 === 0 ? 'design' : j % 4 === 1 ? 'implementation' : 'implementation-plan';
  return `${planDate(j)}-topic-${pad(topic, 5)}-${kind}.md`;
}

function otherDocPath(k) {
  return `docs/guides/area-${pad(Math.floor(k / 100), 3)}/guide-${pad(k, 5)}.md`;
}

/** Relative path from a file in `fromDir` (workspace-relative folder) to a workspace-relative path. */
function relative(fromDir, to) {
  const from = fromDir.split('/').filter(Boolean);
  const target = to.split('/');
  let i = 0;
  while (i < from.length && i < target.length - 1 && from[i] === target[i]) i++;
  return [...Array(from.length - i).fill('..'), ...target.slice(i)].join('/');
}

function roadmap(n, r) {
  const perPhase = 50;
  const phases = Math.max(3, Math.ceil(n / perPhase));
  const plans = n; // plan count equals item count
  const lines = [
    '# Generated Product Roadmap',
    '',
    'This roadmap is generated for the benchmark; its shape follows a real project roadmap.',
    '',
    `**Current Phase:** Phase ${Math.floor(phases / 2)} (Expansion) - In Progress`,
    '',
    '**Last Updated:** 2026-02-15',
    '',
    '## Quick Status Overview',
    '',
    '| Track | Phase | Status | Completion | Key Achievements |',
    '|-------|-------|--------|------------|------------------|',
  ];
  const done = Math.floor(phases / 3);
  for (let p = 0; p < phases; p++) {
    const status = p < done ? '✅ Complete' : p === done ? '🔄 In Progress' : '📋 Planned';
    lines.push(`| **Track ${p % 4}** | **Phase ${p}** | ${status} | ${p < done ? '100%' : '0%'} | ${sentence(r, 3, 6)} |`);
  }
  lines.push('', '---', '');
  let item = 0;
  /** topic -> how the first item that links it is named: `Phase 3 \`[UX] Title 7\``. */
  const scopes = new Map();
  for (let p = 0; p < phases && item < n; p++) {
    const marker = p < done ? '✅ **COMPLETED**' : p === done ? '🔄 **IN PROGRESS**' : '📋 **PLANNED**';
    lines.push(`## Phase ${p}: ${title(r)} ${marker}`, `*Goal: ${sentence(r, 6, 12)}*`);
    if (p > done && r.chance(0.4)) {
      const j = 2 * ((item + 1) % Math.floor(plans / 2)) + 1;
      lines.push(`- Implementation coverage: [Phase ${p} Implementation](../plans/${planName(j)}).`);
    }
    lines.push('');
    const count = Math.min(perPhase, n - item);
    for (let c = 0; c < count; c++, item++) {
      const topic = Math.floor(item / 2) % Math.floor(plans / 2);
      const design = planName(2 * topic);
      const impl = planName(2 * topic + 1);
      const checked = p < done || (p === done && r.chance(0.4));
      const itemTitle = `[${r.pick(CATEGORIES)}] ${title(r)} ${item}`;
      if (!scopes.has(topic)) scopes.set(topic, `Phase ${p} \`${itemTitle}\``);
      const head = `- [${checked ? 'x' : ' '}] **${itemTitle}**`;
      const priority = r.chance(0.5) ? ` \`Priority: ${r.pick(PRIORITIES)}\`` : '';
      const style = r.int(10);
      if (checked) {
        lines.push(`${head}${priority} ✅`);
        if (style < 4) lines.push(`  - **Design:** \`docs/plans/${design}\``);
        if (style < 2) lines.push(`  - **Plan:** \`docs/plans/${impl}\``);
      } else if (style < 6) {
        // Inline style (the after-snapshot's open items).
        const fragment = r.chance(0.03) ? '#no-such-section' : r.chance(0.1) ? '#goals' : '';
        const missing = r.chance(0.01) ? 'missing-' : '';
        lines.push(`${head} ([Design](../plans/${missing}${design}${fragment}), [Implementation](../plans/${impl}))${priority}`);
      } else if (style < 8) {
        // Labelled sub-bullets with repository-root code-span paths.
        lines.push(`${head}${priority}`);
        lines.push(`  - **Design:** \`docs/plans/${design}\``);
        lines.push(`  - **Plan:** \`docs/plans/${impl}\``);
      } else {
        // No link at all: what the missing-link rules report.
        lines.push(`${head}${priority}`);
      }
      const extra = r.int(4);
      for (let e = 0; e < extra; e++) {
        const kind = r.int(5);
        if (kind === 0) lines.push(`  - **Context:** ${sentence(r)}`);
        else if (kind === 1) lines.push(`  - **Strategy:** ${sentence(r, 10, 24)} See \`server/src/${r.pick(WORDS)}/${r.pick(WORDS)}.rs\`.`);
        else if (kind === 2) lines.push(`  - [${r.chance(0.5) ? 'x' : ' '}] ${sentence(r, 4, 9)}`);
        else if (kind === 3) lines.push(`  - ${sentence(r)}`, `    - ✅ ${sentence(r, 4, 8)}`);
        else lines.push(`  - **Impact**: ${sentence(r, 4, 10)}`);
      }
    }
    lines.push('', '---', '');
  }
  lines.push('## Recent Changes', '');
  for (let i = 0; i < 10; i++) lines.push(`- ${sentence(r)}`);
  lines.push('');
  return { text: lines.join('\n'), scopes };
}

function plan(j, n, r, scopes) {
  const name = planName(j);
  const isDesign = j % 2 === 0;
  const topic = Math.floor(j / 2);
  const lines = [`# Topic ${topic} ${title(r)} - ${isDesign ? 'Design' : 'Implementation Plan'}`, ''];
  lines.push(`**Date:** ${r.chance(0.02) ? '2026-13-45' : planDate(j)}`);
  lines.push(`**Status:** ${r.pick(STATUSES)}`);
  // Most plans name the item that links them; a few name one the roadmap does not have.
  const scope = scopes.get(topic);
  lines.push(`**Roadmap Scope:** ${scope && !r.chance(0.02) ? scope : `Phase 1 \`[Ops] ${title(r)}\``}`);
  if (!isDesign) lines.push(`**Design Reference:** \`docs/plans/${planName(j - 1)}\``);
  lines.push('', '## Problem', '', sentence(r, 20, 40), sentence(r, 10, 30), '', '## Goals', '');
  for (let i = 0; i < 3 + r.int(4); i++) lines.push(`- ${sentence(r, 5, 12)}`);
  lines.push('', '## Non-Goals', '');
  for (let i = 0; i < 2 + r.int(3); i++) lines.push(`- ${sentence(r, 5, 10)}`);
  // Two in three plans carry a standards section (the real corpus: 36 of 54).
  if (j % 3 !== 2) {
    lines.push('', r.chance(0.5) ? '## Open Standards Profile' : '## Open Standards Enforcement', '');
    for (let i = 0; i < 3; i++) lines.push(`- **${title(r)}:** ${r.pick(STANDARDS)}; enforced in CI by \`scripts/check_${r.pick(WORDS)}.py\`, tested in \`server/tests/${r.pick(WORDS)}_test.rs\`.`);
  }
  lines.push('', '## Architecture', '', sentence(r, 20, 40), '', '```rust');
  for (let i = 0; i < 4 + r.int(6); i++) lines.push(`pub fn ${r.pick(WORDS)}_${r.pick(WORDS)}(id: Uuid) -> Result<(), Error> { todo!() }`);
  lines.push('```', '', '## Tasks', '');
  for (let t = 1; t <= 3 + r.int(5); t++) {
    lines.push(`### Task ${t}: ${title(r)}`, '', `**Files:**`, `- Create: \`server/src/${r.pick(WORDS)}/${r.pick(WORDS)}.rs\``, `- Modify: \`client/src/stores/${r.pick(WORDS)}.ts\``, '');
    lines.push(`${sentence(r, 15, 35)}`, '');
    lines.push(`**Step ${t}.1:** ${sentence(r, 6, 14)}`, '', '```bash', `cargo test ${r.pick(WORDS)}_${r.pick(WORDS)}`, '```', '');
  }
  lines.push('## References', '');
  const other = (j + 2 + 2 * r.int(20)) % n;
  const fragment = r.chance(0.05) ? '#missing-heading' : r.chance(0.3) ? '#goals' : '';
  lines.push(`- [Related plan](./${planName(other)}${fragment})`);
  if (r.chance(0.02)) lines.push(`- [Retired plan](./2025-12-01-retired-topic-${pad(topic, 5)}-design.md)`);
  lines.push(`- [Roadmap](../project/roadmap.md#quick-status-overview)`);
  lines.push(`- [Guide](../${otherDocPath(j % n).slice('docs/'.length)})`, '');
  return { path: `docs/plans/${name}`, text: lines.join('\n') };
}

function otherDoc(k, n, r) {
  const path = otherDocPath(k);
  const dir = dirname(path);
  const lines = [`# Guide ${k}: ${title(r)}`, '', sentence(r, 15, 30), ''];
  const sections = 3 + r.int(4);
  for (let s = 0; s < sections; s++) {
    lines.push(`## ${title(r)}`, '', sentence(r, 20, 45), sentence(r, 10, 25), '');
    const kind = r.int(4);
    if (kind === 0) {
      lines.push('| Setting | Default | Notes |', '|---|---|---|');
      for (let i = 0; i < 3 + r.int(5); i++) lines.push(`| \`${r.pick(WORDS)}_${r.pick(WORDS)}\` | ${r.int(1000)} | ${sentence(r, 3, 8)} |`);
      lines.push('');
    } else if (kind === 1) {
      lines.push('```ts');
      for (let i = 0; i < 3 + r.int(5); i++) lines.push(`export const ${r.pick(WORDS)}${i} = await api.${r.pick(WORDS)}('${r.pick(WORDS)}');`);
      lines.push('```', '');
    } else {
      for (let i = 0; i < 3 + r.int(5); i++) lines.push(`- ${sentence(r, 5, 14)}`);
      lines.push('');
    }
  }
  lines.push('## See also', '');
  const neighbour = (k + 1 + r.int(50)) % n;
  const fragment = r.chance(0.04) ? '#not-a-heading' : '';
  lines.push(`- [Guide ${neighbour}](${relative(dir, otherDocPath(neighbour))}${fragment})`);
  lines.push(`- [Plan](${relative(dir, `docs/plans/${planName(k % n)}`)})`);
  if (r.chance(0.02)) lines.push(`- [Old page](./removed-page-${k}.md)`);
  lines.push(`- [Roadmap](${relative(dir, 'docs/project/roadmap.md')})`, '');
  return { path, text: lines.join('\n') };
}

function registry(n) {
  const lines = [
    '# Plan Lifecycle Registry',
    '',
    '## Lifecycle States',
    '',
    '- **Active**: Current canonical document for a topic.',
    '- **Superseded**: Replaced by a newer canonical document.',
    '- **Archived**: Historical document.',
    '',
    '## Supersession Map',
    '',
    '| Plan | Lifecycle | Superseded By | Notes |',
    '|------|-----------|---------------|-------|',
  ];
  for (let j = 0; j < Math.min(n, 20); j += 2) lines.push(`| \`${planName(j)}\` | Active | - | Generated |`);
  lines.push('');
  return lines.join('\n');
}

function changelog() {
  return [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '### Roadmap Alignment',
    '',
    '- Phase 1 work tracked in the roadmap.',
    '',
    '### Added',
    '',
    '- Generated entry.',
    '',
  ].join('\n');
}

/** Every file of the corpus of size `n`, as { path, text }, in a fixed order. */
export function* corpusFiles(n) {
  const r = prng(0x5eed0000 + n);
  const map = roadmap(n, r);
  yield { path: 'docs/project/roadmap.md', text: map.text };
  yield { path: 'docs/plans/PLAN_LIFECYCLE.md', text: registry(n) };
  yield { path: 'CHANGELOG.md', text: changelog() };
  for (let j = 0; j < n; j++) yield plan(j, n, r, map.scopes);
  for (let k = 0; k < n; k++) yield otherDoc(k, n, r);
}

export const GENERATOR_VERSION = 3;

/** `name` with two neighbouring letters of its kind word swapped: a typo two edits from it. */
export function typoName(name) {
  return name.replace(/-(design|implementation)/, (whole, word) => `-${word.slice(0, 3)}${word[4]}${word[3]}${word.slice(5)}`);
}

/**
 * The corpus of size `n` with one more line in every plan: a link to another
 * plan of the same folder whose name has a typo (two letters swapped), so
 * every plan has one broken link whose nearest file is the plan it meant.
 */
export function* typoCorpusFiles(n) {
  for (const file of corpusFiles(n)) {
    const m = /^docs\/plans\/(2026-.*)$/.exec(file.path);
    if (!m) {
      yield file;
      continue;
    }
    const j = Number(/-topic-(\d+)-/.exec(m[1])[1]) * 2 + (m[1].endsWith('-design.md') ? 0 : 1);
    yield { path: file.path, text: `${file.text}\nSee also [the neighbouring plan](./${typoName(planName((j * 7 + 3) % n))}).\n` };
  }
}

/** A workspace with only the roadmap of size `n` (its links to plans all broken). */
export function* roadmapOnlyFiles(n) {
  for (const file of corpusFiles(n)) {
    yield file;
    return;
  }
}

/**
 * Writes the corpus of size `n` under `root` unless a complete one of this
 * generator version is already there. Returns { dir, files, bytes }.
 * `variant`: '' (the corpus), 'typos' (`typoCorpusFiles`) or 'roadmap-only'
 * (`roadmapOnlyFiles`), each in a folder of its own.
 */
export function ensureCorpus(root, n, variant = '') {
  const dir = join(root, `corpus-${n}${variant ? `-${variant}` : ''}`);
  const stamp = join(dir, '.bench-corpus.json');
  if (existsSync(stamp)) {
    const info = JSON.parse(readFileSync(stamp, 'utf8'));
    if (info.version === GENERATOR_VERSION && info.n === n && (info.variant ?? '') === variant) return { dir, files: info.files, bytes: info.bytes, roadmapItems: n };
  }
  rmSync(dir, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const made = new Set();
  const source = variant === 'typos' ? typoCorpusFiles(n) : variant === 'roadmap-only' ? roadmapOnlyFiles(n) : corpusFiles(n);
  for (const file of source) {
    const abs = join(dir, file.path);
    const parent = dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(abs, file.text);
    files++;
    bytes += Buffer.byteLength(file.text);
  }
  writeFileSync(stamp, JSON.stringify({ version: GENERATOR_VERSION, n, files, bytes, ...(variant ? { variant } : {}) }));
  return { dir, files, bytes, roadmapItems: n };
}
