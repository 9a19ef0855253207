// Bundles the VS Code test suite to out/test/ (index.js, suite/*.test.js, runTest.js).
// `vscode` comes from the extension host; mocha and @vscode/test-electron from node_modules.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', external: ['vscode', 'mocha', '@vscode/test-electron'] };
const suites = readdirSync(join(root, 'test/vscode/suite')).filter((f) => f.endsWith('.test.ts'));
await Promise.all([
  esbuild.build({ ...common, entryPoints: [join(root, 'test/vscode/suite/index.ts')], outfile: join(root, 'out/test/index.js') }),
  esbuild.build({ ...common, entryPoints: [join(root, 'test/vscode/runTest.ts')], outfile: join(root, 'out/test/runTest.js') }),
  ...suites.map((f) => esbuild.build({ ...common, entryPoints: [join(root, 'test/vscode/suite', f)], outfile: join(root, 'out/test/suite', f.replace(/\.ts$/, '.js')) })),
]);
