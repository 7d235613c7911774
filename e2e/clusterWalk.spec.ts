import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';

// The diagram is drawn from the model's cluster: its boxes carry their netns ids, which for a
// file's cluster are the file's node and pod names.
const box = (page: Page, netns: string) =>
  page.locator(`.diagram-frame:visible g.box:not(.gone)[data-netns^="${netns}"]`).first();
const BOOKINFO_BOXES = [
  'ci-worker/productpage-v1-',
  'ci-worker/waypoint-',
  'ci-worker2/reviews-v1-',
];
const BOOKINFO_NODES = ['ci-worker', 'ci-worker2'];

async function expectBookinfoDrawn(page: Page): Promise<void> {
  for (const pod of BOOKINFO_BOXES) await expect(box(page, pod)).toBeVisible();
  for (const node of BOOKINFO_NODES)
    await expect(
      page.locator(`.diagram-frame:visible g.box-host[data-netns="${node}"]`),
    ).toHaveCount(1);
  // Nothing of the article's cluster is drawn.
  await expect(page.locator('.diagram-frame:visible g.box[data-netns*="sleep"]')).toHaveCount(0);
}

/** Steps with the keyboard until reviews-v1 is where the packet is (its app receives it). */
async function stepToReviews(page: Page, key: string): Promise<void> {
  const reviews = page.locator(
    '.diagram-frame:visible g.box.active[data-netns^="ci-worker2/reviews-v1-"]',
  );
  for (let i = 0; i < 60 && (await reviews.count()) === 0; i++) await page.keyboard.press(key);
  await expect(reviews).toHaveCount(1);
}

test('?cluster= walks bookinfo hop by hop in the full view; Close cluster returns to the default walk', async ({
  page,
}) => {
  await page.goto('./?cluster=clusters/bookinfo.json&detail=full');
  const bar = page.getByTestId('cluster-bar');
  await expect(bar.getByTestId('cluster-bar-name')).toContainText('bookinfo');
  await expect(bar.getByTestId('cluster-bar-request')).toContainText('GET /reviews/0');
  await expect(bar).toContainText('Istio 1.24');
  // The knobs are not offered for a file's cluster, nor Compare.
  await expect(page.getByRole('group', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Compare' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await expectBookinfoDrawn(page);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await stepToReviews(page, 'ArrowRight');
  // The hop list is the file's walk.
  await expect(page.locator('.hop-list')).toContainText('reviews', { ignoreCase: true });
  await bar.getByTestId('cluster-close').click();
  await expect(page).not.toHaveURL(/cluster=/);
  await expect(page.getByTestId('cluster-bar')).toHaveCount(0);
  await expect(box(page, 'ambient-worker/sleep')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Scenario' })).toBeVisible();
  // The button pressed is gone: focus is back on the knobs.
  await expect(page.locator('.toggles input:checked').first()).toBeFocused();
  await expect(page.locator('.diagram-caption')).toContainText('hop 1 of');
});

for (const [view, query] of [
  ['the embed', 'embed=1'],
  ['presenter mode', 'present=1'],
] as const) {
  test(`?cluster= walks bookinfo hop by hop in ${view}`, async ({ page }) => {
    await page.goto(`./?${query}&detail=full&cluster=clusters/bookinfo.json`);
    const panel = page.getByTestId('cluster-panel');
    await expect(panel).toHaveAttribute('data-walked', 'kernel');
    await expect(panel.getByRole('heading')).toContainText('bookinfo');
    // The diagram walks it: no route list beside it.
    await expect(panel.locator('li[data-kind]')).toHaveCount(0);
    await expectBookinfoDrawn(page);
    if (view === 'the embed') await page.locator('.embed').focus();
    await stepToReviews(page, view === 'the embed' ? 'ArrowRight' : 'PageDown');
  });
}

test('a dump pasted in Import walks hop by hop, and a reload keeps it', async ({ page }) => {
  const dump = await (await page.request.get('./clusters/bookinfo.json')).text();
  await page.goto('./');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-paste').fill(dump);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-kernel')).toHaveAttribute('data-walks', 'true');
  await page.getByTestId('import-walk').getByLabel('Name').fill('my bookinfo');
  await page.getByTestId('import-walk-kernel').click();
  await expect(page.locator('dialog.import-dialog')).toHaveCount(0);
  await expect(page).toHaveURL(/cluster=saved%3Amy(\+|%20)bookinfo/);
  await expect(page.getByTestId('cluster-bar-name')).toContainText('my bookinfo');
  // The dialog is gone: focus is on the bar that says what is walked now.
  await expect(page.getByTestId('cluster-bar')).toBeFocused();
  await expectBookinfoDrawn(page);
  await page.reload();
  await expect(page.getByTestId('cluster-bar-name')).toContainText('my bookinfo');
  await expectBookinfoDrawn(page);
});

for (const [what, ref, words] of [
  ['a file that is not there', 'clusters/nothing-here.json', 'answered 404'],
  ['a file on another origin', 'https://example.com/x.json', 'not on this site'],
  ['a file that is no JSON', 'index.html', ''],
] as const) {
  test(`${what} is named, and the default walk keeps working`, async ({ page }) => {
    await page.goto(`./?cluster=${encodeURIComponent(ref)}`);
    const diags = page.getByTestId('import-diags');
    await expect(diags).toBeVisible();
    if (words) await expect(diags).toContainText(words);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page).not.toHaveURL(/cluster=/);
    await expect(box(page, 'ambient-worker/sleep')).toBeVisible();
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page.locator('.diagram-caption')).toContainText('Step 2 of');
  });
}

test('in the embed, a file that cannot be walked is named and the page keeps working', async ({
  page,
}) => {
  await page.goto('./?embed=1&cluster=clusters/nothing-here.json');
  const panel = page.getByTestId('cluster-panel');
  await expect(panel).toHaveAttribute('data-walked', 'route');
  await expect(panel.getByTestId('import-diags')).toContainText('answered 404');
});

test('the Rules panel lists the file’s cluster and marks the rule that acted', async ({ page }) => {
  await page.goto('./?cluster=clusters/bookinfo.json&detail=full');
  await expect(page.getByTestId('cluster-bar')).toBeVisible();
  const show = page.getByRole('button', { name: 'Show in Rules' });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 40 && (await show.count()) === 0; i++)
    await page.keyboard.press('ArrowRight');
  const rule = await page.getByLabel('Acting rule or decision').textContent();
  await show.click();
  const panel = page.getByRole('tabpanel');
  await expect(
    panel.getByLabel('Namespace').locator('option', { hasText: 'reviews-v1' }),
  ).not.toHaveCount(0);
  await expect(panel.getByLabel('Namespace').locator('option', { hasText: 'sleep' })).toHaveCount(
    0,
  );
  // The rule Hop details names is marked among the lines that acted at this hop.
  await expect.poll(() => panel.locator('.line.acting mark').allTextContents()).toContain(rule);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the cluster bar passes axe: ${theme}`, async ({ page }) => {
    await page.goto(`./?theme=${theme}&motion=reduce&cluster=clusters/bookinfo.json`);
    await expect(page.getByTestId('cluster-bar')).toBeVisible();
    const r = await new AxeBuilder({ page })
      .include('[data-testid="cluster-bar"]')
      .include('.header-tools')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    // 24 px targets at least.
    for (const b of await page.getByTestId('cluster-bar').getByRole('button').all())
      expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  });
}

test('the speaker notes follow the file’s walk in presenter mode', async ({ page, context }) => {
  await page.goto('./?present=1&detail=full&cluster=clusters/bookinfo.json');
  await expectBookinfoDrawn(page);
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open speaker notes' }).click();
  const notes = await popup;
  await expect(notes.getByTestId('notes-hop')).toHaveText('1');
  await page.bringToFront();
  await stepToReviews(page, 'PageDown');
  const title = await page.locator('.diagram-caption .caption-title').getAttribute('title');
  await expect(notes.getByRole('heading', { level: 1 })).toHaveText(title!);
  const of = (await page.locator('.diagram-caption .caption-step').textContent())!.match(
    /hop (\d+) of (\d+)/,
  )!;
  await expect(notes.getByTestId('notes-hop')).toHaveText(of[1]!);
  await expect(notes.locator('.notes-kicker')).toContainText(`of ${of[2]}`);
});

test('Predict asks about the file’s walk: its choices name the file’s pods and nodes', async ({
  page,
}) => {
  await page.goto('./?predict=1&detail=full&cluster=clusters/bookinfo.json');
  await expectBookinfoDrawn(page);
  const panel = page.getByTestId('predict');
  await expect(panel.getByRole('heading')).toHaveText(/next\?$/);
  // Answer with the right choice until a question names a place of the file's cluster.
  for (let i = 0; i < 40; i++) {
    const texts = (await panel.locator('.predict-choice').allTextContents()).join(' ');
    expect(texts).not.toMatch(/sleep|httpbin|ambient-worker/);
    if (/ci-worker|productpage|reviews|waypoint/.test(texts)) return;
    await panel.locator('.predict-choice').first().click();
    await page.getByRole('button', { name: 'Show the hop' }).click();
  }
  throw new Error('no question named a place of the file’s cluster');
});

// An access-log line of ztunnel's, written for bookinfo as its walk has it: productpage's
// ztunnel sends the request to the waypoint over HBONE for reviews' Service address.
const outboundLine = (waypointAccount: string): string =>
  `2024-12-12T10:00:00Z\tinfo\taccess\tconnection complete\tsrc.addr=10.244.1.20:40000 src.workload=productpage-v1-f47f868c8-vlj4p src.namespace=bookinfo src.identity="spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage" dst.addr=10.244.1.23:15008 dst.hbone_addr=10.96.224.224:9080 dst.service=reviews.bookinfo.svc.cluster.local dst.workload=waypoint-7564f99fc9-xlkjz dst.namespace=bookinfo dst.identity="spiffe://cluster.local/ns/bookinfo/sa/${waypointAccount}" direction="outbound"`;

test('the access log is checked against the walk hop by hop in the Import dialog', async ({
  page,
}) => {
  await page.goto('./?cluster=clusters/bookinfo.json');
  await page.getByTestId('cluster-bar').getByRole('button', { name: 'Open in Import' }).click();
  await expect(page.getByTestId('import-kernel')).toHaveAttribute('data-walks', 'true');
  await page.getByTestId('import-logs').fill(outboundLine('waypoint'));
  await expect(page.getByTestId('import-check')).toHaveAttribute('data-verdict', 'agree');
  await page.getByTestId('import-logs').fill(outboundLine('someone-else'));
  await expect(page.getByTestId('import-check')).toHaveAttribute('data-verdict', 'disagree');
  await expect(page.getByTestId('import-check')).toContainText('dst.identity');
});
