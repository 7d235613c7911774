// The specs' `test`: Playwright's, with one change. After `page.goto`, it waits until the app
// has taken over from the pre-rendered first view in index.html (which is inert and replaced
// a moment after the first paint), so a key pressed or a locator read right after a load acts
// on the live page.
import { test as base } from '@playwright/test';

export { expect, type Page } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await page.waitForFunction(() => !document.querySelector('#root > .prerendered'));
      return response;
    };
    await use(page);
  },
});
