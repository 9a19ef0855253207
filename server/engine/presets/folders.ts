/** Helpers for layout presets: counting plan-like files under a folder. */
import type { PlanKind } from '../config';
import type { LayoutFinding, LayoutPreset } from './types';

/** `2026-01-05-title.md`, `2026-01-05_title.md`, `20260105-title.md` */
const DATED = /^(?:\d{4}-\d{2}-\d{2}|(?:19|20)\d{6})[-_]/;
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

/**
 * A layout of one kind of document in any of several folders: detected by
 * the folders that hold such files, and, named in `extends`, all of them.
 */
export function folderLayout(spec: { name: string; summary: string; folders: readonly string[]; kind: PlanKind; accept: (path: string) => boolean; noun: string }): LayoutPreset {
  return {
    kind: 'layout',
    name: spec.name,
    summary: spec.summary,
    docs: `docs/layouts.md#${spec.name}`,
    settings: { plans: spec.folders.map((f) => `${f}/**/*.md`), planKinds: Object.fromEntries(spec.folders.map((f) => [`${f}/**`, spec.kind])) },
    detect: (files) => findFolders(files, spec.folders.map((folder) => ({ folder, kind: spec.kind, accept: spec.accept, min: 1, noun: spec.noun }))),
  };
}
