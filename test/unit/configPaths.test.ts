/** RG900 for paths and globs in the config file that leave the workspace folder (they used to do nothing, silently). */
import { strict as assert } from 'node:assert';
import { leavesWorkspace } from '../../server/engine/configPaths';
import { Engine } from '../../server/engine/engine';
import type { Finding } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const CONFIG = '.roadmap-governance.json';

const FILES: Record<string, string> = {
  'docs/project/roadmap.md': '# Roadmap\n\n## Phase 1: Start\n\n- [x] **[Core] Kick-off**\n',
  'docs/plans/2026-03-01-kickoff-design.md': '# Kick-off\n\n**Date:** 2026-03-01\n**Status:** Draft\n',
};

async function configFindings(config: string, editor?: unknown): Promise<string[]> {
  const engine = new Engine(new InMemoryWorkspace({ ...FILES, [CONFIG]: config }), { now: () => new Date('2026-03-01T00:00:00Z') });
  if (editor !== undefined) engine.setEditorSettings(editor);
  await engine.scan();
  return engine
    .check()
    .filter((f: Finding) => f.code === 'RG900')
    .map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.message}`);
}

describe('RG900 config paths outside the workspace', () => {
  it('reports each path setting that leaves the folder, on its value', async () => {
    const config = [
      '{',
      '  "templates": "../shared/templates",',
      '  "changelog": "/var/log/CHANGELOG.md",',
      '  "lifecycle": { "registry": "docs/../../registry.md" },',
      '  "releaseTemplate": { "path": "C:\\\\notes\\\\release.md" },',
      '  "standards": {',
      '    "profile": "..\\\\standards\\\\profile.md",',
      '    "checklist": "docs/standards/checklist.md"',
      '  },',
      '  "roadmapFallbacks": ["ROADMAP.md", "~/ROADMAP.md"]',
      '}',
    ].join('\n');
    assert.deepEqual(await configFindings(config), [
      `${CONFIG}:2:16-37 "templates" is "../shared/templates", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
      `${CONFIG}:3:16-39 "changelog" is "/var/log/CHANGELOG.md", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
      `${CONFIG}:4:30-54 "lifecycle.registry" is "docs/../../registry.md", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
      `${CONFIG}:5:32-55 "releaseTemplate.path" is "C:\\notes\\release.md", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
      `${CONFIG}:7:16-43 "standards.profile" is "..\\standards\\profile.md", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
      `${CONFIG}:10:38-52 "roadmapFallbacks" is "~/ROADMAP.md", outside the workspace folder; only files inside the folder are read, so this setting has no effect.`,
    ]);
  });

  it('reports plans and documents globs that start outside the folder, once each, instead of "matches no file"', async () => {
    const config = ['{', '  "plans": ["docs/plans/*.md", "../monorepo/plans/**/*.md"],', '  "documents": ["**/*.md", "/home/someone/notes/*.md", "!../vendor/**"]', '}'].join('\n');
    assert.deepEqual(await configFindings(config), [
      `${CONFIG}:2:32-59 The glob "../monorepo/plans/**/*.md" in "plans" reaches outside the workspace folder; only files inside the folder are checked, so it matches none there.`,
      `${CONFIG}:3:28-54 The glob "/home/someone/notes/*.md" in "documents" reaches outside the workspace folder; only files inside the folder are checked, so it matches none there.`,
      `${CONFIG}:3:56-71 The glob "!../vendor/**" in "documents" reaches outside the workspace folder; only files inside the folder are checked, so it matches none there.`,
    ]);
  });

  it('accepts paths inside the folder, and says nothing of editor settings (no file to put it in)', async () => {
    const inside = JSON.stringify({ templates: './docs/templates', changelog: 'docs/../CHANGELOG.md', plans: ['docs/plans/**/*.md'], standards: { profile: 'docs/standards/profile.md' } }, null, 2);
    assert.deepEqual(await configFindings(inside), []);
    assert.deepEqual(await configFindings('{}', { templates: '../elsewhere' }), []);
  });

  it('tells which paths leave the folder', () => {
    const outside = ['..', '../x', '/x', '\\\\server\\share', 'C:/x', 'c:\\x', '~/x', 'a/../../x', '!../x', './../x'];
    const inside = ['x', './x', 'a/../x', 'docs/**/*.md', 'a/./b', '!docs/x', 'C:x', '...', '..x/y'];
    assert.deepEqual(outside.filter((p) => !leavesWorkspace(p)), []);
    assert.deepEqual(inside.filter((p) => leavesWorkspace(p)), []);
  });
});
