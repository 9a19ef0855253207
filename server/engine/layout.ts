/**
 * The effective configuration of a folder, in layers, and where each value
 * came from: the defaults, the presets named in `extends`, the editor
 * settings, the config file, and what the workspace shows (the roadmap and
 * the plan folders, for the keys no layer set).
 */
import { type Config, DEFAULT_CONFIG, type LoadedConfig, normalizeConfig, parseConfigText } from './config';
import { basename, dirname, joinPath } from './paths';
import { detectPlanFolders, presetsPatch } from './presets';

/** Where a setting's value came from, by dotted key. */
export type Origins = Map<string, string>;

export interface Layers {
  /** Editor settings (same shape as the config file), if any. */
  editor?: unknown;
  /** The config file's text and name, if there is one. */
  file?: { text: string; name: string };
}

export interface LayeredConfig extends LoadedConfig {
  origins: Origins;
  /** Keys set by a preset or by the user: detection leaves them alone. */
  explicit: Set<string>;
}

/** Defaults, then the presets of `extends`, then the editor's settings, then the config file. */
export function layeredConfig(layers: Layers): LayeredConfig {
  // First pass: which presets the user names.
  const firstEditor = normalizeConfig(layers.editor ?? {});
  const first = layers.file ? parseConfigText(layers.file.text, firstEditor.config) : firstEditor;
  const origins: Origins = new Map();
  const note = (keys: string[], origin: string) => {
    for (const key of keys) origins.set(key, origin);
  };
  let base = DEFAULT_CONFIG;
  if (first.config.extends.length) {
    const patch = normalizeConfig(presetsPatch(first.config.extends), '', base);
    base = patch.config;
    note(patch.set, `preset ${first.config.extends.join(', ')}`);
  }
  const editor = normalizeConfig(layers.editor ?? {}, '', base);
  note(editor.set, 'editor settings');
  const loaded = layers.file ? parseConfigText(layers.file.text, editor.config) : editor;
  if (layers.file) note(loaded.set, layers.file.name);
  const problems = layers.file ? loaded.problems : [];
  return { config: loaded.config, problems, set: loaded.set, origins, explicit: new Set(origins.keys()) };
}

/** A file's text, when detection needs to look inside (roadmap candidates). */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * Fills the keys no layer set from what the workspace shows: the plan
 * folders from the file list, the roadmap from the candidates that exist
 * (following a stub that names the real roadmap). Returns a new config when
 * anything was detected, else `config` itself.
 */
export async function detectLayout(config: Config, explicit: ReadonlySet<string>, origins: Origins, files: readonly string[], read: ReadText): Promise<Config> {
  let out = config;
  const copy = () => (out === config ? (out = structuredClone(config)) : out);
  if (!explicit.has('plans')) {
    const found = detectPlanFolders(files);
    if (found.plans.length) {
      copy().plans = found.plans;
      origins.set('plans', `detected: ${found.reasons.join('; ')}`);
    } else origins.set('plans', 'detected: no plan folder (docs/plans, docs/superpowers/specs and plans, docs/adr, docs/specs, docs/rfcs…)');
    if (!explicit.has('planKinds') && Object.keys(found.planKinds).length) {
      copy().planKinds = { ...found.planKinds, ...config.planKinds };
      origins.set('planKinds', `detected with plans (${found.presets.join(', ')})`);
    }
  }
  if (!explicit.has('roadmap')) {
    const found = await detectRoadmap(config, files, read);
    if (found) {
      if (found.path !== config.roadmap) copy().roadmap = found.path;
      origins.set('roadmap', `detected: ${found.why}`);
    } else origins.set('roadmap', `detected: none of ${roadmapCandidates(config, files).join(', ')} exists`);
  }
  return out;
}

/**
 * The roadmap paths looked for, in order: the configured ones, then any other
 * `roadmap.md` (any case) in the workspace, shallowest first, leaving out
 * archives and dependencies.
 */
export function roadmapCandidates(config: Config, files: readonly string[]): string[] {
  const out = [config.roadmap, ...config.roadmapFallbacks];
  const more = files.filter((f) => /(^|\/)roadmap\.md$/i.test(f) && !out.includes(f) && !/(^|\/)(archives?|archived|old|history|node_modules|vendor|third[_-]party|examples?|fixtures?|testdata|templates?)\//i.test(f));
  more.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return [...out, ...more];
}

const TASK_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s/m;
const TABLE_ROW = /^\s*\|.*\|\s*$/m;

/**
 * The first candidate that exists; when it has no items and names another
 * roadmap file that exists (a link or a path in backticks), that one, up to
 * three hops.
 */
async function detectRoadmap(config: Config, files: readonly string[], read: ReadText): Promise<{ path: string; why: string } | undefined> {
  const set = new Set(files);
  const first = roadmapCandidates(config, files).find((p) => set.has(p));
  if (!first) return undefined;
  let path = first;
  const via: string[] = [];
  for (let hop = 0; hop < 3; hop++) {
    const text = await read(path);
    if (text === undefined || TASK_ITEM.test(text) || TABLE_ROW.test(text)) break;
    const next = namedRoadmap(text, path, set);
    if (!next || next === path || via.includes(next)) break;
    via.push(path);
    path = next;
  }
  return { path, why: via.length ? `${path} (${via.join(' → ')} is a stub that names it)` : `${path} exists` };
}

/** A roadmap-named markdown file that `text` links to or names in backticks, and that exists. */
function namedRoadmap(text: string, from: string, files: ReadonlySet<string>): string | undefined {
  const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)|`([^`\s]+\.md)`/g)].map((m) => (m[1] ?? m[2]).replace(/#.*$/, ''));
  for (const target of targets) {
    // `roadmap.md`, `roadmap-2026.md`; not a versioned or archived one (`v1.0-ROADMAP.md`, `milestones/…`).
    if (!/^roadmap([-_.][^/]*)?\.md$/i.test(basename(target)) || /(^|\/)(milestones|archives?|archived|history)\//i.test(target)) continue;
    for (const candidate of [joinPath(dirname(from), target), joinPath('', target)]) if (candidate && files.has(candidate)) return candidate;
  }
  return undefined;
}
