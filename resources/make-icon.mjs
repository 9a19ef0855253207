#!/usr/bin/env node
// Renders resources/icon.svg to resources/icon.png (128x128, transparent corners), the marketplace
// icon, in Debian's chromium. Needs playwright-core, as the web harness installs it
// (bash test/e2e/web/install.sh). Run again after changing the SVG; the PNG is committed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../test/e2e/web/package.json'));
const { chromium } = require('playwright-core');
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: join(here, 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote resources/icon.png');
