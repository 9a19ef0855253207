/**
 * Code-span paths: a `.md` path in backticks outside fenced code
 * (`docs/plans/2026-01-10-search-design.md`) names the file it reaches from
 * the workspace root or from the document's folder. RG007 counts such a
 * mention as a reference to a plan; Find References lists it and a rename
 * rewrites it (queries.ts). One notion of a mention, here.
 */
import type { Doc, WorkspaceModel } from './model';
import { dirname, joinPath } from './paths';
import { range, type Range } from './types';
import { nextFence } from './markdown/split';

export interface CodePath {
  /** The path as written, without its `#fragment`. */
  written: string;
  /** Where `written` is: inside the backticks. */
  range: Range;
}

const CODE_PATH = /`([^`\s]+\.md)(?:#[^`\s]*)?`/gi;
const MAYBE = /\.md[`#]/i;

/** The `.md` code-span paths of a document outside fenced code, read once per text. */
const byDoc = new WeakMap<Doc, CodePath[]>();

export function codePathsOf(doc: Doc): CodePath[] {
  let paths = byDoc.get(doc);
  if (paths) return paths;
  paths = [];
  // A quick look first (a path may carry a #fragment, and `.MD` counts too).
  if (MAYBE.test(doc.text)) {
    let fence: string | null = null;
    const lines = doc.text.split('\n');
    for (let lineNo = 0; lineNo < lines.length; lineNo++) {
      const line = lines[lineNo];
      const f = nextFence(line, fence);
      fence = f.fence;
      if (f.toggled) continue;
      if (fence !== null || !MAYBE.test(line)) continue;
      CODE_PATH.lastIndex = 0;
      for (let m = CODE_PATH.exec(line); m; m = CODE_PATH.exec(line)) paths.push({ written: m[1], range: range(lineNo, m.index + 1, lineNo, m.index + 1 + m[1].length) });
    }
  }
  byDoc.set(doc, paths);
  return paths;
}

/** The workspace paths a code-span path may name: from the root first, then from the document's folder. */
export function codePathCandidates(doc: Doc, written: string): { path: string; style: 'root' | 'relative' }[] {
  const out: { path: string; style: 'root' | 'relative' }[] = [];
  const fromRoot = joinPath('', written);
  if (fromRoot) out.push({ path: fromRoot, style: 'root' });
  const fromDoc = joinPath(dirname(doc.path), written);
  if (fromDoc && fromDoc !== fromRoot) out.push({ path: fromDoc, style: 'relative' });
  return out;
}

/**
 * The code-span mentions of `target` in the documents of the model (not in
 * `target` itself), other than the labelled code spans that are links already
 * (`Doc.links`, which the link index has).
 */
export function codePathMentionsOf(model: WorkspaceModel, target: string): { path: string; mention: CodePath }[] {
  const out: { path: string; mention: CodePath }[] = [];
  for (const doc of model.docs.values()) {
    if (doc.path === target) continue;
    for (const mention of codePathsOf(doc)) {
      if (!codePathCandidates(doc, mention.written).some((c) => c.path === target)) continue;
      if (isLink(doc, mention)) continue;
      out.push({ path: doc.path, mention });
    }
  }
  return out;
}

/** Whether a mention is a labelled code span the document's links already hold. */
export function isLink(doc: Doc, mention: CodePath): boolean {
  const at = mention.range.start;
  return doc.links.some((l) => l.kind === 'codespan' && l.targetRange.start.line === at.line && l.targetRange.start.character <= at.character && at.character < l.targetRange.end.character);
}
