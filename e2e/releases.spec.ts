import { expect, test } from './test';

test.describe('one Istio release per walk', () => {
  test('istio=1.19 opens by URL: the release is named and filter ztunnel-FORWARD accepts the SYN', async ({
    page,
  }) => {
    await page.goto('./?istio=1.19');
    await expect(page.getByRole('radio', { name: 'Istio 1.19' })).toBeChecked();
    await expect(page.getByRole('region', { name: 'Walk summary' })).toContainText('Istio 1.19');
    const hops = page.getByRole('list', { name: 'Hops' });
    await expect(hops).toContainText('filter ztunnel-FORWARD: ACCEPT');
    await expect(hops).toContainText('ztunnel-OUTPUT marks it 0x220 (side effect)');
  });

  test('istio=1.20 drops the GENEVE remark; 1.18 has neither the remark-free path nor the filter ACCEPT', async ({
    page,
  }) => {
    await page.goto('./?istio=1.20');
    const hops = page.getByRole('list', { name: 'Hops' });
    await expect(hops).toContainText('filter ztunnel-FORWARD: ACCEPT');
    await expect(hops).not.toContainText('ztunnel-OUTPUT');
    await page.getByRole('radio', { name: 'Istio 1.18' }).check();
    await expect(page).not.toHaveURL(/istio=/);
    await expect(hops).toContainText('ztunnel-OUTPUT marks it 0x220 (side effect)');
    await expect(hops).not.toContainText('filter ztunnel-FORWARD');
  });

  test("1.20's L7 policy for the waypoint is written with targetRef, and the Config panel shows it", async ({
    page,
  }) => {
    await page.goto('./?istio=1.20&waypoint=httpbin&policy=deny-l7&panel=config');
    const policy = page.getByLabel('AuthorizationPolicy httpbin-deny-get');
    await expect(policy).toContainText('targetRef:');
    await expect(policy).toContainText('kind: Gateway');
    await expect(policy).not.toContainText('selector:');
    await expect(page.getByLabel('ztunnel config dump')).toContainText('"hboneMtlsPort": 15008');
  });

  test('an L7-only DENY without a waypoint is delivered, and the outcome line says why', async ({
    page,
  }) => {
    await page.goto('./?policy=deny-l7');
    await expect(page.getByRole('region', { name: 'Walk summary' })).toContainText(
      'Delivered — the L7-only DENY never matches at ztunnel (no waypoint)',
    );
  });

  test('eBPF at 1.18 is not a walk: a notice names `istio`, and the page shows eBPF at 1.20', async ({
    page,
  }) => {
    await page.goto('./?redirect=ebpf&istio=1.18');
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('istio=1.18');
    await expect(notices).toContainText('Istio 1.20');
    await expect(page.getByRole('radio', { name: 'eBPF' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Istio 1.20' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Istio 1.18' })).toBeDisabled();
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText('app_outbound');
    // The page keeps working: a knob still changes the walk.
    await page.getByRole('radio', { name: 'same node' }).check();
    await expect(page).toHaveURL(/placement=same-node/);
  });
});
