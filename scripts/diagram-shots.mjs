#!/usr/bin/env node
// Screenshots of the diagram of a large made-up cluster (src/view/diagram/testdata/largeDiagram.tsx),
// drawn alone with the page's stylesheets, for a human to look at (not a test):
//   node scripts/diagram-shots.mjs [outDir]
// Shot at 390x844 (portrait), 1366x768 (landscape) and 1920x1080 (landscape, the room label
// set a projector shows), in light and dark, and once with the first summary focused.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const require = createRequire(import.meta.url);
const [outDir = 'screenshots/diagram'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const vite = await createServer({
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  logLevel: 'error',
});
const css = [
  'src/view/base.css',
  'src/view/diagram/diagram.css',
  'src/view/diagram/packet-glyph.css',
]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const found = findChromium();
const browser = await chromium.launch({
  ...(found?.path ? { executablePath: found.path } : {}),
  args: CHROMIUM_ARGS,
});
try {
  const m = await vite.ssrLoadModule('/src/view/diagram/testdata/largeDiagram.tsx');
  const sizes = [
    [390, 844, 'portrait', { labels: 'full', scale: 1 }],
    [1366, 768, 'landscape', { labels: 'full', scale: 1 }],
    [1920, 1080, 'landscape', { labels: 'room', scale: 1 }],
  ];
  for (const [width, height, orientation, type] of sizes) {
    const svg = m.largeDiagramMarkup(orientation, type, 6);
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.setContent(
        `<!doctype html><html lang="en" data-theme="${theme}"><head><title>Diagram of a large cluster</title><style>${css}
        body { margin: 0; padding: 8px; background: var(--bg); }</style></head>
        <body>${svg}</body></html>`,
      );
      const name = `${width}x${height}-${theme}`;
      await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      console.log(`${name}: focused "${focused}"`);
      await page.screenshot({ path: join(outDir, `${name}-focus.png`), fullPage: true });
      // What axe finds on the drawing alone (the page's own checks run in e2e/a11y.spec.ts).
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const found = await page.evaluate(async () => {
        const r = await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.length}`);
      });
      console.log(`${name}: axe ${found.length ? found.join(', ') : 'finds nothing'}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await vite.close();
}
