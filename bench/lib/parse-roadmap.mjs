/**
 * Parse time of one roadmap, in-process (node start and module load excluded):
 *   remark       unified + remark-parse + remark-gfm, the document in one piece;
 *   ours         the engine's parseMarkdown (bundled to bench/.work/parse.cjs);
 *   ours-remark  the engine's parseMarkdownWithRemark (remark chunk by chunk), when it exists.
 * For ours: cold (caches cleared first, as the CLI parses), then, parsed as a
 * document open in an editor is, a re-parse after a one-character edit in the
 * middle, which is what the editor pays per keystroke.
 * Prints JSON { ms, warmEditMs? }.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [mode, file, bundle] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
if (mode === 'remark') {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const processor = unified().use(remarkParse).use(remarkGfm);
  const t = performance.now();
  processor.parse(text);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t }) + '\n');
} else {
  const engine = createRequire(import.meta.url)(resolve(bundle));
  const parse = mode === 'ours-remark' ? engine.parseMarkdownWithRemark : engine.parseMarkdown;
  if (typeof parse !== 'function') {
    process.stdout.write(JSON.stringify({ error: `the engine does not export ${mode === 'ours-remark' ? 'parseMarkdownWithRemark' : 'parseMarkdown'}` }) + '\n');
    process.exit(0);
  }
  engine.clearParseCache?.();
  let t = performance.now();
  const summary = parse(text);
  const ms = performance.now() - t;
  // As the server parses a document open in an editor: with that document's
  // chunk cache (an engine without `withChunkCache` caches for every parse).
  const typed = (t) => (engine.withChunkCache ? engine.withChunkCache('bench:roadmap.md', () => parse(t)) : parse(t));
  typed(text);
  // One keystroke in the middle of the document.
  const at = text.indexOf('\n- [ ] **', Math.floor(text.length / 2));
  const edited = at < 0 ? text + 'x' : text.slice(0, at + 9) + 'x' + text.slice(at + 9);
  t = performance.now();
  typed(edited);
  const warmEditMs = performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, warmEditMs, items: summary.items?.length }) + '\n');
}
