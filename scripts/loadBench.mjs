#!/usr/bin/env node
// The first visit on a phone network: Lighthouse's slow 4G (150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up), applied with the DevTools protocol to the production build served compressed
// by scripts/serve.mjs (CPU unthrottled: the network is what this measures; `bench.mjs` throttles
// the CPU for the playing figures). For each run, in a fresh browser context:
//   - interactive: from navigation start until a click on Next moves the walk. A script the
//     page runs before its own clicks the app's Next button every 50 ms from the moment there is
//     one (the pre-rendered view's is inert and is not clicked) and notes when the caption's
//     counter first changes; the bytes on the wire finished before that moment;
//   - idle: the bytes on the wire 10 s after load with nobody touching the page;
//   - first paint, from the Paint Timing API.
// Reports medians over the runs against the targets (interactive ≤ 1.0 s with ≤ 110 kB
// transferred before it; ≤ 200 kB without user action).
// Writes bench/results/load.json and load.md and prints the table. Part of `npm run bench`.
//   --runs N   (default 5)
import {
  fmt,
  launchChromium,
  machine,
  median,
  startServerProcess,
  writeResults,
} from './lib/harness.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const RUNS = at >= 0 ? Number(args[at + 1]) : 5;

/** Lighthouse's "slow 4G" (its mobile preset's throttling), as the DevTools protocol takes it. */
export const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const IDLE_MS = 10_000;
const TARGETS = { interactiveMs: 1000, interactiveKb: 110, idleKb: 200 };

/**
 * Runs in the page before its own scripts: clicks the app's Next button every 50 ms and notes
 * (in window.__movedAt, ms since navigation) when the counter in the caption first changes.
 */
const CLICKER = () => {
  let before;
  const timer = setInterval(() => {
    const app = [...document.querySelectorAll('#root > *')].find(
      (el) => !el.classList.contains('prerendered'),
    );
    const next = app?.querySelector('button[aria-label="Next hop"]');
    const caption = app?.querySelector('.caption-step')?.textContent;
    if (!next || caption == null) return;
    if (before === undefined) before = caption;
    else if (caption !== before) {
      window.__movedAt = performance.now();
      clearInterval(timer);
      return;
    }
    next.click();
  }, 50);
};

/** One visit: the figures above, in ms and kB (1 kB = 1000 B, as the size budget counts). */
async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await page.addInitScript(CLICKER);
  const finished = [];
  cdp.on('Network.loadingFinished', (e) =>
    finished.push({ t: Date.now(), bytes: e.encodedDataLength }),
  );
  await page.goto(url, { waitUntil: 'commit' });
  const movedAt = await page
    .waitForFunction(() => window.__movedAt, undefined, { timeout: 30_000, polling: 100 })
    .then((h) => h.jsonValue())
    .catch(() => NaN);
  // The page's clock starts at navigation; the protocol's events are stamped with this one.
  const origin = await page.evaluate(() => performance.timeOrigin);
  const interactiveAt = Number.isFinite(movedAt) ? origin + movedAt : undefined;
  const interactiveKb =
    finished.filter((f) => interactiveAt && f.t <= interactiveAt).reduce((s, f) => s + f.bytes, 0) /
    1000;
  const firstPaint = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );
  await context.close();

  // The same visit again, untouched, for what loads without user action.
  const idleContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const idlePage = await idleContext.newPage();
  const idleCdp = await idleContext.newCDPSession(idlePage);
  await idleCdp.send('Network.enable');
  await idleCdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await idleCdp.send('Network.emulateNetworkConditions', SLOW_4G);
  let idleBytes = 0;
  idleCdp.on('Network.loadingFinished', (e) => (idleBytes += e.encodedDataLength));
  await idlePage.goto(url, { waitUntil: 'load' });
  await idlePage.waitForTimeout(IDLE_MS);
  await idleContext.close();

  return {
    interactiveMs: movedAt,
    interactiveKb,
    firstPaintMs: firstPaint,
    idleKb: idleBytes / 1000,
  };
}

const server = await startServerProcess();
const { browser } = await launchChromium();
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, server.url));
  const m = (k) => median(runs.map((r) => r[k]));
  const result = {
    network: 'slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), 390×844',
    runs,
    median: {
      interactiveMs: m('interactiveMs'),
      interactiveKb: m('interactiveKb'),
      firstPaintMs: m('firstPaintMs'),
      idleKb: m('idleKb'),
    },
    targets: TARGETS,
    machine: machine(browser.version()),
  };
  const md = [
    `| first visit over slow 4G (median of ${RUNS}) | target | measured |`,
    '| --- | --- | --- |',
    `| first paint | — | ${fmt(result.median.firstPaintMs, 0)} ms |`,
    `| interactive (a click on Next moves the walk) | ≤ ${TARGETS.interactiveMs} ms | ${fmt(result.median.interactiveMs, 0)} ms |`,
    `| transferred before interactive | ≤ ${TARGETS.interactiveKb} kB | ${fmt(result.median.interactiveKb, 1)} kB |`,
    `| transferred without user action (10 s) | ≤ ${TARGETS.idleKb} kB | ${fmt(result.median.idleKb, 1)} kB |`,
  ].join('\n');
  const paths = writeResults('load', result, md);
  console.log(md);
  console.log(`\nwritten: ${paths.jsonPath}, ${paths.mdPath}`);
} finally {
  await browser.close();
  server.stop();
}
