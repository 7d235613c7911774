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
    // A clicker's press while the screen is black shows it again; it does not move unseen.
    await page.keyboard.press('b');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    await expect(caption).toContainText('hop 2 of 49');
    await page.keyboard.press('.');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    // The checkbox keeps focus after a click: the clicker's keys still reach the walk.
    await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).uncheck();
    await expect(page.getByRole('checkbox', { name: 'Single-key shortcuts' })).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect(caption).toContainText('hop 3 of 49');
    await page.keyboard.press('PageUp');
    await expect(caption).toContainText('hop 2 of 49');
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
    // The text grows by the square root of scale (the diagram's labels by scale itself).
    expect(large).toBeCloseTo(small * Math.SQRT2, 0);
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

  test("the speaker-notes window takes the clicker's keys, and its Next is what the next press shows", async ({
    page,
    context,
  }) => {
    // Overview: a press moves a whole step, so the next hop shown is not index + 1.
    await page.goto('./?present=1&detail=overview');
    const step = page.locator('.diagram-caption .caption-step');
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open speaker notes' }).click();
    const notes = await popup;
    await expect(notes.getByTestId('notes-hop')).not.toHaveText('');
    const hopShown = async (): Promise<string> =>
      (await step.textContent())?.match(/hop\s+(\d+) of/)?.[1] ?? '';
    for (const key of ['PageDown', 'ArrowRight', 'PageDown']) {
      const promised = (await notes.getByTestId('notes-next').textContent())?.match(
        /^Hop (\d+):/,
      )?.[1];
      expect(promised, key).toBeTruthy();
      await notes.keyboard.press(key);
      await expect.poll(hopShown, key).toBe(promised);
      await expect(notes.getByTestId('notes-hop')).toHaveText(promised!);
    }
    const before = await hopShown();
    await notes.keyboard.press('PageUp');
    await expect.poll(hopShown).not.toBe(before);
    // B in the notes blacks the main screen out; the notes say so, and the next press only
    // shows the screen again.
    const at = await hopShown();
    await notes.keyboard.press('b');
    await expect(page.getByTestId('blackout')).toBeVisible();
    await expect(notes.getByRole('status')).toContainText('The screen is black');
    await expect(notes.getByTestId('notes-next')).toContainText(`The screen again, at hop ${at}`);
    await notes.keyboard.press('PageDown');
    await expect(page.getByTestId('blackout')).toHaveCount(0);
    expect(await hopShown()).toBe(at);
    await expect(notes.getByRole('status')).toHaveCount(0);
  });
});
