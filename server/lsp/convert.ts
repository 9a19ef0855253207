/** Engine data to LSP data: findings to diagnostics, fixes to workspace edits. */
import { URI, Utils } from 'vscode-uri';
import {
  CreateFile,
  type Diagnostic,
  DiagnosticSeverity,
  TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { pushAll } from '../engine/arrays';
import { ruleDocsPath } from '../engine/rule';
import { ruleFor } from '../engine/rules';
import type { Finding, Fix, Severity } from '../engine/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../shared/protocol';
import { registerImmutable } from './encoder';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The URI of the installed package's root (see `ServerPlatform.packageRoot`), set when the server starts. */
let packageRoot: URI | undefined;

export function setPackageRoot(uri: string | undefined): void {
  packageRoot = uri === undefined ? undefined : URI.parse(uri);
}

/** The URI of the rule's docs page in the installed package (a file URI on Node). */
export function ruleDocsUri(code: string): string | undefined {
  const rule = ruleFor(code);
  return rule && packageRoot ? Utils.joinPath(packageRoot, ...ruleDocsPath(rule).split('/')).toString() : undefined;
}

function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/** A key that names a finding across checks while its file does not change around it. */
export function findingKey(f: Finding): string {
  const r = f.range;
  return `${f.code}:${r.start.line}:${r.start.character}:${hash(`${f.path}|${r.end.line}:${r.end.character}|${f.message}`)}`;
}

export function toDiagnostic(f: Finding): Diagnostic {
  // Findings that the engine reuses between checks keep their diagnostic.
  let diagnostic = diagnostics.get(f);
  if (!diagnostic) {
    diagnostics.set(f, (diagnostic = makeDiagnostic(f)));
    // Never changed from here on: its JSON can be written once (see encoder.ts).
    registerImmutable(diagnostic);
  }
  return diagnostic;
}

const diagnostics = new WeakMap<Finding, Diagnostic>();

function makeDiagnostic(f: Finding): Diagnostic {
  const href = ruleDocsUri(f.code);
  const data: DiagnosticData = { key: findingKey(f), name: f.name, fixes: (f.fixes ?? []).map((x) => x.title) };
  if (f.data) data.finding = f.data;
  return {
    range: f.range,
    severity: SEVERITIES[f.severity],
    code: f.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
}

export interface EditTarget {
  /** URI for a workspace path (the client's own URI when the document is open). */
  uri(workspacePath: string): string;
  /** Version of the open document, or null. */
  version(workspacePath: string): number | null;
}

/** Edit steps grouped by file (steps of one file merged, in order). */
export function editsByPath(fix: Fix): Map<string, TextEdit[]> {
  const byPath = new Map<string, TextEdit[]>();
  for (const step of fix.steps) {
    if (step.kind !== 'edit') continue;
    let list = byPath.get(step.path);
    if (!list) byPath.set(step.path, (list = []));
    pushAll(list, step.edits);
  }
  return byPath;
}

/**
 * A fix as a WorkspaceEdit. Creates come first (with ignoreIfExists, so a
 * client never empties an existing file), then the new file's content, then
 * the edits of existing files. `documentChanges` when the fix creates files
 * or the client prefers it; plain `changes` otherwise.
 */
export function fixToWorkspaceEdit(fix: Fix, target: EditTarget, useDocumentChanges: boolean): WorkspaceEdit {
  const creates = fix.steps.filter((s): s is Extract<Fix['steps'][number], { kind: 'create' }> => s.kind === 'create');
  const edits = editsByPath(fix);
  if (creates.length === 0 && !useDocumentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const [p, list] of edits) changes[target.uri(p)] = list;
    return { changes };
  }
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  for (const c of creates) {
    const uri = target.uri(c.path);
    documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true, overwrite: false }));
    documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.content }]));
  }
  for (const [p, list] of edits) documentChanges.push(TextDocumentEdit.create({ uri: target.uri(p), version: target.version(p) }, list));
  return { documentChanges };
}

