import { expect, test, type Page } from './test';

/**
 * Every diagram label's size on screen, in CSS px: its font size times the scale the SVG is
 * drawn at (its box over its viewBox, as the browser fits it), times the zoom. The packet's own
 * drawing is left out: it is not a label.
 */
async function labelSizes(page: Page): Promise<number[]> {
  return page.locator('svg.diagram-svg').evaluate((svg: SVGSVGElement) => {
    const vb = svg.viewBox.baseVal;
    const r = svg.getBoundingClientRect();
    const fit = Math.min(r.width / vb.width, r.height / vb.height);
    const zoom = (svg.querySelector('.zoom-layer') as SVGGElement | null)?.transform.baseVal;
    const k = zoom && zoom.numberOfItems > 1 ? zoom.getItem(1).matrix.a : 1;
    return [...svg.querySelectorAll('text')]
      .filter((t) => !t.closest('.packet') && t.getClientRects().length > 0)
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * fit * k);
  });
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Whether the packet's drawing on screen covers the text of the port the hop is at. */
async function packetCoversActiveLabel(page: Page): Promise<boolean> {
  return page.locator('svg.diagram-svg').evaluate((svg) => {
    const packet = svg.querySelector('.packet .band-ip')?.getBoundingClientRect();
    const label = svg.querySelector('.port.active text')?.getBoundingClientRect();
    if (!packet || !label) return false;
    return (
      packet.left < label.right &&
      label.left < packet.right &&
      packet.top < label.bottom &&
      label.top < packet.bottom
    );
  });
}

// Readable from the back of a room (issue 11): at a projector's 1920x1080 the median label is
// 20 px and none is under 14 px; at a laptop's 1366x768, 14 and 10 px.
const SIZES = [
  { width: 1920, height: 1080, median: 20, least: 14 },
  { width: 1366, height: 768, median: 14, least: 10 },
  { width: 1280, height: 720, median: 13, least: 10 },
] as const;

test.describe('presenter mode at projector sizes', () => {
  for (const { width, height, median: m, least } of SIZES) {
    test(`labels read from the room at ${width}x${height}: median ≥ ${m} px, none under ${least} px`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await page.goto('./?present=1');
      await expect(page.locator('svg.diagram-svg')).toHaveAttribute('data-labels', 'room');
      const sizes = await labelSizes(page);
      expect(sizes.length).toBeGreaterThan(20);
      expect(median(sizes)).toBeGreaterThanOrEqual(m);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(least);
      // The whole presenter is one screen: the bar is on it, nothing scrolls.
      await expect(page.getByRole('toolbar', { name: 'Presenter controls' })).toBeInViewport({
        ratio: 1,
      });
      const scrolls = await page
        .locator('.presenter')
        .evaluate((e) => e.scrollHeight > e.clientHeight + 1);
      expect(scrolls).toBe(false);
    });
  }

  test('scale enlarges the diagram labels and the type, it does not shrink them', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('./?present=1');
    const plain = median(await labelSizes(page));
    const title = async (): Promise<number> =>
      page.locator('.caption-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const plainTitle = await title();
    await page.goto('./?present=1&scale=1.5');
    await expect(page.locator('svg.diagram-svg')).toHaveAttribute('data-labels', 'room');
    expect(median(await labelSizes(page))).toBeGreaterThan(plain * 1.05);
    // The text around the diagram grows less (by the square root), leaving it the screen.
    expect(await title()).toBeCloseTo(plainTitle * Math.sqrt(1.5), 0);
  });

  test('the hop title grows with the screen', async ({ page }) => {
    const title = async (): Promise<number> =>
      page.locator('.caption-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('./?present=1');
    const laptop = await title();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const projector = await title();
    expect(laptop).toBeGreaterThanOrEqual(22);
    expect(projector).toBeGreaterThanOrEqual(30);
  });

  test('the packet never covers the interface name of the hop it is at', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?present=1&detail=full&hop=1&motion=reduce');
    let ports = 0;
    for (let hop = 1; hop <= 49; hop++) {
      if ((await page.locator('.port.active text').count()) > 0) {
        ports++;
        expect(await packetCoversActiveLabel(page), `hop ${hop}`).toBe(false);
      }
      await page.keyboard.press('PageDown');
    }
    expect(ports).toBeGreaterThan(5);
  });

  for (const theme of ['light', 'dark'] as const)
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const)
      test(`screenshot at ${width}x${height}, ${theme}`, async ({ page }, info) => {
        await page.setViewportSize({ width, height });
        await page.goto(`./?present=1&theme=${theme}&detail=full&hop=3&motion=reduce`);
        await expect(page.locator('svg.diagram-svg')).toHaveAttribute('data-labels', 'room');
        await expect(page.locator('.diagram-caption .caption-step')).toContainText('hop 3 of');
        await page.screenshot({ path: info.outputPath(`presenter-${width}-${theme}.png`) });
      });
});
