/**
 * Opening a workspace: "Scanning" is shown from the start, and the roadmap's
 * findings arrive before the scan of the whole workspace ends (an editor's
 * Problems panel must not say "no problems" while the scan reads on).
 * Order is asserted, not time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, WorkspaceDiagnosticRequest, type WorkspaceDiagnosticReport, type WorkspaceDiagnosticReportPartialResult } from 'vscode-languageserver-protocol/node';
import { type ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { copyFixture, NEOVIM_010_LIKE, NEOVIM_LIKE, TestClient, VSCODE_LIKE } from './client';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();
const ROADMAP_CODES = ['RG001', 'RG002', 'RG003'];

/**
 * The basic fixture with enough other documents that the scan is still reading
 * when the client's answers come back (the early check starts once "Scanning"
 * shows; a scan over before that has nothing to give early).
 */
function largeWorkspace(): string {
  const root = copyFixture('basic');
  const notes = path.join(root, 'docs/notes');
  mkdirSync(notes, { recursive: true });
  for (let i = 0; i < 1500; i++) writeFileSync(path.join(notes, `note-${i}.md`), `# Note ${i}\n\nSee [the guide](../guide.md) and [the roadmap](../project/roadmap.md#roadmap).\n`);
  return root;
}

describe('protocol: start-up order', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const pushClients: [string, ClientCapabilities][] = [
    ['a push client (Neovim 0.7, Emacs)', NEOVIM_LIKE],
    ['Neovim 0.10.4 (it pulls, but cannot be asked to refresh: it is pushed)', NEOVIM_010_LIKE],
  ];
  for (const [who, capabilities] of pushClients) {
    it(`pushes the roadmap's findings to ${who} before the scan's progress ends, and before any other file's`, async () => {
      client = await TestClient.start(largeWorkspace(), { ...capabilities, window: { workDoneProgress: true } });
      const roadmap = client.uri('docs/project/roadmap.md');
      const guide = client.uri('docs/guide.md');
      const early = await client.pushedFor(roadmap, (d) => d.length > 0, 'the roadmap pushed');
      assert.deepEqual(codes(early).filter((c) => ROADMAP_CODES.includes(c)), ROADMAP_CODES);
      await client.until(() => client!.progress.some((p) => p.kind === 'end'), 'the progress end');
      await client.pushedFor(guide, (d) => d.some((x) => x.code === 'RG003'), "the guide's broken link");
      const log = client.log;
      const pushes = log.filter((e) => e.startsWith('push '));
      assert.equal(pushes[0], `push ${roadmap}`, `the roadmap first: ${pushes.slice(0, 3).join(', ')}`);
      assert.ok(log.indexOf(`push ${roadmap}`) < log.indexOf('progress end'), `before the end of the scan: ${log.slice(0, 5).join(', ')}`);
      assert.ok(log.indexOf(`push ${guide}`) > log.indexOf(`push ${roadmap}`));
      assert.ok(log.indexOf('progress begin') < log.indexOf(`push ${roadmap}`), `"Scanning" shows first: ${log.slice(0, 5).join(', ')}`);
      // The full check agrees with the early one: no finding came or went.
      assert.deepEqual(codes(client.pushed.get(roadmap)!), codes(early));
    });
  }

  it("sends a workspace pull the roadmap's findings as a partial result before the scan's progress ends (VS Code)", async () => {
    client = await TestClient.start(largeWorkspace(), VSCODE_LIKE);
    const roadmap = client.uri('docs/project/roadmap.md');
    const guide = client.uri('docs/guide.md');
    const partialResultToken = 'startup-partial';
    const partials: WorkspaceDiagnosticReportPartialResult[] = [];
    client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, partialResultToken, (value) => {
      partials.push(value);
      client!.note(`partial ${value.items.map((i) => i.uri).join(' ')}`);
    });
    const final = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken })) as WorkspaceDiagnosticReport;
    client.note('final');
    await client.until(() => client!.progress.some((p) => p.kind === 'end'), 'the progress end');
    const log = client.log;
    const first = log.findIndex((e) => e.startsWith('partial '));
    assert.ok(first >= 0, `a partial result: ${log.join(', ')}`);
    assert.equal(log[first], `partial ${roadmap}`, 'the roadmap alone, first');
    assert.ok(first < log.indexOf('progress end') && first < log.indexOf('final'), log.join(', '));
    assert.ok(log.indexOf('progress begin') < first, `"Scanning" shows first: ${log.join(', ')}`);
    const early = partials[0].items[0];
    assert.equal(early.kind, 'full');
    assert.deepEqual(codes(early.kind === 'full' ? early.items : []).filter((c) => ROADMAP_CODES.includes(c)), ROADMAP_CODES);
    // The final report has the rest, and the roadmap as the full check sees it (the same findings).
    const byUri = new Map(final.items.map((i) => [i.uri, i]));
    const guideReport = byUri.get(guide);
    assert.ok(guideReport?.kind === 'full' && guideReport.items.some((d) => d.code === 'RG003'), "the guide's broken link");
    const roadmapReport = byUri.get(roadmap);
    assert.ok(roadmapReport?.kind === 'full');
    assert.deepEqual(codes(roadmapReport.items), codes(early.kind === 'full' ? early.items : []));
  });
});
