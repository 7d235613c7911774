#!/usr/bin/env node
// Takes screenshots of the built site for a human to look at (not a test):
//   node scripts/screenshots.mjs [outDir] [query ...]
// Each query is shot at 1366x768, 1920x1080 and 390x844, in light and dark.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { waitForApp } from './lib/harness.mjs';
import { startServer } from './serve.mjs';

const [outDir = 'screenshots', ...queries] = process.argv.slice(2);
const shots = queries.length ? queries : ['', '?redirect=ebpf', '?waypoint=httpbin&hop=30'];
const sizes = (process.env.SIZES ?? '1366x768,1920x1080,390x844')
  .split(',')
  .map((s) => s.split('x').map(Number));
const themes = (process.env.THEMES ?? 'light,dark').split(',');
mkdirSync(outDir, { recursive: true });
const { server, url } = await startServer({
  root: 'dist',
  port: 0,
  base: '/',
  gzip: false,
  host: '127.0.0.1',
});
const found = findChromium();
const browser = await chromium.launch({
  ...(found?.path ? { executablePath: found.path } : {}),
  args: CHROMIUM_ARGS,
});
try {
  for (const q of shots) {
    for (const [w, h] of sizes) {
      for (const theme of themes) {
        const page = await browser.newPage({
          viewport: { width: w, height: h },
          colorScheme: theme,
        });
        const sep = q.includes('?') ? '&' : '?';
        await page.goto(`${url}${q}${sep}theme=${theme}`);
        // The drawn walk (not the pre-rendered first view, not "Computing the walk…"), then
        // a moment for the packet's move to finish. A crash notice is shot as it is.
        await waitForApp(page, { timeout: 15_000 }).catch((e) =>
          process.stderr.write(`no drawn walk for ${q} at ${w}x${h}: ${e.message}\n`),
        );
        await page.waitForTimeout(Number(process.env.WAIT ?? 800));
        const name = `${(q || 'default').replace(/[^a-z0-9=&-]/gi, '').replace(/[=&]/g, '_') || 'default'}-${w}x${h}-${theme}.png`;
        await page.screenshot({ path: `${outDir}/${name}`, fullPage: process.env.FULL === '1' });
        process.stdout.write(`${outDir}/${name}\n`);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
