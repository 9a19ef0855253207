/**
 * The roadmap shapes real teams write, read line by line: which headings are
 * sections (phases, sub-phases, milestones, sub-projects), what an item's
 * title is, which tables list items, which lines link a whole phase's docs.
 * Pure helpers for `WorkspaceModel.buildRoadmap` (model.ts), which nests the
 * sections and builds the items.
 */
import { CodeSpans, inlinePlain } from './markdown/inline';
import { blankCodeSpans } from './markdown/scan';
import type { HeadingInfo, LinkInfo, ListItemInfo } from './markdown/parse';
import type { Range } from './types';
import { range } from './types';

/** What a roadmap section is: a phase (sub-phases too), a milestone, a sub-project, or a plain heading that holds items. */
export type PhaseKind = 'phase' | 'milestone' | 'sub-project' | 'section';

export type PhaseStatus = 'completed' | 'in-progress' | 'planned' | 'unknown';

/** What a section heading says: its kind, the number `linkScope.phases` names it by, the label messages use, its title. */
export interface SectionHead {
  kind: PhaseKind;
  /** `7.1`, `A.1`, `7a` for a phase; `Milestone 3`, `M2`, `Sub-project B`; a plain section's heading text. */
  number: string;
  /** `Phase 7.1`, `Milestone 3`, `M2`, `Sub-project B`, `Backlog`. */
  label: string;
  title: string;
}

/** Emoji and check marks, which headings and status cells use as markers. */
const MARKERS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\u2713\u2714\u2610\u2611\u2612]/gu;

/** Words that may stand before "Phase" in a heading as a status marker (`## DONE Phase 2`, `## [WIP] Phase 3`). */
const STATUS_WORDS = new Set(['done', 'complete', 'completed', 'shipped', 'finished', 'wip', 'in', 'progress', 'planned', 'todo', 'next', 'now', 'later', 'current', 'active', 'blocked', 'paused', 'deferred', 'new', 'status']);

/** A phase number: `5`, `4.2`, `7a`, `7a.1`, or a capital letter with sub-numbers, `A`, `A.1`. */
const NUMBER = String.raw`(\d+[a-z]?(?:\.\d+[a-z]?)*|[A-Z](?:\.\d+[a-z]?)*)(?![\p{L}\p{N}])`;
/** What may follow the number: a separator, then the title. */
const REST = String.raw`[ \t]*[:.)\-–—|]?[ \t]*(.*)$`;

const PATTERNS: { kind: Exclude<PhaseKind, 'section'>; pattern: RegExp; name: (n: string) => { number: string; label: string } }[] = [
  { kind: 'phase', pattern: new RegExp(String.raw`(?:[Pp]hase|PHASE)[ \t\-_]*${NUMBER}${REST}`, 'u'), name: (n) => ({ number: n, label: `Phase ${n}` }) },
  { kind: 'milestone', pattern: new RegExp(String.raw`(?:[Mm]ilestone|MILESTONE)[ \t\-_]*${NUMBER}${REST}`, 'u'), name: (n) => ({ number: `Milestone ${n}`, label: `Milestone ${n}` }) },
  { kind: 'milestone', pattern: new RegExp(String.raw`M(\d+(?:\.\d+)*)(?![\p{L}\p{N}])${REST}`, 'u'), name: (n) => ({ number: `M${n}`, label: `M${n}` }) },
  {
    kind: 'sub-project',
    pattern: new RegExp(String.raw`(?:[Ss]ub[ \t-]?[Pp]roject|SUB[ \t-]?PROJECT)[ \t\-_]*${NUMBER}${REST}`, 'u'),
    name: (n) => ({ number: `Sub-project ${n}`, label: `Sub-project ${n}` }),
  },
];

/** Whether the text before a heading's keyword is only markers: emoji, punctuation, status words. */
function onlyMarkers(prefix: string): boolean {
  for (const word of prefix.split(/[^\p{L}\p{N}]+/u)) if (word && !STATUS_WORDS.has(word.toLowerCase())) return false;
  return true;
}

/**
 * The section a heading names: `Phase 5: Title`, `✅ Phase 2 — Title`,
 * `Phase-5: …`, `Phase 4.2`, `Phase A.1`, `Phase 7a`, `Milestone 3: …`,
 * `M2 — …`, `Sub-project B: …`. Undefined for any other heading.
 */
export function sectionHeading(text: string): SectionHead | undefined {
  for (const { kind, pattern, name } of PATTERNS) {
    // The keyword may follow markers ("✅ Phase 2", "[DONE] Phase 2"), never other words.
    const m = pattern.exec(text);
    if (!m || !onlyMarkers(text.slice(0, m.index))) continue;
    return { kind, ...name(m[1]), title: cleanPhaseTitle(m[2]) };
  }
  return undefined;
}

/**
 * A sub-phase heading without the word "Phase" inside phase `parent`:
 * `### 7a. Deferred Prompt Engine` or `### 7.1 Search` in `## Phase 7`.
 */
export function subPhaseHeading(text: string, parent: string): SectionHead | undefined {
  const escaped = parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(String.raw`^[^\p{L}\p{N}]*(${escaped}(?:\.\d+[a-z]?|[a-z])(?:\.\d+[a-z]?)*)(?![\p{L}\p{N}])${REST}`, 'u').exec(text);
  if (!m) return undefined;
  return { kind: 'phase', number: m[1], label: `Phase ${m[1]}`, title: cleanPhaseTitle(m[2]) };
}

/** Whether section number `child` is a sub-number of `parent`: 7.1 and 7a of 7, A.1 of A, Milestone 3.1 of Milestone 3. */
export function isSubNumber(child: string, parent: string): boolean {
  const c = child.toLowerCase();
  const p = parent.toLowerCase();
  if (c.startsWith(`${p}.`)) return true;
  return /\d$/.test(p) && c.length === p.length + 1 && c.startsWith(p) && /[a-z]$/.test(c);
}

/**
 * How two section numbers of one kind compare: 6 before 7, 7 before 7.1
 * before 7.2, 7a before 7b, A before B. Undefined when they cannot be compared.
 */
export function compareNumbers(a: string, b: string): number | undefined {
  const parts = (n: string) =>
    n
      .replace(/^(?:milestone|sub-project)\s+/i, '')
      .replace(/^M(?=\d)/, '')
      .split('.')
      .map((seg) => /^(\d+)?([a-z]*)$/i.exec(seg));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    if ((x[1] === undefined) !== (y[1] === undefined)) return undefined;
    if (x[1] !== undefined && y[1] !== undefined && Number(x[1]) !== Number(y[1])) return Number(x[1]) - Number(y[1]);
    const lx = x[2].toLowerCase();
    const ly = y[2].toLowerCase();
    if (lx !== ly) return lx < ly ? -1 : 1;
  }
  return 0;
}

/** A section found by `roadmapSections`, before its items are read. */
export interface SectionDraft {
  head: SectionHead;
  heading: HeadingInfo;
  /** Index of the heading in the document's headings. */
  headingIndex: number;
  /** Last line of the section (inclusive). */
  endLine: number;
  /** Index of the enclosing section, or -1. */
  parent: number;
}

/**
 * The sections of a roadmap, nested. A section heading inside another of
 * the same kind is its child when its number is a sub-number of the other's
 * (`### Phase 7.1` or `### 7a. …` in `## Phase 7`, also at the same level
 * right after `### Phase 7`); with a later number it
 * ends the other and is its sibling, whatever the heading levels (`# Phase 6`
 * then `## Phase 7`); with the same or an earlier number it is a plain
 * heading in it (`### Phase 2 tasks` in `## Phase 2`). A heading that is no
 * section heading becomes a section of its own (`## Backlog`) when it
 * directly holds items (`holdsItems`) and no section encloses it, unless it
 * is a change log, a definition of done or the like; such a section holds no
 * phases (a phase heading below it ends it). `innermost[k]` is the
 * section that the lines after heading `k` (up to the next heading) belong to.
 */
export function roadmapSections(headings: readonly HeadingInfo[], lineCount: number, holdsItems: (k: number) => boolean): { sections: SectionDraft[]; innermost: Int32Array } {
  const sections: SectionDraft[] = [];
  const innermost = new Int32Array(headings.length).fill(-1);
  const stack: { depth: number; text: string; section: number }[] = [];
  const innermostOpen = () => {
    for (let s = stack.length - 1; s >= 0; s--) if (stack[s].section >= 0) return s;
    return -1;
  };
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k];
    const start = h.range.start.line;
    const close = () => {
      const e = stack.pop()!;
      if (e.section >= 0) sections[e.section].endLine = start - 1;
    };
    let head = sectionHeading(h.text);
    // Deeper or equal headings end, except the phase this one is a sub-phase
    // of: `### Phase 4.1` (or `### 4a. …`) right after `### Phase 4` is in it.
    while (stack.length && stack[stack.length - 1].depth >= h.depth) {
      const e = stack[stack.length - 1];
      if (e.section >= 0) {
        const p = sections[e.section].head;
        const sub = head ?? (p.kind === 'phase' ? subPhaseHeading(h.text, p.number) : undefined);
        if (sub && sub.kind === p.kind && isSubNumber(sub.number, p.number)) {
          head = sub;
          break;
        }
      }
      close();
    }
    let at = innermostOpen();
    if (!head && at >= 0) {
      const p = sections[stack[at].section].head;
      if (p.kind === 'phase') head = subPhaseHeading(h.text, p.number);
    }
    while (head && at >= 0) {
      const p = sections[stack[at].section].head;
      // A plain section (a Backlog) holds no phases: a phase heading below it ends it.
      if (p.kind === 'section') {
        while (stack.length > at) close();
        at = innermostOpen();
        continue;
      }
      if (p.kind !== head.kind || isSubNumber(head.number, p.number)) break;
      const order = compareNumbers(head.number, p.number);
      if (order !== undefined && order <= 0) {
        head = undefined;
        break;
      }
      while (stack.length > at) close();
      at = innermostOpen();
    }
    if (!head && at < 0 && holdsItems(k) && !notAnItemSection(h.text) && !stack.some((e) => notAnItemSection(e.text))) {
      const name = sectionName(h.text);
      head = { kind: 'section', number: name, label: name, title: '' };
    }
    let section = -1;
    if (head) {
      section = sections.length;
      sections.push({ head, heading: h, headingIndex: k, endLine: lineCount - 1, parent: at >= 0 ? stack[at].section : -1 });
    }
    stack.push({ depth: h.depth, text: h.text, section });
    const open = innermostOpen();
    innermost[k] = open >= 0 ? stack[open].section : -1;
  }
  return { sections, innermost };
}

/** A plain section's name: its heading text without markers (`🧊 Backlog` → `Backlog`). */
export function sectionName(text: string): string {
  return (
    text
      .replace(MARKERS, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s\-–—:|.]+|[\s\-–—:|]+$/g, '')
      .trim() || text.trim()
  );
}

/**
 * Headings whose task items are not roadmap items: change logs, dated
 * entries (`### 2026-02-13` under "Recent Changes"), definitions of done,
 * acceptance criteria, legends, examples.
 */
export function notAnItemSection(text: string): boolean {
  return /\b(recent changes|change ?log|release notes|history|definition of done|acceptance criteria|legend|example|examples|template)\b/i.test(text) || /^\s*\d{4}-\d{2}(-\d{2})?\b/.test(text);
}

export function cleanPhaseTitle(title: string): string {
  return title
    .replace(MARKERS, ' ')
    .replace(/\*\*?(COMPLETED?|IN PROGRESS|PLANNED|DONE)\*\*?/gi, '')
    .replace(/(\s*[-–—:|]?\s*[([]?\b(COMPLETED?|IN PROGRESS|PLANNED|DONE|SHIPPED)\b[)\]]?)+\s*$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—:|]+|[\s\-–—:|]+$/g, '')
    .trim();
}

export function phaseStatus(text: string): PhaseStatus {
  if (/✅|\bCOMPLETED?\b/i.test(text) || /\b(DONE|SHIPPED)\b/.test(text)) return 'completed';
  if (/🔄|\bIN PROGRESS\b/i.test(text)) return 'in-progress';
  if (/📋|\bPLANNED\b/i.test(text)) return 'planned';
  return 'unknown';
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])[ \t]*(?:\[[ xX]\](?=[ \t]|$)[ \t]*)?/;
/** Where a plain title ends: ` — `, ` – `, ` - ` or `: ` (outside code spans). */
const TITLE_END = /[ \t][—–-][ \t]|:[ \t]/;
const LETTER = /[\p{L}\p{N}]/u;

/**
 * The title of a task item and where it is on its first line: the bold span
 * that starts the item (`**[UX] Search**`), else the link that starts it
 * (`[Search](…) — …`), else the text up to the first ` — `, ` – `, ` - `,
 * `: ` or link (`Quick memo capture — save notes…`).
 * `line` is the item's first line; `links` its own links on that line.
 */
export function listItemTitle(line: string, lineNo: number, item: ListItemInfo, links: readonly LinkInfo[]): { title: string; range?: Range } {
  const start = item.range.start.character;
  const marker = LIST_MARKER.exec(line.slice(start));
  const content = start + (marker ? marker[0].length : 0);
  const tr = item.titleRange;
  const bold = item.title !== undefined && tr && tr.start.line === lineNo ? { title: item.title, range: tr } : undefined;
  return titleIn(line, lineNo, content, line.length, bold, links) ?? { title: item.text.split('\n')[0] };
}

const BOLD_START = /^(\*\*|__)(?=\S)(.+?)(?<=\S)\1/;

/** The title in a table cell (`range`), the way `listItemTitle` reads an item's line; the cell's text when it has none. */
export function cellTitle(line: string, cell: { text: string; range: Range }, links: readonly LinkInfo[]): { title: string; range?: Range } {
  const { start, end } = cell.range;
  const m = BOLD_START.exec(line.slice(start.character, end.character));
  const bold = m ? { title: inlinePlain(m[2]), range: range(start.line, start.character, start.line, start.character + m[0].length) } : undefined;
  const inCell = links.filter((l) => l.range.start.line === start.line && l.range.start.character >= start.character && l.range.end.character <= end.character);
  return titleIn(line, start.line, start.character, end.character, bold, inCell) ?? { title: cell.text, range: cell.range };
}

/** The title in `line` from column `from` to `to` (see `listItemTitle`), or undefined when there is no text. */
function titleIn(line: string, lineNo: number, from: number, to: number, bold: { title: string; range: Range } | undefined, links: readonly LinkInfo[]): { title: string; range: Range } | undefined {
  let content = from;
  while (content < to && (line[content] === ' ' || line[content] === '\t')) content++;
  if (bold && !LETTER.test(line.slice(content, bold.range.start.character))) return bold;
  let first: LinkInfo | undefined;
  for (const l of links) {
    if (l.range.start.line !== lineNo || l.kind === 'definition' || l.kind === 'codespan' || l.range.start.character < content || l.range.start.character >= to) continue;
    if (!first || l.range.start.character < first.range.start.character) first = l;
  }
  if (first && first.range.end.line === lineNo && !LETTER.test(line.slice(content, first.range.start.character))) {
    const title = inlinePlain(first.text);
    if (title) return { title, range: first.range };
  }
  let text = line.slice(content, first ? first.range.start.character : to);
  const end = TITLE_END.exec(blankCodeSpans(text));
  if (end && end.index > 0) text = text.slice(0, end.index);
  text = text.replace(/[\s([]+$/, '');
  // Markup the cut left open (`~~Old idea — …~~`) is not part of the title.
  const title = inlinePlain(text).replace(/^[~*_]+|[~*_]+$/g, '').trim();
  if (!title) return undefined;
  return { title, range: range(lineNo, content, lineNo, content + text.length) };
}

/**
 * The columns of a table that lists roadmap items: one named Status (or
 * State), and the title column, the first named Feature / Item / Task /
 * Title / Name…, else the first other column. A table with a Phase or
 * Milestone column is a status overview of sections, not a list of items.
 */
export function statusTableColumns(header: readonly string[]): { status: number; title: number } | undefined {
  const h = header.map((x) => x.trim().toLowerCase());
  const status = h.findIndex((x) => /\bstatus\b/.test(x) || x === 'state');
  if (status < 0) return undefined;
  if (h.some((x) => /^(phase|milestone|sprint|stage|sub-?project)s?$/.test(x))) return undefined;
  let title = h.findIndex((x, i) => i !== status && /^(feature|item|task|title|name|deliverable|work item|story|epic|capability|goal)s?$/.test(x));
  if (title < 0) title = status === 0 ? 1 : 0;
  // Registers that track something other than work: risks, questions, metrics, checks.
  if (title >= header.length || /^(risks?|questions?|dependenc(y|ies)|metrics?|kpis?|tests?|checks?|assumptions?|owners?|links?|documents?|docs?|files?)$/.test(h[title])) return undefined;
  return { status, title };
}

/** Whether a Status cell says the item is done: Done, Complete(d), Shipped, ✅… (case-insensitive). */
export function isDoneStatus(text: string): boolean {
  return /[✅✔☑]|\[x\]/i.test(text) || /^[^\p{L}\p{N}]*(done|complete|completed|shipped|finished|delivered|released|merged|implemented)\b/iu.test(text);
}

/**
 * A line that links the docs of a whole phase: `See [design doc](…)`, a
 * quote `> See …`, `**Design:** \`…\``, `Implementation coverage: …`.
 */
export const PHASE_LINE =
  /^\s*(?:>\s*)*[*_]*\s*(?:see\b|implementation coverage\b|(?:design(?: docs?| documents?)?|specs?|specification|implementation(?: plans?)?|plans?|decisions?(?: records?)?|adrs?)\s*[*_]*\s*:)/i;

/** Whether a phase-level line covers implementation whatever its links say ("Implementation coverage:"). */
export function isCoverageLine(text: string): boolean {
  return /^\s*(?:>\s*)*[*_]*\s*implementation coverage\b/i.test(text);
}

/** How `linkScope.phases` entries and section names compare: case, blanks and punctuation other than `.` aside. */
export function scopeKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}.]+/gu, '');
}
