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
}

export interface RuleContext {
  model: WorkspaceModel;
  config: Config;
  report(report: Report): void;
  /** Template text for new documents (workspace override or built-in). */
  template(kind: DocKind | 'standards'): string;
  /** Today, YYYY-MM-DD, for the names and dates of new documents. */
  today: string;
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

/** Path of a rule's page inside the package, relative to its root. */
export function ruleDocsPath(rule: RuleMeta): string {
  return `docs/rules/${rule.code}-${rule.name}.md`;
}
