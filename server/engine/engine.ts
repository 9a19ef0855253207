/**
 * The engine: one per workspace folder. It lists and reads files through a
 * `WorkspaceFiles`, keeps parsed documents (the editor's open buffers win over
 * the disk), builds the model and runs the rules. It never touches the file
 * system or a protocol itself.
 */
import { pushAll } from './arrays';
import { CONFIG_FILE_NAMES, type Config, type ConfigProblem, configFileProblems, DEFAULT_CONFIG, normalizeConfig } from './config';
import { withOutsidePathProblems } from './configPaths';
import { detectDocsSites, type DocsSite, frontMatterPages, isDocsSiteConfig, type PageFrontMatter, pageFrontMatter } from './docsSites';
import { detectLayout, layeredConfig, type Origins } from './layout';
import { dropChunkCache, hashText, withChunkCache } from './markdown/chunked';
import { documentAnchors, parseMarkdown } from './markdown/parse';
import { type Doc, documentLinks, ModelCache, sameDestinations, WorkspaceModel } from './model';
import type { DocSummary, LinkInfo } from './markdown/parse';
import { dirname, hasScheme, isTemplateTarget, joinPath, matcher, safeDecode } from './paths';
import type { Report, Rule, RuleContext, RuleInput } from './rule';
import { RULES, ruleFor } from './rules';
import { suggestionCandidates } from './rules/existingPlan';
import { withFileLineEndings } from './fixes';
import { BUILTIN_TEMPLATES, type DocKind, templatePath, today, withoutStandardsSection } from './templates';
import { convention } from './presets';
import type { Finding, Severity } from './types';
import { range } from './types';
import type { ReadResult, WorkspaceFiles } from './workspace';

export interface EngineOptions {
  /** Today's date for new documents (tests pin it). */
  now?: () => Date;
  /** A config to use instead of the folder's config file. */
  configPath?: string;
}

interface FileState {
  /** Text on disk, or the reason it was not read. */
  disk?: { text: string } | { skipped: string };
  doc?: Doc;
}

/** Engines made so far (see `chunkOwner`). */
let engines = 0;

export class Engine {
  config: Config = structuredClone(DEFAULT_CONFIG);
  configProblems: ConfigProblem[] = [];
  configSource?: string;
  /** Text of the config file, when it was read. */
  private configText?: string;
  private files: string[] = [];
  private fileSet = new Set<string>();
  /** Symbolic links to files of the workspace (see `WorkspaceFiles.symlinks`): they exist, but are not documents. */
  private symlinks: ReadonlyMap<string, string> = new Map();
  /** The editor's settings as it sent them (see `setEditorSettings`). */
  private editorSettings?: unknown;
  /** The config before detection, the keys a layer set, and where each value came from. */
  private layered?: { config: Config; explicit: Set<string>; origins: Origins };
  /** Where each setting's value came from, by dotted key (`roadmap-governance config`). */
  configOrigins: Origins = new Map();
  /** A version per rule input, bumped when that part of the workspace changes (see RuleInput). */
  private readonly inputVersions: Record<RuleInput, number> = { roadmap: 0, plans: 0, registry: 0, changelog: 0, releaseTemplate: 0, otherDocuments: 0, files: 0, anchors: 0 };
  private readonly ruleResults = new Map<string, { stamp: string; findings: Finding[] }>();
  /** Findings of document rules, per rule and document, valid while the stamp (severity, day, inputs) holds. */
  private readonly documentResults = new Map<string, { stamp: string; byPath: Map<string, { doc: Doc; findings: Finding[] }> }>();
  private lastDocs = new Map<string, Doc>();
  private lastCache?: ModelCache;
  private lastConfig?: Config;
  private sharedCache?: ModelCache;
  /** The documentation sites the last detection found (see docsSites.ts). */
  private docsSites: DocsSite[] = [];
  /** The route front matter of docs site pages as last read (null: none), so that a new file does not read them all again. */
  private readonly pageFronts = new Map<string, PageFrontMatter | null>();
  private sharedCacheOverlays = '';
  private readonly states = new Map<string, FileState>();
  /** Buffers open in an editor, by path. */
  private readonly overlays = new Map<string, string>();
  private cachedModel?: WorkspaceModel;
  /** Documents the early check parsed, for the scan's first model build to take over. */
  private earlyDocs = new Map<string, Doc>();
  /** Linked documents the early check read and found it need not parse (until the scan's model takes over). */
  private earlyUnneeded = new Set<string>();
  /** What the last early check loaded, for the next one (typing in the roadmap) to take when nothing it depends on moved. */
  private earlyLast?: { cache: ModelCache; checked: string; links: LinkInfo[]; docs: Map<string, Doc>; skipped: Map<string, string> };
  /** True while a scan reads the config and lists the files (the file list is not usable yet). */
  private listing = false;
  /** Paths changed since the last model build; undefined when everything may have (after a scan). */
  private changedPaths?: Set<string>;
  private lastSkipped = new Map<string, string>();
  private isDocument: (path: string) => boolean = () => false;
  private isIgnored: (path: string) => boolean = () => false;
  /** Names this engine's documents in the chunk cache, which every engine shares. */
  private readonly chunkOwner = `engine${++engines}:`;
  /** Parses that filled the chunk cache: a buffer opened with the same text keeps them (typing re-parses from there). */
  private readonly chunkedSummaries = new WeakSet<DocSummary>();
  /**
   * Whether the roadmap is parsed with the chunk cache even while no editor
   * has it open (a server's scan: it is the document users open and type in,
   * so its parse need not be done again when it is opened).
   */
  private chunkRoadmap = false;

  constructor(
    readonly workspace: WorkspaceFiles,
    readonly options: EngineOptions = {},
  ) {}

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /**
   * Reads the config and every document: the first, full scan. `listed` is
   * called once the config and the file list are in, before the documents
   * are read (from then on `checkEarly` can answer). With `parse`, the
   * documents are parsed here too, yielding between batches (a server does
   * this; a one-shot run lets the first model build parse). `between` runs
   * between batches (a server waits there while the user types); by default
   * the scan just lets queued events run.
   */
  async scan(options: { listed?: () => void; parse?: boolean; between?: () => Promise<void> } = {}): Promise<void> {
    this.listing = true;
    if (options.parse) this.chunkRoadmap = true;
    try {
      await this.loadConfig();
      this.pageFronts.clear();
      const listed = await this.workspace.listFiles(this.config.ignore, this.config.gitignore);
      this.symlinks = new Map(this.workspace.symlinks ?? []);
      this.setFiles(listed);
      await this.detect();
    } finally {
      this.listing = false;
    }
    if (this.configText !== undefined) pushAll(this.configProblems, withOutsidePathProblems(this.configText, configFileProblems(this.configText, this.config, this.files, matcher)));
    options.listed?.();
    this.states.clear();
    this.changedPaths = undefined;
    const docs = this.files.filter((f) => this.isDocument(f));
    // Read in parallel batches: enough to overlap I/O, few enough to bound memory.
    const BATCH = 64;
    for (let i = 0; i < docs.length; i += BATCH) {
      // Let requests in before each batch (reads may be synchronous in the
      // adapter): first of all the early check that waited for the list.
      await (options.between?.() ?? yieldToEventLoop());
      await Promise.all(docs.slice(i, i + BATCH).map((path) => this.readIntoState(path)));
    }
    await (options.between?.() ?? yieldToEventLoop());
    this.cachedModel = undefined;
    // A model built while the reads were under way (a check between batches)
    // saw only part of the documents: the next build must look at all of them.
    this.changedPaths = undefined;
    if (options.parse) {
      // Parse now, a batch at a time, rather than in the first model build:
      // requests (an early check of the roadmap) get in between batches.
      // Slices of a few milliseconds, not of so many documents: a large
      // document or a cold start must not hold a waiting request back.
      let sliceStart = performance.now();
      for (const path of docs) {
        this.parseState(path);
        if (performance.now() - sliceStart < SCAN_SLICE_MS) continue;
        await (options.between?.() ?? yieldToEventLoop());
        sliceStart = performance.now();
      }
    }
  }

  /**
   * Parses a document. Only documents open in an editor use the chunk cache:
   * they are the ones typed in, and the others would only fill it.
   */
  private parse(path: string, text: string): DocSummary {
    const cached = this.overlays.has(path) || (this.chunkRoadmap && this.isRoadmapCandidate(path));
    const doc = withChunkCache(cached ? this.chunkOwner + path : undefined, () => parseMarkdown(text));
    if (cached) this.chunkedSummaries.add(doc);
    return doc;
  }

  /** Parses the disk text of `path` into its state. */
  private parseState(path: string): void {
    const state = this.states.get(path);
    const text = this.textOf(path);
    if (state && text !== undefined) this.docOf(path, text, state);
  }

  /** The state's document for `text`: kept when the text did not change, else the early check's parse, else a new parse. */
  private docOf(path: string, text: string, state: FileState): Doc {
    if (state.doc?.text === text) return state.doc;
    const early = this.earlyDocs.get(path);
    if (early?.text === text) return (state.doc = early);
    return (state.doc = this.newDoc(path, text));
  }

  /** A parsed document. */
  private newDoc(path: string, text: string): Doc {
    const summary = this.parse(path, text);
    return { path, text, summary, links: documentLinks(summary) };
  }

  /**
   * Settings from the editor (same shape as the config file). They sit between
   * the defaults and the config file: a project's file wins over a user's
   * editor. Problems in them are returned, not reported as findings (there is
   * no file to put them in). Takes effect at the next scan.
   */
  setEditorSettings(settings: unknown): ConfigProblem[] {
    this.editorSettings = settings ?? undefined;
    return normalizeConfig(settings ?? {}).problems;
  }

  private async loadConfig(): Promise<void> {
    const candidates = this.options.configPath ? [this.options.configPath] : CONFIG_FILE_NAMES;
    let layered = layeredConfig({ editor: this.editorSettings });
    this.config = layered.config;
    this.configProblems = [];
    this.configSource = undefined;
    this.configText = undefined;
    for (const name of candidates) {
      const read = this.overlays.has(name) ? { kind: 'text' as const, text: this.overlays.get(name)! } : await this.workspace.readFile(name, 1_000_000).catch((error: Error): ReadResult => ({ kind: 'error', message: error.message }));
      if (read.kind === 'error' && !this.options.configPath) continue;
      this.configSource = name;
      if (read.kind !== 'text') {
        this.configProblems = [{ message: `The config file cannot be read (${read.kind === 'error' ? read.message : read.reason}); using the defaults.`, range: range(0, 0) }];
        break;
      }
      this.configText = read.text;
      layered = layeredConfig({ editor: this.editorSettings, file: { text: read.text, name } });
      this.config = layered.config;
      this.configProblems = layered.problems;
      break;
    }
    this.layered = { config: layered.config, explicit: layered.explicit, origins: layered.origins };
    this.configOrigins = layered.origins;
    this.useConfig(this.config);
  }

  /**
   * Fills what no layer set (the roadmap, the plan folders) from the file
   * list and the roadmap candidates. True when the effective config changed.
   */
  private async detect(): Promise<boolean> {
    const layered = this.layered;
    if (!layered) return false;
    // From the layers' origins, not the last detection's: what is no longer detected says so.
    const origins: Origins = new Map(layered.origins);
    const read = async (p: string) => {
      const overlay = this.overlays.get(p);
      if (overlay !== undefined) return overlay;
      const r = await this.workspace.readFile(p, this.config.maxFileSize).catch((): ReadResult => ({ kind: 'error', message: '' }));
      return r.kind === 'text' ? r.text : undefined;
    };
    const detected = await detectLayout(layered.config, layered.explicit, origins, this.files, read);
    this.configOrigins = origins;
    // The docs sites: their config files are the only other files detection reads.
    const siteConfigs = new Map<string, string>();
    for (const p of this.files.filter(isDocsSiteConfig)) {
      const text = await read(p);
      if (text !== undefined) siteConfigs.set(p, text);
    }
    const sites = detectDocsSites(this.files, siteConfigs);
    // Front matter that moves a page's route (`id:`, `slug:`): read for the sites that have it.
    for (const site of sites) {
      for (const page of frontMatterPages(site, this.files)) {
        let front = this.pageFronts.get(page);
        if (front === undefined) {
          const text = await read(page);
          this.pageFronts.set(page, (front = (text === undefined ? undefined : pageFrontMatter(text)) ?? null));
        }
        if (front) (site.frontMatter ??= {})[page] = front;
      }
    }
    if (JSON.stringify(sites) !== JSON.stringify(this.docsSites)) {
      this.docsSites = sites;
      this.sharedCache = undefined;
      this.cachedModel = undefined;
    }
    if (JSON.stringify(detected) === JSON.stringify(this.config)) return false;
    this.useConfig(detected);
    return true;
  }

  /** Makes `config` the effective one, with the matchers derived from it. */
  private useConfig(config: Config): void {
    this.config = config;
    this.sharedCache = undefined;
    this.cachedModel = undefined;
    const docs = matcher(this.config.documents);
    const plans = matcher(this.config.plans);
    // A symbolic link is not a document: its target is one (checked once, and fixed there).
    this.isDocument = (p) => /\.(md|markdown)$/i.test(p) && !this.symlinks.has(p) && (docs(p) || plans(p) || p === this.config.roadmap || this.config.roadmapFallbacks.includes(p));
    this.isIgnored = matcher(this.config.ignore);
  }

  private async readIntoState(path: string): Promise<void> {
    let read: ReadResult;
    try {
      read = await this.workspace.readFile(path, this.config.maxFileSize);
    } catch (error) {
      // A workspace that throws (instead of returning an error) must cost only this file.
      read = { kind: 'error', message: (error as Error).message ?? String(error) };
    }
    // The parsed document carries over: `docOf` keeps it only while its text is the one seen.
    const state: FileState = { doc: this.states.get(path)?.doc };
    if (read.kind === 'text') state.disk = { text: read.text };
    else state.disk = { skipped: read.kind === 'error' ? `it cannot be read: ${read.message}` : `it was skipped: ${read.reason}` };
    this.states.set(path, state);
  }

  /** The text a fix's edits of `path` apply to (for their line breaks): the engine's, else the early check's. Holds no model. */
  private readonly fixText = (path: string): string | undefined => this.textOf(path) ?? this.earlyDocs.get(path)?.text;

  /** The text the engine sees for `path`: the editor's buffer, else the disk. */
  textOf(path: string): string | undefined {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return overlay;
    const disk = this.states.get(path)?.disk;
    return disk && 'text' in disk ? disk.text : undefined;
  }

  hasFile(path: string): boolean {
    return this.fileSet.has(path) || this.overlays.has(path);
  }

  /** The files of the last listing (and of file events since), sorted. */
  fileList(): readonly string[] {
    return this.files;
  }

  /** Whether the file list holds `path` or a file under the folder `path`. */
  knowsPath(path: string): boolean {
    if (this.hasFile(path)) return true;
    const prefix = path + '/';
    // The list is sorted: the first file at or after the prefix is under it if any is.
    let lo = 0;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.files[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.files.length && this.files[lo].startsWith(prefix);
  }

  /**
   * Looks on disk for the files that links of the open document `path` point
   * to and that the file list does not have: a file the editor just created
   * (a CreateFile, a save of a new buffer) is then found at the edit that
   * links it, with no file-system event needed. One `fileExists` per such
   * target, only for this document; the document is parsed here (the next
   * model build takes that parse). Found files go in as `fileChanged` does.
   * Returns the paths found.
   */
  async findLinkedFiles(path: string): Promise<string[]> {
    const text = this.overlays.get(path);
    if (text === undefined || this.listing || this.fileSet.size === 0 || !this.isDocument(path)) return [];
    let state = this.states.get(path);
    if (!state) this.states.set(path, (state = {}));
    const doc = this.docOf(path, text, state);
    const missing = new Set<string>();
    for (const link of doc.links) {
      // Links of unchanged parts of a document are the same objects from one edit to the next.
      let known = linkTargetsOf.get(link);
      if (known?.doc !== path) linkTargetsOf.set(link, (known = { doc: path, targets: linkTargets(path, link) }));
      const targets = known.targets;
      // As resolution does: a link is missing only when none of its candidates is known.
      if (targets.some((t) => this.hasFile(t))) continue;
      for (const target of targets) if (!this.isIgnored(target)) missing.add(target);
    }
    const found: string[] = [];
    for (const target of missing) {
      let exists = false;
      try {
        exists = await this.workspace.fileExists(target);
      } catch {
        // A workspace that cannot tell: the link stays as the file list has it.
      }
      if (!exists || this.hasFile(target)) continue;
      found.push(target);
      if (await this.fileChanged(target)) break; // rescanned: the file list is new and whole
    }
    return found;
  }

  /** An editor opened or changed a buffer. */
  setOverlay(path: string, text: string): void {
    this.overlays.set(path, text);
    const state = this.states.get(path);
    // The same text, parsed with the chunk cache (the scan's roadmap): nothing to parse again.
    if (state && !(state.doc?.text === text && this.chunkedSummaries.has(state.doc.summary))) state.doc = undefined;
    this.touched(path);
  }

  /** `path` changed: the next model build looks at it again. */
  private touched(path: string): void {
    this.changedPaths?.add(path);
    this.cachedModel = undefined;
  }

  /** An editor closed a buffer: the disk content counts again. */
  clearOverlay(path: string): void {
    this.overlays.delete(path);
    dropChunkCache(this.chunkOwner + path);
    const state = this.states.get(path);
    if (state) state.doc = undefined;
    this.touched(path);
  }

  /** A file was created or changed on disk. Returns true when the whole workspace must be rescanned. */
  async fileChanged(path: string): Promise<boolean> {
    if (CONFIG_FILE_NAMES.includes(path) || path === this.options.configPath || path.endsWith('.gitignore') || (isDocsSiteConfig(path) && !this.isIgnored(path))) {
      await this.scan();
      return true;
    }
    if (this.isIgnored(path)) return false;
    const added = !this.fileSet.has(path);
    if (added) this.setFiles([...this.files, path].sort());
    // A new plan folder, or a changed roadmap stub, may change the layout
    // (detection reads markdown paths only: a pull of source files skips it).
    if (MARKDOWN.test(path) && (added || this.isRoadmapCandidate(path)) && (await this.detect())) {
      await this.scan();
      return true;
    }
    // A docs site page's front matter may move its route (`id:`, `slug:`): detection reads it again.
    this.pageFronts.delete(path);
    if (!added && this.docsSites.some((s) => frontMatterPages(s, [path]).length) && (await this.detect())) {
      await this.scan();
      return true;
    }
    if (this.isDocument(path)) await this.readIntoState(path);
    this.touched(path);
    return false;
  }

  /** Whether `path` can decide which file is the roadmap. */
  private isRoadmapCandidate(path: string): boolean {
    return path === this.config.roadmap || this.config.roadmapFallbacks.includes(path) || /(^|\/)roadmap\.md$/i.test(path);
  }

  /** A file was deleted on disk. */
  async fileDeleted(path: string): Promise<boolean> {
    if (CONFIG_FILE_NAMES.includes(path) || this.symlinks.has(path) || (isDocsSiteConfig(path) && this.fileSet.has(path))) {
      await this.scan();
      return true;
    }
    const removed = this.fileSet.has(path);
    if (removed) this.setFiles(this.files.filter((f) => f !== path));
    this.states.delete(path);
    this.pageFronts.delete(path);
    if (removed && MARKDOWN.test(path) && (await this.detect())) {
      await this.scan();
      return true;
    }
    this.touched(path);
    return false;
  }

  /**
   * The model of the current texts; rebuilt only after a change. After a scan
   * every document is looked at; after edits, only the paths they touched
   * (the other documents carry over from the last build).
   */
  model(): WorkspaceModel {
    if (this.cachedModel) return this.cachedModel;
    let docs: Map<string, Doc>;
    let skipped: Map<string, string>;
    const isOpenDocument = (p: string) => this.overlays.has(p) && this.isDocument(p);
    const changed = this.changedPaths;
    if (changed) {
      docs = new Map(this.lastDocs);
      skipped = new Map(this.lastSkipped);
      for (const path of changed) {
        if (this.states.has(path) || isOpenDocument(path)) this.addDocument(path, docs, skipped);
        else {
          docs.delete(path);
          skipped.delete(path);
        }
      }
    } else {
      docs = new Map();
      skipped = new Map();
      for (const path of this.states.keys()) this.addDocument(path, docs, skipped);
      for (const path of this.overlays.keys()) if (!this.states.has(path) && isOpenDocument(path)) this.addDocument(path, docs, skipped);
    }
    this.changedPaths = new Set();
    // The scan's model has taken over what the early check parsed.
    this.earlyDocs.clear();
    this.earlyUnneeded.clear();
    this.earlyLast = undefined;
    const since = changed ? { docs: this.lastDocs, changed } : undefined;
    this.cachedModel = new WorkspaceModel(this.config, this.modelCache(), docs, skipped, since);
    this.bumpInputVersions(this.cachedModel, docs, changed);
    this.lastSkipped = skipped;
    return this.cachedModel;
  }

  /** Puts the document at `path` (parsed again only when its text changed) in `docs`, or its reason in `skipped`. */
  private addDocument(path: string, docs: Map<string, Doc>, skipped: Map<string, string>): void {
    const text = this.textOf(path);
    if (text === undefined) {
      docs.delete(path);
      const disk = this.states.get(path)?.disk;
      if (disk && 'skipped' in disk) skipped.set(path, disk.skipped);
      else skipped.delete(path);
      return;
    }
    skipped.delete(path);
    let state = this.states.get(path);
    if (!state) this.states.set(path, (state = {}));
    docs.set(path, this.docOf(path, text, state));
  }

  /** Compares the new model's documents with the last model's and bumps the versions of what changed. */
  private bumpInputVersions(model: WorkspaceModel, docs: Map<string, Doc>, touched?: ReadonlySet<string>): void {
    const v = this.inputVersions;
    if (model.cache !== this.lastCache || this.config !== this.lastConfig) {
      // A new file list or config: everything may differ.
      for (const key of Object.keys(v) as RuleInput[]) v[key]++;
    } else {
      const changed = new Set<string>();
      if (touched) {
        // Only the touched paths can differ from the last build's documents.
        for (const path of touched) if (this.lastDocs.get(path) !== docs.get(path)) changed.add(path);
      } else {
        for (const [path, doc] of docs) if (this.lastDocs.get(path) !== doc) changed.add(path);
        for (const path of this.lastDocs.keys()) if (!docs.has(path)) changed.add(path);
      }
      const kinds = new Set<RuleInput>();
      for (const path of changed) {
        if (anchorsOf(this.lastDocs.get(path)) !== anchorsOf(docs.get(path))) kinds.add('anchors');
        kinds.add(this.partOf(path, model));
      }
      for (const kind of kinds) v[kind]++;
    }
    this.lastDocs = docs;
    this.lastCache = model.cache;
    this.lastConfig = this.config;
  }

  /** Which part of the workspace a document is (see RuleInput). */
  partOf(path: string, model: WorkspaceModel): RuleInput {
    if (path === model.roadmap?.path || path === this.config.roadmap || this.config.roadmapFallbacks.includes(path)) return 'roadmap';
    if (model.isPlan(path)) return 'plans';
    if (path === this.config.lifecycle.registry) return 'registry';
    if (path === this.config.changelog) return 'changelog';
    if (path === this.config.releaseTemplate.path) return 'releaseTemplate';
    return 'otherDocuments';
  }

  /** The cache of what depends on the file list and config only; a new one when either changes. */
  private modelCache(): ModelCache {
    const overlaysOutside = [...this.overlays.keys()].filter((p) => !this.fileSet.has(p));
    const key = overlaysOutside.sort().join('\n');
    if (!this.sharedCache || this.sharedCache.config !== this.config || this.sharedCacheOverlays !== key) {
      const files = new Set(this.fileSet);
      for (const p of overlaysOutside) files.add(p);
      for (const p of this.symlinks.keys()) files.add(p);
      this.sharedCache = new ModelCache(this.config, files, this.symlinks, this.docsSites);
      this.sharedCacheOverlays = key;
    }
    return this.sharedCache;
  }

  /** The file list changed: sorted array for listing, set for lookups, and a new model cache. */
  private setFiles(files: string[]): void {
    this.files = files;
    this.fileSet = new Set(files);
    this.sharedCache = undefined;
  }

  /**
   * A key that changes whenever anything the findings depend on changes: the
   * config, the file list, the text of every document, and `salt` (the tool's
   * version). The CLI's `--cache` stores findings under it.
   */
  inputsKey(salt: string): string {
    const parts = [salt, JSON.stringify(this.config), JSON.stringify(this.docsSites), this.configProblems.map((p) => p.message).join('\n'), this.files.join('\n'), [...this.symlinks].join('\n')];
    for (const path of [...this.states.keys()].sort()) {
      const text = this.textOf(path);
      parts.push(path, text === undefined ? '-' : hashText(text));
    }
    return hashText(parts.join('\u0000'));
  }

  /**
   * Runs every enabled rule; findings are sorted by path and position. With
   * `only`, gives the findings of that one file, running only the rules that
   * can report in it (and documents rules on that document only): what an
   * editor needs right after a keystroke, long before the whole workspace.
   */
  check(options: { rules?: Rule[]; only?: string } = {}): Finding[] {
    return this.runRules(this.model(), options, true);
  }

  /**
   * The findings of the roadmap before the scan has read the workspace: from
   * a model of the documents they depend on only (the roadmap, the documents
   * it links to, the lifecycle registry, the changelog and the release
   * template), read and parsed here, with the full file list. Nothing is kept:
   * the scan and the full check that follow give the lasting answer.
   * Undefined when `path` is not the roadmap or the file list is not in yet.
   */
  async checkEarly(path: string): Promise<Finding[] | undefined> {
    if (!this.answersEarly(path)) return undefined;
    // The engine's own cache (file list and config): later early checks and
    // the scan's first model build reuse what this one resolves.
    const cache = this.modelCache();
    const docs = new Map<string, Doc>();
    const skipped = new Map<string, string>();
    /** Reads and parses `p` into `docs` (only when `wanted` accepts its text). */
    const load = async (p: string, wanted?: (text: string) => boolean) => {
      if (docs.has(p) || skipped.has(p) || !this.hasFile(p) || !this.isDocument(p)) return;
      if (wanted && this.earlyUnneeded.has(p) && !this.overlays.has(p)) return;
      let text = this.textOf(p);
      const known = this.earlyDocs.get(p);
      if (known && (text === undefined || known.text === text)) {
        docs.set(p, known);
        return;
      }
      if (text === undefined) {
        const read = await this.workspace.readFile(p, this.config.maxFileSize).catch((error: Error): ReadResult => ({ kind: 'error', message: error.message }));
        if (read.kind !== 'text') {
          skipped.set(p, read.kind === 'error' ? `it cannot be read: ${read.message}` : `it was skipped: ${read.reason}`);
          return;
        }
        text = read.text;
      }
      if (wanted && !wanted(text)) {
        this.earlyUnneeded.add(p);
        return;
      }
      const doc = this.newDoc(p, text);
      this.earlyDocs.set(p, doc);
      docs.set(p, doc);
    };
    await load(path);
    const roadmap = docs.get(path);
    if (!roadmap) return undefined;
    // What the roadmap's findings read of other documents: the registry, the
    // changelog and the release template; the headings of documents linked
    // with a #fragment (RG004); the Status of plans linked from checked items
    // (RG023); and the lifecycle marker of any linked plan (RG015), which a
    // plan whose text never says "superseded" cannot have.
    const checked = roadmap.summary.items.map((i) => (i.checked ? 'x' : '-')).join('');
    const last = this.earlyLast;
    let probe: WorkspaceModel | undefined;
    if (last && last.cache === cache && last.checked === checked && sameDestinations(last.links, roadmap.links)) {
      // Typing that kept every destination and checkbox: the same documents as last time.
      for (const [p, doc] of last.docs) if (p !== path) docs.set(p, doc);
      for (const [p, reason] of last.skipped) skipped.set(p, reason);
    } else {
      probe = new WorkspaceModel(this.config, cache, new Map([[path, roadmap]]), skipped, 'apart');
      const always = new Set<string>([this.config.lifecycle.registry, this.config.changelog, this.config.releaseTemplate.path]);
      const linked = new Set<string>();
      for (const link of roadmap.links) {
        const r = probe.resolve(roadmap, link);
        if (r.status !== 'ok') continue;
        linked.add(r.path);
        if (r.fragment !== undefined) always.add(r.path);
      }
      for (const phase of probe.roadmap?.phases ?? []) for (const item of phase.items) if (item.checked) for (const l of item.links) if (l.path) always.add(l.path);
      const list = [...always];
      for (let i = 0; i < list.length; i += 64) await Promise.all(list.slice(i, i + 64).map((p) => load(p)));
      // `load` skips what `always` already loaded.
      const rest = [...linked];
      for (let i = 0; i < rest.length; i += 64) await Promise.all(rest.slice(i, i + 64).map((p) => load(p, (text) => /superseded/i.test(text))));
    }
    // The plans RG001 / RG002 may suggest for unlinked items (chosen by file name, read for their titles).
    const suggesting = ['RG001', 'RG002'].some((code) => this.severityOf(ruleFor(code)!));
    // From the probe's model when there is one: a model build rebuilds the roadmap's phases.
    const candidates = suggesting ? [...suggestionCandidates(probe ?? new WorkspaceModel(this.config, cache, new Map([[path, roadmap]]), skipped, 'apart'))] : [];
    for (let i = 0; i < candidates.length; i += 64) await Promise.all(candidates.slice(i, i + 64).map((p) => load(p)));
    this.earlyLast = { cache, checked, links: roadmap.links, docs, skipped };
    return this.runRules(new WorkspaceModel(this.config, cache, docs, skipped, 'apart'), { only: path }, false);
  }

  /** Whether `checkEarly` can answer for `path` now: the roadmap, once the file list is in. */
  answersEarly(path: string): boolean {
    if (this.listing || this.fileSet.size === 0) return false;
    return path === [this.config.roadmap, ...this.config.roadmapFallbacks].find((p) => this.hasFile(p));
  }

  /** Runs the rules on `model`; with `remember`, reuses and keeps results by their inputs (the engine's own model only). */
  private runRules(model: WorkspaceModel, options: { rules?: Rule[]; only?: string }, remember: boolean): Finding[] {
    const only = options.only;
    const part = only === undefined ? undefined : this.partOf(only, model);
    const findings: Finding[] = [];
    for (const problem of this.configProblems) {
      findings.push(this.makeFinding('RG900', { path: this.configSource ?? CONFIG_FILE_NAMES[0], range: problem.range, message: problem.message }));
    }
    const day = today(this.now());
    for (const rule of options.rules ?? RULES) {
      const severity = this.severityOf(rule);
      if (!severity) continue;
      if (part !== undefined && rule.reportsIn && !rule.reportsIn.includes(part)) continue;
      if (rule.checkDocument && rule.reads && remember) {
        pushAll(findings, this.checkByDocument(rule, severity, day, model, only));
        continue;
      }
      // A rule whose inputs did not change since its last run gives the same findings.
      const stamp = rule.reads && remember ? `${severity}|${day}|${rule.reads.map((input) => this.inputVersions[input]).join(',')}` : undefined;
      const previous = this.ruleResults.get(rule.code);
      if (stamp !== undefined && previous?.stamp === stamp) {
        pushAll(findings, previous.findings);
        continue;
      }
      const mine: Finding[] = [];
      const context = this.ruleContext(model, day, (r) => {
        const finding = findingOf(rule, severity, r, this.fixText);
        if (finding) mine.push(finding);
      });
      try {
        const onlyDoc = only !== undefined && rule.checkDocument ? model.docs.get(only) : undefined;
        if (onlyDoc) rule.checkDocument!(context, onlyDoc);
        else if (only === undefined || !rule.checkDocument) rule.check(context);
        if (stamp !== undefined) this.ruleResults.set(rule.code, { stamp, findings: mine });
      } catch (error) {
        // One failing rule must not hide the others' findings.
        mine.push(this.makeFinding('RG901', { path: model.roadmap?.path ?? '.', range: range(0, 0), message: `Rule ${rule.code} (${rule.name}) failed: ${(error as Error).message}` }));
        if (remember) this.ruleResults.delete(rule.code);
      }
      pushAll(findings, mine);
    }
    return sortFindings(applySuppressions(only === undefined ? findings : findings.filter((f) => f.path === only), model, this, only));
  }

  private ruleContext(model: WorkspaceModel, day: string, report: (r: Report) => void): RuleContext {
    const configFile = this.configSource !== undefined && this.configText !== undefined ? { path: this.configSource, text: this.configText } : undefined;
    return { model, config: this.config, report, template: (kind) => this.template(kind, model), today: day, configFile };
  }

  /** Runs a document rule on the documents whose findings may have changed; reuses the others'. */
  private checkByDocument(rule: Rule, severity: Severity, day: string, model: WorkspaceModel, only?: string): Finding[] {
    const stamp = `${severity}|${day}|${rule.reads!.map((input) => this.inputVersions[input]).join(',')}`;
    let results = this.documentResults.get(rule.code);
    if (results?.stamp !== stamp) this.documentResults.set(rule.code, (results = { stamp, byPath: new Map() }));
    // Checking one document keeps the others' results for the next full check.
    const byPath = only === undefined ? new Map<string, { doc: Doc; findings: Finding[] }>() : results.byPath;
    const docs = documentsOf(model, only);
    const out: Finding[] = [];
    let mine: Finding[] = [];
    const context = this.ruleContext(model, day, (r) => {
        const finding = findingOf(rule, severity, r, this.fixText);
        if (finding) mine.push(finding);
      });
    for (const doc of docs) {
      const previous = results.byPath.get(doc.path);
      if (previous?.doc === doc) {
        byPath.set(doc.path, previous);
        pushAll(out, previous.findings);
        continue;
      }
      mine = [];
      try {
        rule.checkDocument!(context, doc);
        byPath.set(doc.path, { doc, findings: mine });
      } catch (error) {
        // One failing document must not hide the others' findings.
        mine.push(this.makeFinding('RG901', { path: doc.path, range: range(0, 0), message: `Rule ${rule.code} (${rule.name}) failed on this document: ${(error as Error).message}` }));
      }
      pushAll(out, mine);
    }
    results.byPath = byPath;
    return out;
  }

  private makeFinding(code: string, r: { path: string; range: Finding['range']; message: string }): Finding {
    const rule = ruleFor(code)!;
    return { code: rule.code, name: rule.name, severity: this.severityOf(rule) ?? rule.defaultSeverity, ...r };
  }

  severityOf(rule: Rule): Severity | undefined {
    const setting = this.config.rules[rule.code] ?? this.config.rules[rule.name];
    if (setting === 'off') return undefined;
    return setting ?? rule.defaultSeverity;
  }

  /**
   * Template text for a new document: the workspace's file, else the built-in
   * one, whose standards section is left out where the workspace does not
   * follow the standards gate (a section there would switch the gate on, from
   * the new doc's date, for every later plan).
   */
  template(kind: DocKind | 'standards', model: WorkspaceModel = this.model()): string {
    const own = this.textOf(templatePath(this.config, kind));
    if (own !== undefined) return own;
    if (kind === 'standards' || convention(model, 'standardsGate').on) return BUILTIN_TEMPLATES[kind];
    return withoutStandardsSection(BUILTIN_TEMPLATES[kind], this.config.standards.headings);
  }
}

/** Every document of the model, or the one at `only` (none when it is not a document). */
function documentsOf(model: WorkspaceModel, only: string | undefined): Iterable<Doc> {
  if (only === undefined) return model.docs.values();
  const doc = model.docs.get(only);
  return doc ? [doc] : [];
}

const findingsByReport = new WeakMap<Report, Finding>();

/**
 * The finding of a report; a rule that reports the same report object again
 * gets the same finding object back. Its fixes' new text takes the line
 * breaks of the files they edit (`textOf`), whatever the rule wrote.
 */
function findingOf(rule: Rule, ruleSeverity: Severity, r: Report, textOf: (path: string) => string | undefined): Finding | undefined {
  if (r.lower === 'off') return undefined;
  const severity = r.lower && SEVERITY_RANK[r.lower] < SEVERITY_RANK[ruleSeverity] ? r.lower : ruleSeverity;
  const known = findingsByReport.get(r);
  if (known && known.code === rule.code && known.severity === severity) return known;
  const { lower: _lower, ...report } = r;
  const finding: Finding = { code: rule.code, name: rule.name, severity, ...report };
  if (r.fixes) finding.fixes = r.fixes.map((fix) => withFileLineEndings(fix, textOf));
  findingsByReport.set(r, finding);
  return finding;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** `linkTargets` of each link, with the document it was computed for. */
const linkTargetsOf = new WeakMap<LinkInfo, { doc: string; targets: string[] }>();

/**
 * The workspace paths a link may point to, as `WorkspaceModel.resolve` tries
 * them (a code span from the root, then beside the document; a link from its
 * document's folder, or from the root when it starts with "/"); none for
 * external links, fragments of the document itself and unresolved references.
 */
function linkTargets(docPath: string, link: LinkInfo): string[] {
  if (link.kind === 'reference' && !link.target) return [];
  const target = link.target.trim();
  if (!target || hasScheme(target) || isTemplateTarget(target)) return [];
  const hash = target.indexOf('#');
  const pathPart = safeDecode((hash >= 0 ? target.slice(0, hash) : target).replace(/\?.*$/, ''));
  if (pathPart === '' || pathPart.endsWith('/')) return [];
  const candidates = link.kind === 'codespan' ? [joinPath('', pathPart), joinPath(dirname(docPath), pathPart)] : [joinPath(pathPart.startsWith('/') ? '' : dirname(docPath), pathPart)];
  return candidates.filter((p): p is string => p !== null && p !== '');
}

/** The files layout detection looks at (plan folders count markdown files; roadmaps are markdown). */
const MARKDOWN = /\.md$/i;

/** How long the first scan parses before it lets queued requests in. */
const SCAN_SLICE_MS = 8;

/** Lets queued events (editor requests) run: setImmediate where there is one, else a zero timeout. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** What other documents' fragments can match in `doc`: its heading slugs and anchors. */
function anchorsOf(doc: Doc | undefined): string {
  if (!doc) return '';
  return documentAnchors(doc.summary).join('\u0000');
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/**
 * Drops findings silenced by `<!-- roadmap-governance-disable-next-line CODE -- reason -->`
 * and reports suppressions that give no reason (they still silence).
 */
function applySuppressions(findings: Finding[], model: WorkspaceModel, engine: Engine, only?: string): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const doc = model.docs.get(f.path);
    const silenced = doc?.summary.suppressions.some(
      (s) => (s.target === -1 || s.target === f.range.start.line) && (s.codes.length === 0 || s.codes.includes(f.code) || s.codes.includes(f.name)),
    );
    if (!silenced || f.code === 'RG900') out.push(f);
  }
  const rule = ruleFor('RG902')!;
  const severity = engine.severityOf(rule);
  if (severity) {
    for (const doc of documentsOf(model, only)) {
      for (const s of doc.summary.suppressions) {
        if (!s.reason) out.push({ code: rule.code, name: rule.name, severity, path: doc.path, range: s.range, message: 'Suppression without a reason: add one after "--", e.g. <!-- roadmap-governance-disable-next-line RG001 -- tracked in #123 -->.' });
        for (const code of s.codes) if (!ruleFor(code)) out.push({ code: rule.code, name: rule.name, severity, path: doc.path, range: s.range, message: `Suppression names an unknown rule "${code}".` });
      }
    }
  }
  return out;
}
