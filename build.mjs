// Bundles the CLI, the language server, the VS Code client and the GitHub Action with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The GitHub Action (action.yml): self-contained, so a release that carries dist/ runs with nothing installed.
  { entryPoints: ['server/cli/action.ts'], outfile: 'dist/action.js' },
].filter((e) => existsSync(e.entryPoints[0]));
await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
mkdirSync('dist', { recursive: true });
if (existsSync('server/schema/roadmap-governance.schema.json')) copyFileSync('server/schema/roadmap-governance.schema.json', 'dist/roadmap-governance.schema.json');
