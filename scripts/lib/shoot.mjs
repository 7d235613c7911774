// The part every screenshot script shares: the built site served on a free port, Debian's
// Chromium, and one shot of a page once its walk is drawn. For a human to look at, not a test.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../chromium.mjs';
import { startServer } from '../serve.mjs';
import { waitForApp } from './harness.mjs';

/** Serves dist/ and opens Chromium; `shot` opens `query` and writes `path`; `close` ends both. */
export async function openShooter() {
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
  return {
    async shot(query, [width, height], theme, path, { timeout = 15_000, wait = 800 } = {}) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      await page.goto(`${url}${query}`);
      // The drawn walk (not the pre-rendered first view, not "Computing the walk…"), then a
      // moment for the packet's move to finish. A crash notice is shot as it is.
      await waitForApp(page, { timeout }).catch((e) =>
        process.stderr.write(`no drawn walk for ${query} at ${width}x${height}: ${e.message}\n`),
      );
      await page.waitForTimeout(Number(process.env.WAIT ?? wait));
      await page.screenshot({ path, fullPage: process.env.FULL === '1' });
      process.stdout.write(`${path}\n`);
      await page.close();
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}
