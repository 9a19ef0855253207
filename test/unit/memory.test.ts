/**
 * Typing in a long roadmap must not make the engine keep every version of it.
 *
 * The engine keeps what typing can reuse (parsed chunks of open documents,
 * RG001/RG002 reports per item), and strings cut from a document's text keep
 * that whole text alive in V8. So a cache that outlives one version can hold
 * megabytes per keystroke; a language server typed in for an hour would grow
 * without end. This test types in a generated 2,000-item roadmap and weighs
 * the heap after a full garbage collection.
 */
import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '../../server/engine/engine';
import { InMemoryWorkspace } from '../../server/engine/workspace';
import { generatedFiles } from './generated';


setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

describe('memory while typing', function () {
  this.timeout(120_000);

  it('holds no more after 60 keystrokes than after 10, in a 2,000-item roadmap', async () => {
    const files = await generatedFiles(2000);
    const roadmap = 'docs/project/roadmap.md';
    const engine = new Engine(new InMemoryWorkspace(files), { now: () => new Date('2026-03-10T00:00:00Z') });
    await engine.scan();
    const lines = files[roadmap].split('\n');
    // Open items spread over the whole roadmap: each keystroke edits another chunk.
    const items = lines.flatMap((l, i) => (l.startsWith('- [ ] **') ? [i] : []));
    assert.ok(items.length > 500, `the generated roadmap has ${items.length} open items`);
    engine.setOverlay(roadmap, lines.join('\n'));
    engine.check();
    const type = (k: number) => {
      const at = items[(k * 37) % items.length];
      lines[at] = lines[at].replace('**', '**x');
      engine.setOverlay(roadmap, lines.join('\n'));
      // What a server does: the typed file alone at each keystroke, the whole workspace now and then.
      engine.check(k % 10 === 9 ? {} : { only: roadmap });
    };
    for (let k = 0; k < 10; k++) type(k);
    const after10 = heapAfterCollection();
    for (let k = 10; k < 60; k++) type(k);
    const after60 = heapAfterCollection();
    const grownMb = (after60 - after10) / 1e6;
    const textMb = files[roadmap].length / 1e6;
    // Keeping each version would cost 50 texts and more; allow a few for the collector's slack.
    assert.ok(grownMb < 4 * textMb, `the heap grew by ${grownMb.toFixed(1)} MB over 50 keystrokes in a ${textMb.toFixed(1)} MB roadmap`);
  });
});
