/**
 * Baselines for the CLI: list every file of a folder (skipping node_modules
 * and .git, as the engine does), read every markdown file, and with `--parse`
 * also parse each with remark-parse + remark-gfm. Prints JSON: files, markdown
 * files, bytes, and the time of each phase in ms.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dir, ...flags] = process.argv.slice(2);
const parse = flags.includes('--parse');
const t0 = performance.now();
const entries = await readdir(dir, { recursive: true, withFileTypes: true });
const files = [];
for (const e of entries) {
  if (!e.isFile()) continue;
  const abs = join(e.parentPath ?? e.path, e.name);
  if (/[\\/](node_modules|\.git)[\\/]/.test(abs)) continue;
  files.push(abs);
}
const markdown = files.filter((f) => /\.(md|markdown)$/i.test(f));
const t1 = performance.now();
let bytes = 0;
const texts = [];
const BATCH = 64;
for (let i = 0; i < markdown.length; i += BATCH) {
  const batch = await Promise.all(markdown.slice(i, i + BATCH).map((f) => readFile(f, 'utf8')));
  for (const text of batch) {
    bytes += text.length;
    if (parse) texts.push(text);
  }
}
const t2 = performance.now();
let parseMs = 0;
if (parse) {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const processor = unified().use(remarkParse).use(remarkGfm);
  const t3 = performance.now();
  for (const text of texts) processor.parse(text);
  parseMs = performance.now() - t3;
}
process.stdout.write(JSON.stringify({ files: files.length, markdown: markdown.length, bytes, listMs: t1 - t0, readMs: t2 - t1, parseMs }) + '\n');
