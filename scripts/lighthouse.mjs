#!/usr/bin/env node
// npm run lighthouse: Lighthouse 12 against the production build, served compressed by
// scripts/serve.mjs in its own process, with the system Chromium (or Playwright's). Five runs
// each of the desktop preset and the default mobile preset (simulated slow 4G, 4× CPU);
// reports the medians: performance score, LCP, FCP, TBT, CLS.
// Writes bench/results/lighthouse.json and lighthouse.md and prints them.
//   --runs N   (default 5)
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { fmt, machine, median, startServerProcess, writeResults } from './lib/harness.mjs';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const i = args.indexOf('--runs');
const RUNS = i >= 0 ? Number(args[i + 1]) : 5;

const found = findChromium();
const chromePath = found?.path ?? chromium.executablePath();
if (!chromePath)
  throw new Error('No Chromium found: install Debian\'s "chromium" or set CHROMIUM_PATH.');

const server = await startServerProcess();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});
const browserVersion = await fetch(`http://127.0.0.1:${chrome.port}/json/version`)
  .then((r) => r.json())
  .then((v) => v.Browser)
  .catch(() => 'unknown');

const pick = (lhr) => ({
  score: lhr.categories.performance.score,
  lcpMs: lhr.audits['largest-contentful-paint'].numericValue,
  fcpMs: lhr.audits['first-contentful-paint'].numericValue,
  tbtMs: lhr.audits['total-blocking-time'].numericValue,
  cls: lhr.audits['cumulative-layout-shift'].numericValue,
  lcpElement:
    lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node
      ?.selector ?? '',
});

const results = { date: new Date().toISOString(), runs: RUNS, url: server.url, presets: {} };
try {
  for (const [preset, config] of [
    ['desktop', desktopConfig],
    ['mobile', undefined],
  ]) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const out = await lighthouse(
        server.url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
        config,
      );
      if (!out?.lhr || out.lhr.runtimeError) {
        throw new Error(`Lighthouse failed: ${out?.lhr?.runtimeError?.message ?? 'no result'}`);
      }
      runs.push(pick(out.lhr));
      process.stderr.write(`  ${preset}: run ${r + 1}/${RUNS}\n`);
    }
    results.presets[preset] = {
      median: Object.fromEntries(
        ['score', 'lcpMs', 'fcpMs', 'tbtMs', 'cls'].map((k) => [k, median(runs.map((x) => x[k]))]),
      ),
      lcpElement: runs[0]?.lcpElement ?? '',
      runs,
    };
  }
} finally {
  await chrome.kill();
  server.stop();
}
results.machine = { ...machine(browserVersion), chromiumSource: found?.source ?? 'Playwright' };

const row = (name) => {
  const m = results.presets[name].median;
  return `| ${name} | ${fmt(m.score)} | ${fmt(m.lcpMs, 0)} | ${fmt(m.fcpMs, 0)} | ${fmt(m.tbtMs, 0)} | ${fmt(m.cls, 3)} |`;
};
const md = [
  `# Lighthouse (${results.date.slice(0, 10)})`,
  '',
  `Lighthouse 12, performance only, median of ${RUNS} runs per preset; served gzip-compressed.`,
  `Machine: ${results.machine.cpu}, ${results.machine.os}, Node ${results.machine.node}, ${browserVersion}.`,
  '',
  '| preset | performance | LCP (ms) | FCP (ms) | TBT (ms) | CLS |',
  '| --- | --- | --- | --- | --- | --- |',
  row('desktop'),
  row('mobile'),
  '',
  `LCP element (mobile): \`${results.presets.mobile.lcpElement}\``,
  '',
].join('\n');
const paths = writeResults('lighthouse', results, md);
process.stdout.write(`${md}\nWrote ${paths.jsonPath} and ${paths.mdPath}\n`);
