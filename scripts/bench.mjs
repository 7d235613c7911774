#!/usr/bin/env node
// npm run bench: how much main-thread work the page does while a walk plays, measured as a
// ratio to a calibration page (an empty requestAnimationFrame loop) on the same machine in
// the same run, so a noisy shared machine shifts both and the ratio stays meaningful.
//
// The production build is served compressed by scripts/serve.mjs in its own process; one
// headless Chromium page at a time. For each CPU throttling rate (1×, 4×) it runs app,
// calibration, app, calibration … five times and reports medians:
//   - main-thread CPU per frame while a walk plays (CDP Performance.getMetrics, threadTicks)
//   - layouts and style recalculations per frame
//   - long animation frames ≥ 50 ms and dropped frames (rAF timestamps)
//   - Next hop and Play handler time (capture → bubble on window, after React's flush)
//   - in-page LCP and CLS
// Writes bench/results/bench.json and bench/results/bench.md and prints the table.
//   --runs N       pairs per rate (default 5)
//   --seconds S    length of each playing window (default 6)
//   --query Q      the app's URL query (default "?detail=full": every hop, at the default 1×
//                  speed, a hop every 1.5 s); "?detail=full&speed=4" is the stress case
import { mkdirSync } from 'node:fs';
import {
  fmt,
  launchChromium,
  machine,
  median,
  startServerProcess,
  waitForApp,
  writeResults,
} from './lib/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', 5));
const SECONDS = Number(opt('--seconds', 6));
const RATES = [1, 4];
/** The walk that plays: every hop, at the speed a page opens with. */
const APP_QUERY = opt('--query', '?detail=full');
const FRAME_MS = 1000 / 60;

// Issue 11's targets: CPU per frame within 1.5× the empty animation loop's at 1× (the ratio,
// not milliseconds, so a noisy machine shifts both sides); at 4× no dropped frames beyond the
// loop's own. The millisecond ceilings stay as a second, absolute look.
const TARGETS = {
  cpuRatio: { 1: 1.5 },
  cpuPerFrame: { 1: 2, 4: 8 },
  layoutsPerFrame: 1.05,
  recalcsPerFrame: 1.05,
  longFrames: 0,
  droppedPct: { 1: 0.5 },
  handler: { 1: 8, 4: 32 },
  cls: 0,
};

// Runs before any page script: a rAF recorder (the calibration page is nothing else), long
// animation frames, LCP, CLS, and the time from a click's capture to its bubble on window.
// On a trusted event microtasks run between listeners, so React's synchronous re-render of
// a discrete event is done by the time the window's bubble listener runs.
const INSTRUMENT = () => {
  const b = {
    frames: [],
    longFrames: [],
    recording: false,
    lcp: 0,
    cls: 0,
    clicks: [],
    eventTiming: [],
  };
  window.__bench = b;
  const tick = (t) => {
    if (b.recording) b.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observe = (type, cb, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(cb)).observe({
        type,
        buffered: true,
        ...extra,
      });
    } catch {
      // An entry type this Chromium does not have: that figure stays empty.
    }
  };
  observe('long-animation-frame', (e) => {
    if (b.recording) b.longFrames.push(e.duration);
  });
  observe('largest-contentful-paint', (e) => {
    b.lcp = e.startTime;
  });
  observe('layout-shift', (e) => {
    if (!e.hadRecentInput) b.cls += e.value;
  });
  observe(
    'event',
    (e) => {
      if (e.name === 'click')
        b.eventTiming.push({
          processing: e.processingEnd - e.processingStart,
          duration: e.duration,
        });
    },
    { durationThreshold: 16 },
  );
  let t0 = 0;
  let label = '';
  // The label is read at capture: by the bubble phase Play has already become Pause.
  addEventListener(
    'click',
    (e) => {
      label = e.target?.closest?.('button')?.getAttribute('aria-label') ?? '';
      t0 = performance.now();
    },
    true,
  );
  addEventListener('click', () => {
    const l = label;
    queueMicrotask(() => b.clicks.push({ label: l, ms: performance.now() - t0 }));
  });
};

const CALIBRATION_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>calibration</title></head><body></body></html>';

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Records a window of frames; returns per-frame figures from the page and from CDP. */
async function recordWindow(page, cdp) {
  const before = await metrics(cdp);
  await page.evaluate(() => {
    window.__bench.frames = [];
    window.__bench.longFrames = [];
    window.__bench.recording = true;
  });
  await page.waitForTimeout(SECONDS * 1000);
  const rec = await page.evaluate(() => {
    window.__bench.recording = false;
    return { frames: window.__bench.frames, longFrames: window.__bench.longFrames };
  });
  const after = await metrics(cdp);
  const n = Math.max(1, rec.frames.length - 1);
  let missed = 0;
  for (let i = 1; i < rec.frames.length; i++) {
    missed += Math.max(0, Math.round((rec.frames[i] - rec.frames[i - 1]) / FRAME_MS) - 1);
  }
  return {
    frames: rec.frames.length,
    cpuPerFrameMs: ((after.TaskDuration - before.TaskDuration) * 1000) / n,
    scriptPerFrameMs: ((after.ScriptDuration - before.ScriptDuration) * 1000) / n,
    layoutsPerFrame: (after.LayoutCount - before.LayoutCount) / n,
    recalcsPerFrame: (after.RecalcStyleCount - before.RecalcStyleCount) / n,
    longFrames: rec.longFrames.filter((d) => d >= 50).length,
    droppedPct: (100 * missed) / (n + missed),
  };
}

async function newPage(browser, rate) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp };
}

async function runApp(browser, url, rate) {
  const { context, page, cdp } = await newPage(browser, rate);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    return await measureApp(page, cdp, url);
  } catch (error) {
    // What the page looked like and said, for whoever reads the failure.
    const shot = `bench/results/failed-run-${rate}x.png`;
    mkdirSync('bench/results', { recursive: true });
    await page.screenshot({ path: shot }).catch(() => undefined);
    const said = pageErrors.length ? `; page errors: ${pageErrors.join(' | ')}` : '';
    throw new Error(
      `${String(error?.message ?? error).split('\n')[0]} (screenshot ${shot})${said}`,
      { cause: error },
    );
  } finally {
    await context.close();
  }
}

async function measureApp(page, cdp, url) {
  await page.goto(`${url}${APP_QUERY}`, { waitUntil: 'load' });
  await waitForApp(page);
  // Let the idle-time prefetch of the simulator finish: it is a one-off, not a frame cost.
  await page.waitForTimeout(2000);
  const next = page.getByRole('button', { name: 'Next hop', exact: true });
  for (let i = 0; i < 8; i++) {
    await next.click();
    await page.waitForTimeout(300);
  }
  await page.getByRole('button', { name: 'First hop', exact: true }).click();
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const window = await recordWindow(page, cdp);
  const b = await page.evaluate(() => ({
    lcp: window.__bench.lcp,
    cls: window.__bench.cls,
    clicks: window.__bench.clicks,
    eventTiming: window.__bench.eventTiming,
  }));
  const of = (label) => b.clicks.filter((c) => c.label === label).map((c) => c.ms);
  return {
    ...window,
    nextHandlerMs: median(of('Next hop')),
    playHandlerMs: median(of('Play')),
    eventTimingProcessingMs: median(b.eventTiming.map((e) => e.processing)),
    lcpMs: b.lcp,
    cls: b.cls,
  };
}

async function runCalibration(browser, url, rate) {
  const { context, page, cdp } = await newPage(browser, rate);
  try {
    await page.route('**/__calibration.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: CALIBRATION_HTML }),
    );
    await page.goto(`${url}__calibration.html`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    return await recordWindow(page, cdp);
  } finally {
    await context.close();
  }
}

const failures = [];
/**
 * Runs a measurement; if it throws, says so, keeps the error for the report and runs it once
 * more, so one stuck page does not throw away a quarter of an hour of figures. A second
 * failure ends the benchmark.
 */
async function withOneRetry(run, what) {
  try {
    return await run();
  } catch (error) {
    const message = String(error?.message ?? error).split('\n')[0];
    failures.push(`${what}: ${message}`);
    process.stderr.write(`  ${what} failed (${message}); running it again\n`);
    return await run();
  }
}

function summarise(runs, keys) {
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
}

const APP_KEYS = [
  'frames',
  'cpuPerFrameMs',
  'scriptPerFrameMs',
  'layoutsPerFrame',
  'recalcsPerFrame',
  'longFrames',
  'droppedPct',
  'nextHandlerMs',
  'playHandlerMs',
  'eventTimingProcessingMs',
  'lcpMs',
  'cls',
];
const CAL_KEYS = APP_KEYS.slice(0, 7);

const server = await startServerProcess();
const { browser, source } = await launchChromium();
const results = {
  date: new Date().toISOString(),
  query: APP_QUERY,
  runs: RUNS,
  seconds: SECONDS,
  rates: {},
};
try {
  for (const rate of RATES) {
    const app = [];
    const cal = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(
        await withOneRetry(() => runApp(browser, server.url, rate), `${rate}× app run ${i + 1}`),
      );
      cal.push(await runCalibration(browser, server.url, rate));
      process.stderr.write(`  ${rate}× CPU: run ${i + 1}/${RUNS}\n`);
    }
    const a = summarise(app, APP_KEYS);
    const c = summarise(cal, CAL_KEYS);
    results.rates[rate] = {
      app: a,
      calibration: c,
      cpuRatio: a.cpuPerFrameMs / c.cpuPerFrameMs,
      raw: { app, calibration: cal },
    };
  }
} finally {
  await browser.close();
  server.stop();
}
results.machine = { ...machine(browser.version()), chromiumSource: source };
results.failures = failures;

const ok = (pass) => (pass ? 'yes' : '**no**');
/** The table's metrics: the app's key, its limit at a rate (none: reported only), digits. */
const METRICS = [
  {
    label: 'main-thread CPU per frame (ms)',
    key: 'cpuPerFrameMs',
    max: (rate) => TARGETS.cpuPerFrame[rate],
    calibrated: true,
  },
  {
    label: 'layouts per frame',
    key: 'layoutsPerFrame',
    max: () => TARGETS.layoutsPerFrame,
    calibrated: true,
  },
  {
    label: 'style recalcs per frame',
    key: 'recalcsPerFrame',
    max: () => TARGETS.recalcsPerFrame,
    calibrated: true,
  },
  {
    label: 'long animation frames ≥ 50 ms',
    key: 'longFrames',
    max: () => TARGETS.longFrames,
    calibrated: true,
    digits: 0,
    exact: true,
  },
  {
    label: 'dropped frames (%)',
    key: 'droppedPct',
    // At 4×, none beyond the calibration loop's own.
    max: (rate, r) => TARGETS.droppedPct[rate] ?? r.calibration.droppedPct,
    calibrated: true,
  },
  { label: 'Next hop handler (ms)', key: 'nextHandlerMs', max: (rate) => TARGETS.handler[rate] },
  { label: 'Play handler (ms)', key: 'playHandlerMs', max: (rate) => TARGETS.handler[rate] },
  { label: 'in-page LCP (ms)', key: 'lcpMs', max: () => undefined, digits: 0 },
  { label: 'CLS', key: 'cls', max: () => TARGETS.cls, digits: 3, exact: true },
];
const rows = [];
for (const rate of RATES) {
  const r = results.rates[rate];
  const ratioMax = TARGETS.cpuRatio[rate];
  if (ratioMax !== undefined)
    rows.push([
      `${rate}×`,
      'main-thread CPU per frame, ratio to calibration',
      `≤ ${ratioMax}×`,
      '',
      '',
      `${fmt(r.cpuRatio, 1)}×`,
      ok(r.cpuRatio <= ratioMax),
    ]);
  for (const m of METRICS) {
    const max = m.max(rate, r);
    const value = r.app[m.key];
    rows.push([
      `${rate}×`,
      m.label,
      max === undefined ? '' : m.exact ? `${max}` : `≤ ${fmt(max, m.digits)}`,
      fmt(value, m.digits),
      m.calibrated ? fmt(r.calibration[m.key], m.digits) : '',
      m.key === 'cpuPerFrameMs' ? `${fmt(r.cpuRatio, 1)}×` : '',
      max === undefined ? '' : ok(value <= max),
    ]);
  }
}
const md = [
  `# Benchmark (${results.date.slice(0, 10)})`,
  '',
  `Walk playing: \`${APP_QUERY}\`, ${SECONDS} s windows, median of ${RUNS} app/calibration pairs per CPU throttling rate.`,
  `Machine: ${results.machine.cpu}, ${results.machine.memoryGB} GB, ${results.machine.os}, Node ${results.machine.node}, Chromium ${results.machine.chromium} (${source}).`,
  '',
  '| CPU | metric | target | app | calibration | ratio | meets |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  ...(failures.length
    ? [`Runs that failed once and were run again: ${failures.join('; ')}`, '']
    : []),
].join('\n');
const name =
  APP_QUERY === '?detail=full'
    ? 'bench'
    : `bench-${APP_QUERY.replace(/[^a-z0-9=]+/gi, '-').replace(/^-|-$/g, '')}`;
const paths = writeResults(name, results, md);
process.stdout.write(`${md}\nWrote ${paths.jsonPath} and ${paths.mdPath}\n`);
