/** What a rule module exports, and what it is given when it runs. */
import type { Config } from './config';
import type { Doc, WorkspaceModel } from './model';
import type { DocKind } from './templates';
import type { Fix, Range, Severity } from './types';

export interface RuleMeta {
  /** Stable code, shown in diagnostics and used in config and suppressions: `RG001`. */
  code: string;
  /** Stable kebab-case name, usable wherever the code is: `item-missing-design`. */
  name: string;
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  /** Topics, for docs and filtering. */
  tags: string[];
  /**
   * The parts of the workspace the rule reports in, when it never reports
   * elsewhere (a test holds every rule to it). Checking one file skips the
   * rules that cannot report in it. Absent: anywhere.
   */
  reportsIn?: readonly RuleInput[];
}

export interface Report {
  path: string;
  range: Range;
  message: string;
  fixes?: Fix[];
  data?: Record<string, unknown>;
  /** A lower severity for this one finding (a draft's placeholders); never raises the rule's. */
  lower?: Severity | 'off';
}

export interface RuleContext {
  model: WorkspaceModel;
  config: Config;
  report(report: Report): void;
  /** Template text for new documents (workspace override or built-in). */
  template(kind: DocKind | 'standards'): string;
  /** Today, YYYY-MM-DD, for the names and dates of new documents. */
  today: string;
  /** The config file the settings came from, when there is one (findings about a setting go there). */
  configFile?: { path: string; text: string };
}

/**
 * Parts of the workspace a rule reads. A rule that declares them is run again
 * only when one of them changed (and its last findings are reused otherwise),
 * which keeps typing in the roadmap from re-running plan-only rules.
 * `anchors` changes when the headings or anchors of any document change. A
 * rule without `reads` always runs.
 */
export type RuleInput = 'roadmap' | 'plans' | 'registry' | 'changelog' | 'releaseTemplate' | 'otherDocuments' | 'files' | 'anchors';

export interface Rule extends RuleMeta {
  reads?: readonly RuleInput[];
  /**
   * For rules whose findings in a document depend on that document and on
   * `reads` only: checks one document. The engine then re-checks just the
   * documents that changed while `reads` stay the same, and `check` is
   * `checkDocument` over every document.
   */
  checkDocument?(context: RuleContext, doc: Doc): void;
  check(context: RuleContext): void;
}

/** A rule checked document by document (see `Rule.checkDocument`). */
export function documentRule(rule: RuleMeta & { reads: readonly RuleInput[]; checkDocument(context: RuleContext, doc: Doc): void }): Rule {
  return {
    ...rule,
    check(context) {
      for (const doc of context.model.docs.values()) rule.checkDocument(context, doc);
    },
  };
}

/**
 * Reports kept from one check to the next by a key that names everything a
 * report says. A report made again with the same key is the same object, and
 * so (in the engine) the same finding: typing in one item of a long roadmap
 * leaves the other findings, and what the server derived from them, as they
 * were. Only the reports of the last check are kept (its `next` replaces the
 * previous ones), for as long as the file list and config stay (the model
 * cache's lifetime). Keys and kept strings must not be slices of a document's
 * text (see `detached`).
 */
export class ReportMemo {
  private readonly memo: Map<string, unknown>;
  private readonly key: string;
  private readonly emit: (report: Report) => void;
  private readonly previous?: Map<string, Report>;
  private next?: Map<string, Report>;

  constructor(context: RuleContext, name: string) {
    this.memo = context.model.cache.memo;
    this.emit = context.report;
    this.key = `report-memo:${name}`;
    this.previous = this.memo.get(this.key) as Map<string, Report> | undefined;
    // A check that reports nothing keeps nothing.
    this.memo.delete(this.key);
  }

  /** Reports the report kept under `key`, else the one `make` gives; keeps it for the next check either way. */
  report(key: string, make: () => Report): Report {
    return this.reportKnown(key, this.next?.get(key) ?? this.previous?.get(key) ?? make());
  }

  /** Reports `report`, which the rule knows is current, and keeps it under `key` for the next check. */
  reportKnown(key: string, report: Report): Report {
    if (!this.next) this.memo.set(this.key, (this.next = new Map()));
    this.next.set(key, report);
    this.emit(report);
    return report;
  }
}

/** A range as text, for report keys. */
export function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Path of a rule's page inside the package, relative to its root. */
export function ruleDocsPath(rule: RuleMeta): string {
  return `docs/rules/${rule.code}-${rule.name}.md`;
}
