/**
 * The presets, in one registry: layouts (where plans live and of which kind)
 * and conventions (which checks a project has signed up for). A new layout
 * is a new module here, with fixtures and a section in docs/layouts.md.
 */
import type { Config, ConventionsConfig } from '../config';
import type { WorkspaceModel } from '../model';
import { changelogAlignment } from './changelog-alignment';
import { decisionRecords } from './decision-records';
import { designFolders } from './design-folders';
import { docsGovernance } from './docs-governance';
import { docsSite } from './docs-site';
import { itemLinks } from './item-links';
import { kiroSpecs } from './kiro-specs';
import { lifecycleRegistry } from './lifecycle-registry';
import { phasePlans } from './phase-plans';
import { plansFolder } from './plans-folder';
import { releaseTemplate } from './release-template';
import { roadmapMetadata } from './roadmap-metadata';
import { specKit } from './spec-kit';
import { standardsGate } from './standards-gate';
import { superpowers } from './superpowers';
import type { ConfigPatch, ConventionPreset, LayoutFinding, LayoutPreset, Preset } from './types';

export type { ConfigPatch, ConventionPreset, LayoutFinding, LayoutPreset, Preset } from './types';

export const LAYOUT_PRESETS: readonly LayoutPreset[] = [plansFolder, superpowers, decisionRecords, designFolders];
export const CONVENTION_PRESETS: readonly ConventionPreset[] = [itemLinks, standardsGate, lifecycleRegistry, changelogAlignment, releaseTemplate, roadmapMetadata, phasePlans, specKit, kiroSpecs, docsSite];
export const PRESETS: readonly Preset[] = [...LAYOUT_PRESETS, ...CONVENTION_PRESETS, docsGovernance];
export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function presetFor(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/**
 * The settings of the presets named in `names`, merged in order into one
 * patch: `plans` globs add up and `planKinds` merge (two layouts together
 * mean both folders); other keys, the last preset wins.
 */
export function presetsPatch(names: readonly string[]): ConfigPatch {
  const out: ConfigPatch = {};
  for (const name of names) {
    const preset = presetFor(name);
    if (preset) mergePatch(out, preset.settings);
  }
  return out;
}

function mergePatch(into: ConfigPatch, patch: ConfigPatch): void {
  for (const [key, value] of Object.entries(patch)) {
    const have = into[key];
    if (key === 'plans' && Array.isArray(have) && Array.isArray(value)) into[key] = [...new Set([...have, ...value])];
    else if (isObject(have) && isObject(value)) mergePatch(have, value);
    else into[key] = isObject(value) ? structuredClone(value) : value;
  }
}

function isObject(v: unknown): v is ConfigPatch {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every layout the file list shows, merged: plan globs, kinds, and the reasons. */
export function detectPlanFolders(files: readonly string[]): LayoutFinding & { presets: string[] } {
  const out = { plans: [] as string[], planKinds: {} as LayoutFinding['planKinds'], reasons: [] as string[], presets: [] as string[] };
  for (const preset of LAYOUT_PRESETS) {
    const found = preset.detect(files);
    if (!found) continue;
    out.presets.push(preset.name);
    for (const glob of found.plans) if (!out.plans.includes(glob)) out.plans.push(glob);
    Object.assign(out.planKinds, found.planKinds);
    out.reasons.push(...found.reasons);
  }
  return out;
}

export interface ConventionState {
  on: boolean;
  /** "configured", or the evidence, or why it is off. */
  why: string;
  preset: ConventionPreset;
}

const states = new WeakMap<WorkspaceModel, Map<keyof ConventionsConfig, ConventionState>>();

/** Whether the rules of a convention run on `model`, and why. */
export function convention(model: WorkspaceModel, key: keyof ConventionsConfig): ConventionState {
  let known = states.get(model);
  if (!known) states.set(model, (known = new Map()));
  let state = known.get(key);
  if (!state) known.set(key, (state = conventionState(model, model.config, key)));
  return state;
}

function conventionState(model: WorkspaceModel, config: Config, key: keyof ConventionsConfig): ConventionState {
  const preset = CONVENTION_PRESETS.find((p) => p.convention === key)!;
  const mode = config.conventions[key];
  if (mode === 'on') return { on: true, why: 'switched on by the config', preset };
  if (mode === 'off') return { on: false, why: 'switched off by the config', preset };
  const asked = preset.configured?.(config);
  if (asked) return { on: true, why: `configured: ${asked}`, preset };
  const evidence = preset.evidence(model);
  return evidence ? { on: true, why: `detected: ${evidence}`, preset } : { on: false, why: 'not detected', preset };
}

/** Whether a convention is required outright (its files reported when missing). */
export function required(config: Config, key: keyof ConventionsConfig): boolean {
  return config.conventions[key] === 'on';
}
