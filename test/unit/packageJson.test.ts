/**
 * The VS Code side of the settings: `contributes.configuration` in package.json
 * must say what the engine does. Every engine setting there has the engine's
 * name and default, and the commands, menus and views point at each other.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/engine/config';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const PREFIX = 'roadmapGovernance.';
/** Settings of the client itself, not of the engine. */
const CLIENT_ONLY = new Set(['enable', 'trace.server']);
/** Engine settings a user must be able to set in the editor. */
const REQUIRED = ['roadmap', 'plans', 'linkScope.phases', 'linkScope.checkedItems', 'standards.requiredSince', 'rules'];

interface SettingSchema {
  type: string | string[];
  default: unknown;
  items?: { type: string };
}

const properties: Record<string, SettingSchema> = pkg.contributes.configuration.properties;

function engineDefault(path: string): { found: boolean; value?: unknown } {
  let node: unknown = DEFAULT_CONFIG;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return { found: false };
    node = (node as Record<string, unknown>)[part];
  }
  return { found: true, value: node };
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

describe('package.json contributes', () => {
  it('names every setting roadmapGovernance.*', () => {
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(PREFIX), key);
  });

  it('gives every engine setting the engine name, default and type', () => {
    const engineKeys = Object.keys(properties)
      .map((k) => k.slice(PREFIX.length))
      .filter((k) => !CLIENT_ONLY.has(k));
    for (const key of engineKeys) {
      const found = engineDefault(key);
      assert.ok(found.found, `roadmapGovernance.${key} is not a key of the engine's DEFAULT_CONFIG`);
      assert.deepEqual(properties[PREFIX + key].default, found.value, `default of roadmapGovernance.${key}`);
      const types = [properties[PREFIX + key].type].flat();
      assert.ok(types.includes(jsonType(found.value)), `roadmapGovernance.${key} has type ${types.join('|')}, the engine's default is ${jsonType(found.value)}`);
    }
    for (const key of REQUIRED) assert.ok(engineKeys.includes(key), `roadmapGovernance.${key} is contributed`);
  });

  it('has the client settings trace.server and enable', () => {
    assert.deepEqual(properties[`${PREFIX}trace.server`].default, 'off');
    assert.equal(properties[`${PREFIX}enable`].default, true);
  });

  it('lists every command used by a menu, and the views it refers to', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const entry of entries) assert.ok(commands.has(entry.command), `${menu}: ${entry.command}`);
    }
    for (const title of ['New design doc', 'New implementation plan', 'New decision record', 'Generate coverage matrix', 'Check whole workspace', 'Restart server']) {
      assert.ok(
        pkg.contributes.commands.some((c: { title: string }) => c.title === title),
        `command "${title}"`,
      );
    }
    // The coverage view has a container of its own in the activity bar, with an icon the package ships.
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'roadmapGovernance');
    assert.ok(container, 'an activity bar container roadmapGovernance');
    assert.ok(existsSync(resolve(ROOT, container.icon)), `${container.icon} exists`);
    const views = pkg.contributes.views.roadmapGovernance.map((v: { id: string; name: string }) => v.name);
    assert.ok(views.includes('Roadmap Coverage'));
  });

  it('validates .roadmap-governance.json against the schema the build writes', () => {
    const entry = pkg.contributes.jsonValidation.find((j: { fileMatch: string }) => j.fileMatch === '.roadmap-governance.json');
    assert.equal(entry?.url, './dist/roadmap-governance.schema.json');
    // The build copies the schema from here.
    assert.ok(existsSync(resolve(ROOT, 'server/schema/roadmap-governance.schema.json')), 'server/schema/roadmap-governance.schema.json exists');
  });

  it('ships the web extension: a browser entry the build writes and the .vsix keeps', () => {
    assert.equal(pkg.browser, './dist/browserClient.js');
    const build = readFileSync(resolve(ROOT, 'build.mjs'), 'utf8');
    const ignore = readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const bundle of ['dist/browserClient.js', 'dist/browserServer.js']) {
      assert.ok(build.includes(`outfile: '${bundle}'`), `build.mjs writes ${bundle}`);
      assert.ok(ignore.includes(`!${bundle}`), `.vscodeignore keeps ${bundle}`);
    }
    // The client starts the worker from the bundle the build writes.
    assert.match(readFileSync(resolve(ROOT, 'client/browser.ts'), 'utf8'), /'dist\/browserServer\.js'/);
  });

  it('says what Restricted Mode and virtual workspaces limit, naming settings that exist', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description.length > 40);
    assert.ok(trust.restrictedConfigurations.length > 0);
    for (const key of trust.restrictedConfigurations) {
      assert.ok(properties[key], `${key} is a contributed setting`);
      // The description names each restricted setting (without the prefix).
      assert.ok(trust.description.includes(key.slice(PREFIX.length)), `the description names ${key}`);
    }
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, true);
    assert.ok(pkg.capabilities.virtualWorkspaces.description.length > 40);
  });

  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(resolve(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8').split('\n').includes(`!${pkg.icon}`), '.vscodeignore keeps the icon');
  });

  it('has a walkthrough whose steps link commands the extension registers, with pages the .vsix keeps', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    const steps = walkthrough.steps as { id: string; title: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
    assert.deepEqual(
      steps.map((s) => s.title),
      ['Detect the layout', 'Write the config', 'See the coverage', 'Fix the first item'],
    );
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const registered = readFileSync(resolve(ROOT, 'client/commands.ts'), 'utf8');
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(linked.length, 1, `${step.id} links one command`);
      for (const command of [...linked, ...step.completionEvents.map((e) => e.replace(/^onCommand:/, ''))]) {
        assert.ok(contributed.has(command), `${step.id}: ${command} is a contributed command`);
        assert.ok(registered.includes(`'${command}'`), `${step.id}: ${command} is registered in client/commands.ts`);
      }
      assert.ok(existsSync(resolve(ROOT, step.media.markdown)), `${step.media.markdown} exists`);
      assert.match(step.media.markdown, /^resources\/walkthrough\/[^/]+\.md$/);
    }
    assert.ok(readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!resources/walkthrough/*.md'), '.vscodeignore keeps the pages');
  });

  it('starts the client bundle on the VS Code the tests run on', () => {
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
  });
});
