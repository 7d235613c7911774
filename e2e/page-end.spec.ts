// The page ends where its content ends. The Rules panel's visually hidden notes ("acted at
// this hop"), absolutely positioned inside a scroll box that was not their containing block,
// sat where the unscrolled listing put them, and the page scrolled on into 1,500 px of blank.
import { blankBelow } from './layoutChecks';
import { expect, test } from './test';

for (const [what, query] of [
  ['the default walk', ''],
  ['hop 6 of every hop, the Rules panel marking a line far down its listing', '?detail=full&hop=6'],
  ['hop 30 of the waypoint walk', '?waypoint=httpbin&detail=full&hop=30'],
  ['the Config panel', '?panel=config&policy=deny-l7'],
] as const) {
  test(`no blank scroll past the page's end: ${what}`, async ({ page }) => {
    await page.goto(`./${query}`);
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading');
    await expect(page.locator('.rules-scroll, .config-panel').first()).toBeVisible();
    expect(await blankBelow(page)).toBe(0);
  });
}

test('the check finds a page that scrolls on past its content', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
  expect(await blankBelow(page)).toBe(0);
  await page.evaluate(() => {
    const stray = document.createElement('span');
    stray.textContent = 'stray';
    stray.style.cssText = 'position: absolute; top: 4000px; left: 0';
    document.body.append(stray);
  });
  expect(await blankBelow(page)).toBeGreaterThan(1000);
});
