/**
 * Code actions from the findings' fixes, the fallback command that applies a
 * fix on the server, and the commands (new doc, coverage, check workspace).
 */
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  type TextEdit,
  TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { computeCoverage, isGeneratedCoverage, renderCoverageMarkdown } from '../engine/coverage';
import { pushAll } from '../engine/arrays';
import { applyEdits, TakenText } from '../engine/fixes';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { effectiveConfig, renderEffectiveConfig } from '../engine/effective';
import { initialConfigText } from '../engine/initConfig';
import { joinPath } from '../engine/paths';
import { addTotals, coverageOf, coveragePercent, emptyTotals, itemAt, linkedDocs } from '../engine/queries';
import { scaffoldDoc, ScaffoldError } from '../engine/scaffold';
import { today } from '../engine/templates';
import type { Finding, Fix } from '../engine/types';
import {
  type ApplyFixArgs,
  type CheckSummary,
  Commands,
  type CoverageArgs,
  type CoverageCommandResult,
  type CoverageResult,
  type DiagnosticData,
  type EffectiveConfigArgs,
  type EffectiveConfigResult,
  type InitConfigArgs,
  type InitConfigResult,
  FIX_ALL_KIND,
  type NewDocArgs,
  type NewDocResult,
  type WriteCoverageArgs,
  type WriteCoverageResult,
} from '../shared/protocol';
import type { ServerContext } from './context';
import { editsByPath, findingKey, fixToWorkspaceEdit, toDiagnostic } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import type { Folder } from './folders';

function kindMatches(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export class Actions {
  constructor(
    private readonly ctx: ServerContext,
    private readonly diagnostics: DiagnosticsManager,
  ) {}

  private async createsExisting(folder: Folder, fix: Fix): Promise<boolean> {
    for (const s of fix.steps) if (s.kind === 'create' && (folder.engine.hasFile(s.path) || (await folder.fs.exists(s.path)))) return true;
    return false;
  }

  /** `textDocument/codeAction`. */
  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const located = this.ctx.folders.locate(params.textDocument.uri);
    if (!located) return [];
    const { folder, path } = located;
    await folder.ready;
    const findings = folder.resultsFor(path).findings;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const version = this.ctx.documents.get(params.textDocument.uri)?.version ?? null;
    if (kindMatches(only, CodeActionKind.QuickFix)) {
      const keys = new Set(params.context.diagnostics.map((d) => (d.data as DiagnosticData | undefined)?.key).filter(Boolean));
      const byKey = new Map(params.context.diagnostics.map((d) => [(d.data as DiagnosticData | undefined)?.key, d]));
      for (const finding of findings) {
        const key = findingKey(finding);
        if (!keys.has(key) && !intersects(finding.range, params.range)) continue;
        const diagnostic: Diagnostic = byKey.get(key) ?? toDiagnostic(finding);
        for (const [index, fix] of (finding.fixes ?? []).entries()) {
          const action = await this.fixAction(folder, finding, fix, index, params.textDocument.uri, version);
          if (action) actions.push({ ...action, diagnostics: [diagnostic] });
        }
      }
    }
    if (kindMatches(only, FIX_ALL_KIND)) {
      const all = this.fixAll(folder, findings);
      if (all) actions.push(all);
    }
    return actions;
  }

  private async fixAction(folder: Folder, finding: Finding, fix: Fix, index: number, uri: string, version: number | null): Promise<CodeAction | undefined> {
    const creates = fix.steps.some((s) => s.kind === 'create');
    if (creates && (await this.createsExisting(folder, fix))) return undefined; // never offer to create over a file
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix };
    if (fix.preferred) action.isPreferred = true;
    if (creates && !this.ctx.abilities.createFiles) {
      const args: ApplyFixArgs = { uri, version, key: findingKey(finding), fix: index };
      action.command = { title: fix.title, command: Commands.applyFix, arguments: [args] };
    } else {
      action.edit = fixToWorkspaceEdit(fix, this.ctx.editTarget(folder), this.ctx.abilities.documentChanges);
    }
    return action;
  }

  /** One action with every preferred, edit-only fix of the file whose edits do not collide. */
  private fixAll(folder: Folder, findings: Finding[]): CodeAction | undefined {
    const chosen = new Map<string, TextEdit[]>();
    // Edits that touch or meet chosen ones wait (a fix-all of a file may have 100,000 fixes: no pairwise comparison).
    const taken = new Map<string, TakenText>();
    let count = 0;
    for (const finding of findings) {
      const fix = finding.fixes?.find((f) => f.preferred && f.steps.every((s) => s.kind === 'edit'));
      if (!fix) continue;
      const edits = editsByPath(fix);
      if ([...edits].some(([p, list]) => taken.get(p)?.conflicts(list))) continue;
      for (const [p, list] of edits) {
        let all = chosen.get(p);
        if (!all) chosen.set(p, (all = []));
        pushAll(all, list);
        let t = taken.get(p);
        if (!t) taken.set(p, (t = new TakenText(true)));
        t.take(list);
      }
      count++;
    }
    if (count === 0) return undefined;
    const merged: Fix = { title: 'all', steps: [...chosen].map(([p, edits]) => ({ kind: 'edit' as const, path: p, edits })) };
    return {
      title: `Fix all roadmap-governance problems with a preferred fix (${count})`,
      kind: FIX_ALL_KIND,
      edit: fixToWorkspaceEdit(merged, this.ctx.editTarget(folder), this.ctx.abilities.documentChanges),
    };
  }

  /** `roadmapGovernance.applyFix`: apply a fix on the server (for clients that cannot create files). */
  async applyFix(args: ApplyFixArgs): Promise<{ applied: boolean; created: string[] }> {
    if (!args || typeof args.uri !== 'string' || typeof args.key !== 'string' || typeof args.fix !== 'number') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'applyFix needs { uri, version, key, fix }.');
    }
    const located = this.ctx.folders.locate(args.uri);
    if (!located) throw new ResponseError(ErrorCodes.InvalidParams, `${args.uri} is not in a workspace folder.`);
    const { folder, path } = located;
    await folder.ready;
    const current = this.ctx.documents.get(args.uri)?.version ?? null;
    if ((args.version ?? null) !== current) {
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed since this fix was offered (version ${args.version ?? 'none'}, now ${current ?? 'none'}); ask for the fix again.`);
    }
    const finding = folder.resultsFor(path).findings.find((f) => findingKey(f) === args.key);
    const fix = finding?.fixes?.[args.fix];
    if (!fix) throw new ResponseError(LSPErrorCodes.ContentModified, 'The problem this fix was for is gone; nothing was changed.');
    return this.applyOnServer(folder, fix);
  }

  /** Creates files on disk (never overwriting), then edits open documents through the client and closed ones on disk. */
  private async applyOnServer(folder: Folder, fix: Fix): Promise<{ applied: boolean; created: string[] }> {
    const created: string[] = [];
    for (const step of fix.steps) {
      if (step.kind !== 'create') continue;
      if (await folder.fs.exists(step.path)) throw new ResponseError(ErrorCodes.InvalidRequest, `${step.path} already exists; it was not overwritten.`);
    }
    // Refuse before creating anything, so a stale fix leaves no half-done change.
    for (const p of editsByPath(fix).keys()) if (!this.ctx.openDocument(folder, p) && !fix.steps.some((s) => s.kind === 'create' && s.path === p)) await this.unchangedOnDisk(folder, p);
    for (const step of fix.steps) {
      if (step.kind !== 'create') continue;
      await folder.fs.createFile(step.path, step.content);
      created.push(folder.uriOf(step.path));
      await folder.engine.fileChanged(step.path);
    }
    const applied = await this.applyTextEdits(folder, editsByPath(fix));
    folder.invalidate();
    this.diagnostics.schedule(0);
    return { applied, created };
  }

  /**
   * The disk text of a closed file, refusing (ContentModified) when it is not
   * the text the engine checked: edits are positions in that text and must
   * never be applied to a file changed on disk since.
   */
  private async unchangedOnDisk(folder: Folder, p: string): Promise<string> {
    const read = await folder.fs.readFile(p, Number.MAX_SAFE_INTEGER);
    if (read.kind !== 'text') throw new ResponseError(ErrorCodes.InternalError, `${p} cannot be read; it was not changed.`);
    if (read.text !== folder.engine.textOf(p)) {
      await folder.engine.fileChanged(p);
      folder.invalidate();
      this.diagnostics.schedule(0);
      throw new ResponseError(LSPErrorCodes.ContentModified, `${p} changed on disk since this fix was computed; nothing was changed. Ask for the fix again.`);
    }
    return read.text;
  }

  /** Text edits: open documents through `workspace/applyEdit`, closed ones read, edited and written on disk. */
  private async applyTextEdits(folder: Folder, edits: Map<string, TextEdit[]>): Promise<boolean> {
    const open: [string, TextEdit[]][] = [];
    for (const [p, list] of edits) {
      if (this.ctx.openDocument(folder, p)) open.push([p, list]);
      else {
        const text = await this.unchangedOnDisk(folder, p);
        await folder.fs.writeFile(p, applyEdits(text, list));
        await folder.engine.fileChanged(p);
      }
    }
    if (open.length === 0) return true;
    if (!this.ctx.abilities.applyEdit) throw new ResponseError(ErrorCodes.InvalidRequest, 'The editor cannot apply edits to open documents (no workspace/applyEdit).');
    const target = this.ctx.editTarget(folder);
    const edit: WorkspaceEdit = this.ctx.abilities.documentChanges
      ? { documentChanges: open.map(([p, list]) => TextDocumentEdit.create({ uri: target.uri(p), version: target.version(p) }, list)) }
      : { changes: Object.fromEntries(open.map(([p, list]) => [target.uri(p), list])) };
    const result = await this.ctx.connection.workspace.applyEdit({ label: 'Roadmap Governance', edit });
    if (!result.applied) throw new ResponseError(LSPErrorCodes.RequestFailed, `The editor did not apply the edit${result.failureReason ? `: ${result.failureReason}` : ''}.`);
    return true;
  }

  /** `roadmapGovernance.newDoc`: create a doc from its template, linked to the item under the cursor when there is one. */
  async newDoc(args: NewDocArgs): Promise<NewDocResult> {
    if (!args || !['design', 'implementation', 'decision'].includes(args.kind)) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'newDoc needs { kind: "design" | "implementation" | "decision" }.');
    }
    const located = args.uri ? this.ctx.folders.locate(args.uri) : undefined;
    const folder = located?.folder ?? (args.uri ? this.ctx.folders.folderOf(args.uri) : undefined) ?? this.ctx.folders.all()[0];
    if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'Open a workspace folder first.');
    await folder.ready;
    const model = folder.engine.model();
    const item = located && args.position ? itemAt(model, located.path, args.position) : undefined;
    const title = item?.title ?? args.title?.trim();
    if (!title) throw new ResponseError(ErrorCodes.InvalidParams, 'Give a title, or run the command on a roadmap item.');
    // A second doc of the same kind is rarely what the user meant: say so, and create it only when asked again with `force`.
    const existing = item && !args.force ? linkedDocs(item, args.kind) : [];
    if (item && existing.length) return { linked: false, existing: { item: item.title, paths: existing } };
    let scaffold;
    try {
      // The same scaffolding as `roadmap-governance new`: dated, slugged, never over a file, never outside the folder.
      scaffold = scaffoldDoc(model, { kind: args.kind, title, date: today(folder.engine.now()), template: folder.engine.template(args.kind), item, phase: args.phase });
    } catch (error) {
      if (error instanceof ScaffoldError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
    await this.applyOnServer(folder, { title: 'new doc', steps: scaffold.steps });
    return { uri: folder.uriOf(scaffold.path), linked: !!item };
  }

  /** The coverage of every folder (or the one holding `uri`), for the tree view and the status bar. */
  async coverage(uri?: string): Promise<CoverageResult> {
    const folders = uri ? [this.ctx.folders.folderOf(uri)].filter((f): f is Folder => !!f) : this.ctx.folders.all();
    await Promise.all(folders.map((f) => f.ready));
    const result: CoverageResult = { folders: [], totals: emptyTotals(), percent: null };
    for (const folder of folders) {
      const info = coverageOf(folder.engine.model());
      const roadmap = info.roadmap;
      result.folders.push({
        folder: folder.uri,
        name: folder.name,
        roadmap: roadmap ? this.ctx.uriOf(folder, roadmap) : undefined,
        totals: info.totals,
        phases: info.phases.map((phase) => ({
          number: phase.number,
          label: phase.label,
          title: phase.title,
          status: phase.status,
          totals: phase.totals,
          items: phase.items.map((item) => ({
            title: item.title,
            category: item.category,
            checked: item.checked,
            inScope: item.inScope,
            uri: this.ctx.uriOf(folder, roadmap!),
            range: item.range,
            hasDesign: item.hasDesign,
            hasImplementation: item.hasImplementation,
            plans: item.plans.map((p) => ({ role: p.role, path: p.path, exists: p.exists, status: p.status, uri: p.path ? folder.uriOf(p.path) : undefined })),
          })),
        })),
      });
      addTotals(result.totals, info.totals);
    }
    result.percent = coveragePercent(result.totals);
    return result;
  }

  /** The coverage matrix as the CLI's `coverage` command writes it (markdown or JSON), one per folder. */
  async coverageCommand(args?: CoverageArgs): Promise<CoverageCommandResult> {
    const format = args?.format === 'json' ? 'json' : 'markdown';
    const folders = args?.uri ? [this.ctx.folders.folderOf(args.uri)].filter((f): f is Folder => !!f) : this.ctx.folders.all();
    await Promise.all(folders.map((f) => f.ready));
    const data = folders.map((f) => computeCoverage(f.engine.model()));
    if (format === 'json') return { format, text: JSON.stringify(data.length === 1 ? data[0] : data, null, 2) };
    const parts = data.map((d, i) => (folders.length > 1 ? `<!-- ${folders[i].name} -->\n` : '') + renderCoverageMarkdown(d));
    return { format, text: parts.join('\n') };
  }

  /**
   * `roadmapGovernance.writeCoverage`: writes the matrix of one folder to its
   * `coverage.output`, with links relative to that file. A file we generated
   * before is overwritten; any other file only with `overwrite` (the client
   * asks the user first).
   */
  async writeCoverage(args?: WriteCoverageArgs): Promise<WriteCoverageResult> {
    const folder = (args?.uri ? this.ctx.folders.folderOf(args.uri) : undefined) ?? this.ctx.folders.all()[0];
    if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'Open a workspace folder first.');
    await folder.ready;
    const output = folder.engine.config.coverage.output;
    if (!/\.(md|markdown)$/i.test(output) || joinPath('', output) !== output || output.startsWith('/')) {
      throw new ResponseError(ErrorCodes.InvalidParams, `The coverage.output setting "${output}" must be a markdown file inside the workspace folder.`);
    }
    const data = computeCoverage(folder.engine.model());
    const text = renderCoverageMarkdown(data, { outputPath: output });
    const result = { path: output, uri: folder.uriOf(output), items: data.totals.items, missing: data.totals.missing };
    const existing = await folder.fs.readFile(output, Number.MAX_SAFE_INTEGER);
    try {
      if (existing.kind === 'skipped') throw new Error(`it exists and is ${existing.reason}; it was not overwritten`);
      if (existing.kind === 'text') {
        if (!isGeneratedCoverage(existing.text) && !args?.overwrite) return { status: 'not-ours', ...result };
        if (existing.text !== text) await folder.fs.writeFile(output, text);
      } else await folder.fs.createFile(output, text);
    } catch (error) {
      throw new ResponseError(ErrorCodes.InternalError, `Could not write ${output}: ${(error as Error).message}`);
    }
    await folder.engine.fileChanged(output);
    folder.invalidate();
    this.diagnostics.schedule(0);
    return { status: 'written', ...result };
  }

  /** `roadmapGovernance.effectiveConfig`: what `roadmap-governance config` prints, for each folder. */
  async effectiveConfig(args?: EffectiveConfigArgs): Promise<EffectiveConfigResult> {
    const folders = args?.uri ? [this.ctx.folders.folderOf(args.uri)].filter((f): f is Folder => !!f) : this.ctx.folders.all();
    await Promise.all(folders.map((f) => f.ready));
    const text = folders.map((f) => renderEffectiveConfig(effectiveConfig(f.engine.config, f.engine.configOrigins, f.engine.model()), f.name)).join('\n');
    return { text };
  }

  /**
   * `roadmapGovernance.initConfig`: writes the folder's `.roadmap-governance.json`
   * with the layout and conventions detected now (what `roadmap-governance init`
   * writes), never over a config file the folder has.
   */
  async initConfig(args?: InitConfigArgs): Promise<InitConfigResult> {
    const folder = (args?.uri ? this.ctx.folders.folderOf(args.uri) : undefined) ?? this.ctx.folders.all()[0];
    if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'Open a workspace folder first.');
    await folder.ready;
    const existing = CONFIG_FILE_NAMES.find((name) => folder.engine.hasFile(name)) ?? folder.engine.configSource;
    if (existing) return { status: 'exists', uri: folder.uriOf(existing) };
    const name = CONFIG_FILE_NAMES[0];
    if (await folder.fs.exists(name)) return { status: 'exists', uri: folder.uriOf(name) };
    try {
      await folder.fs.createFile(name, initialConfigText(folder.engine));
    } catch (error) {
      throw new ResponseError(ErrorCodes.InternalError, `Could not write ${name}: ${(error as Error).message}`);
    }
    // The config changed: scan again, as when the file appears on disk.
    const rescan = folder.ready.then(() => folder.engine.scan());
    folder.ready = rescan.catch(() => undefined);
    await rescan;
    folder.invalidate();
    this.diagnostics.schedule(0);
    return { status: 'written', uri: folder.uriOf(name) };
  }

  /** `roadmapGovernance.checkWorkspace`: rescan every folder from disk and report the totals. */
  async checkWorkspace(): Promise<CheckSummary> {
    const summary: CheckSummary = { folders: 0, files: 0, findings: 0, errors: 0, warnings: 0, info: 0 };
    for (const folder of this.ctx.folders.all()) {
      // After any scan under way (the first one, or one a settings change
      // started), never beside it: two scans of one engine would mix their states.
      const rescan = folder.ready.then(() => folder.engine.scan());
      folder.ready = rescan.catch(() => undefined);
      await rescan;
      folder.invalidate();
      summary.folders++;
      summary.files += folder.engine.model().docs.size;
      for (const r of folder.results().values()) {
        summary.findings += r.findings.length;
        summary.errors += r.findings.filter((f) => f.severity === 'error').length;
        summary.warnings += r.findings.filter((f) => f.severity === 'warning').length;
        summary.info += r.findings.filter((f) => f.severity === 'info' || f.severity === 'hint').length;
      }
    }
    await this.diagnostics.flush();
    return summary;
  }
}

function intersects(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  const le = (x: typeof a.start, y: typeof a.start) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}
