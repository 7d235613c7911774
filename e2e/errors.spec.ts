import { expect, test } from './test';

test.describe('when something breaks', () => {
  test('a rendering error shows a message and "Reset view" clears the URL state', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The production build throws while this flag is set and the view is away from where the
    // walk opens.
    await page.addInitScript(() => {
      (window as { __AMBIENT_WALK_FAIL_RENDER__?: string }).__AMBIENT_WALK_FAIL_RENDER__ =
        'forced by the e2e test';
    });
    await page.goto('./?waypoint=httpbin&detail=full&hop=5');
    const alert = page.getByRole('alert');
    await expect(
      alert.getByRole('heading', { name: 'Something went wrong drawing this view' }),
    ).toBeVisible();
    await expect(alert).toContainText('forced by the e2e test');
    await expect(page.locator('g.box')).toHaveCount(0);

    await alert.getByRole('link', { name: 'Reset view' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('g.box').first()).toBeVisible();
    await expect(page).toHaveURL((u) => u.search === '');
    // Reset opens the default walk where it opens: overview, the end of step 1.
    await expect(page.getByRole('slider', { name: 'Step' })).toHaveAttribute(
      'aria-valuetext',
      /^Step 1 of 9, hop 3 of \d+:/,
    );
    // The waypoint the URL asked for is gone with the rest of the URL state.
    await expect(page.locator('g.box:not(.gone)[data-netns*="waypoint"]')).toHaveCount(0);
    // Control: the same selector does find the waypoint when the URL asks for one.
    await page.goto('./?waypoint=httpbin');
    await expect(page.locator('g.box:not(.gone)[data-netns*="waypoint"]').first()).toBeVisible();
    // React reports a caught render error to the console, not as an uncaught page error.
    expect(errors).toEqual([]);
  });

  test('a part that cannot load says so, and the diagram keeps working', async ({ page }) => {
    await page.route(/\/assets\/Below-[^/]+\.js$/, (route) => route.abort());
    await page.goto('./?detail=full');
    await expect(page.getByRole('alert')).toContainText(
      'The hop list and the reference could not be shown',
    );
    await expect(
      page.getByRole('alert').getByRole('link', { name: 'Reload the page' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Next hop', exact: true }).click();
    await expect(page).toHaveURL(/hop=2/);
    await expect(page.getByRole('region', { name: 'Hop details' })).toBeVisible();
  });
});
