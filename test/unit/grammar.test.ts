/**
 * The markdown injection grammar, tokenized with the same engine VS Code uses
 * (vscode-textmate + vscode-oniguruma). The host is a small stand-in for VS
 * Code's markdown grammar with the parts the injection meets: bold, code
 * spans, fenced code, and the `#inline` repository entry it includes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');
const injectionPath = resolve(ROOT, 'syntaxes/roadmap-governance.injection.json');
const injection = JSON.parse(readFileSync(injectionPath, 'utf8'));
const packageJson = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));

const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#fenced' }, { include: '#inline' }],
  repository: {
    fenced: {
      begin: '^```(\\w*)$',
      end: '^```$',
      name: 'markup.fenced_code.block.markdown',
    },
    inline: { patterns: [{ include: '#raw' }, { include: '#bold' }] },
    raw: { match: '(`+)([^`]*)(\\1)', name: 'markup.inline.raw.string.markdown' },
    bold: { begin: '\\*\\*(?=\\S)', end: '\\*\\*', name: 'markup.bold.markdown', patterns: [{ include: '#inline' }] },
  },
};

interface Token {
  text: string;
  scopes: string[];
}

let registry: textmate.Registry;

async function tokenize(lines: string[]): Promise<Token[][]> {
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar, 'markdown stand-in grammar loads');
  let state = textmate.INITIAL;
  const out: Token[][] = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    out.push(result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = result.ruleStack;
  }
  return out;
}

/** The scopes of the first token whose text is `text`. */
function scopesOf(tokens: Token[], text: string): string[] {
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `a token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s.split(' ').some((part) => part === prefix || part.startsWith(`${prefix}.`)));
}

describe('markdown injection grammar', () => {
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify(MARKDOWN_STAND_IN), 'markdown.json');
        if (scopeName === injection.scopeName) return textmate.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
        return null;
      },
      getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? [injection.scopeName] : undefined),
    });
  });

  it('is contributed by package.json as an injection into markdown', () => {
    const grammars = packageJson.contributes?.grammars ?? [];
    const entry = grammars.find((g: { scopeName: string }) => g.scopeName === injection.scopeName);
    assert.ok(entry, 'package.json contributes.grammars lists the injection');
    assert.deepEqual(entry.injectTo, ['text.html.markdown']);
    assert.equal(resolve(ROOT, entry.path), injectionPath);
    assert.match(injection.injectionSelector, /^L:text\.html\.markdown\b/);
  });

  it('compiles every regular expression with oniguruma', () => {
    const regexes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') regexes.push(value);
          else walk(value);
        }
      }
    };
    walk(injection);
    assert.ok(regexes.length >= 8, `found ${regexes.length} regexes`);
    for (const source of regexes) assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), source);
  });

  it('highlights metadata labels and lifecycle, status and date values', async () => {
    const [status, lifecycle, superseded, date, prose] = await tokenize([
      '**Status:** In Progress',
      '**Lifecycle:** Superseded',
      '**Superseded By:** `docs/plans/2026-02-15-x-design.md`',
      '**Date:** 2026-02-15',
      'The plan is Active and Draft here.',
    ]);
    assert.ok(hasScope(scopesOf(status, 'Status'), 'keyword.other.label.roadmap-governance'));
    assert.ok(hasScope(scopesOf(status, 'In Progress'), 'constant.language.status.roadmap-governance'));
    assert.ok(hasScope(scopesOf(lifecycle, 'Lifecycle'), 'keyword.other.label.roadmap-governance'));
    assert.ok(hasScope(scopesOf(lifecycle, 'Superseded'), 'constant.language.lifecycle.roadmap-governance'));
    assert.ok(hasScope(scopesOf(superseded, 'Superseded By'), 'keyword.other.label.roadmap-governance'));
    // The value keeps markdown's own code-span scope.
    assert.ok(hasScope(scopesOf(superseded, '`docs/plans/2026-02-15-x-design.md`'), 'markup.inline.raw'));
    assert.ok(hasScope(scopesOf(date, '2026-02-15'), 'constant.numeric.date.roadmap-governance'));
    // Outside a labelled line, the same words are plain prose.
    for (const t of prose) assert.ok(!t.scopes.some((s) => s.endsWith('.roadmap-governance')), `${t.text}: ${t.scopes.join(' ')}`);
  });

  it('highlights the [Category] tag of a task item and its Priority marker', async () => {
    const [item, done] = await tokenize(['- [ ] **[Voice] Evaluate str0m as WebRTC Alternative** `Priority: High`', '- [x] **[UX] Polish** Priority: Low']);
    assert.ok(hasScope(scopesOf(item, 'Voice'), 'entity.name.type.category.roadmap-governance'));
    // The title stays bold: the tag does not break markdown's bold.
    assert.ok(hasScope(scopesOf(item, ' Evaluate str0m as WebRTC Alternative'), 'markup.bold'));
    assert.ok(hasScope(scopesOf(item, 'Priority'), 'keyword.other.label.roadmap-governance'));
    assert.ok(hasScope(scopesOf(item, 'High'), 'constant.language.priority.roadmap-governance'));
    assert.ok(hasScope(scopesOf(item, 'High'), 'markup.inline.raw'));
    assert.ok(hasScope(scopesOf(done, 'UX'), 'entity.name.type.category.roadmap-governance'));
    assert.ok(hasScope(scopesOf(done, 'Low'), 'constant.language.priority.roadmap-governance'));
  });

  it('marks phase status markers', async () => {
    const [heading] = await tokenize(['Phase 5: Ecosystem 🔄 IN PROGRESS']);
    assert.ok(hasScope(scopesOf(heading, '🔄 IN PROGRESS'), 'constant.language.phase-status.roadmap-governance'));
  });

  it('leaves fenced code alone', async () => {
    const lines = await tokenize(['```md', '**Status:** Draft', '- [ ] **[Voice] x** `Priority: High`', '```']);
    for (const t of lines.flat()) assert.ok(!t.scopes.some((s) => s.endsWith('.roadmap-governance')), `${t.text}: ${t.scopes.join(' ')}`);
  });
});
