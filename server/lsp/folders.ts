/**
 * One engine per workspace folder, its file-system adapter, and the findings
 * of its last check grouped by file with a result id per file (for pull
 * diagnostics). URIs are converted to workspace paths here and nowhere else.
 */
import { Engine } from '../engine/engine';
import { sameItems } from '../engine/model';
import type { Finding } from '../engine/types';
import type { FolderAccess, FolderFiles, ServerPlatform } from './platform';

/** Result ids are unique per server process, so a restarted server never matches an old id. */
const RUN = Math.random().toString(36).slice(2, 8);
let nextResultId = 0;

export interface FileResults {
  findings: Finding[];
  resultId: string;
}

export class Folder {
  readonly engine: Engine;
  readonly fs: FolderFiles;
  readonly root: string;
  /** The folder as the platform reaches it (disk on Node, the editor in the browser). */
  readonly access: FolderAccess;
  /** Resolves when the first scan has finished (successfully or not). */
  ready: Promise<void> = Promise.resolve();
  /** Resolves when the scan has the config and the file list (before it reads the documents). */
  listed: Promise<void> = Promise.resolve();
  /** False while a scan is under way. */
  scanned = true;
  private current = new Map<string, FileResults>();
  private signatures = new Map<string, string[]>();
  private dirty = true;
  /** Milliseconds the last check took, for logs and benchmarks. */
  lastCheckMs = 0;

  constructor(
    readonly uri: string,
    readonly name: string,
    platform: ServerPlatform,
    now?: () => Date,
  ) {
    this.access = platform.folder(uri);
    this.root = this.access.root;
    this.fs = this.access.files;
    this.engine = new Engine(this.fs, now ? { now } : {});
  }

  /** The workspace path of a URI inside this folder, else undefined. */
  pathOf(uri: string): string | undefined {
    return this.access.pathOf(uri);
  }

  /** The URI of a workspace path (asked for every file with findings at every publish: remembered). */
  uriOf(workspacePath: string): string {
    let uri = this.uris.get(workspacePath);
    if (uri === undefined) this.uris.set(workspacePath, (uri = this.access.uriOf(workspacePath)));
    return uri;
  }

  private readonly uris = new Map<string, string>();

  /** Results of single files checked since the last full check (see `resultsFor`). */
  private single = new Map<string, FileResults>();

  /** Something changed: the next `results()` runs the rules again. */
  invalidate(): void {
    this.dirty = true;
    this.single.clear();
  }

  /** Whether a full check is due (something changed since the last one). */
  get stale(): boolean {
    return this.dirty;
  }

  /** Findings by path, checking first if anything changed since the last check. */
  results(): Map<string, FileResults> {
    if (!this.dirty) return this.current;
    const started = performance.now();
    const findings = this.engine.check();
    this.lastCheckMs = performance.now() - started;
    const byPath = new Map<string, Finding[]>();
    for (const f of findings) {
      let list = byPath.get(f.path);
      if (!list) byPath.set(f.path, (list = []));
      list.push(f);
    }
    const next = new Map<string, FileResults>();
    const signatures = new Map<string, string[]>();
    for (const [p, list] of byPath) {
      const signature = list.map(signatureOf);
      next.set(p, { findings: list, resultId: this.resultId(p, signature) });
      signatures.set(p, signature);
    }
    this.current = next;
    this.signatures = signatures;
    this.dirty = false;
    this.single.clear();
    return next;
  }

  /**
   * The result of one file; files without findings share an empty result id.
   * After a change, only this file is checked (the rules that can report in
   * it): the whole workspace waits for `results()`. The result id is the one
   * the full check gives for the same findings.
   */
  resultsFor(workspacePath: string): FileResults {
    if (!this.dirty) return this.current.get(workspacePath) ?? EMPTY;
    const known = this.single.get(workspacePath);
    if (known) return known;
    const result = this.remember(workspacePath, this.engine.check({ only: workspacePath }));
    this.single.set(workspacePath, result);
    return result;
  }

  /**
   * While the scan is still reading the workspace: the roadmap's result from
   * the engine's early check (see `Engine.checkEarly`), kept like a
   * single-file result so that the full check keeps its id when it agrees.
   * Undefined for other files, or when the scan is done. `afterTurns`: turns
   * of the event loop to let pass first (messages already queued, such as the
   * answer to `initialize`, go out before this long check); `starting` is
   * called when the check starts.
   */
  async earlyResultsFor(workspacePath: string, options: { afterTurns?: number; starting?: () => void } = {}): Promise<FileResults | undefined> {
    this.earlyChecks++;
    try {
      // Counted at once (the scan waits for it), started after the queued messages have run.
      for (let turn = 0; turn < (options.afterTurns ?? 0); turn++) await new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
      await this.listed;
      options.starting?.();
      if (this.scanned) return undefined;
      const findings = await this.engine.checkEarly(workspacePath);
      if (!findings || this.scanned) return undefined;
      return this.remember(workspacePath, findings);
    } finally {
      if (--this.earlyChecks === 0) for (const resume of this.afterEarly.splice(0)) resume();
    }
  }

  /** The roadmap's workspace path, once the scan has the file list (what `earlyResultsFor` answers for). */
  roadmapPath(): string | undefined {
    const config = this.engine.config;
    return [config.roadmap, ...config.roadmapFallbacks].find((p) => this.engine.answersEarly(p));
  }

  /** Early checks under way, and the scan's turns waiting for them to answer. */
  private earlyChecks = 0;
  private afterEarly: (() => void)[] = [];

  /**
   * Resolves when no early check is under way. The scan waits here between
   * its slices: the early check is what the user waits for, and the scan's
   * reads and parses would otherwise run in its gaps (it awaits its reads).
   */
  earlyChecksDone(): Promise<void> {
    return this.earlyChecks === 0 ? Promise.resolve() : new Promise((resolve) => this.afterEarly.push(resolve));
  }

  /** Stores one file's findings as its current result (same id as before when they did not change). */
  private remember(workspacePath: string, findings: Finding[]): FileResults {
    if (!findings.length) {
      this.current.delete(workspacePath);
      this.signatures.delete(workspacePath);
      return EMPTY;
    }
    const signature = findings.map(signatureOf);
    const result = { findings, resultId: this.resultId(workspacePath, signature) };
    this.current.set(workspacePath, result);
    this.signatures.set(workspacePath, signature);
    return result;
  }

  /** The id for a file's findings: its current one when they did not change, else a new one. */
  private resultId(workspacePath: string, signature: string[]): string {
    const previous = this.current.get(workspacePath);
    const known = this.signatures.get(workspacePath);
    // Compared one by one, not joined: a long roadmap's joined signatures are a megabyte of garbage per keystroke.
    return previous && known && sameItems(known, signature) ? previous.resultId : `${RUN}-${++nextResultId}`;
  }
}

const EMPTY: FileResults = { findings: [], resultId: `${RUN}-empty` };

/** Findings that rules reuse between checks keep their signature: computed once per finding. */
const signatures = new WeakMap<Finding, string>();

function signatureOf(f: Finding): string {
  let signature = signatures.get(f);
  if (signature === undefined) signatures.set(f, (signature = JSON.stringify([f.code, f.severity, f.range, f.message, f.fixes?.map((x) => x.title)])));
  return signature;
}

/** The folders of the workspace; a URI belongs to the innermost folder holding it. */
export class Folders {
  private readonly list: Folder[] = [];

  constructor(
    readonly platform: ServerPlatform,
    private readonly now?: () => Date,
  ) {}

  add(uri: string, name: string): Folder {
    const folder = new Folder(uri, name, this.platform, this.now);
    this.list.push(folder);
    this.list.sort((a, b) => b.root.length - a.root.length);
    return folder;
  }

  remove(uri: string): Folder | undefined {
    const root = this.platform.rootKey(uri);
    const i = this.list.findIndex((f) => f.root === root);
    return i >= 0 ? this.list.splice(i, 1)[0] : undefined;
  }

  all(): Folder[] {
    return this.list;
  }

  /** The folder and workspace path of a URI. */
  locate(uri: string): { folder: Folder; path: string } | undefined {
    for (const folder of this.list) {
      const p = folder.pathOf(uri);
      if (p !== undefined) return { folder, path: p };
    }
    return undefined;
  }

  /** The folder whose root is this URI, or that holds it. */
  folderOf(uri: string): Folder | undefined {
    const root = this.platform.rootKey(uri);
    return this.list.find((f) => f.root === root) ?? this.locate(uri)?.folder;
  }
}
