import { readFileSync } from 'node:fs';
import type { ReplayPath, UiStep } from '../src/machine/replayPlan';
import { expect, test, type Page } from './test';

/**
 * Replays, through the real page, the shortest path to every state of the packet machine
 * (src/machine/replayPlan.ts writes them to the fixture with xstate/graph) and checks the page
 * ends where the machine says: the same hop, the same lifecycle state, playing or paused.
 * Only the plan's types come from the source tree (erased when the spec runs).
 */

const plan = JSON.parse(
  readFileSync(new URL('./fixtures/machine-paths.json', import.meta.url), 'utf8'),
) as ReplayPath[];

const BUTTONS = {
  next: 'Next hop',
  prev: 'Previous hop',
  first: 'First hop',
  last: 'Last hop',
} as const;

async function perform(page: Page, step: UiStep): Promise<void> {
  if (typeof step === 'string') {
    if (step === 'play-pause') {
      await page
        .getByRole('toolbar', { name: 'Playback' })
        .getByRole('button', { name: /^(Play|Pause)$/ })
        .click();
    } else {
      await page.getByRole('button', { name: BUTTONS[step], exact: true }).click();
    }
  } else if ('hop' in step) {
    await page
      .getByRole('list', { name: 'Hops' })
      .getByRole('listitem')
      .nth(step.hop - 1)
      .getByRole('button')
      .click();
  } else {
    await page
      .getByRole('radio', { name: step.detail === 'overview' ? 'Overview' : 'Every hop' })
      .check();
  }
}

function title(p: ReplayPath): string {
  const scenario = Object.entries(p.scenario)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const steps = p.steps.map((s) => (typeof s === 'string' ? s : JSON.stringify(s))).join(' → ');
  return `${scenario || 'default'}: ${steps} ends in ${p.expect.lifecycle} (${p.expect.playing ? 'playing' : 'paused'}, ${p.expect.detail})`;
}

// One browser page per scenario keeps the 68 paths quick; each path starts from a fresh load.
const byScenario = new Map<string, ReplayPath[]>();
for (const p of plan) {
  const key = JSON.stringify(p.scenario);
  byScenario.set(key, [...(byScenario.get(key) ?? []), p]);
}

test.describe('the packet machine, replayed through the UI', () => {
  test('the plan covers every scenario it was made for', () => {
    expect(byScenario.size).toBeGreaterThanOrEqual(3);
    expect(plan.length).toBeGreaterThan(40);
  });

  for (const [key, paths] of byScenario) {
    test(`every state of ${key}`, async ({ page }) => {
      test.setTimeout(120_000);
      // At 0.25× a step lasts six seconds: long enough that playing never moves the packet
      // between the last click and the check.
      const params = new URLSearchParams({
        ...(JSON.parse(key) as Record<string, string>),
        detail: 'overview',
        speed: '0.25',
      });
      for (const p of paths) {
        await test.step(title(p), async () => {
          await page.goto(`./?${params.toString()}`);
          await expect(page.locator('.stage')).toHaveAttribute('data-lifecycle', /.+/);
          for (const s of p.steps) await perform(page, s);
          await expect(page.getByRole('slider', { name: /^(Hop|Step)$/ })).toHaveAttribute(
            'aria-valuetext',
            new RegExp(`, hop ${p.expect.hop} of \\d+:`),
          );
          await expect(page.locator('.stage')).toHaveAttribute(
            'data-lifecycle',
            p.expect.lifecycle,
          );
          await expect(
            page
              .getByRole('toolbar', { name: 'Playback' })
              .getByRole('button', { name: p.expect.playing ? 'Pause' : 'Play', exact: true }),
          ).toBeVisible();
          await expect(
            page.getByRole('radio', {
              name: p.expect.detail === 'overview' ? 'Overview' : 'Every hop',
            }),
          ).toBeChecked();
        });
      }
    });
  }
});
