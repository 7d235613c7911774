// Compare: walks of the same request side by side, stepping together, with what differs at
// each step named from the hops' facts; one column at a time on a phone, with no overflow.
import { horizontalOverflow } from './layoutChecks';
import { expect, test, type Page } from './test';

const next = (page: Page) => page.getByRole('button', { name: 'Next hop', exact: true });
const column = (page: Page, mode: string) => page.locator(`.compare-column[data-mode="${mode}"]`);
const differs = (page: Page) => page.getByTestId('compare-differs');
const stepOf = async (page: Page, mode: string): Promise<string> =>
  ((await column(page, mode).locator('.step-counter').textContent()) ?? '').replace(/ ·.*/, '');

// Screenshots for a reader of the change (not compared): set SHOTS=1.
const shot = (page: Page, name: string) =>
  process.env.SHOTS ? page.screenshot({ path: `e2e/shots/${name}.png` }) : Promise.resolve();

test('compare=iptables,ebpf opens two columns that step together, naming what acts on each side', async ({
  page,
}) => {
  await page.goto('./?compare=iptables,ebpf');
  await expect(column(page, 'iptables').locator('.compare-column-name')).toHaveText(
    'iptables + GENEVE · Istio 1.18',
  );
  await expect(column(page, 'ebpf').locator('.compare-column-name')).toHaveText(
    'eBPF · Istio 1.20',
  );
  expect(await stepOf(page, 'iptables')).toBe('Step 1 of 9');
  expect(await stepOf(page, 'ebpf')).toBe(await stepOf(page, 'iptables'));
  // Step 2: captured on the node. iptables marks the packet; eBPF's program redirects it.
  await next(page).click();
  await expect(column(page, 'ebpf').locator('.step-counter')).toContainText('Step 2 of');
  expect(await stepOf(page, 'iptables')).toBe(await stepOf(page, 'ebpf'));
  await expect(differs(page)).toContainText(
    'iptables + GENEVE: mangle ztunnel-PREROUTING mark 0x0 → 0x100',
  );
  await expect(differs(page)).toContainText('eBPF: app_outbound');
  await expect(differs(page)).toContainText('bpf_redirect');
  await shot(page, 'compare-laptop-light');
  // Step 3: steered to ztunnel: the policy routing table and the GENEVE tunnel.
  await next(page).click();
  await expect(differs(page)).toContainText('table 101');
  await expect(differs(page)).toContainText('GENEVE VNI 1001');
  expect(await stepOf(page, 'iptables')).toBe('Step 3 of 9');
  expect(await stepOf(page, 'ebpf')).toBe('Step 3 of 9');
  // The address keeps the comparison and the hop.
  await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('iptables,ebpf');
});

test('compares two releases of a mode, and waypoint off against on', async ({ page }) => {
  await page.goto('./?compare=1.18,1.20');
  await expect(page.locator('.compare-column-name')).toHaveText([
    'iptables + GENEVE · Istio 1.18',
    'iptables + GENEVE · Istio 1.20',
  ]);
  await page.getByLabel('Compare').selectOption({ label: 'Waypoint off and on' });
  await expect(page.locator('.compare-column-name').nth(1)).toContainText('waypoint httpbin');
  await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('none,httpbin');
  await page.getByRole('button', { name: 'One walk' }).click();
  await expect(page.locator('.compare')).toHaveCount(0);
  await expect(page.locator('.diagram-frame')).toHaveCount(1);
});

test('a malformed compare value shows the notice and one walk', async ({ page }) => {
  await page.goto('./?compare=iptables,nft');
  await expect(page.getByText(/“compare” must be/)).toBeVisible();
  await expect(page.locator('.compare')).toHaveCount(0);
  await expect(page.locator('.diagram-frame')).toHaveCount(1);
});

test('compare=iptables,inpod: the node capture against the nat REDIRECT inside sleep’s netns, step by step', async ({
  page,
}) => {
  await page.goto('./?compare=iptables,inpod');
  await expect(column(page, 'inpod').locator('.compare-column-name')).toContainText(
    'in-pod · Istio 1.30',
  );
  // Aligned by overview step: in-pod's walk starts with its DNS lookup (capture on from 1.25),
  // so "sleep sends the request" is its second step.
  await expect(column(page, 'inpod').locator('.step-counter')).toContainText('Step 2 of');
  await next(page).click();
  await expect(column(page, 'iptables').locator('.step-counter')).toContainText('Step 2 of');
  await expect(differs(page)).toContainText('mangle ztunnel-PREROUTING mark 0x0 → 0x100');
  await expect(differs(page)).toContainText('nat ISTIO_OUTPUT redirected to 127.0.0.1:15001');
  await next(page).click();
  await expect(differs(page)).toContainText('GENEVE VNI 1001');
  await expect(differs(page)).toContainText('ztunnel port 15001 (outbound)');
  expect(await horizontalOverflow(page, 1366)).toEqual([]);
});

test('the Compare button opens every mode side by side', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(column(page, 'iptables')).toBeVisible();
  await expect(column(page, 'ebpf')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const)
  test(`at 390 px (${theme}): one column at a time with a switch, no horizontal overflow`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`./?compare=iptables,ebpf&theme=${theme}`);
    await expect(column(page, 'iptables')).toBeVisible();
    await expect(column(page, 'ebpf')).toBeHidden();
    expect(await horizontalOverflow(page, 390)).toEqual([]);
    await next(page).click();
    await page.getByRole('button', { name: 'eBPF', exact: true }).click();
    await expect(column(page, 'ebpf')).toBeVisible();
    await expect(column(page, 'iptables')).toBeHidden();
    await expect(differs(page)).toContainText('app_outbound');
    expect(await horizontalOverflow(page, 390)).toEqual([]);
    await shot(page, `compare-phone-${theme}`);
  });

test('in the embed and in presenter mode, the columns step with the widget’s keys', async ({
  page,
}) => {
  await page.goto('./?compare=iptables,ebpf&embed=1');
  await expect(column(page, 'ebpf')).toBeVisible();
  await next(page).click();
  expect(await stepOf(page, 'ebpf')).toBe('Step 2 of 9');
  expect(await stepOf(page, 'iptables')).toBe('Step 2 of 9');
  await page.goto('./?compare=iptables,ebpf&present=1&theme=dark');
  await expect(column(page, 'ebpf')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(column(page, 'ebpf').locator('.step-counter')).toContainText('Step 2 of');
  expect(await stepOf(page, 'iptables')).toBe('Step 2 of 9');
  await shot(page, 'compare-presenter-dark');
});
