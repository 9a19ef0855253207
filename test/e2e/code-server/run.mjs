#!/usr/bin/env node
// Runs the extension, installed from roadmap-governance.vsix, in code-server (VS Code 1.100.3)
// inside Debian's chromium, driven by playwright-core:
//   1. the mocha suite test/vscode/suite (bundled to out/test) in the extension host, through the
//      workbench URL payload (code-server has no --extensionTestsPath flag);
//   2. UI checks on a fresh copy of the fixture: the Problems panel shows the diagnostics, the
//      Roadmap Coverage view in its own activity-bar container, a quick fix applied with Ctrl+. and
//      Enter, "New design doc" from the command palette creates the file (and asks first where the
//      item has one), "Generate coverage matrix" asks before overwriting a file that is not its own
//      and shows the chart in the preview, "Check whole workspace" counts every severity.
// Waits on conditions only. Exits non-zero on any failure, or when code-server or chromium is missing.
// Prints the wall time and the peak memory (RSS summed over code-server, its children and chromium).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CODE_SERVER = join(here, 'node_modules/.bin/code-server');
const VSIX = join(root, 'roadmap-governance.vsix');
const TESTS = join(root, 'out/test/index.js');
const FIXTURE = join(root, 'test/vscode/fixtures/workspace');
const EXTENSION_ID = 'roadmap-governance.roadmap-governance';
const started = Date.now();

function fail(message) {
  console.error(`code-server e2e: ${message}`);
  process.exit(1);
}

for (const [path, hint] of [
  [CHROMIUM, 'apt-get install -y chromium'],
  [CODE_SERVER, 'bash test/e2e/code-server/install.sh'],
  [VSIX, 'npm run package'],
  [TESTS, 'node test/vscode/build.mjs'],
]) {
  if (!existsSync(path)) fail(`${path} is missing (${hint})`);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  fail('playwright-core is missing (bash test/e2e/code-server/install.sh)');
}

// ---- peak memory: RSS of every process descending from this one, sampled ----
let peakRss = 0;
function descendantsRss() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, descendantsRss());
}, 250);

// ---- a private code-server ----
const temp = mkdtempSync(join(tmpdir(), 'rg-code-server-'));
const dirs = { home: join(temp, 'home'), userData: join(temp, 'user-data'), extensions: join(temp, 'extensions') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
writeFileSync(
  join(dirs.userData, 'User/settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.enabled': false,
    'workbench.tips.enabled': false,
  }),
);
const env = {
  ...process.env,
  HOME: dirs.home,
  XDG_CONFIG_HOME: join(dirs.home, '.config'),
  XDG_DATA_HOME: join(dirs.home, '.local/share'),
  XDG_CACHE_HOME: join(dirs.home, '.cache'),
  EXTENSIONS_GALLERY: '{"serviceUrl":""}',
};
const configFile = join(temp, 'config.yaml');
writeFileSync(configFile, 'auth: none\ncert: false\n');
const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];

function workspaceCopy(name) {
  const dir = join(temp, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
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

let codeServer;
let browser;
const logFile = join(temp, 'code-server.log');
const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t0, error });
    console.log(`  ✖ ${name}: ${error.message}`);
    // What the browser showed, for the CI log's reader.
    for (const page of browser?.contexts().flatMap((c) => c.pages()) ?? []) {
      const shot = join(tmpdir(), `rg-code-server-failure-${Date.now()}.png`);
      if (await page.screenshot({ path: shot }).then(() => true, () => false)) console.log(`    screenshot: ${shot}`);
    }
    throw error;
  }
}

let exitCode = 0;
try {
  console.log('code-server e2e');
  await step('install the .vsix into code-server', async () => {
    const r = spawnSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`--install-extension exited ${r.status}: ${r.stdout}${r.stderr}`);
    if (!readdirSync(dirs.extensions).some((d) => d.startsWith(EXTENSION_ID))) throw new Error(`not installed: ${r.stdout}${r.stderr}`);
  });
  const extensionDir = join(dirs.extensions, readdirSync(dirs.extensions).find((d) => d.startsWith(EXTENSION_ID)));

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await step('start code-server', async () => {
    const out = openSync(logFile, 'a');
    // Its own process group, so that stopping it stops its watcher and extension hosts too.
    codeServer = spawn(CODE_SERVER, [...common, '--bind-addr', `127.0.0.1:${port}`], { env, detached: true, stdio: ['ignore', out, out] });
    await poll('code-server to answer', async () => (await fetch(`${base}/healthz`)).ok, 60_000);
  });

  await step('launch chromium', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  // ---- 1. the mocha suite in the extension host ----
  await step('mocha suite in the extension host (test/vscode/suite)', async () => {
    const folder = workspaceCopy('ws-mocha');
    const html = await (await fetch(`${base}/?folder=${encodeURIComponent(folder)}`)).text();
    const meta = /<meta id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
    if (!meta) throw new Error('no vscode-workbench-web-configuration meta tag in the workbench page');
    const webConfig = JSON.parse(meta[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    const authority = webConfig.remoteAuthority;
    if (!authority) throw new Error(`no remoteAuthority in ${meta[1].slice(0, 200)}`);
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
      ['extensionTestsPath', `vscode-remote://${authority}${TESTS}`],
    ];
    const page = await browser.newPage();
    const output = [];
    let reportExit;
    const exited = new Promise((r) => (reportExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console calls, forwarded by the workbench (mocha's reporter among them).
      const text = Array.isArray(args) ? format(...args) : String(args ?? type);
      output.push(text);
      process.stdout.write(`    | ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the extension tests did not finish within 240 s')), 240_000));
    const code = await Promise.race([exited, timeout]);
    await page.close();
    if (code !== 0) throw new Error(`the extension tests exited with ${code}`);
  });

  // ---- 2. UI checks ----
  await step('right after open, the status bar says the workspace is being scanned, then shows the coverage figure instead', async () => {
    // Enough documents that the first scan lasts while the workbench comes up.
    const big = workspaceCopy('ws-scan');
    mkdirSync(join(big, 'docs/notes'), { recursive: true });
    for (let i = 0; i < 4000; i++) writeFileSync(join(big, `docs/notes/note-${i}.md`), `# Note ${i}\n\nSee [the roadmap](../project/roadmap.md).\n`);
    const scanPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Every text our status bar item shows, in order, however briefly: polling
    // for "scanning" would miss it on a machine where the scan ends before a poll.
    await scanPage.addInitScript(() => {
      const seen = (window.__roadmapStatus = []);
      new MutationObserver(() => {
        for (const item of document.querySelectorAll('.statusbar-item')) {
          const text = item.textContent ?? '';
          if (text.includes('Roadmap') && seen[seen.length - 1] !== text) seen.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    try {
      await scanPage.goto(`${base}/?folder=${encodeURIComponent(big)}`);
      await scanPage.locator('.statusbar-item', { hasText: /Roadmap \d+%/ }).first().waitFor({ timeout: 120_000 });
      const shown = await scanPage.evaluate(() => window.__roadmapStatus);
      const scanning = shown.findIndex((t) => t.includes('Roadmap: scanning'));
      const figure = shown.findIndex((t) => /Roadmap \d+%/.test(t));
      if (scanning < 0 || scanning > figure) throw new Error(`the status bar did not say "scanning" before the coverage figure: ${JSON.stringify(shown)}`);
      if (await scanPage.locator('.statusbar-item', { hasText: 'Roadmap: scanning' }).count()) throw new Error('"scanning" is still shown beside the coverage figure');
    } finally {
      await scanPage.close();
    }
  });

  const folder = workspaceCopy('ws-ui');
  // A file of the user's own where the coverage matrix goes: the command must ask before overwriting it.
  const matrixPath = join(folder, 'docs/project/roadmap-coverage-matrix.md');
  writeFileSync(matrixPath, '# Our own coverage notes\n');
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await step('open the workbench', async () => {
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
  });

  /** Runs a palette command by its title. */
  async function runCommand(title) {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // The palette closes when the focus moves (a document opening as it appears): open it again.
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
    // The row of exactly that file (another file's name may contain it, roadmap-coverage-matrix.md say).
    const base = path.split('/').pop();
    const dir = path.split('/').slice(0, -1).join('/');
    // Results arrive in steps (recent files first): wait until the best one is that file, then take it.
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await poll(`${path} first in quick open`, async () => (await first.locator('.label-name').first().innerText()).trim() === base && (await first.innerText()).includes(dir), 30_000);
    await page.keyboard.press('Enter');
    await page.locator('.tab.active .label-name', { hasText: new RegExp(`^${base.replace(/\./g, '\\.')}$`) }).waitFor();
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  await step('the Problems panel shows the roadmap diagnostics (roadmap not opened)', async () => {
    await runCommand('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.locator('.monaco-list-row', { hasText: 'Noise Suppression' }).first().waitFor({ timeout: 60_000 });
    await panel.locator('.monaco-list-row', { hasText: 'Saved Searches' }).first().waitFor();
    const text = await panel.innerText();
    if (!/RG001/.test(text)) throw new Error(`the Problems panel shows no RG001: ${text.slice(0, 500)}`);
  });

  await step('the status bar shows the coverage figure', async () => {
    await page.locator('.statusbar-item', { hasText: /Roadmap \d+%/ }).first().waitFor({ timeout: 30_000 });
  });

  await step('the status-bar item opens the Roadmap Coverage view (phase → item → plans) in its own activity-bar container', async () => {
    await page.locator('.statusbar-item', { hasText: /Roadmap \d+%/ }).first().click();
    await page.locator('.activitybar .action-item .action-label[aria-label^="Roadmap Governance"]').waitFor({ timeout: 30_000 });
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Roadmap Coverage' }) });
    const phase2 = view.locator('.monaco-list-row', { hasText: 'Phase 2: Integrations' });
    await phase2.waitFor({ timeout: 30_000 });
    // Open where items need links; the completed phase stays folded.
    if ((await phase2.getAttribute('aria-expanded')) !== 'true') throw new Error('Phase 2 (open items) is not expanded');
    const phase1 = view.locator('.monaco-list-row', { hasText: 'Phase 1: Foundations' });
    if ((await phase1.getAttribute('aria-expanded')) !== 'false') throw new Error('Phase 1 (done) is not collapsed');
    const item = view.locator('.monaco-list-row', { hasText: '[Ecosystem] Webhooks Gateway' });
    await item.waitFor();
    // Icons that read right: linked, missing; done once its phase is opened.
    await item.locator('.codicon-link').waitFor();
    await view.locator('.monaco-list-row', { hasText: '[Voice] Noise Suppression' }).locator('.codicon-error').waitFor();
    await phase1.locator('.monaco-tl-twistie').click();
    await view.locator('.monaco-list-row', { hasText: '[Backend] Message Store' }).locator('.codicon-pass-filled').waitFor();
    await item.locator('.monaco-tl-twistie').click();
    await view.locator('.monaco-list-row', { hasText: '2026-02-20-webhooks-gateway-design.md' }).waitFor();
    // Clicking the item itself opens the roadmap at it.
    await item.locator('.label-name').click();
    await page.locator('.tab.active', { hasText: 'roadmap.md' }).waitFor();
    await view.locator('.monaco-list-row', { hasText: '[Voice] Noise Suppression' }).waitFor();
  });

  /** Applies the quick fix whose title matches `title` at the cursor: Ctrl+., the fix focused, Enter. */
  async function applyQuickFix(title, what) {
    // The light bulb needs the diagnostics in the editor: retry Ctrl+. until the fix is offered.
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await poll(`the "${what}" quick fix`, async () => {
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

  const roadmapPath = join(folder, 'docs/project/roadmap.md');
  await step('a quick fix applied with Ctrl+. and Enter', async () => {
    await goToLine('docs/project/roadmap.md', 13, 10);
    await applyQuickFix('Insert Design link stub', 'Insert Design link stub');
    await page.keyboard.press('Control+S');
    await poll('the link stub saved to the roadmap on disk', async () => /Noise Suppression\*\*.*Design/.test(readFileSync(roadmapPath, 'utf8')), 30_000);
  });

  await step('the create-and-link quick fix from the light bulb creates the doc, links it and opens it', async () => {
    await goToLine('docs/project/roadmap.md', 13, 10);
    await applyQuickFix(/Create implementation doc .* and link it/, 'Create implementation doc … and link it');
    const plans = join(folder, 'docs/plans');
    const created = await poll('docs/plans/*-noise-suppression-implementation.md on disk', async () => readdirSync(plans).find((f) => /^\d{4}-\d{2}-\d{2}-noise-suppression-implementation\.md$/.test(f)), 30_000);
    // What the user sees: the new doc open in its own tab, as the command opens it.
    await page.locator('.tab.active', { hasText: created }).waitFor({ timeout: 30_000 });
    await goToLine('docs/project/roadmap.md', 13, 10);
    await page.keyboard.press('Control+S');
    await poll('the implementation link saved to the roadmap on disk', async () => new RegExp(`Noise Suppression\\*\\*.*${created.replace(/\./g, '\\.')}`).test(readFileSync(roadmapPath, 'utf8')), 30_000);
  });

  await step('"New design doc" from the command palette creates the file on disk', async () => {
    await goToLine('docs/project/roadmap.md', 14, 10);
    await runCommand('Roadmap Governance: New design doc');
    const plans = join(folder, 'docs/plans');
    const created = await poll('docs/plans/*-saved-searches-design.md on disk', async () => readdirSync(plans).find((f) => /^\d{4}-\d{2}-\d{2}-saved-searches-design\.md$/.test(f)), 30_000);
    if (!/^# Saved Searches/m.test(readFileSync(join(plans, created), 'utf8'))) throw new Error(`${created} lacks its title`);
    await page.locator('.tab.active', { hasText: created }).waitFor({ timeout: 30_000 });
  });

  const dialog = page.locator('.monaco-dialog-box');
  await step('"New design doc" on an item that has one asks first, and creates nothing when cancelled', async () => {
    const plans = join(folder, 'docs/plans');
    const designs = () => readdirSync(plans).filter((f) => /webhooks-gateway-design(-\d+)?\.md$/.test(f));
    await goToLine('docs/project/roadmap.md', 12, 10);
    await runCommand('Roadmap Governance: New design doc');
    await dialog.filter({ hasText: 'Item [Ecosystem] Webhooks Gateway already has a design doc (docs/plans/2026-02-20-webhooks-gateway-design.md). Create another?' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    if (designs().length !== 1) throw new Error(`a design doc was created although the user cancelled: ${designs().join(', ')}`);
    await runCommand('Roadmap Governance: New design doc');
    await dialog.locator('.monaco-button', { hasText: 'Create Another' }).click();
    await poll('a second webhooks-gateway design doc on disk', async () => designs().length === 2, 30_000);
    const created = designs().find((f) => f !== '2026-02-20-webhooks-gateway-design.md');
    await page.locator('.tab.active', { hasText: created }).waitFor({ timeout: 30_000 });
  });

  await step('"Generate coverage matrix" asks before overwriting a file that is not its own, then shows the chart in the preview', async () => {
    await runCommand('Roadmap Governance: Generate coverage matrix');
    await dialog.filter({ hasText: 'docs/project/roadmap-coverage-matrix.md exists and was not generated by Roadmap Governance' }).waitFor({ timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: 'Overwrite' }).click();
    await poll('the matrix written over the file', async () => readFileSync(matrixPath, 'utf8').startsWith('<!-- generated by roadmap-governance coverage'), 30_000);
    await page.locator('.tab.active', { hasText: 'Preview roadmap-coverage-matrix.md' }).waitFor({ timeout: 30_000 });
    // The preview is a webview (nested frames): the pie is drawn there as SVG, not left as mermaid source.
    const chart = await poll('the pie chart in the preview', async () => {
      for (const frame of page.frames()) {
        const svg = frame.locator('svg[role="img"][aria-label="Roadmap items by link coverage"]');
        if (await svg.count().catch(() => 0)) return svg;
      }
      return undefined;
    }, 30_000);
    const legend = await chart.innerHTML();
    if (!/Design and implementation \[\d+\]/.test(legend)) throw new Error(`the chart has no legend: ${legend.slice(0, 300)}`);
  });

  await step('"Check whole workspace" reports errors, warnings and info', async () => {
    await runCommand('Roadmap Governance: Check whole workspace');
    await page.locator('.notifications-toasts .notification-list-item-message', { hasText: /\d+ errors?, \d+ warnings?, \d+ info\)/ }).waitFor({ timeout: 30_000 });
  });

  await step('"New implementation plan" with no item under the cursor asks for a title and phase', async () => {
    // The active editor is the new design doc: no roadmap item there.
    await runCommand('Roadmap Governance: New implementation plan');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Title of the new document' }).waitFor();
    await input.fill('Audit Log Export');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Roadmap phase number' }).waitFor();
    await input.fill('2');
    await page.keyboard.press('Enter');
    const plans = join(folder, 'docs/plans');
    const created = await poll('docs/plans/*-audit-log-export-implementation*.md on disk', async () => readdirSync(plans).find((f) => /^\d{4}-\d{2}-\d{2}-audit-log-export-implementation.*\.md$/.test(f)), 30_000);
    await page.locator('.tab.active', { hasText: created }).waitFor({ timeout: 30_000 });
  });
  await page.close();
} catch (error) {
  exitCode = 1;
  if (existsSync(logFile)) console.error(`--- code-server log (tail) ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`);
} finally {
  await browser?.close().catch(() => undefined);
  if (codeServer?.pid) {
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await poll('code-server to stop', async () => {
      try {
        process.kill(-codeServer.pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 10_000).catch(() => process.kill(-codeServer.pid, 'SIGKILL'));
  }
  clearInterval(sampler);
  rmSync(temp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(1)} s; peak memory ${(peakRss / 2 ** 30).toFixed(2)} GB (RSS of code-server, its children and chromium)`);
// The summary alone on its line, as CI reads it.
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));
