// Shared by the benchmark, Lighthouse and soak scripts: the production build served by the
// compressing static server in its own process, and a headless Chromium found the way the
// tests find it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../chromium.mjs';

/**
 * Starts `scripts/serve.mjs --gzip` as a child process so serving never shares the page's
 * CPU accounting with the measuring process. Resolves once it prints its URL.
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export function startServerProcess({ root = 'dist', base = '/' } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run "npm run build" first.`);
  }
  const child = spawn(
    process.execPath,
    ['scripts/serve.mjs', '--root', root, '--port', '0', '--base', base, '--gzip'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /serving (\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`the static server exited (${code})`)));
  });
}

/** Launches headless Chromium: the system's, or Playwright's own where that is installed. */
export async function launchChromium(extraArgs = []) {
  const found = findChromium();
  if (!found) {
    throw new Error(
      'No Chromium found. Install Debian\'s "chromium" package (apt-get install -y chromium), ' +
        'set CHROMIUM_PATH, or run "npx playwright install chromium".',
    );
  }
  const browser = await chromium.launch({
    headless: true,
    ...(found.path ? { executablePath: found.path } : {}),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  return { browser, source: found.source, path: found.path };
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** What the figures came from, written beside them. */
export function machine(browserVersion) {
  const cpu = cpus();
  return {
    cpu: `${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}`,
    memoryGB: Math.round((totalmem() / 1e9) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: browserVersion,
  };
}

/** Writes `<name>.json` and `<name>.md` to bench/results and returns their paths. */
export function writeResults(name, json, markdown) {
  const dir = 'bench/results';
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `${name}.json`);
  const mdPath = join(dir, `${name}.md`);
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(mdPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return { jsonPath, mdPath };
}

/** Formats a number for a table: fixed decimals, or "—" when there is none. */
export function fmt(x, digits = 2) {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/**
 * Waits until the app has drawn its own view: the pre-rendered first view of index.html is
 * gone (a link with a query hides it before the app has even loaded, so that alone proves
 * nothing) and the walk's diagram is on the page. Throws with the page's message if it shows
 * a crash notice instead.
 */
export async function waitForApp(page, { timeout = 60_000 } = {}) {
  await page.waitForFunction(
    () =>
      !document.querySelector('#root > .prerendered') &&
      (document.querySelector('#root .diagram-svg') !== null ||
        document.querySelector('#root .crash') !== null),
    undefined,
    { timeout },
  );
  const crash = await page
    .locator('#root .crash')
    .first()
    .textContent({ timeout: 100 })
    .catch(() => null);
  if (crash) throw new Error(`the app did not start: ${crash}`);
}
