import { expect, test, type Page } from './test';

/** The packet's centre on screen, once it has stopped moving. */
async function packetCentre(page: Page): Promise<{ x: number; y: number }> {
  const packet = page.locator('g.packet');
  let last = { x: NaN, y: NaN };
  for (let i = 0; i < 40; i++) {
    const box = await packet.boundingBox();
    const now = box
      ? { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }
      : last;
    if (now.x === last.x && now.y === last.y) return now;
    last = now;
    await page.waitForTimeout(60);
  }
  return last;
}

test.describe('the visualizer', () => {
  test('steps with the buttons and the keys; the packet moves and the URL follows', async ({
    page,
  }) => {
    await page.goto('./?detail=full');
    const start = await packetCentre(page);
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page).toHaveURL(/hop=2/);
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page).toHaveURL(/hop=3/);
    const moved = await packetCentre(page);
    expect(moved).not.toEqual(start);
    await page.locator('body').press('ArrowRight');
    await expect(page).toHaveURL(/hop=4/);
    await expect(page.getByRole('region', { name: 'Hop details' })).toContainText('marks it 0x100');
    await page.locator('body').press('ArrowLeft');
    await expect(page).toHaveURL(/hop=3/);
    await page.locator('body').press('PageDown');
    await expect(page).toHaveURL(/hop=4/);
    await page.locator('body').press('End');
    await expect(
      page.getByRole('list', { name: 'Hops' }).locator('[aria-current="step"]'),
    ).toContainText('httpbin receives GET /get');
    const end = await packetCentre(page);
    const httpbin = await page
      .locator('g.box[data-netns="ambient-worker2/httpbin"] rect')
      .boundingBox();
    expect(httpbin).not.toBeNull();
    expect(end.x).toBeGreaterThan(httpbin!.x);
    expect(end.x).toBeLessThan(httpbin!.x + httpbin!.width);
    expect(end.y).toBeGreaterThan(httpbin!.y);
    expect(end.y).toBeLessThan(httpbin!.y + httpbin!.height);
    await page.locator('body').press('Home');
    await expect(page).not.toHaveURL(/hop=/);
  });

  test('a reload restores the hop, the scenario and the open panel', async ({ page }) => {
    await page.goto('./?waypoint=httpbin&detail=full&hop=12');
    await page.getByRole('tab', { name: 'Config' }).click();
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page).toHaveURL(/hop=13/);
    await expect(page).toHaveURL(/panel=config/);
    const title = await page.locator('#hop-details-title').textContent();
    await page.reload();
    await expect(page.locator('#hop-details-title')).toHaveText(title ?? '');
    await expect(page.getByRole('radio', { name: 'httpbin', exact: true })).toBeChecked();
    await expect(page.getByRole('tab', { name: 'Config' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByRole('tabpanel')).toContainText('"waypointAddresses": ["10.244.2.6"]');
  });

  test('plays and pauses; Space toggles', async ({ page }) => {
    await page.goto('./?detail=full&speed=4');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await expect
      .poll(() => Number(new URL(page.url()).searchParams.get('hop') ?? '1'), { timeout: 5000 })
      .toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // Paused: the hop stays put (read from the scrubber; the address follows a moment later).
    const scrubber = page.getByRole('slider', { name: 'Hop' });
    const at = await scrubber.getAttribute('aria-valuetext');
    await page.waitForTimeout(800);
    await expect(scrubber).toHaveAttribute('aria-valuetext', at ?? '');
    await expect(page).toHaveURL(new RegExp(`hop=${/hop (\d+) of/.exec(at ?? '')?.[1]}&`));
    await page.locator('body').press('Space');
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await page.locator('body').press('Space');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  });

  test('toggling redirect morphs the diagram: GENEVE pipes in iptables mode, eBPF badges in eBPF mode', async ({
    page,
  }) => {
    await page.goto('./');
    const geneve = page.locator('g.link-geneve:not(.gone)');
    const ebpf = page.locator('g.badge-ebpf:not(.gone)');
    await expect(geneve).toHaveCount(4);
    await expect(ebpf).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText(
      'GENEVE encap on istioout',
    );
    await page.getByRole('radio', { name: 'eBPF' }).check();
    await expect(geneve).toHaveCount(0);
    await expect(ebpf).toHaveCount(8);
    await expect(page.getByRole('list', { name: 'Hops' })).toContainText('app_outbound');
    await expect(page.getByRole('list', { name: 'Hops' })).not.toContainText('GENEVE');
  });

  test('the Rules panel highlights the rule named in Hop details', async ({ page }) => {
    await page.goto('./?detail=full&hop=4');
    const rule = await page.getByLabel('Acting rule or decision').textContent();
    await page.getByRole('button', { name: 'Show in Rules' }).click();
    const mark = page.getByRole('tabpanel').locator('.line.acting mark');
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText(`${rule}`);
    await expect(mark).toBeInViewport();
  });

  test('Show in Rules before the lower part has loaded scrolls there once it has', async ({
    page,
  }) => {
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/assets\/Below-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('./?detail=full&hop=4');
    await page.getByRole('button', { name: 'Show in Rules' }).click();
    await expect(page.locator('#reference')).toHaveCount(0);
    release();
    await expect(page.getByRole('tabpanel').locator('.line.acting mark')).toBeInViewport();
  });

  test("the overview level: nine stops for the article's nine steps, one counter", async ({
    page,
  }) => {
    await page.goto('./');
    const step = page.locator('.diagram-caption .caption-step');
    const next = page.getByRole('button', { name: 'Next hop', exact: true });
    const names: string[] = [];
    for (let k = 1; k <= 9; k++) {
      await expect(step).toContainText(`Step ${k} of 9`);
      names.push((await step.textContent()) ?? '');
      if (k < 9) await next.click();
    }
    await expect(step).toContainText('hop 49 of 49');
    await expect(next).toBeDisabled();
    expect(names.some((s) => s.includes('steered to the local ztunnel'))).toBe(true);
    // One counter on the page: the playback bar no longer has its own.
    await expect(page.locator('.playback .step-counter')).toHaveCount(0);
  });

  test('each overview stop is compared with the previous stop: the GENEVE tunnel the step folds shows as added', async ({
    page,
  }) => {
    await page.goto('./');
    const step = page.locator('.diagram-caption .caption-step');
    for (let k = 1; k < 3; k++)
      await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(step).toContainText('Step 3 of 9');
    const details = page.locator('.hop-details');
    await expect(details.locator('.packet-table tr.layer-geneve.changed').first()).toBeVisible();
    const folded = details.locator('.folded-hops li');
    await expect(folded).not.toHaveCount(0);
    // Each folded hop is a way to it (the list is numbered by hop).
    const hop = await folded
      .nth(2)
      .evaluate((li) => (li.parentElement as HTMLOListElement).start + 2);
    await folded.nth(2).getByRole('button').click();
    await expect(step).toContainText(`hop ${hop} of 49`);
    await expect(step).toContainText('Step 3 of 9');
  });

  test('switching the mode keeps the step, not the hop number', async ({ page }) => {
    await page.goto('./');
    const step = page.locator('.diagram-caption .caption-step');
    for (let k = 1; k < 3; k++)
      await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(step).toContainText('Step 3 of 9');
    await page.getByRole('radio', { name: /eBPF/ }).check();
    await expect(page).toHaveURL(/redirect=ebpf/);
    await expect(step).toContainText('steered to the local ztunnel');
  });
});
