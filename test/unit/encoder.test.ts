/**
 * The server's message encoder writes diagnostic lists from each diagnostic's
 * kept JSON: the bytes must be those of JSON.stringify, whatever the message.
 */
import { strict as assert } from 'node:assert';
import { encodeMessage, messageEncoder, registerImmutable } from '../../server/lsp/encoder';

/** Asserts that `bytes` are the UTF-8 bytes of JSON.stringify(message). */
function assertJson(bytes: Uint8Array, message: unknown): void {
  assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(message));
  assert.ok(Buffer.from(bytes).equals(Buffer.from(JSON.stringify(message), 'utf8')));
}

function diagnostic(line: number, message: string): object {
  const d = { range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 2, code: 'RG001', source: 'roadmap-governance', message, data: { key: `k${line}`, fixes: ['Insert "x" — ✓'] } };
  registerImmutable(d);
  return d;
}

describe('message encoder', () => {
  const ds = [diagnostic(1, 'plain'), diagnostic(2, 'quotes " and \\ and \u2028 and 😀'), diagnostic(3, 'a NUL \u0000rg-list-0 inside')];

  it('writes a pull report, a workspace report and a push the way JSON.stringify does', () => {
    const messages = [
      { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: 'r1', items: ds } },
      { jsonrpc: '2.0', id: 8, result: { items: [{ kind: 'full', uri: 'file:///a.md', version: null, resultId: 'r2', items: ds.slice(1) }, { kind: 'full', uri: 'file:///b.md', version: 3, resultId: 'r3', items: [] }, { kind: 'unchanged', uri: 'file:///c.md', resultId: 'r4' }] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 2, diagnostics: ds } },
    ];
    for (const m of messages) assertJson(encodeMessage(m), m);
    // A second time, from the kept bytes.
    for (const m of messages) assertJson(encodeMessage(m), m);
  });

  it('leaves lists of anything else to JSON.stringify', () => {
    const completion = { jsonrpc: '2.0', id: 9, result: { isIncomplete: false, items: [{ label: 'docs/', kind: 19 }] } };
    const mixed = { jsonrpc: '2.0', id: 10, result: { items: [ds[0], { range: ds[0], message: 'not registered' }] } };
    assertJson(encodeMessage(completion), completion);
    assertJson(encodeMessage(mixed), mixed);
  });

  it('is the encoder the connection uses, for UTF-8 and for any other charset', async () => {
    const m = { jsonrpc: '2.0', id: 11, result: { kind: 'full', resultId: 'r5', items: ds } };
    assertJson(await messageEncoder.encode(m, { charset: 'utf-8' }), m);
    const ascii = { jsonrpc: '2.0', id: 12, result: { kind: 'full', resultId: 'r6', items: ds.slice(0, 1) } };
    assert.ok(Buffer.from(await messageEncoder.encode(ascii, { charset: 'ascii' })).equals(Buffer.from(JSON.stringify(ascii), 'ascii')));
  });
});
