/**
 * Custom messages between the language server and its clients, declared once.
 * The VS Code client and the server both import this module; other clients
 * (Neovim, Emacs) use the same names as plain strings.
 */
//
// Custom messages are declared as method names plus parameter/result types
// (not as vscode-jsonrpc RequestType objects): the server and the client
// bundle different vscode-jsonrpc copies, whose classes do not mix.
import type { CoverageTotals } from '../engine/queries';

/** Commands the server executes (`workspace/executeCommand`), listed in `executeCommandProvider`. */
export const Commands = {
  /** Args: [NewDocArgs]. Returns NewDocResult. */
  newDoc: 'roadmapGovernance.newDoc',
  /** Args: [CoverageArgs?]. Returns CoverageCommandResult. */
  coverage: 'roadmapGovernance.coverage',
  /** Args: none. Rescans every folder from disk; returns CheckSummary. */
  checkWorkspace: 'roadmapGovernance.checkWorkspace',
  /** Args: [ApplyFixArgs]. The fallback for clients that cannot create files from a WorkspaceEdit. */
  applyFix: 'roadmapGovernance.applyFix',
  /** Args: [EffectiveConfigArgs?]. Returns EffectiveConfigResult: each folder's settings, where they came from, and its conventions. */
  effectiveConfig: 'roadmapGovernance.effectiveConfig',
} as const;

export interface EffectiveConfigArgs {
  /** A document or folder URI selecting the workspace folder; default: every folder. */
  uri?: string;
}

export interface EffectiveConfigResult {
  /** The report as `roadmap-governance config` prints it, one block per folder. */
  text: string;
}

export const ALL_COMMANDS: string[] = Object.values(Commands);

/** The code action kind of "fix everything fixable in this file". */
export const FIX_ALL_KIND = 'source.fixAll.roadmapGovernance';

/** Diagnostic `source`. */
export const DIAGNOSTIC_SOURCE = 'roadmap-governance';

export type NewDocKind = 'design' | 'implementation' | 'decision';

export interface NewDocArgs {
  kind: NewDocKind;
  /** Document the command was run from (the roadmap, for "from the item under the cursor"). */
  uri?: string;
  /** Cursor position in `uri`; the roadmap item there gives the title, phase and link. */
  position?: { line: number; character: number };
  /** Title when no item is under the cursor. */
  title?: string;
  /** Phase number when no item is under the cursor. */
  phase?: string;
}

export interface NewDocResult {
  /** URI of the created document. */
  uri: string;
  /** True when a roadmap item was linked to it. */
  linked: boolean;
}

export interface CoverageArgs {
  format?: 'markdown' | 'json';
  /** A document or folder URI selecting the workspace folder; default: every folder. */
  uri?: string;
}

export interface CoverageCommandResult {
  format: 'markdown' | 'json';
  /** Markdown text, or the JSON of CoverageResult. */
  text: string;
}

export interface ApplyFixArgs {
  /** Document the finding is in. */
  uri: string;
  /** Version of that document the fix was computed for; null when it was not open. */
  version: number | null;
  /** The finding's key (`Diagnostic.data.key`). */
  key: string;
  /** Index into the finding's fixes. */
  fix: number;
}

export interface CheckSummary {
  folders: number;
  files: number;
  findings: number;
  errors: number;
  warnings: number;
}

/** What every diagnostic carries in `data`. */
export interface DiagnosticData {
  /** Stable key of the finding: rule code, path, range and message. */
  key: string;
  /** Rule name (the code is in `Diagnostic.code`). */
  name: string;
  /** Titles of the fixes the finding has (code actions come from them). */
  fixes: string[];
  /** The finding's own data (item title, phase, target...). */
  finding?: Record<string, unknown>;
}

// ---- Coverage, for the tree view and the status bar ----

export interface CoveragePlan {
  role: 'design' | 'implementation' | 'decision' | 'related';
  /** URI of the target; absent when the link points nowhere in the workspace. */
  uri?: string;
  /** Workspace-relative path the link resolves to. */
  path?: string;
  exists: boolean;
  /** The plan's `**Status:**`, if any. */
  status?: string;
}

export interface CoverageItem {
  title: string;
  category?: string;
  checked: boolean;
  /** Whether the link scope covers the item; the totals count only those (as the CLI's coverage matrix does). */
  inScope: boolean;
  /** Roadmap URI and the range of the item's title. */
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  hasDesign: boolean;
  hasImplementation: boolean;
  plans: CoveragePlan[];
}

export interface CoveragePhase {
  number: string;
  /** How the roadmap names the section: `Phase 7.1`, `Milestone 3`, `Backlog`. */
  label: string;
  title: string;
  status: 'completed' | 'in-progress' | 'planned' | 'unknown';
  items: CoverageItem[];
  totals: CoverageTotals;
}

/** Item counts; the server computes them in the engine (`queries.ts`), the client shows them. */
export type { CoverageTotals };

export interface CoverageFolder {
  /** Workspace folder URI. */
  folder: string;
  name: string;
  /** Roadmap URI, absent when the folder has no roadmap. */
  roadmap?: string;
  phases: CoveragePhase[];
  totals: CoverageTotals;
}

export interface CoverageResult {
  folders: CoverageFolder[];
  totals: CoverageTotals;
  /** Share of items with both links, 0–100, rounded; null when there are no items. */
  percent: number | null;
}

export interface CoverageParams {
  /** Limit to the folder of this URI; default: every folder. */
  uri?: string;
}

/** Request `roadmapGovernance/coverage` (CoverageParams → CoverageResult): the coverage tree and figure. */
export const CoverageRequest = { method: 'roadmapGovernance/coverage' } as const;

export interface CoverageChangedParams {
  percent: number | null;
  totals: CoverageTotals;
}

/** Notification `roadmapGovernance/coverageChanged` (CoverageChangedParams), sent by the server when the figures change, so views refresh. */
export const CoverageChangedNotification = { method: 'roadmapGovernance/coverageChanged' } as const;

/** Options a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /** Delay between a keystroke and the check, in ms (default 10). */
  debounceMs?: number;
  /**
   * After a keystroke the typed file is checked alone; the whole workspace
   * waits until typing pauses this long, in ms (default 300)...
   */
  typingPauseMs?: number;
  /** ...unless a full check took less than this, in ms (default 50; 0: always wait): then it runs at once. */
  fullCheckAtOnceMs?: number;
  /**
   * Settings in the config file's shape, for clients without
   * `workspace/configuration` (the config file still wins over them).
   */
  settings?: unknown;
}

/** The settings section the server asks the client for (`workspace/configuration`). */
export const SETTINGS_SECTION = 'roadmapGovernance';
