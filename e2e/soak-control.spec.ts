import { expect, test } from './test';
import { soak } from '../scripts/lib/leak.mjs';
import { serve, type Served } from './servers';

// The soak's leak detector (scripts/lib/leak.mjs, the code `npm run soak` runs) must catch a
// page that leaks, or the soak's pass means nothing; and it must pass the same page when it
// cleans up, or its fail means nothing.
let fixtures: Served;
test.beforeAll(async () => {
  fixtures = await serve({ root: 'e2e/fixtures' });
});
test.afterAll(async () => fixtures.close());

for (const leak of [true, false]) {
  test(`the soak detector ${leak ? 'catches a leaking page' : 'passes the same page without the leak'}`, async ({
    page,
  }) => {
    await page.goto(`${fixtures.url}leaky.html?leak=${leak ? 1 : 0}`);
    const cdp = await page.context().newCDPSession(page);
    const result = await soak(cdp, {
      walks: 200,
      batch: 50,
      runBatch: (from: number, to: number) =>
        page.evaluate(
          (range) =>
            (window as unknown as { runWalks: (r: object) => Promise<void> }).runWalks(range),
          { from, to },
        ),
    });
    if (leak) {
      expect(result.verdict.ok).toBe(false);
      expect(result.verdict.problems.join('\n')).toMatch(/heap grew/);
      expect(result.verdict.problems.join('\n')).toMatch(/DOM nodes/);
      expect(result.verdict.problems.join('\n')).toMatch(/event listeners/);
    } else {
      expect(result.verdict.problems).toEqual([]);
    }
  });
}
