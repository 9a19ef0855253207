import type { ConventionsConfig } from '../config';
import type { Rule, RuleContext } from '../rule';
import type { Range } from '../types';
import { FILE_START, range } from '../types';
import { CONVENTION_PRESETS, required } from '../presets';

/**
 * RG022: a file that a convention switched on in the config (or by a preset
 * such as docs-governance) requires is missing: the roadmap (roadmap
 * metadata), the lifecycle registry, the changelog (changelog alignment) or
 * the release-notes template. Never by default: a project that does not
 * follow a convention does not need its files. Reported where the user can
 * act on it (a missing file cannot be opened): in the config file on what
 * switched the convention on, else on the roadmap's first line, else at the
 * missing path; the fix creates the file.
 */
export const requiredFileMissing: Rule = {
  code: 'RG022',
  name: 'required-file-missing',
  description: 'Roadmap, lifecycle registry, changelog or release notes template missing',
  defaultSeverity: 'error',
  tags: ['roadmap', 'lifecycle', 'changelog', 'release'],
  reads: ['files', 'roadmap'],
  check(context) {
    const { model, config, report } = context;
    const missing = (convention: keyof ConventionsConfig, path: string, what: string, content: string) =>
      report({
        ...placeOf(context, convention, path),
        message: `Missing required file: ${path} (${what}).`,
        fixes: [{ title: `Create ${path}`, preferred: true, steps: [{ kind: 'create', path, content }] }],
        data: { missing: path },
      });
    if (required(config, 'roadmapMetadata') && !model.roadmapPath()) {
      const fallbacks = config.roadmapFallbacks.length ? `; none of ${config.roadmapFallbacks.join(', ')} exists either` : '';
      missing('roadmapMetadata', config.roadmap, `the roadmap${fallbacks}`, roadmapSkeleton(context.today));
    }
    if (required(config, 'lifecycleRegistry') && !model.files.has(config.lifecycle.registry)) {
      missing('lifecycleRegistry', config.lifecycle.registry, 'the plan lifecycle registry', registrySkeleton(config.lifecycle.states));
    }
    if (required(config, 'changelogAlignment') && !model.files.has(config.changelog)) {
      missing('changelogAlignment', config.changelog, 'the changelog with its [Unreleased] Roadmap Alignment block', changelogSkeleton(context));
    }
    if (required(config, 'releaseTemplate') && !model.files.has(config.releaseTemplate.path)) {
      missing('releaseTemplate', config.releaseTemplate.path, 'the release notes template', `# Release Notes Template\n${config.releaseTemplate.headings.map((h) => `\n${h}\n`).join('')}`);
    }
  },
};

/**
 * Where to report a missing file: on what switched its convention on in the
 * config file (the convention's key, else the preset in `extends`), else on
 * the roadmap's first line, else (no config file, no roadmap) at the path itself.
 */
function placeOf({ model, configFile }: RuleContext, convention: keyof ConventionsConfig, path: string): { path: string; range: Range } {
  if (configFile) {
    const preset = CONVENTION_PRESETS.find((p) => p.convention === convention)?.name;
    for (const needle of [`"${convention}"`, ...[preset, 'docs-governance'].filter(Boolean).map((name) => `"${name}"`)]) {
      const at = locate(configFile.text, needle);
      if (at) return { path: configFile.path, range: at };
    }
  }
  const roadmap = model.roadmap;
  if (roadmap) {
    const firstLine = model.docs.get(roadmap.path)?.text.split(/\r?\n/, 1)[0] ?? '';
    return { path: roadmap.path, range: range(0, 0, 0, firstLine.length) };
  }
  return { path, range: FILE_START };
}

/** The range of the first occurrence of `needle` in `text`, or undefined. */
function locate(text: string, needle: string): Range | undefined {
  const index = text.indexOf(needle);
  if (index < 0) return undefined;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const character = index - (before.lastIndexOf('\n') + 1);
  return range(line, character, line, character + needle.length);
}

function registrySkeleton(states: string[]): string {
  return [
    '# Plan Lifecycle Registry',
    '',
    `States: ${states.join(', ')}.`,
    '',
    '| Plan | Lifecycle | Superseded By | Notes |',
    '|------|-----------|---------------|-------|',
    '',
  ].join('\n');
}

const SKELETON_PHASE = 'Phase 1';

function roadmapSkeleton(today: string): string {
  return ['# Roadmap', '', `**Current Phase:** ${SKELETON_PHASE}`, '', `**Last Updated:** ${today}`, '', '## Phase 1: First steps', ''].join('\n');
}

/** A changelog whose Roadmap Alignment block repeats the roadmap's metadata, where the roadmap has it. */
function changelogSkeleton({ model, today }: RuleContext): string {
  // With no roadmap yet, the values the roadmap's own create fix writes, so that the two files agree.
  const roadmap = model.roadmap;
  const phase = roadmap ? roadmap.currentPhase?.value.trim() || '<current roadmap phase>' : SKELETON_PHASE;
  const updated = roadmap ? roadmap.lastUpdated?.value.trim() || '<YYYY-MM-DD>' : today;
  return ['# Changelog', '', '## [Unreleased]', '', '### Roadmap Alignment', `- Current roadmap phase: ${phase}`, `- Roadmap last updated: ${updated}`, ''].join('\n');
}
