// Phones and tablets, as a phone shows the page (a touch screen, the page zoomed out to fit
// when it is wider than the screen): nothing wider than the screen, the hop's caption and the
// Next button on the first screen, a playback bar that stays in view, 44 px touch targets.
import { horizontalOverflow, onScreen, smallTargets } from './layoutChecks';
import { expect, test, type Page } from './test';

const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
] as const;

const SCENARIOS = [
  ['the default walk', ''],
  ['waypoints for both', 'waypoint=both'],
  ['eBPF at Istio 1.20', 'redirect=ebpf&istio=1.20'],
  ['same node', 'placement=same-node'],
  ['DNS capture on', 'dns=on'],
  ['sleep outside the mesh', 'source=outside'],
] as const;

const next = (page: Page) => page.getByRole('button', { name: 'Next hop', exact: true });
const caption = (page: Page) => page.locator('.diagram-caption');

/** Scrolls the page so that `selector` is at the top, as a reader scrolling down would. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((el) => {
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
  });
}

/** The first screen, then scrolled to the hop details and to the reference at the foot. */
async function checkScreens(page: Page, width: number): Promise<void> {
  expect(await horizontalOverflow(page, width)).toEqual([]);
  expect(await onScreen(page.locator('.diagram-caption .caption-title'))).toBe('ok');
  expect(await onScreen(next(page))).toBe('ok');
  for (const part of ['.hop-details', '#reference']) {
    await scrollTo(page, part);
    await expect(page.locator('#reference')).toBeAttached();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await onScreen(next(page)), `the bar, scrolled to ${part}`).toBe('ok');
  }
  // And it works from there.
  const before = await caption(page).textContent();
  await next(page).click();
  await expect(caption(page)).not.toHaveText(before ?? '');
  expect(await horizontalOverflow(page, width)).toEqual([]);
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size, isMobile: true, hasTouch: true });

    for (const [name, query] of SCENARIOS) {
      test(`${name}: nothing wider than the screen; caption and Next on the first screen; the bar stays in view`, async ({
        page,
      }) => {
        await page.goto(`./?${query}`);
        await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
        await checkScreens(page, size.width);
      });
    }

    test('every hop of the default walk, and every panel: nothing wider than the screen', async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await page.goto('./?detail=full&motion=reduce');
      await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
      const total = Number(/hop \d+ of (\d+)/.exec((await caption(page).textContent()) ?? '')?.[1]);
      expect(total).toBeGreaterThan(30);
      for (let hop = 1; hop <= total; hop++) {
        await expect(caption(page)).toContainText(`hop ${hop} of ${total}`);
        expect(await horizontalOverflow(page, size.width), `hop ${hop}`).toEqual([]);
        if (hop < total) await next(page).click();
      }
      // Every disclosure open, the scenario's toggles unfolded, then the Config panel.
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => (d.open = true)),
      );
      const fold = page.getByRole('button', { name: /^Scenario/ });
      if (await fold.isVisible()) await fold.click();
      await expect(page.getByRole('radio', { name: 'eBPF' })).toBeVisible();
      expect(await horizontalOverflow(page, size.width), 'disclosures open').toEqual([]);
      await page.getByRole('tab', { name: 'Config' }).click();
      await expect(page.getByRole('tabpanel')).toContainText('ztunnel');
      expect(await horizontalOverflow(page, size.width), 'the Config panel').toEqual([]);
      await page.getByRole('button', { name: 'Keys', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
      expect(await horizontalOverflow(page, size.width), 'the keyboard help').toEqual([]);
    });

    test('every control is a 44 px touch target', async ({ page }) => {
      await page.goto('./?detail=full&hop=6&waypoint=httpbin');
      await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => (d.open = true)),
      );
      const fold = page.getByRole('button', { name: /^Scenario/ });
      if (await fold.isVisible()) await fold.click();
      expect(await smallTargets(page, 44)).toEqual([]);
    });
  });
}

test.describe('whole path', () => {
  test.use({ viewport: SIZES[1], isMobile: true, hasTouch: true });

  test('a phone shows the whole path at once, and then follows the packet again', async ({
    page,
  }) => {
    await page.goto('./?waypoint=httpbin&detail=full&hop=30');
    const toggle = page.getByRole('button', { name: 'Whole path' });
    const svg = page.locator('.diagram-svg');
    await expect(svg).toHaveAttribute('data-orientation', 'portrait');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(svg).toHaveAttribute('data-orientation', 'landscape');
    // Both nodes, and the waypoint, wholly inside the drawing on the screen.
    const frame = await svg.boundingBox();
    for (const box of [
      'g.box[data-netns="ambient-worker/sleep"] rect',
      'g.box[data-netns="ambient-worker2/httpbin"] rect',
      'g.box-waypoint rect',
    ]) {
      const b = await page.locator(box).first().boundingBox();
      expect(b && frame, box).toBeTruthy();
      expect(b!.x).toBeGreaterThanOrEqual(frame!.x - 0.5);
      expect(b!.x + b!.width).toBeLessThanOrEqual(frame!.x + frame!.width + 0.5);
      expect(b!.y).toBeGreaterThanOrEqual(frame!.y - 0.5);
      expect(b!.y + b!.height).toBeLessThanOrEqual(frame!.y + frame!.height + 0.5);
    }
    expect(await horizontalOverflow(page, SIZES[1].width)).toEqual([]);
    await next(page).click();
    await expect(caption(page)).toContainText('hop 31 of');
    await toggle.click();
    await expect(svg).toHaveAttribute('data-orientation', 'portrait');
    await expect(caption(page)).toContainText('hop 31 of');
  });
});

test.describe('whole path on a wide screen', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('there is no toggle: the diagram always shows the whole path', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.diagram-svg')).toHaveAttribute('data-orientation', 'landscape');
    await expect(page.getByRole('button', { name: 'Whole path' })).toBeHidden();
  });
});

test.describe('the checks can fail', () => {
  test.use({ viewport: SIZES[1], isMobile: true, hasTouch: true });

  test('a wide element is found; a wide listing in its own scroll box is not', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
    await page.evaluate(() => {
      const held = document.createElement('div');
      held.style.overflowX = 'auto';
      held.innerHTML = '<pre style="width: 1500px">a long line</pre>';
      document.querySelector('.hop-details')!.append(held);
    });
    expect(await horizontalOverflow(page, 390)).toEqual([]);
    await page.evaluate(() => {
      const wide = document.createElement('div');
      wide.className = 'too-wide';
      wide.style.width = '900px';
      wide.textContent = 'wider than the screen';
      document.querySelector('.walk-summary')!.append(wide);
    });
    const found = await horizontalOverflow(page, 390);
    expect(found.join('\n')).toContain('div.too-wide');
    // A phone zooms out to the page's width: the layout viewport grows with it.
    expect(found.join('\n')).toMatch(/the (document|layout viewport) is \d+ px wide/);
  });

  test('a bar that does not stick leaves Next off the first screen and behind when scrolled', async ({
    page,
  }) => {
    await page.goto('./');
    await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
    await page.addStyleTag({ content: '.app .playback { position: static !important; }' });
    expect(await onScreen(next(page))).toMatch(/not wholly on the screen/);
    await scrollTo(page, '#reference');
    expect(await onScreen(next(page))).toMatch(/not wholly on the screen/);
  });

  test('a caption pushed down to the bar, or below the screen, is found', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
    const title = page.locator('.diagram-caption .caption-title');
    const spacer = await page.evaluateHandle(() => {
      const div = document.createElement('div');
      document.querySelector('main')!.prepend(div);
      return div;
    });
    const push = async (px: number): Promise<string> => {
      await spacer.evaluate((div, px) => ((div as HTMLElement).style.height = `${px}px`), px);
      return onScreen(title);
    };
    // The bar's top, then the screen's foot, just under the title's middle.
    const { bar, middle } = await title.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        bar: document.querySelector('.app .playback')!.getBoundingClientRect().top,
        middle: (r.top + r.bottom) / 2,
      };
    });
    expect(await push(0)).toBe('ok');
    expect(await push(Math.ceil(bar - middle) + 2)).toMatch(/^covered by div\.playback/);
    expect(await push(1000)).toMatch(/^not wholly on the screen/);
  });

  test('a 20 px button is found too small to touch', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
    const before = await smallTargets(page, 44);
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.textContent = 'tiny';
      b.style.cssText = 'width: 20px; height: 20px; min-height: 0; min-width: 0; padding: 0';
      document.querySelector('main')!.prepend(b);
    });
    const after = await smallTargets(page, 44);
    expect(after.filter((t) => !before.includes(t))).toEqual(['button “tiny” 20×20']);
  });
});
