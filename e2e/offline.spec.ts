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
  await context.close();
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
