import { expect, test } from './test';

test.describe('in-pod redirection', () => {
  test('the in-pod toggle is live: the diagram morphs, tunnels go and ztunnel’s listeners appear in the app pods', async ({
    page,
  }) => {
    await page.goto('./');
    const geneve = page.locator('g.link-geneve:not(.gone)');
    const inpodListener = page.locator('g.badge-listener:not(.gone)', { hasText: ':15001' });
    await expect(geneve).toHaveCount(4);
    // The caption's legend names the GENEVE band only while some packet is tunnelled.
    const genevePacketBand = page.locator('.diagram-caption .legend .sw-geneve');
    await expect(genevePacketBand).toHaveCount(1);
    const toggle = page.getByRole('radio', { name: 'in-pod' });
    await expect(toggle).toBeEnabled();
    await toggle.check();
    await expect(page).toHaveURL(/redirect=inpod/);
    await expect(page.getByRole('radio', { name: 'Istio 1.30' })).toBeChecked();
    await expect(geneve).toHaveCount(0);
    await expect(genevePacketBand).toHaveCount(0);
    await expect(inpodListener).toHaveCount(2);
    await expect(page.locator('svg.diagram-svg')).toHaveClass(/mode-inpod/);
    const hops = page.getByRole('list', { name: 'Hops' });
    await expect(hops).toContainText('nat ISTIO_OUTPUT: REDIRECT to :15001');
    await expect(hops).not.toContainText('GENEVE');
    await page.screenshot({ path: test.info().outputPath('inpod.png'), fullPage: false });
  });

  test('the Rules panel highlights the acting rule in the pod’s netns, with ip rule and table 100', async ({
    page,
  }) => {
    await page.goto('./?redirect=inpod&dns=off&detail=full&hop=3');
    const rule = await page.getByLabel('Acting rule or decision').textContent();
    expect(rule).toContain('REDIRECT --to-ports 15001');
    await page.getByRole('button', { name: 'Show in Rules' }).click();
    const panel = page.getByRole('tabpanel');
    const mark = panel.locator('.line.acting mark');
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText(`${rule}`);
    await expect(panel).toContainText('32764:\tfrom all fwmark 0x111/0xfff lookup 100');
    await expect(panel).toContainText('local default dev lo scope host');
    await expect(panel).toContainText('mark 0x539');
  });

  test('redirect=inpod&istio=1.21 opens by URL: TPROXY inbound, DNS capture off, no notice', async ({
    page,
  }) => {
    await page.goto('./?redirect=inpod&istio=1.21');
    await expect(page.getByRole('radio', { name: 'Istio 1.21–1.23' })).toBeChecked();
    await expect(page.getByRole('region', { name: 'Walk summary' })).toContainText('Istio 1.21');
    await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText(
      'mangle ISTIO_PRERT: TPROXY to :15008',
    );
  });

  test('redirect=inpod&firewall=nftables opens by URL: the nat redirect acts as an nftables rule, highlighted in nft list ruleset', async ({
    page,
  }) => {
    await page.goto('./?redirect=inpod&firewall=nftables&dns=off&detail=full&hop=3');
    await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'nftables' })).toBeChecked();
    const rule = await page.getByLabel('Acting rule or decision').textContent();
    expect(rule).toContain('redirect to :15001');
    expect(rule).toContain('!= 0x00000539');
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText(
      'inet istio-ambient-nat istio-output',
    );
    await expect(page.getByRole('list', { name: 'Hops' })).not.toContainText('ISTIO_OUTPUT');
    await page.getByRole('button', { name: 'Show in Rules' }).click();
    const acting = page.getByRole('tabpanel').locator('.line.acting');
    await expect(acting).toHaveCount(1);
    await expect(acting).toContainText('redirect to :15001');
    await expect(page.getByRole('tabpanel')).toContainText('table inet istio-ambient-nat');
  });
});
