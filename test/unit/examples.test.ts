/**
 * The bundled examples stay what the README says: together they make every
 * rule fire (but the engine's own internal-error rule), so `npm start` shows
 * each check at work.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Engine } from '../../server/engine/engine';
import { RULES } from '../../server/engine/rules';
import { FsWorkspace } from '../../server/node/fsWorkspace';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describe('bundled examples', () => {
  it('make every rule fire at least once', async () => {
    const fired = new Set<string>();
    for (const name of ['workspace', 'empty-project', 'gsd-project', 'spec-kit-project', 'kiro-project']) {
      const engine = new Engine(new FsWorkspace(path.join(EXAMPLES, name)));
      await engine.scan();
      for (const f of engine.check()) fired.add(f.code);
    }
    const expected = RULES.map((r) => r.code).filter((c) => c !== 'RG901');
    assert.deepEqual(expected.filter((c) => !fired.has(c)), []);
    assert.ok(!fired.has('RG901'), 'no rule fails on the examples');
  });

  it('give a folder with no roadmap and no plans no finding at all', async () => {
    const engine = new Engine(new FsWorkspace(path.join(EXAMPLES, 'plain-folder')));
    await engine.scan();
    assert.deepEqual(engine.check(), []);
  });
});
