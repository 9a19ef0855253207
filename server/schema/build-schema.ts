/**
 * Builds the JSON schema of `.roadmap-governance.json` from the engine's own
 * defaults (`DEFAULT_CONFIG`) and rule registry, so the three cannot drift.
 * `npm run schema` writes it to server/schema/roadmap-governance.schema.json;
 * test/unit/schema.test.ts fails when the file is stale.
 */
import { DEFAULT_CONFIG } from '../engine/config';
import { RULES } from '../engine/rules';
import { PRESET_NAMES } from '../engine/presets';

type JsonSchema = Record<string, unknown>;

/** One description per setting, by dotted path. Every key of DEFAULT_CONFIG needs one. */
export const DESCRIPTIONS: Record<string, string> = {
  extends: 'Presets by name, applied in order under the editor settings and this file: layouts (plans-folder, superpowers, decision-records, design-folders), conventions (item-links, standards-gate, lifecycle-registry, changelog-alignment, release-template, roadmap-metadata) and docs-governance (the corpus project\'s checker, every file it needs required). See docs/layouts.md.',
  roadmap: 'Path of the roadmap file, relative to the workspace folder. Unset: the first of it, `roadmapFallbacks` and any other roadmap.md that exists, following a stub that only names the real roadmap.',
  roadmapFallbacks: 'Roadmap paths tried in order when `roadmap` does not exist.',
  plans: 'Globs of plan documents (design docs, implementation plans, decision records). Empty: detected from the folders that exist (docs/plans, docs/superpowers/specs and plans, docs/adr, docs/decisions, docs/specs, docs/rfcs…). New docs go to the folder of the first glob.',
  planKinds: 'Kind (design, implementation, decision, unknown) of the plans under a glob whose file name has no kind suffix, e.g. {"docs/adr/**": "decision"}. Detected with `plans`.',
  planExclude: 'Globs of files matched by `plans` that are not plans (READMEs, agent notes, indexes).',
  documents: 'Globs of markdown documents whose links are checked.',
  ignore: 'Globs of files that are never read nor listed.',
  gitignore: 'Honour .gitignore files: ignored files are neither read nor link targets.',
  linkScope: 'Which roadmap items need a design and an implementation link (RG001, RG002, coverage matrix).',
  'linkScope.phases': 'Sections whose items need links: phase numbers as written ("5", "5.1"; a phase covers its sub-phases) or section labels ("Milestone 3", "Backlog"); empty means every section.',
  'linkScope.checkedItems': 'Also require links on checked (done) items.',
  standards: 'The standards-compliance section plans must have.',
  'standards.headings': 'Heading texts (case-insensitive substrings) that count as the standards-compliance section.',
  'standards.requiredSince': 'Plans dated on or after this day (YYYY-MM-DD) must have the section; null requires it of every dated plan; "auto" (the default): from the date of the first plan that has one. A date or null switches the standards gate on.',
  'standards.kinds': 'Plan kinds the requirement applies to.',
  'standards.standardWords': 'Words that show the section names the standard used.',
  'standards.enforcementWords': 'Words that show the section says where the standard is enforced.',
  'standards.testWords': 'Words that show the section says which tests prove conformance.',
  'standards.placeholders': 'Texts that mark unfinished content (a section with only these is incomplete).',
  'standards.profile': 'Path of the standards profile (a table Domain | Required standards), when the project has one.',
  'standards.checklist': 'Path of the feature standards checklist template, used by the "add standards section" fix.',
  'standards.draftStatuses': 'Plan statuses (case-insensitive, at the start of the Status value) that mean the plan is not approved yet; its RG006 finding gets standards.draftSeverity.',
  'standards.draftSeverity': 'Severity of RG006 in a plan whose Status is one of standards.draftStatuses (never above the rule\'s own severity); "off" leaves drafts alone.',
  lifecycle: 'The plan lifecycle registry.',
  'lifecycle.registry': 'Path of the lifecycle registry (table Plan | Lifecycle | Superseded By | Notes).',
  'lifecycle.states': 'Lifecycle states the registry may use.',
  conventions: 'Which conventions the checks hold the project to: "auto" (on when the workspace shows the convention), "on" (required: its missing files are reported), "off".',
  'conventions.itemLinks': 'Open roadmap items link a design doc and an implementation plan (RG001, RG002). Auto: on when the workspace has plans or roadmap items link docs.',
  'conventions.standardsGate': 'Plans have a standards-compliance section (RG005, RG006). Auto: on when a standards profile or checklist exists or a plan has such a section.',
  'conventions.lifecycleRegistry': 'The lifecycle registry (RG011, RG012; RG022 when "on" and missing). Auto: on when the registry exists.',
  'conventions.changelogAlignment': 'The changelog\'s [Unreleased] Roadmap Alignment block (RG020; RG022 when "on" and the changelog is missing). Auto: on when the changelog has such a block.',
  'conventions.releaseTemplate': 'The release-notes template and its headings (RG021; RG022 when "on" and missing). Auto: on when the template exists.',
  'conventions.roadmapMetadata': 'The roadmap\'s **Current Phase:** and **Last Updated:** lines (RG019; RG022 when "on" and there is no roadmap). Auto: the lines the roadmap has are checked; "on": both are required.',
  'conventions.phasePlans': 'The roadmap\'s phase plans (GSD: phases/NN-slug/NN-MM-PLAN.md beside the roadmap, -SUMMARY.md once executed) agree with their checkboxes (RG025). Auto: on when that folder has plans.',
  'conventions.kiroSpecs': 'Kiro specs (.kiro/specs/<feature>/ with requirements.md, design.md, tasks.md): each task\'s _Requirements: N.M_ names an acceptance criterion of requirements.md, and a task whose sub-tasks are all done is checked too (RG027). Auto: on when such a folder has a tasks.md.',
  'conventions.docsSite': 'Documentation sites (Astro Starlight src/content/docs/, Docusaurus docs/ and blog/, VitePress .vitepress/config.*, MkDocs docs_dir, Hugo content/), at the root or in a subfolder: in their pages a link written as a route of the site (/reference/cli/, ../guides/setup) is resolved against the site\'s content folder, so a route to an existing page is not reported and one to a missing page is, with the nearest page (RG003); a #fragment between two pages also matches the site\'s heading ids (RG004). auto: on when a generator\'s config file has its content folder of markdown pages beside it; off: links are read as GitHub does.',
  'conventions.specKit': 'GitHub spec-kit feature folders (specs/NNN-slug/ with spec.md, plan.md, tasks.md): a spec\'s **Status** agrees with its task list, and each plan has its spec (RG026). Auto: on when a specs/NNN-slug/ folder has a spec.md.',
  planStatuses: 'Values accepted in a plan\'s **Status:** line (case-insensitive).',
  changelog: 'Path of the changelog whose [Unreleased] section holds the ### Roadmap Alignment block.',
  releaseTemplate: 'The release-notes template and the headings it must contain.',
  'releaseTemplate.path': 'Path of the release-notes template.',
  'releaseTemplate.headings': 'Headings (with their # marks) the template must contain.',
  templates: 'Folder of templates for new docs (design.md, implementation.md, decision.md, standards.md); built-in templates are used for missing files.',
  coverage: 'The roadmap coverage matrix the editor generates.',
  'coverage.output': 'Path of the file the editor\'s "Generate coverage matrix" writes (relative to the workspace folder); it overwrites only a matrix it generated, and asks first otherwise. The CLI writes where --output says.',
  maxFileSize: 'Files larger than this many bytes are not read (one RG903 finding each).',
  rules: 'Severity per rule, by code (RG001) or name (item-missing-design); "off" disables the rule.',
};

const PLAN_KINDS = ['design', 'implementation', 'decision', 'unknown'];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

function schemaFor(key: string, value: unknown): JsonSchema {
  const description = DESCRIPTIONS[key];
  if (description === undefined) throw new Error(`No description for setting "${key}": add one to DESCRIPTIONS in server/schema/build-schema.ts.`);
  if (key === 'rules') return rulesSchema(description);
  if (key === 'standards.requiredSince') {
    return { description, type: ['string', 'null'], pattern: '^(\\d{4}-\\d{2}-\\d{2}|auto)$', default: value };
  }
  if (key === 'extends') return { description, type: 'array', items: { type: 'string', enum: [...PRESET_NAMES] }, uniqueItems: true, default: value };
  if (key === 'planKinds') return { description, type: 'object', additionalProperties: { type: 'string', enum: PLAN_KINDS }, default: value };
  if (key === 'standards.draftSeverity') return { description, type: 'string', enum: SEVERITIES, default: value };
  if (key.startsWith('conventions.')) return { description, type: 'string', enum: ['auto', 'on', 'off'], default: value };
  if (key === 'standards.kinds') return { description, type: 'array', items: { type: 'string', enum: PLAN_KINDS }, uniqueItems: true, default: value };
  if (Array.isArray(value)) return { description, type: 'array', items: { type: 'string' }, default: value };
  if (typeof value === 'object' && value !== null) {
    const properties: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(value)) properties[k] = schemaFor(`${key}.${k}`, v);
    return { description, type: 'object', properties, additionalProperties: false, default: value };
  }
  if (typeof value === 'number') return { description, type: 'integer', minimum: 1, default: value };
  return { description, type: typeof value, default: value };
}

function rulesSchema(description: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const severity = (rule: (typeof RULES)[number]) => ({
    description: `${rule.code} ${rule.name}: ${rule.description} (default: ${rule.defaultSeverity}).`,
    enum: SEVERITIES,
  });
  for (const rule of RULES) {
    properties[rule.code] = severity(rule);
    properties[rule.name] = severity(rule);
  }
  return { description, type: 'object', properties, additionalProperties: false, default: {} };
}

/** The draft-07 schema of the config file. */
export function buildSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { description: 'The JSON schema of this file, for editors.', type: 'string' },
  };
  for (const [key, value] of Object.entries(DEFAULT_CONFIG)) properties[key] = schemaFor(key, value);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Roadmap Governance configuration (.roadmap-governance.json)',
    description: 'Settings of roadmap-governance. Every key is optional; missing keys keep their defaults. Generated by `npm run schema` from the engine defaults and rule registry.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

/** The schema as the file holds it. */
export function schemaText(): string {
  return JSON.stringify(buildSchema(), null, 2) + '\n';
}
