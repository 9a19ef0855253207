/**
 * The one place where settings are defined, defaulted and validated.
 * The config file's JSON schema, the VS Code settings in package.json and the
 * docs are checked against `DEFAULT_CONFIG` by a test.
 */
import type { Range, SeveritySetting } from './types';
import { range } from './types';
import { PRESET_NAMES } from './presets';

export interface StandardsConfig {
  /** Heading texts (case-insensitive, substring) that count as the standards-compliance section. */
  headings: string[];
  /**
   * Plans dated on or after this day (YYYY-MM-DD) must have the section; null:
   * every dated plan; "auto": the date of the first plan that has one (see the
   * standards-gate preset).
   */
  requiredSince: string | null;
  /** Plan kinds the requirement applies to. */
  kinds: PlanKind[];
  /** Words that show the section says which standard is used, where it is enforced, and how it is tested. */
  standardWords: string[];
  enforcementWords: string[];
  testWords: string[];
  /** Texts that mark unfinished content. */
  placeholders: string[];
  profile: string;
  checklist: string;
  /** Statuses of a plan that is not approved yet: its placeholders are work in progress. */
  draftStatuses: string[];
  /** Severity of RG006 in such a plan (never above the rule's own); "off" leaves drafts alone. */
  draftSeverity: SeveritySetting;
}

export type PlanKind = 'design' | 'implementation' | 'decision' | 'unknown';

/** How a convention is switched: by what the workspace shows, always, or never. */
export type ConventionMode = 'auto' | 'on' | 'off';

/** The conventions (presets) a project may follow; see server/engine/presets. */
export interface ConventionsConfig {
  itemLinks: ConventionMode;
  standardsGate: ConventionMode;
  lifecycleRegistry: ConventionMode;
  changelogAlignment: ConventionMode;
  releaseTemplate: ConventionMode;
  roadmapMetadata: ConventionMode;
  phasePlans: ConventionMode;
  specKit: ConventionMode;
  kiroSpecs: ConventionMode;
  docsSite: ConventionMode;
}

export const CONVENTION_MODES: readonly ConventionMode[] = ['auto', 'on', 'off'];

export interface Config {
  /** Presets by name, applied in order under the editor settings and the config file. */
  extends: string[];
  /** Roadmap file, relative to the workspace folder. */
  roadmap: string;
  /** Tried in order when `roadmap` does not exist. */
  roadmapFallbacks: string[];
  /** Globs of plan documents; empty: detected from the workspace's folders. */
  plans: string[];
  /** Kind of the plans under a glob whose file name has no kind suffix (`docs/adr/**`: decision). */
  planKinds: Record<string, PlanKind>;
  /** Globs of files under `plans` that are not plans. */
  planExclude: string[];
  /** Globs of markdown documents whose links are checked. */
  documents: string[];
  /** Globs never read nor listed. */
  ignore: string[];
  /** Honour .gitignore files. */
  gitignore: boolean;
  /** Which roadmap items need a design and an implementation link. */
  linkScope: {
    /** Phase numbers (as written, e.g. "5" or "5.1"); empty: every phase. */
    phases: string[];
    /** Also require links on checked (done) items. */
    checkedItems: boolean;
  };
  standards: StandardsConfig;
  lifecycle: {
    registry: string;
    states: string[];
  };
  conventions: ConventionsConfig;
  planStatuses: string[];
  changelog: string;
  releaseTemplate: {
    path: string;
    headings: string[];
  };
  templates: string;
  /** Where the editor's "Generate coverage matrix" writes the matrix. */
  coverage: {
    output: string;
  };
  /** Files larger than this many bytes are skipped with one finding. */
  maxFileSize: number;
  /** Severity per rule, by code or name; "off" disables the rule. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_CONFIG: Config = {
  extends: [],
  roadmap: 'docs/project/roadmap.md',
  roadmapFallbacks: ['ROADMAP.md', 'docs/ROADMAP.md', 'docs/roadmap.md', 'docs/roadmap/roadmap.md', 'roadmap.md'],
  plans: [],
  planKinds: {},
  planExclude: ['**/README.md', '**/README.*.md', '**/AGENTS.md', '**/CLAUDE.md', '**/index.md', '**/template.md', '**/TEMPLATE.md', '**/template[-_]*.md', '**/TEMPLATE[-_]*.md', '**/*[-_]template.md', '**/*[-_]Template.md', '**/*[-_]TEMPLATE.md'],
  documents: ['**/*.md'],
  ignore: ['**/node_modules/**', '**/.git/**'],
  gitignore: true,
  linkScope: { phases: [], checkedItems: false },
  standards: {
    headings: [
      'Open Standards Profile',
      'Open Standards Enforcement',
      'Open Standards Compliance',
      'Standards Compliance',
      'Standards Profile',
      'Standards Conformance',
    ],
    requiredSince: 'auto',
    kinds: ['design', 'implementation', 'decision', 'unknown'],
    standardWords: ['standard', 'rfc', 'spec', 'iso', 'w3c', 'wcag', 'openapi', 'oauth', 'opentelemetry', 'profile'],
    enforcementWords: ['enforce', 'ci', 'gate', 'lint', 'check', 'validat', 'middleware', 'contract', 'policy'],
    testWords: ['test', 'conformance', 'verif', 'prove', 'assert', 'fixture'],
    placeholders: ['TBD', 'TODO', 'FIXME', 'XXX', '...', '<standard>', 'N/A'],
    profile: 'docs/standards/open-standards-profile.md',
    checklist: 'docs/standards/feature-standards-checklist.md',
    draftStatuses: ['Draft', 'Design Draft', 'Proposed', 'In Review', 'Under Review', 'Placeholder', 'Planned', 'Not Started'],
    draftSeverity: 'info',
  },
  lifecycle: {
    registry: 'docs/plans/PLAN_LIFECYCLE.md',
    states: ['Active', 'Superseded', 'Archived'],
  },
  conventions: {
    itemLinks: 'auto',
    standardsGate: 'auto',
    lifecycleRegistry: 'auto',
    changelogAlignment: 'auto',
    releaseTemplate: 'auto',
    roadmapMetadata: 'auto',
    phasePlans: 'auto',
    specKit: 'auto',
    kiroSpecs: 'auto',
    docsSite: 'auto',
  },
  planStatuses: [
    'Draft',
    'Proposed',
    'In Review',
    'Approved',
    'Accepted',
    'Decided',
    'Ready for Implementation',
    'In Progress',
    'Design Complete',
    'Design Approved',
    'Design Draft',
    'Implemented',
    'Complete',
    'Completed',
    'Done',
    'Placeholder',
    'Planned',
    'Not Started',
    'Blocked',
    'On Hold',
    'Paused',
    'Deferred',
    'Rejected',
    'Superseded',
    'Deprecated',
    'Withdrawn',
    'Abandoned',
    'Obsolete',
    'Postponed',
    'Under Review',
    'Final',
    'Archived',
    'Active',
    'Reference',
    'Retired',
    'Replaced',
    'Reverted',
    // RFC processes' stages (Ember, TC39 style): `Stage 0 (Strawman)`, `Exploring`, `Recommended`.
    'Stage',
    'Strawman',
    'Exploring',
    'Recommended',
    'Stable',
    'Released',
    'Discontinued',
  ],
  changelog: 'CHANGELOG.md',
  releaseTemplate: {
    path: 'docs/project/RELEASE_NOTES_TEMPLATE.md',
    headings: ['## Milestone', '## Release Summary', '### Added', '### Changed', '### Deprecated', '### Removed', '### Fixed', '### Security'],
  },
  templates: 'docs/templates',
  coverage: { output: 'docs/project/roadmap-coverage-matrix.md' },
  maxFileSize: 8_000_000,
  rules: {},
};

export const CONFIG_FILE_NAMES = ['.roadmap-governance.json'];

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface LoadedConfig {
  config: Config;
  problems: ConfigProblem[];
  /** Dotted paths of the settings the input set (and that were valid), e.g. `standards.requiredSince`. */
  set: string[];
  /** Workspace-relative path of the file it came from, if any. */
  source?: string;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

function locateKey(text: string, key: string): Range {
  const index = text.indexOf(`"${key}"`);
  if (index < 0) return range(0, 0);
  return offsetRange(text, index, index + key.length + 2);
}

function offsetRange(text: string, from: number, to: number): Range {
  const before = text.slice(0, from);
  const line = before.split('\n').length - 1;
  const character = from - (before.lastIndexOf('\n') + 1);
  return range(line, character, line, character + Math.max(0, to - from));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Merges `input` (already parsed JSON) over the defaults. Every key that is
 * unknown or of the wrong type gives one problem and keeps its default, so a
 * broken config never stops the checks.
 */
export function normalizeConfig(input: unknown, text = '', base: Config = DEFAULT_CONFIG): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const set: string[] = [];
  const config: Config = structuredClone(base);
  if (input === undefined) return { config, problems, set };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ message: `The config must be a JSON object, not ${describe(input)}; using the defaults.`, range: range(0, 0) });
    return { config, problems, set };
  }
  const report = (key: string, message: string) => problems.push({ message, range: locateKey(text, key) });
  mergeObject(config as unknown as Record<string, unknown>, input as Record<string, unknown>, DEFAULT_CONFIG as unknown as Record<string, unknown>, '', report, set);
  return { config, problems, set };
}

const PLAN_KIND_NAMES: readonly string[] = ['design', 'implementation', 'decision', 'unknown'];

function mergeObject(
  target: Record<string, unknown>,
  input: Record<string, unknown>,
  defaults: Record<string, unknown>,
  prefix: string,
  report: (key: string, message: string) => void,
  set: string[],
): void {
  for (const [key, value] of Object.entries(input)) {
    const name = prefix + key;
    if (key === '$schema' && prefix === '') continue;
    if (!(key in defaults)) {
      report(key, `Unknown setting "${name}"; it is ignored.`);
      continue;
    }
    if (mergeValue(target, key, value, defaults[key], name, report, set)) set.push(name);
  }
}

/** Merges one setting; true when `value` was taken. */
function mergeValue(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  def: unknown,
  name: string,
  report: (key: string, message: string) => void,
  set: string[],
): boolean {
  if (name === 'rules') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      report(key, `"rules" must be an object of rule code or name to severity, not ${describe(value)}.`);
      return false;
    }
    const rules: Record<string, SeveritySetting> = {};
    for (const [rule, sev] of Object.entries(value as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.includes(sev)) rules[rule] = sev as SeveritySetting;
      else report(rule, `Severity of rule "${rule}" must be one of ${SEVERITIES.join(', ')}; it keeps its default.`);
    }
    // Over a base (editor settings), severities are merged rule by rule.
    target[key] = { ...(target[key] as Record<string, SeveritySetting>), ...rules };
    return Object.keys(rules).length > 0;
  }
  if (name === 'planKinds') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      report(key, `"planKinds" must be an object of glob to plan kind, not ${describe(value)}.`);
      return false;
    }
    const kinds: Record<string, PlanKind> = {};
    for (const [glob, kind] of Object.entries(value as Record<string, unknown>)) {
      if (glob.trim() === '') report(key, '"planKinds" must not contain an empty glob.');
      else if (typeof kind === 'string' && PLAN_KIND_NAMES.includes(kind)) kinds[glob] = kind as PlanKind;
      else report(glob, `Kind of "${glob}" in "planKinds" must be one of ${PLAN_KIND_NAMES.join(', ')}.`);
    }
    target[key] = kinds;
    return true;
  }
  if (name === 'extends') {
    if (isStringArray(value)) {
      const known = value.filter((v) => PRESET_NAMES.includes(v));
      for (const v of value) if (!PRESET_NAMES.includes(v)) report(key, `Unknown preset "${v}" in "extends"; known presets: ${PRESET_NAMES.join(', ')}.`);
      target[key] = known;
      return true;
    }
    report(key, `"extends" must be an array of preset names, not ${describe(value)}.`);
    return false;
  }
  if (name.startsWith('conventions.')) {
    if (typeof value === 'string' && (CONVENTION_MODES as readonly string[]).includes(value)) target[key] = value;
    else if (typeof value === 'boolean') target[key] = value ? 'on' : 'off';
    else {
      report(key, `"${name}" must be one of ${CONVENTION_MODES.join(', ')}; using ${JSON.stringify(def)}.`);
      return false;
    }
    return true;
  }
  if (name === 'standards.draftSeverity') {
    if (typeof value === 'string' && SEVERITIES.includes(value)) {
      target[key] = value;
      return true;
    }
    report(key, `"${name}" must be one of ${SEVERITIES.join(', ')}; using ${JSON.stringify(def)}.`);
    return false;
  }
  if (name === 'standards.requiredSince') {
    if (value === null || value === 'auto' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) {
      target[key] = value;
      return true;
    }
    report(key, `"${name}" must be a date YYYY-MM-DD, "auto" or null; using ${JSON.stringify(def)}.`);
    return false;
  }
  if (Array.isArray(def)) {
    if (isStringArray(value) && !value.includes('')) {
      target[key] = value;
      return true;
    }
    if (isStringArray(value)) report(key, `"${name}" must not contain an empty string; using the default.`);
    else report(key, `"${name}" must be an array of strings, not ${describe(value)}; using the default.`);
    return false;
  }
  if (typeof def === 'object' && def !== null) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      mergeObject(target[key] as Record<string, unknown>, value as Record<string, unknown>, def as Record<string, unknown>, `${name}.`, report, set);
    } else report(key, `"${name}" must be an object, not ${describe(value)}; using the default.`);
    // Its keys are recorded one by one.
    return false;
  }
  if (typeof def === typeof value && (typeof value !== 'number' || (Number.isFinite(value) && value > 0))) {
    target[key] = value;
    return true;
  }
  report(key, `"${name}" must be ${describe(def)}, not ${describe(value)}; using ${JSON.stringify(def)}.`);
  return false;
}

/** Parses the text of a config file; a syntax error is one problem located where JSON.parse stopped. */
export function parseConfigText(text: string, base: Config = DEFAULT_CONFIG): LoadedConfig {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    let where = range(0, 0);
    if (lc) where = range(Number(lc[1]) - 1, Number(lc[2]) - 1, Number(lc[1]) - 1, Number(lc[2]));
    else if (at) where = offsetRange(text, Number(at[1]), Number(at[1]) + 1);
    return {
      config: structuredClone(base),
      problems: [{ message: `The config file is not valid JSON (${message}); using the defaults.`, range: where }],
      set: [],
    };
  }
  return normalizeConfig(parsed, text, base);
}

/**
 * Problems only the file list can show, for keys the config file sets
 * itself: a `plans` or `documents` glob that matches no file, a `roadmap`
 * path that does not exist. Located on the value in the config text.
 */
export function configFileProblems(text: string, config: Config, files: readonly string[], matches: (globs: string[]) => (path: string) => boolean): ConfigProblem[] {
  let input: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
    input = parsed as Record<string, unknown>;
  } catch {
    return [];
  }
  const problems: ConfigProblem[] = [];
  const locateValue = (key: string, value: string): Range => {
    const keyAt = text.indexOf(`"${key}"`);
    const at = text.indexOf(JSON.stringify(value), Math.max(0, keyAt));
    return at < 0 ? locateKey(text, key) : offsetRange(text, at, at + JSON.stringify(value).length);
  };
  for (const key of ['plans', 'documents'] as const) {
    if (!isStringArray(input[key])) continue;
    for (const glob of config[key]) {
      const test = matches([glob]);
      if (!files.some((f) => test(f))) problems.push({ message: `The glob "${glob}" in "${key}" matches no file.`, range: locateValue(key, glob) });
    }
  }
  if (typeof input.roadmap === 'string' && !files.includes(config.roadmap)) {
    const fallback = config.roadmapFallbacks.find((f) => files.includes(f));
    problems.push({
      message: `The roadmap "${config.roadmap}" does not exist${fallback ? `; using ${fallback}` : ''}.`,
      range: locateValue('roadmap', config.roadmap),
    });
  }
  return problems;
}
