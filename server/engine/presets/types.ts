/**
 * What a preset is: a convention or a layout that real projects follow, as
 * data. A layout preset finds plan folders in the file list; a convention
 * preset says, from the model, whether the workspace shows the convention
 * (then its rules run). Either is switched on by name with `"extends"`.
 */
import type { Config, ConventionsConfig, PlanKind } from '../config';
import type { WorkspaceModel } from '../model';

/** A part of a config file (as JSON), which a preset sets when named in `extends`. */
export type ConfigPatch = Record<string, unknown>;

export interface PresetBase {
  name: string;
  /** One line for `roadmap-governance config` and the docs. */
  summary: string;
  /** Its section in docs/layouts.md. */
  docs: string;
  /** What naming it in `extends` sets. */
  settings: ConfigPatch;
}

/** Plan folders a layout found, with their kinds and why. */
export interface LayoutFinding {
  plans: string[];
  planKinds: Record<string, PlanKind>;
  /** "docs/superpowers/specs has 31 dated design docs" */
  reasons: string[];
}

export interface LayoutPreset extends PresetBase {
  kind: 'layout';
  /** The plan folders of this layout in `files` (sorted workspace paths), if any. */
  detect(files: readonly string[]): LayoutFinding | undefined;
}

export interface ConventionPreset extends PresetBase {
  kind: 'convention';
  /** The `conventions` key this preset switches. */
  convention: keyof ConventionsConfig;
  /** Why the workspace shows the convention, or undefined when it does not. */
  evidence(model: WorkspaceModel): string | undefined;
  /** Other settings that ask for the convention (with "auto"), and how they say so. */
  configured?(config: Config): string | undefined;
}

/** A named set of other presets and settings (the corpus project's checker). */
export interface BundlePreset extends PresetBase {
  kind: 'bundle';
}

export type Preset = LayoutPreset | ConventionPreset | BundlePreset;
