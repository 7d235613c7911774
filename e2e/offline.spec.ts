import { expect, test } from './test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, STRICT_CSP } from './servers';

test('works from a sub-path (/docs/ambient/), lazy parts included', async ({ page }) => {
  const s = await serve({ root: 'dist', base: '/docs/ambient/' });
  try {
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${s.url}?waypoint=httpbin&hop=5&detail=full`);
    await expect(page.locator('#hop-details-title')).not.toBeEmpty();
    await page.getByRole('tab', { name: 'Config' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('"waypointAddresses": ["10.244.2.6"]');
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Embed this walk' })).toContainText(
      '/docs/ambient/?waypoint=httpbin',
    );
    expect(failed).toEqual([]);
  } finally {
    await s.close();
  }
});

test('the single-file build works from file:// with every request to a host blocked', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const file = pathToFileURL(resolve('dist-single/ambient-packet-walk.html')).href;
  await page.goto(`${file}?redirect=ebpf&detail=full&hop=3`);
  await expect(page.locator('.diagram-caption')).toContainText('hop 3 of');
  await page.getByRole('button', { name: 'Next hop', exact: true }).click();
  await expect(page.locator('.diagram-caption')).toContainText('hop 4 of');
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('tc filter show');
  expect(blocked).toEqual([]);
  expect(errors).toEqual([]);
  // It works from file://, so it has no note saying it does not.
  await expect(page.locator('.file-hint')).toHaveCount(0);
  await context.close();
});

test('dist/index.html opened from file:// says to open the single-file build instead', async ({
  browser,
}) => {
  // Playwright's own page: the specs' page waits for the app, which cannot run here.
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  const hint = page.getByRole('note').filter({ hasText: 'single-file build' });
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('ambient-packet-walk.html');
  // The first thing on the page, above the inert pre-rendered view.
  const box = await hint.boundingBox();
  expect(box?.y).toBeLessThan(50);
  await page.close();
});

test('served over HTTP, the file:// note is not shown', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.file-hint')).toHaveCount(1);
  await expect(page.locator('.file-hint')).toBeHidden();
});

test('runs under the strict CSP with no violation', async ({ page }) => {
  const s = await serve({ root: 'dist', csp: STRICT_CSP });
  try {
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { violations: string[] }).violations.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    const response = await page.goto(`${s.url}?detail=full&hop=10`);
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    await expect(page.locator('#hop-details-title')).not.toBeEmpty();
    // Exercise the lazily loaded parts and the animation.
    await page.getByRole('tab', { name: 'Config' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(1200);
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Embed this walk' })).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toEqual([]);
  } finally {
    await s.close();
  }
});
