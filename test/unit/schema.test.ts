/**
 * The config file's JSON schema, the engine's defaults and the rule registry
 * say the same thing. When a rule or a setting is added, `npm run schema`
 * regenerates the file and this test passes again.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, normalizeConfig } from '../../server/engine/config';
import { RULES } from '../../server/engine/rules';
import { buildSchema } from '../../server/schema/build-schema';
import { updateRulesIndex } from '../../server/schema/rules-index';

const SCHEMA_FILE = path.resolve(__dirname, '../../server/schema/roadmap-governance.schema.json');

interface Schema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  enum?: string[];
}

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema & { $schema: string };

/** Every leaf setting of an object, as dotted paths with their values. */
function leaves(value: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(value)) {
    const key = prefix + k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && key !== 'rules') for (const [kk, vv] of leaves(v as Record<string, unknown>, `${key}.`)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

function schemaLeaves(s: Schema, prefix = ''): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const key = prefix + k;
    if (key === '$schema') continue;
    if (v.type === 'object' && key !== 'rules') for (const [kk, vv] of schemaLeaves(v, `${key}.`)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

describe('config JSON schema', () => {
  it('is the file `npm run schema` writes (run it after adding a rule or a setting)', () => {
    assert.deepEqual(schema, buildSchema(), 'server/schema/roadmap-governance.schema.json is stale: run `npm run schema`');
  });

  it('is a draft-07 schema that rejects unknown keys at every level', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    // `planKinds` is a map (any glob to a kind): its values are checked instead.
    const objects = [schema, ...Object.entries(schema.properties ?? {}).filter(([k, p]) => p.type === 'object' && k !== 'planKinds').map(([, p]) => p)];
    for (const o of objects) assert.equal(o.additionalProperties, false);
    assert.deepEqual(schema.properties!.planKinds.additionalProperties, { type: 'string', enum: ['design', 'implementation', 'decision', 'unknown'] });
  });

  it('lists every setting of DEFAULT_CONFIG, and nothing else, each with a description, a type and the same default', () => {
    const defaults = leaves(DEFAULT_CONFIG as unknown as Record<string, unknown>);
    const inSchema = schemaLeaves(schema);
    assert.deepEqual([...inSchema.keys()].sort(), [...defaults.keys()].sort());
    for (const [key, value] of defaults) {
      const s = inSchema.get(key)!;
      assert.ok(s.description && s.description.length > 10, `${key} has a description`);
      assert.ok(s.type, `${key} has a type`);
      assert.deepEqual(s.default, value, `default of ${key}`);
    }
    // Object settings carry their whole default too.
    for (const [key, value] of Object.entries(DEFAULT_CONFIG)) assert.deepEqual(schema.properties![key].default, value, `default of ${key}`);
  });

  it('names exactly the registry rules, by code and by name, with the severities the engine accepts', () => {
    const rules = schema.properties!.rules.properties!;
    const expected = RULES.flatMap((r) => [r.code, r.name]).sort();
    assert.deepEqual(Object.keys(rules).sort(), expected);
    for (const s of Object.values(rules)) assert.deepEqual(s.enum, ['error', 'warning', 'info', 'hint', 'off']);
    // What the schema allows, the engine accepts.
    const config = Object.fromEntries(RULES.map((r, i) => [i % 2 ? r.code : r.name, 'off']));
    assert.deepEqual(normalizeConfig({ rules: config }).problems, []);
  });

  it('docs/rules/README.md lists exactly the registry rules (run `npm run schema` after adding one)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../docs/rules/README.md'), 'utf8');
    assert.equal(readme, updateRulesIndex(readme), 'the rule index in docs/rules/README.md is stale: run `npm run schema`');
    for (const r of RULES) assert.ok(readme.includes(`| [${r.code}](${r.code}-${r.name}.md) | \`${r.name}\` |`), r.code);
  });

  it('compiles with a JSON-schema validator and accepts the defaults, rejecting a typo', async () => {
    let Ajv: typeof import('ajv').default;
    try {
      Ajv = (await import('ajv')).default;
    } catch {
      // ajv comes in through @vscode/vsce; without it this check cannot run.
      return;
    }
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    assert.ok(validate({ $schema: './x.json', ...DEFAULT_CONFIG }), JSON.stringify(validate.errors));
    assert.equal(validate({ roadmapp: 'ROADMAP.md' }), false);
    assert.equal(validate({ rules: { RG001: 'loud' } }), false);
    assert.equal(validate({ standards: { requiredSince: '15/02/2026' } }), false);
    assert.ok(validate({ standards: { requiredSince: null } }));
    assert.ok(validate({ standards: { requiredSince: 'auto' } }));
    assert.ok(validate({ extends: ['docs-governance'], planKinds: { 'docs/adr/**': 'decision' }, conventions: { itemLinks: 'off' } }));
    assert.equal(validate({ extends: ['eslint:recommended'] }), false);
    assert.equal(validate({ planKinds: { 'docs/adr/**': 'adr' } }), false);
  });
});
