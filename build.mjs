// Bundles the CLI, the language server, the VS Code client, the web extension and the GitHub Action with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/node.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The GitHub Action (action.yml): self-contained, so a release that carries dist/ runs with nothing installed.
  { entryPoints: ['server/cli/action.ts'], outfile: 'dist/action.js' },
  ...webEntries(),
].filter((e) => existsSync(e.entryPoints[0]));

/**
 * The web extension (package.json `browser`) and its server in a web worker: bundled for the browser,
 * so no Node built-in can slip in (esbuild fails on one; test/protocol/web.test.ts checks the output).
 */
export function webEntries() {
  return [
    { entryPoints: ['client/browser.ts'], outfile: 'dist/browserClient.js', external: ['vscode'], platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] },
    // A worker has no DOM: packages' "worker" exports, not their "browser" ones (decode-named-character-reference's needs a document).
    { entryPoints: ['server/web/main.ts'], outfile: 'dist/browserServer.js', platform: 'browser', target: 'es2022', format: 'iife', conditions: ['worker'], mainFields: ['browser', 'module', 'main'] },
  ];
}

// Run as a script (`node build.mjs`), not when a test imports the options.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  mkdirSync('dist', { recursive: true });
  if (existsSync('server/schema/roadmap-governance.schema.json')) copyFileSync('server/schema/roadmap-governance.schema.json', 'dist/roadmap-governance.schema.json');
}
