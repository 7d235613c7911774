import { expect, test } from './test';

test.describe('presenter mode', () => {
  test('clicker keys move the walk; B and . black the screen out; single-key shortcuts can be turned off', async ({
    page,
  }) => {
    await page.goto('./?present=1&detail=full');
    const caption = page.locator('.diagram-caption .caption-step');
    await expect(caption).toContainText('hop 1 of 49');
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText('hop 2 of 49');
    await page.keyboard.press('ArrowRight');
    await expect(caption).toContainText('hop 3 of 49');
    await page.keyboard.press('PageUp');
    await expect(caption).toContainText('hop 2 of 49');
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    await page.keyboard.press('.');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).uncheck();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    await page.keyboard.press('n');
    await expect(caption).toContainText('hop 2 of 49');
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText('hop 3 of 49');
  });

  test('scale makes the type larger', async ({ page }) => {
    await page.goto('./?present=1');
    const small = await page
      .locator('.presenter-narration')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.goto('./?present=1&scale=2');
    const large = await page
      .locator('.presenter-narration')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(large).toBeCloseTo(small * 2, 0);
  });

  test('the speaker-notes window follows the main window, and drives it', async ({
    page,
    context,
  }) => {
    await page.goto('./?present=1&detail=full&redirect=ebpf');
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open speaker notes' }).click();
    const notes = await popup;
    await expect(notes.getByTestId('notes-hop')).toHaveText('1');
    await expect(notes.getByRole('heading', { level: 1 })).toContainText('curl opens a connection');
    await page.bringToFront();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(notes.getByTestId('notes-hop')).toHaveText('3');
    await expect(notes.getByRole('heading', { level: 1 })).toContainText('veth eth0');
    await notes.getByRole('button', { name: 'Next hop' }).click();
    await expect(page.locator('.diagram-caption .caption-step')).toContainText('hop 4 of');
    await expect(notes.getByRole('heading', { level: 1 })).toContainText('app_outbound');
  });
});
