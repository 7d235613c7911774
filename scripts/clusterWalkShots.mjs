#!/usr/bin/env node
// Screenshots of a cluster of one's own walked hop by hop (bookinfo), for a human to look at
// (not a test): the full view on a phone and a laptop, presenter mode on a 1080p stage and the
// embed, each in light and dark.
//   node scripts/clusterWalkShots.mjs [outDir]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { waitForApp } from './lib/harness.mjs';
import { startServer } from './serve.mjs';

const [outDir = 'screenshots/cluster-walk'] = process.argv.slice(2);
const CLUSTER = 'cluster=clusters/bookinfo.json';
// Hop 24 or so is the waypoint's; the bar, the diagram and the hop details are all in view.
const SHOTS = [
  ['full', `?${CLUSTER}&hop=24`, [390, 844]],
  ['full', `?${CLUSTER}&hop=24`, [1366, 768]],
  ['present', `?present=1&${CLUSTER}&hop=24`, [1920, 1080]],
  ['embed', `?embed=1&${CLUSTER}&hop=24`, [800, 600]],
];
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
  for (const [view, q, [w, h]] of SHOTS) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: theme });
      await page.goto(`${url}${q}&theme=${theme}&motion=reduce`);
      await waitForApp(page, { timeout: 20_000 }).catch((e) =>
        process.stderr.write(`no drawn walk for ${q} at ${w}x${h}: ${e.message}\n`),
      );
      await page.waitForTimeout(Number(process.env.WAIT ?? 1000));
      const name = `${outDir}/bookinfo-${view}-${w}x${h}-${theme}.png`;
      await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
      process.stdout.write(`${name}\n`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
