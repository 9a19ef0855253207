/** The CLI commands other than `check` (coverage, new, init), and `check --fix`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { computeCoverage, isGeneratedCoverage, renderCoverageMarkdown } from '../engine/coverage';
import type { Engine } from '../engine/engine';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { joinPath } from '../engine/paths';
import { phaseNamed } from '../engine/model';
import { DOC_KINDS, ScaffoldError, describeItem, findItem, scaffoldDoc } from '../engine/scaffold';
import { BUILTIN_TEMPLATES, type DocKind, templatePath, today } from '../engine/templates';
import type { Finding, Fix, TextEdit } from '../engine/types';
import { UsageError, assertConfigReadable, displayPath, openEngine, resolveFolder } from './open';
import { applyEdits, TakenText } from '../engine/fixes';
import { pushAll } from '../engine/arrays';
import { effectiveConfig, renderEffectiveConfig } from '../engine/effective';
import { initialConfigText, SCHEMA_REFERENCE } from '../engine/initConfig';

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  coverage: coverageCommand,
  new: newCommand,
  init: initCommand,
  config: configCommand,
};

// ---------------------------------------------------------------- fixes

/** A workspace-relative path that stays inside the folder. */
function isSafePath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\') && joinPath('', p) === p;
}

/**
 * Fixes gathered into one change of the workspace. A fix is taken whole or not
 * at all: not when it would leave the folder, create a file that exists, or
 * touch text another taken fix already changes.
 */
export class FixBatch {
  private readonly creates = new Map<string, string>();
  private readonly edits = new Map<string, TextEdit[]>();
  private readonly taken = new Map<string, TakenText>();
  readonly problems: string[] = [];

  constructor(private readonly engine: Engine) {}

  /** Adds a fix; returns false (and changes nothing) when it cannot be taken. */
  add(fix: Fix): boolean {
    const creates = new Map<string, string>();
    const edits = new Map<string, TextEdit[]>();
    for (const step of fix.steps) {
      if (!isSafePath(step.path)) {
        this.problems.push(`Skipped "${fix.title}": ${step.path} is outside the folder.`);
        return false;
      }
      if (step.kind === 'create') {
        if (this.engine.hasFile(step.path) || this.creates.has(step.path) || creates.has(step.path)) return false;
        creates.set(step.path, step.content);
        continue;
      }
      if (creates.has(step.path)) {
        creates.set(step.path, applyEdits(creates.get(step.path)!, step.edits));
        continue;
      }
      if (this.creates.has(step.path) || this.engine.textOf(step.path) === undefined) return false;
      if (this.taken.get(step.path)?.conflicts(step.edits)) return false;
      // This fix's own earlier steps in the same file (a few edits).
      const mine = edits.get(step.path);
      if (mine) {
        const own = new TakenText();
        own.take(mine);
        if (own.conflicts(step.edits)) return false;
      }
      edits.set(step.path, mine ? [...mine, ...step.edits] : step.edits);
    }
    for (const [p, c] of creates) this.creates.set(p, c);
    for (const [p, e] of edits) {
      let list = this.edits.get(p);
      if (!list) this.edits.set(p, (list = []));
      pushAll(list, e);
      let taken = this.taken.get(p);
      if (!taken) this.taken.set(p, (taken = new TakenText()));
      taken.take(e);
    }
    return true;
  }

  /** Writes the batch: new files first (never over an existing one), then the edits of each file. */
  async commit(): Promise<void> {
    const { workspace } = this.engine;
    for (const [p, content] of this.creates) {
      try {
        await workspace.createFile(p, content);
      } catch (error) {
        this.problems.push(`Did not create ${p}: ${(error as Error).message}`);
      }
    }
    for (const [p, edits] of this.edits) {
      const base = this.engine.textOf(p)!;
      // Edits are positions in the text the engine read: refuse to apply them to a file changed since.
      const now = await workspace.readFile(p, Number.MAX_SAFE_INTEGER);
      if (now.kind !== 'text' || now.text !== base) {
        this.problems.push(`Did not change ${p}: it changed on disk since it was read.`);
        continue;
      }
      try {
        await workspace.writeFile(p, applyEdits(base, edits));
      } catch (error) {
        this.problems.push(`Did not change ${p}: ${(error as Error).message}`);
      }
    }
  }
}

/**
 * The fix `--fix` applies for a finding: its preferred fix, the same one an
 * editor's fix-all applies. A rule marks a fix preferred only when it is not a
 * guess (a new Status value, a file in another folder) that a person should make.
 */
export function fixToApply(finding: Finding): Fix | undefined {
  return finding.fixes?.find((f) => f.preferred);
}

/**
 * Applies the fix of each finding that has one, in passes (fixes that touch
 * the same text wait for the next pass), rescanning after each, until nothing
 * is left to fix (among the findings `keep` keeps). Returns how many fixes were applied.
 */
export async function applyFixes(engine: Engine, findings: Finding[], keep: (all: Finding[]) => Finding[] = (all) => all, maxPasses = 5): Promise<number> {
  let applied = 0;
  let current = findings;
  for (let pass = 0; pass < maxPasses; pass++) {
    const batch = new FixBatch(engine);
    let taken = 0;
    for (const f of current) {
      const fix = fixToApply(f);
      if (fix && batch.add(fix)) taken++;
    }
    if (taken === 0) break;
    await batch.commit();
    for (const p of batch.problems) process.stderr.write(`roadmap-governance: ${p}\n`);
    applied += taken;
    await engine.scan();
    current = keep(engine.check());
    if (batch.problems.length) break;
  }
  return applied;
}

// ---------------------------------------------------------------- coverage

const COVERAGE_FORMATS = ['markdown', 'json'] as const;
const JSON_GENERATOR = 'roadmap-governance coverage';

async function coverageCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'markdown' }, output: { type: 'string', short: 'o' }, config: { type: 'string' } },
  });
  const format = values.format as (typeof COVERAGE_FORMATS)[number];
  if (!COVERAGE_FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}"; use one of ${COVERAGE_FORMATS.join(', ')}.`, true);
  if (positionals.length > 1) throw new UsageError('coverage takes one folder.', true);
  const dir = positionals[0] ?? '.';
  const root = resolveFolder(dir);
  let output: string | undefined;
  if (values.output) {
    const rel = path.relative(root, path.resolve(values.output));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`--output ${values.output} is outside ${dir}; the matrix is only written inside the checked folder.`);
    output = rel.split(path.sep).join('/');
  }
  const engine = await openEngine(dir, values.config);
  assertConfigReadable(engine, values.config);
  const model = engine.model();
  if (!model.roadmap) process.stderr.write(`roadmap-governance: no roadmap found (looked for ${[engine.config.roadmap, ...engine.config.roadmapFallbacks].join(', ')}).\n`);
  const data = computeCoverage(model, engine.config);
  const text = format === 'json' ? JSON.stringify({ generator: JSON_GENERATOR, ...data }, null, 2) + '\n' : renderCoverageMarkdown(data, { outputPath: output });
  if (!output) {
    process.stdout.write(text);
    return 0;
  }
  await writeGenerated(root, output, text, format);
  process.stderr.write(`roadmap-governance: wrote ${displayPath(root, output)} (${data.totals.items} items, ${data.totals.missing} missing).\n`);
  return 0;
}

/** Writes a generated file: a new one, or over a file that this command generated before (and nothing else). */
async function writeGenerated(root: string, output: string, text: string, format: string): Promise<void> {
  const abs = path.join(root, output);
  const realRoot = await fs.realpath(root);
  let stat;
  try {
    stat = await fs.lstat(abs);
  } catch {
    stat = undefined;
  }
  if (stat) {
    if (!stat.isFile()) throw new UsageError(`${output} exists and is not a regular file; not overwriting it.`);
    const existing = await fs.readFile(abs, 'utf8');
    const generated = format === 'json' ? isGeneratedJson(existing) : isGeneratedCoverage(existing);
    if (!generated) throw new UsageError(`${output} exists and was not generated by "roadmap-governance coverage"; not overwriting it.`);
  }
  // The folder must really be inside the checked folder (no symlinked way out),
  // checked on the nearest existing ancestor before any folder is created.
  const inside = async (dir: string) => {
    const rel = path.relative(realRoot, await fs.realpath(dir));
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  let existing = path.dirname(abs);
  while (!(await fs.stat(existing).then(() => true, () => false))) existing = path.dirname(existing);
  if (!(await inside(existing))) throw new UsageError(`${output} resolves outside the checked folder; not writing it.`);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  if (!(await inside(path.dirname(abs)))) throw new UsageError(`${output} resolves outside the checked folder; not writing it.`);
  await fs.writeFile(abs, text, { flag: stat ? 'w' : 'wx' });
}

function isGeneratedJson(text: string): boolean {
  try {
    return (JSON.parse(text) as { generator?: unknown }).generator === JSON_GENERATOR;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- new

async function newCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: 'string', short: 't' }, item: { type: 'string', short: 'i' }, phase: { type: 'string', short: 'p' }, config: { type: 'string' } },
  });
  const [kind, dir = '.', ...extra] = positionals;
  if (!kind || !DOC_KINDS.includes(kind as DocKind)) throw new UsageError(`new needs a kind: ${DOC_KINDS.join(', ')}.`, true);
  if (extra.length) throw new UsageError('new takes one folder.', true);
  if (values.title === undefined && values.item === undefined) throw new UsageError('new needs --title "..." (or --item "..." to take the title of a roadmap item).', true);
  const phase = values.phase?.replace(/^phase\s*/i, '').trim();
  if (phase !== undefined && !/^(\d+[a-z]?|[A-Z])(\.\d+[a-z]?)*$/i.test(phase)) throw new UsageError(`--phase must be a phase number such as 5, 5.1 or 7a, not "${values.phase}".`);
  const engine = await openEngine(dir, values.config);
  assertConfigReadable(engine, values.config);
  const model = engine.model();
  if (phase !== undefined && model.roadmap && !model.roadmap.phases.some((p) => p.kind === 'phase' && phaseNamed(p, phase))) {
    throw new UsageError(`The roadmap ${model.roadmap.path} has no Phase ${phase}; it has ${model.roadmap.phases.filter((p) => p.kind === 'phase').map((p) => p.number).join(', ') || 'no phases'}.`);
  }
  let item;
  if (values.item !== undefined) {
    if (!model.roadmap) throw new UsageError(`--item needs a roadmap, and none was found (looked for ${[engine.config.roadmap, ...engine.config.roadmapFallbacks].join(', ')}).`);
    const match = findItem(model, values.item, phase);
    if (match.kind !== 'found') {
      const what = match.kind === 'ambiguous' ? `"${values.item}" matches several roadmap items` : `No roadmap item${phase ? ` of Phase ${phase}` : ''} is titled "${values.item}"`;
      const list = match.candidates.map((c) => `  ${describeItem(c)}`).join('\n');
      throw new UsageError(`${what}${list ? `; candidates:\n${list}` : '.'}${match.kind === 'ambiguous' ? '\nAdd --phase N or the [Category] prefix to choose one.' : ''}`);
    }
    item = match.item;
  }
  let scaffold;
  try {
    scaffold = scaffoldDoc(model, {
      kind: kind as DocKind,
      title: values.title ?? item!.title,
      date: today(engine.now()),
      template: engine.template(kind as DocKind),
      item,
      phase,
    });
  } catch (error) {
    if (error instanceof ScaffoldError) throw new UsageError(error.message);
    throw error;
  }
  const batch = new FixBatch(engine);
  if (!batch.add({ title: `New ${kind} doc`, steps: scaffold.steps })) throw new UsageError(`Cannot create ${scaffold.path}: it exists or is outside the folder.`);
  await batch.commit();
  if (batch.problems.length) {
    for (const p of batch.problems) process.stderr.write(`roadmap-governance: ${p}\n`);
    if (batch.problems.some((p) => p.includes(scaffold.path))) return 2;
  } else if (item) {
    process.stderr.write(`roadmap-governance: linked from ${describeItem(item)} in ${model.roadmap!.path}.\n`);
  }
  process.stdout.write(displayPath(engine.workspace.name, scaffold.path) + '\n');
  return 0;
}

// ---------------------------------------------------------------- init

export { SCHEMA_REFERENCE };

async function initCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('init takes one folder.', true);
  const dir = positionals[0] ?? '.';
  const engine = await openEngine(dir);
  const root = engine.workspace.name;
  const model = engine.model();
  const lines: string[] = [];
  const configName = CONFIG_FILE_NAMES[0];
  if (engine.hasFile(configName)) {
    lines.push(`kept    ${displayPath(root, configName)} (it exists)`);
  } else {
    lines.push(await createKeeping(engine, configName, initialConfigText(engine, SCHEMA_REFERENCE)));
  }
  for (const kind of ['design', 'implementation', 'decision', 'standards'] as const) {
    const p = templatePath(engine.config, kind);
    if (!isSafePath(p)) {
      lines.push(`skipped ${p} (the templates folder is outside the workspace)`);
      continue;
    }
    if (engine.hasFile(p)) {
      lines.push(`kept    ${displayPath(root, p)} (it exists)`);
      continue;
    }
    lines.push(await createKeeping(engine, p, BUILTIN_TEMPLATES[kind]));
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Creates a file unless it exists (even one the file list ignores); says which. */
async function createKeeping(engine: Engine, p: string, content: string): Promise<string> {
  const shown = displayPath(engine.workspace.name, p);
  try {
    await engine.workspace.createFile(p, content);
    return `created ${shown}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return `kept    ${shown} (it exists)`;
    throw new UsageError(`Cannot create ${shown}: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------- config

async function configCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, all: { type: 'boolean', default: false } },
  });
  if (positionals.length > 1) throw new UsageError('config takes one folder.', true);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`Unknown --format "${values.format}" (text or json).`, true);
  const engine = await openEngine(positionals[0] ?? '.', values.config);
  assertConfigReadable(engine, values.config);
  const report = effectiveConfig(engine.config, engine.configOrigins, engine.model());
  if (values.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderEffectiveConfig(report, engine.workspace.name, values.all));
  for (const p of engine.configProblems) process.stderr.write(`roadmap-governance: ${engine.configSource ?? CONFIG_FILE_NAMES[0]}:${p.range.start.line + 1}: ${p.message}\n`);
  return 0;
}
