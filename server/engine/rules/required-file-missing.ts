import type { Rule } from '../rule';
import { FILE_START } from '../types';
import { required } from '../presets';

/**
 * RG022: a file that a convention switched on in the config (or by a preset
 * such as docs-governance) requires is missing: the roadmap (roadmap
 * metadata), the lifecycle registry, the changelog (changelog alignment) or
 * the release-notes template. Never by default: a project that does not
 * follow a convention does not need its files. Reported at the missing path,
 * line 1, so editors and SARIF can show it.
 */
export const requiredFileMissing: Rule = {
  code: 'RG022',
  name: 'required-file-missing',
  description: 'Roadmap, lifecycle registry, changelog or release notes template missing',
  defaultSeverity: 'error',
  tags: ['roadmap', 'lifecycle', 'changelog', 'release'],
  reads: ['files', 'roadmap'],
  check({ model, config, report }) {
    const missing = (path: string, what: string, content?: string) =>
      report({
        path,
        range: FILE_START,
        message: `Missing required file: ${path} (${what}).`,
        fixes: content === undefined ? undefined : [{ title: `Create ${path}`, preferred: true, steps: [{ kind: 'create', path, content }] }],
        data: { missing: path },
      });
    if (required(config, 'roadmapMetadata') && !model.roadmapPath()) {
      const fallbacks = config.roadmapFallbacks.length ? `; none of ${config.roadmapFallbacks.join(', ')} exists either` : '';
      missing(config.roadmap, `the roadmap${fallbacks}`);
    }
    if (required(config, 'lifecycleRegistry') && !model.files.has(config.lifecycle.registry)) {
      missing(config.lifecycle.registry, 'the plan lifecycle registry', registrySkeleton(config.lifecycle.states));
    }
    if (required(config, 'changelogAlignment') && !model.files.has(config.changelog)) missing(config.changelog, 'the changelog with its [Unreleased] Roadmap Alignment block');
    if (required(config, 'releaseTemplate') && !model.files.has(config.releaseTemplate.path)) {
      missing(config.releaseTemplate.path, 'the release notes template', `# Release Notes Template\n${config.releaseTemplate.headings.map((h) => `\n${h}\n`).join('')}`);
    }
  },
};

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
