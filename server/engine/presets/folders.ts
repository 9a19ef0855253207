/** Helpers for layout presets: counting plan-like files under a folder. */
import type { PlanKind } from '../config';
import type { LayoutFinding } from './types';

const DATED = /^\d{4}-\d{2}-\d{2}[-_]/;
/** `0001-title.md`, `ADR-0001-title.md`, `adr_012_title.md`, `RFC-0042-…` */
const NUMBERED = /^(?:(?:adr|rfc|dec|decision)[-_]?)?\d{3,5}[-_]/i;

/** Markdown files directly or deeper under `folder`, not READMEs or indexes. */
export function markdownUnder(files: readonly string[], folder: string): string[] {
  const prefix = folder + '/';
  return files.filter((f) => f.startsWith(prefix) && /\.md$/i.test(f) && !/(^|\/)(readme|index|agents|claude|template)\.md$/i.test(f));
}

export function isDated(path: string): boolean {
  return DATED.test(path.slice(path.lastIndexOf('/') + 1));
}

export function isNumbered(path: string): boolean {
  return NUMBERED.test(path.slice(path.lastIndexOf('/') + 1));
}

export interface FolderRule {
  /** Workspace-relative folder. */
  folder: string;
  /** Kind of its unsuffixed files; undefined: from the file name only. */
  kind?: PlanKind;
  /** What counts as a plan file there. */
  accept: (path: string) => boolean;
  /** Fewest such files for the folder to count. */
  min: number;
  /** "dated design docs" */
  noun: string;
}

/** The folders among `rules` that `files` shows, as one finding (undefined when none). */
export function findFolders(files: readonly string[], rules: readonly FolderRule[]): LayoutFinding | undefined {
  const found: LayoutFinding = { plans: [], planKinds: {}, reasons: [] };
  for (const rule of rules) {
    const count = markdownUnder(files, rule.folder).filter(rule.accept).length;
    if (count < rule.min) continue;
    const glob = `${rule.folder}/**/*.md`;
    found.plans.push(glob);
    if (rule.kind) found.planKinds[`${rule.folder}/**`] = rule.kind;
    found.reasons.push(`${rule.folder} has ${count} ${rule.noun}`);
  }
  return found.plans.length ? found : undefined;
}
