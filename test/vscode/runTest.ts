/**
 * Runner 1: the suite in a downloaded VS Code (Electron) with @vscode/test-electron,
 * for machines that can download VS Code (not these CI machines: they use the
 * code-server runner in test/e2e/code-server/). Usage: node out/test/runTest.js [vscode-version]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const workspace = mkdtempSync(join(tmpdir(), 'rg-vscode-'));
  cpSync(join(root, 'test/vscode/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      // The minimum engines.vscode by default; pass "stable" to test the newest.
      version: process.argv[2] ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out/test/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
