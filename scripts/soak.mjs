#!/usr/bin/env node
// npm run soak: 1,000 walks at high speed through the production build (served compressed by
// scripts/serve.mjs in its own process), in headless Chromium with --expose-gc. Memory is
// sampled after forced GC at walk 500 and walk 1,000: the heap may grow at most 100 KB between
// them, DOM nodes and event listeners must not change, and the heap must stay under 5 MB.
// Exits non-zero when any of that fails. Writes bench/results/soak.json and soak.md.
//   --walks N   (default 1000)
import { soak, SOAK_BUDGET } from './lib/leak.mjs';
import {
  launchChromium,
  machine,
  startServerProcess,
  waitForApp,
  writeResults,
} from './lib/harness.mjs';

const args = process.argv.slice(2);
const i = args.indexOf('--walks');
const WALKS = i >= 0 ? Number(args[i + 1]) : 1000;

/**
 * The scenarios the soak rotates through, ten walks each, as the knob radios to click. The
 * same ten come round again and again, so a cache that grows per walk shows up as growth.
 */
const SCENARIOS = [
  {},
  { waypoint: 'httpbin' },
  { policy: 'deny-l4' },
  { policy: 'deny-l7', waypoint: 'httpbin' },
  { redirect: 'ebpf' },
  { redirect: 'ebpf', waypoint: 'both' },
  { placement: 'same-node' },
  { dns: 'on' },
  { source: 'outside' },
  { redirect: 'ebpf', policy: 'deny-l4', dns: 'on' },
];
const DEFAULTS = {
  redirect: 'iptables',
  waypoint: 'none',
  placement: 'cross-node',
  dns: 'off',
  policy: 'allow',
  source: 'mesh',
};

/**
 * Runs in the page: walks [from, to). Each walk picks its scenario with the knob radios, goes
 * to the first hop (Home) and steps to the last (ArrowRight) one frame apart, as fast as the
 * page can draw, so every hop renders, animates and is announced.
 */
async function runWalks({ from, to, scenarios, defaults }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  const stage = () => document.querySelector('.stage');
  const finals = ['delivered', 'deniedL4', 'deniedL7', 'notCaptured'];
  for (let w = from; w < to; w++) {
    if (w % 10 === 0) {
      const want = { ...defaults, ...scenarios[(w / 10) % scenarios.length] };
      for (const [knob, value] of Object.entries(want)) {
        const input = document.getElementById(`knob-${knob}-${value}`);
        if (input && !input.checked) input.click();
      }
      // A scenario the page has not walked before is computed by the lazily loaded simulator.
      for (let t = 0; t < 200 && !stage(); t++) await new Promise((r) => setTimeout(r, 10));
    }
    key('Home');
    await frame();
    for (let step = 0; step < 200; step++) {
      if (finals.includes(stage()?.dataset.lifecycle ?? '')) break;
      key('ArrowRight');
      await frame();
    }
  }
  // Let deferred work (panels rendered in a transition, idle callbacks) finish, so the memory
  // sample sees a settled page and not one caught halfway through drawing a hop.
  await new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 }));
  await frame();
  await frame();
}

const server = await startServerProcess();
const { browser, source } = await launchChromium(['--js-flags=--expose-gc']);
let result;
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?detail=overview&speed=4`);
  await waitForApp(page);
  const cdp = await page.context().newCDPSession(page);
  const started = Date.now();
  result = await soak(cdp, {
    walks: WALKS,
    runBatch: (from, to) =>
      page.evaluate(runWalks, { from, to, scenarios: SCENARIOS, defaults: DEFAULTS }),
    onProgress: (done) => {
      if (done % 100 === 0) process.stderr.write(`  ${done}/${WALKS} walks\n`);
    },
  });
  result.seconds = Math.round((Date.now() - started) / 1000);
  result.pageErrors = errors;
  if (errors.length) result.verdict.problems.push(`${errors.length} page errors: ${errors[0]}`);
  result.verdict.ok = result.verdict.problems.length === 0;
} finally {
  await browser.close();
  server.stop();
}

const mb = (b) => (b / 1e6).toFixed(2);
const kb = (b) => (b / 1e3).toFixed(1);
const objects = (m) => m.kinds.objects + m.kinds.strings;
const { middle, end, verdict } = result;
const md = [
  `# Soak (${new Date().toISOString().slice(0, 10)})`,
  '',
  `${WALKS} walks (ten scenarios in rotation, every overview step, one frame apart) in ${result.seconds} s.`,
  `Machine: ${machine(browser.version()).cpu}, Chromium ${browser.version()} (${source}).`,
  '',
  `| | walk ${WALKS / 2} | walk ${WALKS} | change | budget |`,
  '| --- | --- | --- | --- | --- |',
  `| JS heap after GC (MB) | ${mb(middle.heapBytes)} | ${mb(end.heapBytes)} | ${kb(verdict.growthBytes)} KB | growth ≤ ${SOAK_BUDGET.maxGrowthBytes / 1000} KB, heap ≤ ${SOAK_BUDGET.maxHeapBytes / 1e6} MB |`,
  `| — compiled code, heap snapshot (KB) | ${kb(middle.kinds.code)} | ${kb(end.kinds.code)} | ${kb(end.kinds.code - middle.kinds.code)} KB | |`,
  `| — objects and strings, heap snapshot (KB) | ${kb(objects(middle))} | ${kb(objects(end))} | ${kb(objects(end) - objects(middle))} KB | |`,
  `| DOM nodes | ${middle.nodes} | ${end.nodes} | ${end.nodes - middle.nodes} | unchanged |`,
  `| event listeners | ${middle.listeners} | ${end.listeners} | ${end.listeners - middle.listeners} | unchanged |`,
  '',
  verdict.ok ? 'Result: **pass**' : `Result: **fail** — ${verdict.problems.join('; ')}`,
  '',
].join('\n');
const paths = writeResults('soak', { date: new Date().toISOString(), walks: WALKS, ...result }, md);
process.stdout.write(`${md}\nWrote ${paths.jsonPath} and ${paths.mdPath}\n`);
process.exit(verdict.ok ? 0 : 1);
