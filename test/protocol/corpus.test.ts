/**
 * The server on the real corpus (read-only: nothing here writes): the
 * workspace pull gives exactly the CLI's findings, and the known gaps show.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { REPO, TestClient, VSCODE_LIKE, NEOVIM_LIKE } from './client';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const BEFORE = path.join(CORPUS, 'kaiku-before-gap-closure');
const AFTER = path.join(CORPUS, 'kaiku-after-gap-closure');

function cliFindings(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit code 1 when there are errors
  }
  return (JSON.parse(out) as { path: string; line: number; column: number; code: string }[]).map((f) => `${f.path}:${f.line}:${f.column} ${f.code}`).sort();
}

describe('protocol: the real corpus', function () {
  let client: TestClient | undefined;
  before(function () {
    if (!existsSync(CORPUS)) {
      console.log(`    (skipped: no corpus at ${CORPUS})`);
      this.skip();
    }
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  for (const dir of [BEFORE, AFTER]) {
    it(`pulls the same findings as the CLI for ${path.basename(dir)}`, async () => {
      client = await TestClient.start(dir, VSCODE_LIKE);
      const report = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
      const lsp: string[] = [];
      for (const item of report.items) {
        assert.equal(item.kind, 'full');
        const rel = path.relative(dir, new URL(item.uri).pathname);
        for (const d of (item as { items: Diagnostic[] }).items) lsp.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
      }
      assert.deepEqual(lsp.sort(), cliFindings(dir));
    });
  }

  it('pushes the 20 missing design links of the roadmap before gap closure, and hovers one', async () => {
    client = await TestClient.start(BEFORE, NEOVIM_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    const diagnostics = await client.pushedFor(roadmap, (d) => d.some((x) => x.code === 'RG001'));
    const missing = diagnostics.filter((d) => d.code === 'RG001');
    assert.equal(missing.length, 20);
    assert.ok(missing.some((d) => d.message.includes('[Storage] SaaS Scaling Architecture')));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: roadmap }, position: missing[0].range.start })) as Hover;
    assert.match((hover.contents as { value: string }).value, /- Design: missing/);
  });

  it('after gap closure: no missing-link finding, and the hover of a linked item shows both plans', async () => {
    client = await TestClient.start(AFTER, VSCODE_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: roadmap } })) as { items: Diagnostic[] };
    assert.ok(!report.items.some((d) => d.code === 'RG001' || d.code === 'RG002'));
    const coverage = (await client.connection.sendRequest('roadmapGovernance/coverage', {})) as { folders: { phases: { number: string; items: { title: string; checked: boolean; range: { start: { line: number; character: number } } }[] }[] }[] };
    const open = coverage.folders[0].phases.flatMap((p) => p.items.filter((i) => !i.checked && ['5', '6', '7', '8', '10'].includes(p.number)));
    assert.equal(open.length, 29);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: roadmap }, position: open[0].range.start })) as Hover;
    assert.match((hover.contents as { value: string }).value, /- Design: `docs\/plans\/[^`]+-design\.md`[^\n]*\n- Implementation: `docs\/plans\/[^`]+`/);
  });
});
