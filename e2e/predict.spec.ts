// Predict mode on the default walk: a question before each step's hop, choices from the model,
// the why and the right answer after a wrong choice, a score, keyboard only, and axe clean.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const panel = (page: Page) => page.getByTestId('predict');
const feedback = (page: Page) => page.getByTestId('predict-feedback');
const score = (page: Page) => page.getByTestId('predict-score');
const choices = (page: Page) => panel(page).locator('.predict-choice');
const shot = (page: Page, name: string) =>
  process.env.SHOTS ? page.screenshot({ path: `e2e/shots/${name}.png` }) : Promise.resolve();

test('a wrong choice shows the why and the right answer, and the score counts', async ({
  page,
}) => {
  await page.goto('./?predict=1');
  await expect(panel(page).getByRole('heading')).toHaveText(/next\?$/);
  await expect(score(page)).toHaveText('Score: 0 of 0');
  // Answer each question with its last choice until one is wrong (the order is seeded, so this
  // is the same run every time).
  let asked = 0;
  let right = 0;
  for (;;) {
    const n = await choices(page).count();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(4);
    await choices(page)
      .nth(n - 1)
      .click();
    asked++;
    await expect(feedback(page)).toContainText('Why:');
    if ((await feedback(page).textContent())?.startsWith('Right')) {
      right++;
      await expect(score(page)).toHaveText(`Score: ${right} of ${asked}`);
      await page.getByRole('button', { name: 'Show the hop' }).click();
      continue;
    }
    break;
  }
  const answer = (await panel(page).locator('.predict-choice.is-right').textContent()) ?? '';
  expect(answer.length).toBeGreaterThan(0);
  await expect(feedback(page)).toContainText(`Not quite. The answer is ${answer}.`);
  await expect(feedback(page).locator('.predict-why')).not.toHaveText('Why: ');
  await expect(score(page)).toHaveText(`Score: ${right} of ${asked}`);
  await shot(page, 'predict-laptop-light');
  // The hop shown next is the one asked about: the caption's step moves on.
  const before = await page.locator('.diagram-caption .step-counter').textContent();
  await page.getByRole('button', { name: 'Show the hop' }).click();
  await expect(page.locator('.diagram-caption .step-counter')).not.toHaveText(before ?? '');
});

test('the whole walk can be done with the keyboard alone', async ({ page }) => {
  await page.goto('./?predict=1&theme=dark');
  // Tab to the first choice.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('predict-choice')))
      break;
  }
  let asked = 0;
  for (; asked < 20; asked++) {
    if ((await panel(page).getByRole('heading').textContent()) === 'The walk is done.') break;
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('predict-choice')),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await expect(feedback(page)).toContainText('Why:');
    await expect(page.getByRole('button', { name: 'Show the hop' })).toBeFocused();
    if (asked === 2) await shot(page, 'predict-laptop-dark');
    await page.keyboard.press('Enter');
  }
  // Nine overview steps: the walk opens at the first, and each of the other eight is asked.
  expect(asked).toBe(8);
  await expect(score(page)).toHaveText(/Score: \d of 8/);
});

for (const theme of ['light', 'dark'] as const)
  test(`axe reports nothing with a question and its feedback (${theme})`, async ({ page }) => {
    await page.goto(`./?predict=1&theme=${theme}`);
    await expect(choices(page).first()).toBeVisible();
    const before = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(before.violations.map((v) => v.id)).toEqual([]);
    await choices(page).first().click();
    await expect(feedback(page)).toContainText('Why:');
    const after = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(
      after.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
  });

test('on a phone the question fits the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?predict=1');
  await choices(page).first().click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await panel(page).scrollIntoViewIfNeeded();
  await shot(page, 'predict-phone-light');
});
