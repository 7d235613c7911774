import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return r.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 4)
        .join(' | ')}`,
  );
}

for (const theme of ['light', 'dark'] as const) {
  for (const [view, query] of [
    ['full view', ''],
    ['embed view', '&embed=1'],
    ['presenter view', '&present=1'],
  ] as const) {
    for (const hop of [1, 24]) {
      test(`axe finds nothing: ${view}, ${theme}, hop ${hop}`, async ({ page }) => {
        await page.goto(`./?theme=${theme}&detail=full&hop=${hop}&motion=reduce${query}`);
        await expect(page.locator('.diagram-caption')).toContainText(`hop ${hop} of`);
        expect(await axe(page)).toEqual([]);
      });
    }
  }
}

test('a whole walk with the keyboard alone, narrated in a polite status region', async ({
  page,
}) => {
  await page.goto('./?detail=full&policy=deny-l4');
  const status = page
    .getByRole('status')
    .filter({ has: page.locator('[data-testid="announcer"]') })
    .or(page.getByTestId('announcer'));
  await expect(page.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
  // Tab to the playback controls and use them, then finish with the arrow keys.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (
      await page
        .getByRole('button', { name: 'Next hop', exact: true })
        .evaluate((b) => b === document.activeElement)
    )
      break;
  }
  await expect(page.getByRole('button', { name: 'Next hop', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('announcer')).toContainText('Hop 2 of');
  await page.locator('body').focus();
  for (let i = 0; i < 80; i++) {
    if (await page.getByRole('button', { name: 'Next hop', exact: true }).isDisabled()) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.getByTestId('announcer')).toContainText('Denied at L4');
  await expect(
    page.getByRole('list', { name: 'Hops' }).locator('[aria-current="step"]'),
  ).toContainText('curl: (56)');
  void status;
});

test('focus is always visible', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(outline).toMatch(/solid 3px/);
});

test('reduced motion: the packet jumps with a highlight instead of moving', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./?detail=full');
  await expect(page.locator('.arrival-ring')).toHaveCount(1);
  const place = () =>
    page.locator('g.packet').evaluate((el) => ({
      transform: (el as SVGGElement).style.transform,
      animations: el.getAnimations().length,
    }));
  const before = await place();
  await page.getByRole('button', { name: 'Next hop', exact: true }).click();
  await page.getByRole('button', { name: 'Next hop', exact: true }).click();
  // No animation in between: the very next read is the final place, and nothing runs.
  const after = await place();
  expect(after.transform).not.toBe(before.transform);
  expect(after.animations).toBe(0);
  await page.waitForTimeout(400);
  expect(await place()).toEqual(after);
});

test('axe finds nothing with the Config tab, a policy and the embed dialog open (dark)', async ({
  page,
}) => {
  await page.goto('./?theme=dark&panel=config&policy=deny-l7&waypoint=httpbin&motion=reduce');
  await expect(page.getByRole('tabpanel')).toContainText('AuthorizationPolicy');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Embed this walk' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('axe finds nothing in the embed with Hop details open in its scrolling box (light and dark)', async ({
  page,
}) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(`./?theme=${theme}&detail=full&hop=20&motion=reduce&embed=1`);
    await page.locator('summary', { hasText: 'Hop details' }).click();
    await expect(page.locator('.embed-details-box #hop-details-title')).toBeVisible();
    expect(await axe(page)).toEqual([]);
  }
});

test('axe finds nothing in the Embed dialog on each platform’s tab, with the preview open', async ({
  page,
}) => {
  test.setTimeout(60_000);
  for (const theme of ['light', 'dark']) {
    await page.goto(`./?theme=${theme}&motion=reduce`);
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this walk' });
    await dialog.locator('summary', { hasText: 'Preview' }).click();
    await expect(dialog.locator('.embed-preview iframe')).toBeVisible();
    await dialog.getByLabel('Parent origin (optional)').fill('not an origin');
    for (const tab of ['HTML', 'Hugo', 'Docusaurus']) {
      await dialog.getByRole('tab', { name: tab }).click();
      expect(await axe(page), `${theme}, ${tab}`).toEqual([]);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
});
