/**
 * Malformed request params: `null` or a field of the wrong type gets
 * InvalidParams (-32602) with a message naming the request and the field,
 * never an internal error (-32603) with a JavaScript message, and the server
 * keeps answering.
 */
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { copyFixture, TestClient, VSCODE_LIKE } from './client';

const ROADMAP = 'docs/project/roadmap.md';
const INVALID_PARAMS = -32602;

/** The error a raw request gets; fails when it succeeds. */
async function errorOf(client: TestClient, method: string, params: unknown): Promise<{ code: number; message: string }> {
  try {
    const result = await client.sendRaw(method, params);
    assert.fail(`${method} ${JSON.stringify(params)} succeeded with ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error as { code: number; message: string };
  }
}

describe('protocol: malformed params', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('answers null params of every request it handles with InvalidParams naming the request', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const methods = [
      'textDocument/hover',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentLink',
      'textDocument/completion',
      'textDocument/codeAction',
      'textDocument/diagnostic',
      'workspace/diagnostic',
      'workspace/willRenameFiles',
      'workspace/executeCommand',
    ];
    const answers: string[] = [];
    for (const method of methods) {
      const e = await errorOf(client, method, null);
      answers.push(`${method} ${e.code} ${e.message}`);
    }
    assert.deepEqual(
      answers,
      methods.map((m) => `${m} ${INVALID_PARAMS} ${m}: params must be an object, not null.`),
    );
  });

  it('names the field that is wrong, for requests, commands and the coverage request', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    const uri = client.uri(ROADMAP);
    const doc = { textDocument: { uri } };
    const at = { line: 0, character: 0 };
    const cases: [string, unknown, string][] = [
      ['textDocument/hover', {}, 'params.textDocument must be an object, not missing.'],
      ['textDocument/hover', { textDocument: { uri: 7 }, position: at }, 'params.textDocument.uri must be a string, not number 7.'],
      ['textDocument/hover', { ...doc, position: null }, 'params.position must be an object, not null.'],
      ['textDocument/definition', { ...doc, position: { line: 'two', character: 0 } }, 'params.position.line must be a non-negative integer, not the string "two".'],
      ['textDocument/completion', { ...doc, position: { line: 0, character: -3 } }, 'params.position.character must be a non-negative integer, not number -3.'],
      ['textDocument/codeAction', { ...doc, range: null, context: { diagnostics: [] } }, 'params.range must be an object, not null.'],
      ['textDocument/codeAction', { ...doc, range: { start: at, end: at } }, 'params.context must be an object, not missing.'],
      ['textDocument/codeAction', { ...doc, range: { start: at, end: at }, context: { diagnostics: [null] } }, 'params.context.diagnostics[0] must be an object, not null.'],
      ['textDocument/diagnostic', { ...doc, previousResultId: 3 }, 'params.previousResultId must be a string, not number 3.'],
      ['workspace/diagnostic', { previousResultIds: null }, 'params.previousResultIds must be an array, not null.'],
      ['workspace/willRenameFiles', { files: [null] }, 'params.files[0] must be an object, not null.'],
      ['workspace/executeCommand', { command: 42 }, 'params.command must be a string, not number 42.'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.coverage', arguments: 'all' }, 'params.arguments must be an array, not the string "all".'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [null] }, 'roadmapGovernance.newDoc arguments[0] must be an object, not null.'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ kind: 'design', title: 12 }] }, 'roadmapGovernance.newDoc arguments[0].title must be a string, not number 12.'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.newDoc', arguments: [{ kind: 'design', uri, position: { line: 1 } }] }, 'roadmapGovernance.newDoc arguments[0].position.character must be a non-negative integer, not missing.'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.applyFix', arguments: [null] }, 'roadmapGovernance.applyFix arguments[0] must be an object, not null.'],
      ['workspace/executeCommand', { command: 'roadmapGovernance.coverage', arguments: [{ uri: false }] }, 'roadmapGovernance.coverage arguments[0].uri must be a string, not boolean false.'],
      ['roadmapGovernance/coverage', { uri: 5 }, 'params.uri must be a string, not number 5.'],
      ['roadmapGovernance/coverage', 'everything', 'params must be an object, not the string "everything".'],
    ];
    const answers: string[] = [];
    for (const [method, params] of cases) {
      const e = await errorOf(client, method, params);
      answers.push(`${method} ${e.code} ${e.message}`);
    }
    assert.deepEqual(
      answers,
      cases.map(([method, , message]) => `${method} ${INVALID_PARAMS} ${method}: ${message}`),
    );
  });

  it('still answers well-formed requests after malformed ones (and null params of notifications)', async () => {
    client = await TestClient.start(copyFixture('basic'), VSCODE_LIKE);
    for (const method of ['workspace/didChangeWatchedFiles', 'workspace/didChangeConfiguration', 'textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose']) {
      await client.connection.sendNotification(method, null);
    }
    await errorOf(client, 'textDocument/hover', null);
    // The coverage request takes no params at all, and null means none.
    const coverage = (await client.sendRaw('roadmapGovernance/coverage', null)) as { folders: unknown[] };
    assert.equal(coverage.folders.length, 1);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(ROADMAP) }, position: { line: 7, character: 12 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /Alpha engine/);
    assert.equal(client.exited, false);
  });
});
