import { readFileSync } from 'node:fs';
// Playwright's own test: these look at the page before (or without) the app taking over.
import { expect, test } from '@playwright/test';

// index.html carries the bare page's first view, rendered at build time (src/prerender.tsx),
// so it paints before any script; the app replaces it a frame later.

test('the built page has the first view in it, both diagram layouts, and no id twice', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  expect(html).toContain('class="prerendered" inert');
  expect(html).toContain('diagram-frame orientation-landscape');
  expect(html).toContain('diagram-frame orientation-portrait');
  expect(html).toContain('curl opens a connection to 10.96.184.142:8000');
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test.describe('without the app script', () => {
  test.use({ javaScriptEnabled: false });

  for (const [width, orientation] of [
    [1366, 'landscape'],
    [390, 'portrait'],
  ] as const) {
    test(`the bare page still shows where the walk opens: the end of step 1 (${width}px: ${orientation})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('./');
      await expect(page.locator(`.diagram-frame.orientation-${orientation}`)).toBeVisible();
      await expect(page.locator('.diagram-frame:visible')).toHaveCount(1);
      // Overview opens where step 1 ends: the packet leaving sleep by its veth.
      await expect(page.locator('.diagram-caption:visible .caption-step')).toContainText(
        'Step 1 of 9 · hop 3 of 49',
      );
      await expect(page.locator('.hop-title').first()).toHaveText(/^veth eth0 → veth/);
      // The packet sits at sleep, not at the diagram's corner.
      const packet = await page.locator('.diagram-frame:visible g.packet').boundingBox();
      const sleep = await page
        .locator('.diagram-frame:visible g.box[data-netns="ambient-worker/sleep"] rect')
        .boundingBox();
      expect(packet && sleep).toBeTruthy();
      expect(packet!.x + packet!.width / 2).toBeGreaterThan(sleep!.x);
      expect(packet!.x + packet!.width / 2).toBeLessThan(sleep!.x + sleep!.width);
    });
  }
});

test.describe('when the app cannot load', () => {
  test.beforeEach(async ({ page }) => {
    await page.route(/\/assets\/app-[^/]+\.js$/, (route) => route.abort());
  });

  test('the bare page keeps its first view and says the walk could not load', async ({ page }) => {
    await page.goto('./', { waitUntil: 'load' }).catch(() => undefined);
    await expect(page.getByRole('alert')).toContainText('could not load');
    await expect(page.locator('.prerendered .hop-title').first()).toBeVisible();
  });

  test('a link that asks for another view never shows the default one', async ({ page }) => {
    await page.goto('./?waypoint=httpbin&hop=12').catch(() => undefined);
    await expect(page.getByRole('alert')).toContainText('could not load');
    await expect(page.locator('.prerendered')).toHaveCount(0);
  });
});
