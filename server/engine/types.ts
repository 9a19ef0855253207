/**
 * Plain data types shared by the engine, the CLI and the language server.
 * Positions are 0-based lines and UTF-16 character offsets, as in LSP, so the
 * server can pass them through unchanged; the CLI adds 1 when it prints them.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A replacement of `range` in the file at `path` by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * One step of a fix. Steps run in order: a `create` comes before the edits of
 * the same file. `create` never overwrites: when the file exists the fix is
 * not offered at all.
 */
export type FixStep =
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  | { kind: 'create'; path: string; content: string };

export interface Fix {
  title: string;
  steps: FixStep[];
  /** True when the fix is the one a "fix all" should apply. */
  preferred?: boolean;
}

/** What a rule reports. `path` is workspace-relative with forward slashes. */
export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  fixes?: Fix[];
  /** Extra data the editor can use (for example the item title). */
  data?: Record<string, unknown>;
}

export function range(line: number, character: number, endLine = line, endCharacter = character): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

export const FILE_START: Range = range(0, 0, 0, 0);

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
