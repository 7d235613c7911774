import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './test';

const BOOKINFO_TO = 'reviews.bookinfo:9080';

/**
 * bookinfo by `?cluster=`: the page walks it hop by hop, and its bar opens it in the Import
 * dialog (its route at ztunnel's level, save, export).
 */
async function openBookinfo(page: Page, query = ''): Promise<void> {
  await page.goto(`./?${query}cluster=clusters/bookinfo.json`);
  await page.getByTestId('cluster-bar').getByRole('button', { name: 'Open in Import' }).click();
  await expect(page.getByTestId('import-walk')).toBeVisible();
}

test('bookinfo opens by ?cluster= through its waypoint, with the file’s addresses', async ({
  page,
}) => {
  await openBookinfo(page);
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
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('.diagram-caption')).toContainText('hop');
});

test('an Envoy dump pasted is named, and the cluster loaded before is kept', async ({ page }) => {
  await openBookinfo(page);
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page.getByTestId('import-paste').fill(
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
  await openBookinfo(page);
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page.getByTestId('import-to').selectOption(BOOKINFO_TO);
  await page.getByTestId('import-save').click();
  await page.goto('./');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-saved')).toContainText('bookinfo', { ignoreCase: true });
  await page.getByTestId('import-saved').getByRole('button', { name: 'Open' }).first().click();
  await expect(page.getByTestId('import-walk').locator('li[data-kind="waypoint"]')).toHaveCount(1);
});

// A small in-pod dump of our own, in ztunnel's YAML output: two enrolled pods on one node and
// a Service in front of one of them.
const SMALL_DUMP = `workloads:
- uid: Kubernetes//Pod/shop/front-0
  name: front-0
  namespace: shop
  serviceAccount: front
  workloadIps: [10.244.1.10]
  protocol: HBONE
  node: worker-1
  status: Healthy
- uid: Kubernetes//Pod/shop/cart-0
  name: cart-0
  namespace: shop
  serviceAccount: cart
  workloadIps: [10.244.1.20]
  protocol: HBONE
  node: worker-1
  status: Healthy
services:
- name: cart
  namespace: shop
  hostname: cart.shop.svc.cluster.local
  vips: [/10.96.0.20]
  ports:
    "8080": 8080
  endpoints:
    Kubernetes//Pod/shop/cart-0:
      workloadUid: Kubernetes//Pod/shop/cart-0
      port:
        "8080": 8080
      status: Healthy
`;

const steps = (page: Page) => page.getByTestId('import-walk').locator('.import-hops li');

test('a dump chosen as a file imports and walks', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'ztunnel-config.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(SMALL_DUMP),
  });
  await expect(page.getByText('Files: ztunnel-config.yaml')).toBeVisible();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page.getByTestId('import-from').selectOption('shop/front-0');
  await page.getByTestId('import-to').selectOption({ label: 'cart.shop:8080' });
  await expect(page.getByTestId('import-walk').locator('li[data-kind="deliver"]')).toContainText(
    '10.244.1.20',
  );
});

test('a cluster exported and imported again walks the same way', async ({ page }) => {
  await openBookinfo(page);
  await page.getByTestId('import-to').selectOption(BOOKINFO_TO);
  const before = await steps(page).allInnerTexts();
  expect(before.length).toBeGreaterThan(2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-export').click(),
  ]);
  const text = readFileSync(await download.path());
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByTestId('cluster-close').click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-walk')).toHaveCount(0);
  await page.getByTestId('import-file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: text,
  });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-walk')).toBeVisible();
  await page.getByTestId('import-to').selectOption(BOOKINFO_TO);
  await expect.poll(() => steps(page).allInnerTexts()).toEqual(before);
});

// One input per family of rejection: each is named, says what to paste instead, and leaves the
// cluster loaded before (and the page) working.
const BAD: readonly (readonly [string, string, string])[] = [
  [
    'an Envoy dump',
    JSON.stringify({
      configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump' }],
    }),
    'E_ENVOY_DUMP',
  ],
  [
    'the text table',
    'NAMESPACE   POD NAME   ADDRESS      NODE      WAYPOINT PROTOCOL\nshop        front-0    10.244.1.10  worker-1  None     HBONE\n',
    'E_ISTIOCTL_SUMMARY',
  ],
  [
    'a dump from before in-pod',
    JSON.stringify({
      workloads: { '/10.0.0.1': { workloadIp: '10.0.0.1', name: 'a', namespace: 'b' } },
    }),
    'E_PRE_INPOD',
  ],
  ['a truncated paste', '{"workloads": [{"name": "a"', 'E_PARSE_JSON'],
  ['text that is no dump', 'hello world', 'E_UNKNOWN_INPUT'],
];

for (const [what, text, code] of BAD) {
  test(`${what} is named with what to paste instead, and bookinfo stays loaded`, async ({
    page,
  }) => {
    await openBookinfo(page);
    await expect(page.getByTestId('import-walk')).toBeVisible();
    await page.getByTestId('import-paste').fill(text);
    await page.getByTestId('import-run').click();
    const diag = page.getByTestId('import-diags').locator(`[data-code="${code}"]`);
    await expect(diag).toBeVisible();
    await expect(diag.locator('.import-fix')).not.toBeEmpty();
    await expect(page.getByTestId('import-diags').locator('[data-code="E_KEPT"]')).toBeVisible();
    await expect(page.getByTestId('import-walk').locator('li[data-kind="waypoint"]')).toHaveCount(
      1,
    );
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page.locator('.diagram-caption')).toContainText('hop');
  });
}

test('an enrolled pod’s rules without redirection are named; unknown rules are flagged', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-paste').fill(SMALL_DUMP);
  await page.getByText('A pod’s rules (optional)').click();
  await page.getByLabel('Pod (namespace/name)').fill('shop/front-0');
  await page
    .getByLabel(/iptables-save/)
    .fill('*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j MY-OWN-CHAIN\nCOMMIT\n');
  await page.getByTestId('import-run').click();
  await expect(
    page.getByTestId('import-diags').locator('[data-code="E_RULES_MISSING"]'),
  ).toBeVisible();
  await expect(
    page.getByTestId('import-diags').locator('[data-code="E_RULES_UNKNOWN"]'),
  ).toContainText('MY-OWN-CHAIN');
  await expect(page.getByTestId('import-walk')).toBeVisible();
});

test('the address keeps a saved cluster: a reload opens it again, a missing one is named', async ({
  page,
}) => {
  await openBookinfo(page);
  await page.getByTestId('import-walk').getByLabel('Name').fill('shop prod');
  await page.getByTestId('import-save').click();
  await expect(page).toHaveURL(/cluster=saved%3Ashop(\+|%20)prod/);
  await page.reload();
  // Saved, it walks hop by hop under its name.
  await expect(page.getByTestId('cluster-bar-name')).toHaveText('shop prod');
  await page.goto('./?cluster=saved:gone');
  await expect(
    page.getByTestId('import-diags').locator('[data-code="E_CLUSTER_NOT_SAVED"]'),
  ).toContainText('gone');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page).not.toHaveURL(/cluster=/);
});

for (const [view, query] of [
  ['the embed', 'embed=1'],
  ['presenter mode', 'present=1'],
] as const) {
  test(`a saved cluster that is not here is named in ${view}, which keeps working`, async ({
    page,
  }) => {
    await page.goto(`./?${query}&cluster=saved:gone`);
    const panel = page.getByTestId('cluster-panel');
    await expect(panel).toHaveAttribute('data-walked', 'route');
    await expect(panel.locator('[data-code="E_CLUSTER_NOT_SAVED"]')).toContainText('gone');
  });
}

for (const theme of ['light', 'dark'] as const) {
  for (const [device, size] of [
    ['laptop', { width: 1366, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`the dialog passes axe and is pictured: ${device}, ${theme}`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(size);
      await openBookinfo(page, `theme=${theme}&motion=reduce&`);
      await page.getByTestId('import-to').selectOption(BOOKINFO_TO);
      await page.getByTestId('import-paste').fill('hello world');
      await page.getByTestId('import-run').click();
      await expect(page.getByTestId('import-diags')).toBeVisible();
      const overflow = await page
        .locator('dialog.import-dialog')
        .evaluate((d) => d.scrollWidth - d.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`import-${device}-${theme}.png`) });
      const r = await new AxeBuilder({ page })
        .include('dialog.import-dialog')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    });
  }
}

test('any cluster the model builds is offered the walk hop by hop; one it cannot is told why', async ({
  page,
}) => {
  await openBookinfo(page);
  await expect(page.getByTestId('import-kernel')).toHaveAttribute('data-walks', 'true');
  await page.getByTestId('import-walk').getByLabel('Name').fill('bookinfo here');
  await page.getByTestId('import-walk-kernel').click();
  await expect(page.locator('dialog.import-dialog')).toHaveCount(0);
  await expect(page).toHaveURL(/cluster=saved%3Abookinfo(\+|%20)here/);
  await expect(page.getByTestId('cluster-bar-name')).toHaveText('bookinfo here');
  // In-pod at 1.19 is a release the model has no walk at: the route at ztunnel's level stays,
  // and the model's own diagnostic says why and what to do.
  await page.getByTestId('cluster-close').click();
  const file = JSON.parse(readFileSync('public/clusters/bookinfo.json', 'utf8')) as Record<
    string,
    unknown
  >;
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page
    .getByTestId('import-paste')
    .fill(JSON.stringify({ ...file, istio: '1.19', istioVersion: undefined }));
  await page.getByTestId('import-run').click();
  const kernel = page.getByTestId('import-kernel');
  await expect(kernel).toHaveAttribute('data-walks', 'false');
  await expect(page.getByTestId('import-walk-kernel')).toHaveCount(0);
  const why = kernel
    .getByTestId('import-kernel-diags')
    .locator('[data-code="E_RELEASE_NOT_WALKED"]');
  await expect(why).toContainText('1.19');
  await expect(why.locator('.import-fix')).not.toBeEmpty();
  await expect(page.getByTestId('import-walk').locator('li[data-kind="waypoint"]')).toHaveCount(1);
});
