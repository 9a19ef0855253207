/** A rescan while the model is in use (the server answers requests between its batches). */
import { strict as assert } from 'node:assert';
import { Engine } from '../../server/engine/engine';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const FILES = {
  'docs/project/roadmap.md': '# Roadmap\n\n## Phase 1: Start\n\n- [ ] **Alpha** ([Design](../plans/2026-01-01-alpha-design.md))\n',
  'docs/plans/2026-01-01-alpha-design.md': '# Alpha\n\nSee [nowhere](missing.md).\n',
};

describe('engine scan', () => {
  it('a model built between the batches of a rescan does not hide documents from the model after it', async () => {
    const engine = new Engine(new InMemoryWorkspace(FILES));
    await engine.scan();
    const before = engine.check().map((f) => `${f.code} ${f.path}`);
    assert.ok(before.includes('RG003 docs/plans/2026-01-01-alpha-design.md'), before.join('\n'));
    // What "Check whole workspace" did: a rescan, while a flush asked for the model between batches.
    await engine.scan({ between: async () => void engine.model() });
    assert.equal(engine.model().docs.size, 2);
    assert.deepEqual(engine.check().map((f) => `${f.code} ${f.path}`), before);
  });
});
