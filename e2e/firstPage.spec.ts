import { expect, test } from './test';

test.describe('the walk as a page', () => {
  test("shows the default iptables walk: Hops list, Hop details and the mode's Istio versions", async ({
    page,
  }) => {
    await page.goto('./');
    const hops = page.getByRole('list', { name: 'Hops' });
    await expect(hops).toBeVisible();
    const items = hops.getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(30);
    await expect(items.first()).toContainText('curl opens a connection to 10.96.184.142:8000');
    // Overview opens where step 1 ends (hop 3), and the hops it folds are listed.
    await expect(items.nth(2)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByRole('region', { name: 'Walk summary' })).toContainText('Istio 1.18');
    const details = page.getByRole('region', { name: 'Hop details' });
    await expect(details).toContainText('Hop 3 of');
    await expect(details.locator('.folded-hops li')).toHaveCount(2);
  });

  test('selecting a hop shows its rule in Hop details and moves aria-current', async ({ page }) => {
    await page.goto('./');
    const hops = page.getByRole('list', { name: 'Hops' });
    await hops.getByRole('button', { name: /mangle ztunnel-PREROUTING marks it 0x100/ }).click();
    const details = page.getByRole('region', { name: 'Hop details' });
    await expect(details.getByLabel('Acting rule or decision')).toHaveText(
      '-A ztunnel-PREROUTING -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-xmark 0x100/0x100',
    );
    await expect(details).toContainText('verified upstream');
    await expect(hops.locator('[aria-current="step"]')).toContainText('marks it 0x100');
    await expect(page).toHaveURL(/hop=4/);
  });

  test('opens a scenario from the URL: eBPF with the httpbin waypoint', async ({ page }) => {
    await page.goto('./?redirect=ebpf&waypoint=httpbin');
    const hops = page.getByRole('list', { name: 'Hops' });
    await expect(hops).toContainText(
      'app_outbound (tc ingress on veth6d3e0c2b): bpf_redirect to vethb7c4e1d0',
    );
    await expect(hops).toContainText('ToServerWaypoint: HBONE to 10.244.2.6:15008');
    await expect(hops).not.toContainText('GENEVE');
    await expect(page.getByRole('radio', { name: 'eBPF' })).toBeChecked();
  });

  test('opens a hop by URL and shows its fields', async ({ page }) => {
    await page.goto('./?policy=deny-l4&hop=40');
    const details = page.getByRole('region', { name: 'Hop details' });
    await expect(details).toContainText('Hop 40 of');
    await expect(details).toContainText('ztunnel answers the CONNECT with 401');
    await expect(details.getByRole('term').filter({ hasText: 'Live command' })).toBeVisible();
    await expect(page.getByText('Denied at L4')).toBeVisible();
  });

  test('a malformed parameter shows a notice naming it and the page still works', async ({
    page,
  }) => {
    await page.goto('./?redirect=bpf&hop=banana&waypoint=httpbin');
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('redirect');
    await expect(notices).toContainText('hop');
    await expect(page.getByRole('radio', { name: 'iptables + GENEVE' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'httpbin', exact: true })).toBeChecked();
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText('waypoint');
    await notices.getByRole('button', { name: /Dismiss the notice about redirect/ }).click();
    await expect(notices).not.toContainText('“redirect”');
  });

  test('toggling a knob changes the walk and the URL', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('radio', { name: 'same node' }).check();
    await expect(page).toHaveURL(/placement=same-node/);
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText('DirectLocal');
  });
});
