import { expect, test } from './test';

const BOOKINFO_TO = 'reviews.bookinfo:9080';

test('bookinfo opens by ?cluster= through its waypoint, with the file’s addresses', async ({
  page,
}) => {
  await page.goto('./?cluster=clusters/bookinfo.json');
  const walk = page.getByTestId('import-walk');
  await expect(walk).toBeVisible();
  await expect(walk.locator('li[data-kind="waypoint"]')).toHaveCount(1);
  await expect(walk.locator('li[data-kind="deliver"]')).toHaveCount(1);
});

test('a cluster URL on another origin is refused with a message, and the page keeps working', async ({
  page,
}) => {
  await page.goto('./?cluster=https://example.com/x.json');
  await expect(page.getByTestId('import-diags')).toContainText('not on this site');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.diagram-caption')).toContainText('hop');
});

test('an Envoy dump pasted is named, and the cluster loaded before is kept', async ({ page }) => {
  await page.goto('./?cluster=clusters/bookinfo.json');
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page
    .getByTestId('import-paste')
    .fill(
      JSON.stringify({
        configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump' }],
      }),
    );
  await page.getByTestId('import-run').click();
  await expect(
    page.getByTestId('import-diags').locator('[data-code="E_ENVOY_DUMP"]'),
  ).toBeVisible();
  await expect(page.getByTestId('import-walk')).toBeVisible();
});

test('a saved cluster survives a reload', async ({ page }) => {
  await page.goto('./?cluster=clusters/bookinfo.json');
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page.getByTestId('import-to').selectOption(BOOKINFO_TO);
  await page.getByTestId('import-save').click();
  await page.goto('./');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByTestId('import-saved')).toContainText('bookinfo', { ignoreCase: true });
  await page.getByTestId('import-saved').getByRole('button', { name: 'Open' }).first().click();
  await expect(page.getByTestId('import-walk').locator('li[data-kind="waypoint"]')).toHaveCount(1);
});
