/**
 * The config file that `roadmap-governance init` and the editor's "Write
 * configuration file" create: the layout and conventions as detected now.
 */
import type { Engine } from './engine';
import { effectiveConfig } from './effective';
import { standardsRequiredSince } from './presets/standards-gate';
import { today } from './templates';

/** Where the config file's `$schema` points: the schema in the installed package (the VS Code extension validates the file itself). */
export const SCHEMA_REFERENCE = './node_modules/roadmap-governance/dist/roadmap-governance.schema.json';

/** The text of a new `.roadmap-governance.json` for this workspace. */
export function initialConfigText(engine: Engine, schema = SCHEMA_REFERENCE): string {
  const config = {
    $schema: schema,
    ...detectedSettings(engine),
    linkScope: engine.config.linkScope,
    templates: engine.config.templates,
    rules: {},
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/**
 * What `init` writes: the layout and conventions as detected now, so that
 * the file says what the tool found and a team can edit it.
 */
function detectedSettings(engine: Engine): Record<string, unknown> {
  const model = engine.model();
  const report = effectiveConfig(engine.config, engine.configOrigins, model);
  const out: Record<string, unknown> = {};
  const roadmap = model.roadmapPath();
  if (roadmap) out.roadmap = roadmap;
  out.plans = engine.config.plans;
  if (Object.keys(engine.config.planKinds).length) out.planKinds = engine.config.planKinds;
  const conventions: Record<string, string> = {};
  for (const c of report.conventions) if (c.on) conventions[c.key.slice('conventions.'.length)] = 'on';
  if (Object.keys(conventions).length) out.conventions = conventions;
  if (conventions.standardsGate) out.standards = { requiredSince: standardsRequiredSince(model, engine.config, today(engine.now())) };
  return out;
}
