/** RG003 on links to absolute paths of the author's machine (`/Users/…`, `/home/…`, `C:\…`). */
import { strict as assert } from 'node:assert';
import { applyFix, keys, lines, run } from './planRuleHelpers';

describe('RG003 broken-link: paths on the author\'s machine', () => {
  const files = {
    'README.md': '# Tool\n',
    'docs/notes/journey.md': lines('# Journey', '', 'Start at [the readme](/Users/alex/src/tool/README.md:12) or [the guide](/home/sam/tool/docs/guide.md).', 'Not here: [nowhere](/Users/alex/Desktop/scratch.md).', ''),
    'docs/guide.md': '# Guide\n',
  };

  it('says so, once per link, and names the workspace file the path ends with', async () => {
    const { findings } = await run(files);
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/notes/journey.md:3 Link "/Users/alex/src/tool/README.md:12" is an absolute path on the author\'s machine: nobody else has it, and GitHub cannot follow it. Link README.md relative to this file instead.',
      'docs/notes/journey.md:3 Link "/home/sam/tool/docs/guide.md" is an absolute path on the author\'s machine: nobody else has it, and GitHub cannot follow it. Link docs/guide.md relative to this file instead.',
      'docs/notes/journey.md:4 Link "/Users/alex/Desktop/scratch.md" is an absolute path on the author\'s machine: nobody else has it, and GitHub cannot follow it.',
    ]);
  });

  it('takes a Codespace\'s /workspaces/<repo>/ path as one, and a root-relative link into a workspaces/ folder that exists as a link', async () => {
    const { findings } = await run({
      'README.md': '# Tool\n',
      'docs/guide.md': lines('# Guide', '', 'See [the readme](/workspaces/tool/README.md) and [the package](/workspaces/app/notes.md).', ''),
      'workspaces/app/notes.md': '# Notes\n',
    });
    assert.deepEqual(keys(findings, 'RG003'), [
      'docs/guide.md:3 Link "/workspaces/tool/README.md" is an absolute path on the author\'s machine: nobody else has it, and GitHub cannot follow it. Link README.md relative to this file instead.',
    ]);
  });

  it('fixes a link whose path ends with a workspace file by linking it relative to the document; the finding is gone', async () => {
    const { findings } = await run(files);
    let after: Record<string, string> = files;
    // Last first: each fix's range is from the text before any of them.
    const fixable = findings.filter((x) => x.code === 'RG003' && x.fixes).reverse();
    assert.equal(fixable.length, 2);
    for (const f of fixable) after = applyFix(after, f.fixes![0]);
    assert.equal(after['docs/notes/journey.md'].split('\n')[2], 'Start at [the readme](../../README.md) or [the guide](../guide.md).');
    const again = await run(after);
    assert.deepEqual(keys(again.findings, 'RG003').map((k) => k.split(' ')[0]), ['docs/notes/journey.md:4']);
  });
});

describe('RG003 broken-link: decision records renamed by another ADR tool', () => {
  it('suggests the record whose name adds or drops the ADR- prefix, and only when one does', async () => {
    const { findings } = await run({
      'docs/decisions/ADR-0004-ffi-design.md': '# ADR-0004\n',
      'docs/decisions/ADR-0007-cache.md': '# ADR-0007\n',
      'docs/guide/bindings.md': lines('# Bindings', '', 'See [the FFI record](../architecture/adr/0004-ffi-design.md) and [the cache one](../architecture/adr/0007-cachee.md).', ''),
    });
    const messages = keys(findings, 'RG003');
    assert.ok(messages[0].endsWith('Did you mean docs/decisions/ADR-0004-ffi-design.md?'), messages[0]);
    assert.ok(!messages[1].includes('ADR-0004'), messages[1]);
  });
});
