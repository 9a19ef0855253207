/** Which lines a change typed on (the server holds a half-typed link's findings there until typing pauses). */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { updateAndLocate } from '../../server/lsp/typing';

const doc = () => TextDocument.create('file:///x.md', 'markdown', 1, 'one\ntwo\nthree\n');
const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, text: string) => ({ range: { start: at(line, character), end: at(line, character) }, text });

describe('typing: the lines a keystroke edited', () => {
  it('a character, a deletion, an auto-closed pair: the line it is on', () => {
    assert.deepEqual(updateAndLocate(doc(), [insert(1, 3, 'x')], 2).lines, [1]);
    assert.deepEqual(updateAndLocate(doc(), [{ range: { start: at(2, 0), end: at(2, 2) }, text: '' }], 2).lines, [2]);
    assert.deepEqual(updateAndLocate(doc(), [insert(0, 3, '()')], 2).lines, [0]);
  });

  it('Enter with indentation: the new line', () => {
    assert.deepEqual(updateAndLocate(doc(), [insert(0, 3, '\n  ')], 2).lines, [1]);
  });

  it('several cursors: each line, shifted by the changes after it', () => {
    const { document, lines } = updateAndLocate(doc(), [insert(2, 0, 'a'), insert(0, 0, '\n')], 2);
    assert.equal(document.getText(), '\none\ntwo\nathree\n');
    assert.deepEqual(lines.sort(), [1, 3]);
  });

  it('a paste, an applied fix or an accepted completion is not typing', () => {
    assert.deepEqual(updateAndLocate(doc(), [insert(1, 3, ' ([Design](../plans/x-design.md))')], 2).lines, []);
  });

  it('a full-text change (clients that send the whole text): the line of the keystroke', () => {
    assert.deepEqual(updateAndLocate(doc(), [{ text: 'one\ntwo!\nthree\n' }], 2).lines, [1]);
    assert.deepEqual(updateAndLocate(doc(), [{ text: 'something else entirely\n' }], 2).lines, []);
    assert.deepEqual(updateAndLocate(doc(), [{ text: 'one\ntwo\nthree\n' }], 2).lines, []);
  });
});
