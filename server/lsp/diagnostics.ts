/**
 * Diagnostics for the whole workspace: pulled (LSP 3.17, with result ids and
 * `unchanged` reports) when the client can pull and be asked to refresh,
 * pushed otherwise, never both. Changes are debounced a little, then checked
 * once; pull clients get `workspace/diagnostic/refresh` only when a file's
 * result differs from what they were last given.
 */
import {
  type CancellationToken,
  LSPErrorCodes,
  ResponseError,
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type DocumentDiagnosticParams,
  type ResultProgressReporter,
  type WorkspaceDiagnosticReportPartialResult,
} from 'vscode-languageserver';
import { addTotals, coverageTotals, coveragePercent, emptyTotals } from '../engine/queries';
import { type CoverageChangedParams, CoverageChangedNotification } from '../shared/protocol';
import { toDiagnostic } from './convert';
import type { ServerContext } from './context';
import type { FileResults, Folder } from './folders';

/** Findings that a half-typed link gives on every keystroke until it is complete: held on the line being typed until typing pauses. */
const HELD_WHILE_TYPING = new Set(['RG003', 'RG004']);

/** Lets queued messages (keystrokes, cancellations, other requests) run first (a zero timeout in a web worker, which has no setImmediate). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** A workspace pull waiting for the first scan, that takes partial results; and the URIs it was sent. */
interface PartialPull {
  reporter: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>;
  sent: Set<string>;
}

export interface DiagnosticsTiming {
  /** Delay between a change and the check. */
  debounceMs: number;
  /** A full check that took less than this runs right after each keystroke... */
  fullCheckAtOnceMs: number;
  /** ...otherwise the whole workspace is checked once typing pauses this long. */
  typingPauseMs: number;
}

export class DiagnosticsManager {
  private timer?: NodeJS.Timeout;
  /** Push: what each URI was last published with (result id and document version). */
  private published = new Map<string, string>();
  /** Pull: result id the client was last given, by URI. */
  private served = new Map<string, string>();
  /** Workspace pulls held open until something changes. */
  private held: { params: WorkspaceDiagnosticParams; resolve: (r: WorkspaceDiagnosticReport) => void }[] = [];
  private lastCoverage = '';
  /** Called after each flush (benchmarks and tests hook in here). */
  onFlushed?: () => void;

  constructor(
    private readonly ctx: ServerContext,
    private readonly timing: DiagnosticsTiming,
  ) {}

  private get debounceMs(): number {
    return this.timing.debounceMs;
  }

  /** The delay of a full check that waits for a pause in typing. */
  private get pauseMs(): number {
    return Math.max(this.timing.debounceMs, this.timing.typingPauseMs);
  }

  /** Open documents typed in since the last push of their own findings. */
  private typedFiles = new Map<string, { folder: Folder; path: string }>();
  private typedTimer?: NodeJS.Timeout;

  /**
   * The user typed in an open document. Its own findings come first: pull
   * clients ask for them (and get a check of that file alone), push clients
   * get them after the debounce. The whole workspace is checked when typing
   * pauses, or at once when a full check is quick anyway.
   */
  typed(folder: Folder, path: string, uri: string): void {
    // The first scan makes way for typing only where an early check answers
    // meanwhile (the roadmap); a plan typed in during the scan waits for it.
    if (folder.scanned || folder.engine.answersEarly(path)) this.lastTypedAt = performance.now();
    const quick = folder.lastCheckMs < this.timing.fullCheckAtOnceMs;
    if (!this.ctx.abilities.pull && !quick) {
      this.typedFiles.set(uri, { folder, path });
      if (this.typedTimer) clearTimeout(this.typedTimer);
      this.typedTimer = setTimeout(() => {
        this.typedTimer = undefined;
        // After what is queued on the folders (the typed document's linked files looked for on disk).
        const scanned = [...new Set([...this.typedFiles.values()].map((t) => t.folder))].filter((f) => f.scanned);
        void Promise.all(scanned.map((f) => f.ready)).then(() => this.pushTyped());
      }, this.debounceMs);
    }
    this.waitingForPause = !quick;
    this.schedule(quick ? this.debounceMs : this.pauseMs);
  }

  private lastTypedAt = -Infinity;

  /**
   * Resolves once the user has not typed for the typing pause (at once, after
   * queued events, when they have not typed lately). The first scan waits
   * here between batches: the typed roadmap is answered by early checks
   * meanwhile, and the scan does not slow each keystroke down.
   */
  async typingPaused(): Promise<void> {
    await nextTurn();
    for (;;) {
      const left = this.lastTypedAt + this.timing.typingPauseMs - performance.now();
      if (left <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  /** Whether the pending full check waits for a pause in typing. */
  private waitingForPause = false;

  /** A typed document's own check just ran: the pause starts now, not at the keystroke. */
  private postpone(): void {
    if (this.timer && this.waitingForPause) this.schedule(this.pauseMs);
  }

  /** Per open document (by URI): the lines of its last change, and when it was made. */
  private typing = new Map<string, { lines: number[]; at: number }>();
  private releaseTimer?: NodeJS.Timeout;

  /**
   * The user typed on `lines` of `uri`. Until typing pauses there, a broken
   * link or fragment on those lines is not shown: it is a link being typed.
   */
  typingAt(uri: string, lines: number[]): void {
    if (lines.length === 0) this.typing.delete(uri);
    else this.typing.set(uri, { lines, at: performance.now() });
    this.scheduleRelease();
  }

  private scheduleRelease(): void {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    if (this.typing.size === 0) return;
    const next = Math.min(...[...this.typing.values()].map((t) => t.at)) + this.timing.typingPauseMs;
    this.releaseTimer = setTimeout(() => this.releaseTyped(), Math.max(0, next - performance.now()) + 1);
  }

  /** Typing paused: show what was held, unless the full check that follows will. */
  private releaseTyped(): void {
    this.releaseTimer = undefined;
    const now = performance.now();
    let released = false;
    for (const [uri, t] of this.typing) {
      if (now - t.at < this.timing.typingPauseMs) continue;
      this.typing.delete(uri);
      released = true;
    }
    this.scheduleRelease();
    if (!released || this.timer) return;
    if (this.ctx.abilities.pull) this.afterPullChange();
    if (!this.ctx.abilities.pull) this.push();
  }

  /** What the client is shown of a file's results: without the findings held while typing (see `typingAt`), under their own result id. */
  private shown(uri: string, r: FileResults): FileResults {
    const t = this.typing.get(uri);
    if (!t || r.findings.length === 0 || performance.now() - t.at >= this.timing.typingPauseMs) return r;
    const held = r.findings.filter((f) => HELD_WHILE_TYPING.has(f.code) && t.lines.includes(f.range.start.line));
    if (held.length === 0) return r;
    return { findings: r.findings.filter((f) => !held.includes(f)), resultId: `${r.resultId}-typing-${t.lines.join(',')}` };
  }

  /** Push: the typed documents' own findings, ahead of the full check. */
  private pushTyped(): void {
    const typed = this.typedFiles;
    this.typedFiles = new Map();
    for (const [uri, { folder, path }] of typed) {
      // Not during a scan (the flush after it publishes), nor when the full check already did.
      if (!folder.scanned || !folder.stale) continue;
      const r = this.shown(uri, folder.resultsFor(path));
      this.postpone();
      const version = this.ctx.openDocument(folder, path)?.version;
      const stamp = `${r.resultId}@${version ?? ''}`;
      if (this.published.get(uri) === stamp) continue;
      this.published.set(uri, stamp);
      void this.ctx.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: r.findings.map(toDiagnostic) });
    }
  }

  /** Schedules a check of every changed folder. */
  schedule(delay = this.debounceMs): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.waitingForPause = false;
      void this.flush();
    }, delay);
  }

  /** After the first scan: the full check, unless the user is already typing (then it waits for the pause). */
  async firstFlush(): Promise<void> {
    if (this.timer && this.waitingForPause) return;
    await this.flush();
  }

  /** Checks now and tells the client what changed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.waitingForPause = false;
    const folders = this.ctx.folders.all();
    await Promise.all(folders.map((f) => f.ready));
    for (const folder of folders) if (folder.scanned) this.early.delete(folder);
    // Pulls already waiting (the open roadmap, right after the first scan) are
    // answered from a check of their own file before the whole workspace is checked.
    await nextTurn();
    // The user typed meanwhile: the check waits for the pause (a timer is set for it).
    if (this.timer && this.waitingForPause) return;
    for (const folder of folders) {
      folder.results();
      if (folder.lastCheckMs > 500) this.ctx.connection.console.log(`Checking ${folder.name} took ${Math.round(folder.lastCheckMs)} ms.`);
    }
    if (this.ctx.abilities.pull) this.afterPullChange();
    if (!this.ctx.abilities.pull) this.push();
    this.sendCoverage();
    this.onFlushed?.();
  }

  /**
   * Publishes what changed: files whose findings changed, open documents at a
   * new version (so the editor sees the version it has), and an empty list
   * for files whose findings went away.
   */
  private push(): void {
    const now = new Map<string, string>();
    for (const folder of this.ctx.folders.all()) {
      for (const [p, all] of folder.results()) {
        const uri = this.ctx.uriOf(folder, p);
        const r = this.shown(uri, all);
        const version = this.ctx.openDocument(folder, p)?.version;
        const stamp = `${r.resultId}@${version ?? ''}`;
        now.set(uri, stamp);
        if (this.published.get(uri) === stamp) continue;
        void this.ctx.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: r.findings.map(toDiagnostic) });
      }
    }
    for (const uri of this.published.keys()) if (!now.has(uri)) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published = now;
  }

  private afterPullChange(): void {
    if (this.held.length) {
      // Answer the held pulls that now have news; the others keep waiting.
      const held = this.held;
      this.held = [];
      for (const h of held) {
        const report = this.buildWorkspaceReport(h.params);
        if (report.items.some((i) => i.kind === DocumentDiagnosticReportKind.Full)) h.resolve(report);
        else this.held.push(h);
      }
    }
    let stale = false;
    const current = new Map<string, string>();
    for (const folder of this.ctx.folders.all()) {
      for (const [p, r] of folder.results()) {
        const uri = this.ctx.uriOf(folder, p);
        current.set(uri, this.shown(uri, r).resultId);
      }
    }
    for (const [uri, id] of current) if (this.served.get(uri) !== id) stale = true;
    for (const [uri] of this.served) if (!current.has(uri) && this.served.get(uri) !== 'none') stale = true;
    if (stale) void this.ctx.connection.languages.diagnostics.refresh();
  }

  /**
   * The roadmap's findings of the scans under way, from their early check,
   * by folder: sent as a partial result of a workspace pull made meanwhile.
   */
  private early = new Map<Folder, { path: string; uri: string; result: FileResults }>();
  /** Workspace pulls waiting for the first scan that take partial results, and the URIs each was sent. */
  private partialPulls = new Set<PartialPull>();

  /**
   * The scan of `folder` has its file list: the roadmap's findings, from the
   * early check, go out long before the whole workspace is read. Pushed to a
   * client that is pushed the roadmap; sent to a client that pulls the
   * workspace as a partial result of its pull (see `workspaceReport`).
   * Called from the scan's `listed`; once the check has started, the scan
   * waits for it between its batches (`Folder.earlyChecksDone`).
   */
  scanListed(folder: Folder): void {
    // Once "Scanning" shows (the check is long on a large roadmap; until it has answered, nothing else is
    // answered either); the scan reads on meanwhile, and waits for the check once it has started.
    void this.earlyGate.then(() => this.checkRoadmapEarly(folder));
  }

  /** Resolves when the early check of the roadmap may start: once the client shows the progress of the scan. */
  earlyGate: Promise<void> = Promise.resolve();

  private checkRoadmapEarly(folder: Folder): void {
    if (folder.scanned) return;
    const p = folder.roadmapPath();
    if (!p) return;
    let version: number | undefined;
    // After a few turns: the answer to `initialize` and the messages queued behind it go first.
    const starting = () => (version = this.ctx.openDocument(folder, p)?.version);
    void folder.earlyResultsFor(p, { afterTurns: 4, starting }).then(
      (result) => {
        // The roadmap was typed in meanwhile: its own pulls and the full check answer.
        if (!result || folder.scanned || this.ctx.openDocument(folder, p)?.version !== version) return;
        const uri = this.ctx.uriOf(folder, p);
        const shown = this.shown(uri, result);
        this.early.set(folder, { path: p, uri, result: shown });
        for (const pull of this.partialPulls) this.sendPartial(pull);
        if (!this.ctx.abilities.pull) {
          const stamp = `${shown.resultId}@${version ?? ''}`;
          if (this.published.get(uri) === stamp) return;
          this.published.set(uri, stamp);
          void this.ctx.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: shown.findings.map(toDiagnostic) });
        }
      },
      (error: Error) => this.ctx.connection.console.error(`Checking the roadmap of ${folder.name} early failed: ${error.message}`),
    );
  }

  /** Sends a waiting workspace pull the early roadmap findings it has not been sent. */
  private sendPartial(pull: PartialPull): void {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const [folder, { path, uri, result }] of this.early) {
      if (folder.scanned || pull.sent.has(uri)) continue;
      pull.sent.add(uri);
      const version = this.ctx.openDocument(folder, path)?.version ?? null;
      if (version === null) this.served.set(uri, result.resultId);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: result.resultId, items: result.findings.map(toDiagnostic) });
    }
    if (items.length) pull.reporter.report({ items });
  }

  /** `textDocument/diagnostic`. */
  async documentReport(params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const located = this.ctx.folders.locate(params.textDocument.uri);
    if (!located) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // The roadmap is answered before the scan has read the whole workspace.
    const uri = params.textDocument.uri;
    const earlyAll = located.folder.scanned ? undefined : await located.folder.earlyResultsFor(located.path);
    const early = earlyAll && this.shown(uri, earlyAll);
    if (early) {
      this.postpone();
      this.served.set(params.textDocument.uri, early.findings.length ? early.resultId : 'none');
      return { kind: DocumentDiagnosticReportKind.Full, resultId: early.resultId, items: early.findings.map(toDiagnostic) };
    }
    await located.folder.ready;
    // Let queued keystrokes and cancellations in first: during fast typing an
    // outdated pull is cancelled by the client rather than checked for nothing.
    await nextTurn();
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled: a newer change arrived.');
    const r = this.shown(uri, located.folder.resultsFor(located.path));
    this.postpone();
    this.served.set(params.textDocument.uri, r.findings.length ? r.resultId : 'none');
    if (params.previousResultId === r.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.findings.map(toDiagnostic) };
  }

  /**
   * `workspace/diagnostic`: every file with findings, and an empty report for
   * each file the client had results for that has none now. When nothing
   * changed since the client's previous ids, the request is held until
   * something does (the protocol allows a long-running request), so a client
   * that asks again at once does not spin. The first pull is answered at once,
   * after the first scan: a client (VS Code after a restart) may wait for it
   * to know the whole workspace has been reported.
   */
  async workspaceReport(params: WorkspaceDiagnosticParams, token: CancellationToken, partial?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>): Promise<WorkspaceDiagnosticReport> {
    const scanning = this.ctx.folders.all().filter((f) => !f.scanned);
    if (scanning.length && partial) {
      // The roadmap's findings first, as a partial result, while the scan reads the rest.
      const pull: PartialPull = { reporter: partial, sent: new Set<string>() };
      this.partialPulls.add(pull);
      this.sendPartial(pull);
      try {
        await Promise.all(this.ctx.folders.all().map((f) => f.ready));
      } finally {
        this.partialPulls.delete(pull);
      }
    } else await Promise.all(this.ctx.folders.all().map((f) => f.ready));
    for (const folder of this.ctx.folders.all()) if (folder.scanned) this.early.delete(folder);
    const report = this.buildWorkspaceReport(params);
    const news = report.items.some((i) => i.kind === DocumentDiagnosticReportKind.Full);
    const first = !this.workspaceAnswered;
    this.workspaceAnswered = true;
    if (news || first || params.previousResultIds.length === 0) return report;
    return new Promise((resolve) => {
      const entry = { params, resolve };
      this.held.push(entry);
      token.onCancellationRequested(() => {
        this.held = this.held.filter((h) => h !== entry);
        resolve({ items: [] });
      });
    });
  }

  private workspaceAnswered = false;

  private buildWorkspaceReport(params: WorkspaceDiagnosticParams): WorkspaceDiagnosticReport {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const seen = new Set<string>();
    for (const folder of this.ctx.folders.all()) {
      for (const [p, all] of folder.results()) {
        const uri = this.ctx.uriOf(folder, p);
        const r = this.shown(uri, all);
        seen.add(uri);
        const version = this.ctx.openDocument(folder, p)?.version ?? null;
        // What the client shows of an open file comes from its own pull of it (VS Code
        // disregards the workspace report there): only that pull says what it was given.
        if (version === null) this.served.set(uri, r.resultId);
        if (previous.get(uri) === r.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: r.resultId });
        else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: r.resultId, items: r.findings.map(toDiagnostic) });
      }
    }
    for (const [uri] of previous) {
      if (seen.has(uri)) continue;
      this.served.set(uri, 'none');
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    return { items };
  }

  private sendCoverage(): void {
    const totals = emptyTotals();
    for (const folder of this.ctx.folders.all()) addTotals(totals, coverageTotals(folder.engine.model()));
    const payload: CoverageChangedParams = { percent: coveragePercent(totals), totals };
    const text = JSON.stringify(payload);
    if (text === this.lastCoverage) return;
    this.lastCoverage = text;
    void this.ctx.connection.sendNotification(CoverageChangedNotification.method, payload);
  }

  /** Forgets what a removed folder published. */
  folderRemoved(folder: Folder): void {
    for (const uri of [...this.published.keys()]) {
      if (folder.pathOf(uri) !== undefined) {
        void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
        this.published.delete(uri);
      }
    }
  }
}
