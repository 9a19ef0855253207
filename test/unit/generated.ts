/** The benchmark's generated workspaces, for tests that need a long roadmap. */

/** The benchmark's corpus generator (plain JavaScript, without types). */
const GENERATOR = '../../bench/lib/generate.mjs';

/** The files of the generated workspace with an `items`-item roadmap, by workspace path. */
export async function generatedFiles(items: number): Promise<Record<string, string>> {
  const { corpusFiles } = (await import(GENERATOR)) as { corpusFiles: (n: number) => Iterable<{ path: string; text: string }> };
  const files: Record<string, string> = {};
  for (const f of corpusFiles(items)) files[f.path] = f.text;
  return files;
}
