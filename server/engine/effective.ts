/**
 * What `roadmap-governance config` and the editor's "Show effective
 * configuration" command print: every setting with its value and where it
 * came from, and every convention with whether it is on and why.
 */
import type { Config } from './config';
import type { Origins } from './layout';
import type { WorkspaceModel } from './model';
import { CONVENTION_PRESETS, convention, detectPlanFolders } from './presets';

export interface EffectiveConfigReport {
  /** Each top-level or dotted setting that is not the default, or that detection decided, with its value and origin. */
  settings: { key: string; value: unknown; origin: string }[];
  /** Every convention, whether it is on and why. */
  conventions: { preset: string; key: string; on: boolean; why: string }[];
  /** Layout presets whose folders the workspace has (what detection finds, whether or not `plans` is set). */
  layouts: string[];
}

function leaves(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = prefix + k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && key !== 'rules' && key !== 'planKinds') out.push(...leaves(v as Record<string, unknown>, `${key}.`));
    else out.push([key, v]);
  }
  return out;
}

export function effectiveConfig(config: Config, origins: Origins, model: WorkspaceModel): EffectiveConfigReport {
  // Every layer records the keys it sets, detection too: a key without an origin has its default.
  const settings = leaves(config as unknown as Record<string, unknown>).map(([key, value]) => ({ key, value, origin: origins.get(key) ?? 'default' }));
  const conventions = CONVENTION_PRESETS.map((p) => {
    const state = convention(model, p.convention);
    return { preset: p.name, key: `conventions.${p.convention}`, on: state.on, why: state.why };
  });
  return { settings, conventions, layouts: detectPlanFolders([...model.files]).presets };
}

/** The report as text: the settings that are not defaults (or were detected), then the conventions. */
export function renderEffectiveConfig(report: EffectiveConfigReport, name: string, all = false): string {
  const out = [`Effective configuration of ${name}`, ''];
  const shown = report.settings.filter((s) => all || s.origin !== 'default');
  const width = Math.max(...shown.map((s) => s.key.length), 8);
  for (const s of shown) out.push(`  ${s.key.padEnd(width)}  ${JSON.stringify(s.value)}`, `  ${' '.repeat(width)}  ← ${s.origin}`);
  if (!all) out.push('', '  (every other setting has its default; --all lists them)');
  out.push('', 'Conventions (presets switched on by evidence or by config):', '');
  const pw = Math.max(...report.conventions.map((c) => c.preset.length));
  for (const c of report.conventions) out.push(`  ${c.preset.padEnd(pw)}  ${c.on ? 'on ' : 'off'}  ${c.why}`);
  return out.join('\n') + '\n';
}
