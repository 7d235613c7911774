import { expect, test, type Page } from './test';
import { serve, type Served } from './servers';

const WIDGET = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
let host: Served;

test.beforeAll(async () => {
  host = await serve({ root: 'e2e/fixtures' });
});
test.afterAll(async () => {
  await host.close();
});

type Msg = { origin: string; data: Record<string, unknown>; fromWidget: boolean };
const messages = (page: Page): Promise<Msg[]> =>
  page.evaluate(() => (window as unknown as { messages: Msg[] }).messages);
const ofType = async (page: Page, type: string): Promise<Msg[]> =>
  (await messages(page)).filter((m) => m.data?.type === type);

async function openHost(page: Page, query: string, waitForReady = true): Promise<void> {
  const src = `${WIDGET}?embed=1${query}`;
  await page.goto(`${host.url}host.html?src=${encodeURIComponent(src)}`);
  if (waitForReady)
    await expect.poll(async () => (await ofType(page, 'ambient-walk:ready')).length).toBe(1);
  else await expect(page.frameLocator('#walk').locator('.diagram-caption')).toBeVisible();
}

test.describe('embedded in a page on another origin', () => {
  test('says ready, sends its height (and again when it changes) and every hop', async ({
    page,
  }) => {
    await openHost(page, '&detail=full');
    const ready = await ofType(page, 'ambient-walk:ready');
    expect(ready[0]?.origin).toBe(new URL(WIDGET).origin);
    expect(ready[0]?.fromWidget).toBe(true);
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:resize')).length)
      .toBeGreaterThan(0);
    const first = (await ofType(page, 'ambient-walk:resize')).at(-1)!.data.height as number;
    expect(first).toBeGreaterThan(300);
    expect(first).toBeLessThan(2000);
    expect(
      (await messages(page)).some(
        (m) => m.data?.context === 'iframe.resize' && m.data.height === first,
      ),
    ).toBe(true);
    const hops = await ofType(page, 'ambient-walk:hop');
    expect(hops[0]?.data).toMatchObject({
      index: 0,
      hop: 1,
      title: 'curl opens a connection to 10.96.184.142:8000',
    });
    expect(hops[0]?.data.total).toBeGreaterThan(30);

    // Open the widget's hop details: the content grows, and so does the reported height.
    const frame = page.frameLocator('#walk');
    await frame.locator('summary', { hasText: 'Hop details' }).click();
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:resize')).at(-1)!.data.height as number)
      .toBeGreaterThan(first + 100);
    const iframeHeight = await page
      .locator('#walk')
      .evaluate((f) => f.getBoundingClientRect().height);
    expect(iframeHeight).toBeGreaterThan(first + 100);
  });

  for (const width of [720, 390]) {
    test(`keeps a steady height while stepping through every hop with Hop details open (${width} px column)`, async ({
      page,
    }) => {
      test.setTimeout(60_000);
      await openHost(page, '&detail=full');
      await page.locator('#walk').evaluate((f, w) => (f.style.width = `${w}px`), width);
      const frame = page.frameLocator('#walk');
      await frame.locator('summary', { hasText: 'Hop details' }).click();
      await expect(frame.locator('#hop-details-title')).toBeVisible();
      // Heights reported from here on: the one the iframe has now, and any sent while stepping.
      await page.waitForTimeout(300);
      const from = (await ofType(page, 'ambient-walk:resize')).length - 1;
      const total = (await ofType(page, 'ambient-walk:hop')).at(-1)!.data.total as number;
      for (let hop = 2; hop <= total; hop++) {
        await page.evaluate(() =>
          (window as unknown as { send: (m: unknown) => void }).send({
            type: 'ambient-walk:command',
            command: 'next',
          }),
        );
        await expect
          .poll(async () => (await ofType(page, 'ambient-walk:hop')).at(-1)?.data.hop)
          .toBe(hop);
      }
      await page.waitForTimeout(300);
      const heights = (await ofType(page, 'ambient-walk:resize'))
        .slice(from)
        .map((m) => m.data.height as number);
      // The details sit in a box of steady height and the caption keeps its lines, so the
      // height does not change at all; 2 px allows the widget's Math.ceil of a fractional
      // content height to round the other way. (Before, it swung by up to 760 px a click.)
      expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(2);
      expect(Math.min(...heights)).toBeGreaterThan(500);
    });
  }

  test('moves the packet on next and goto commands from the parent', async ({ page }) => {
    await openHost(page, '&detail=full');
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'next',
      }),
    );
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:hop')).at(-1)?.data.hop)
      .toBe(2);
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'goto',
        hop: 20,
      }),
    );
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:hop')).at(-1)?.data.hop)
      .toBe(20);
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 20 of 49',
    );
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'set',
        scenario: { redirect: 'ebpf' },
        hop: 4,
      }),
    );
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:hop')).at(-1)?.data.title)
      .toContain('app_outbound');
  });

  test('a set command with a hop and the same scenario moves the view, the URL and the hop message together', async ({
    page,
  }) => {
    await openHost(page, '&detail=full');
    const frame = page.frameLocator('#walk');
    const widget = page.frames().find((f) => f.url().startsWith(WIDGET))!;
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'set',
        scenario: { redirect: 'iptables' },
        hop: 5,
      }),
    );
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:hop')).at(-1)?.data.hop)
      .toBe(5);
    const last = (await ofType(page, 'ambient-walk:hop')).at(-1)!.data;
    // The view shows that hop: the diagram's caption and the scrubber (with the message's
    // title) agree with the message.
    await expect(frame.locator('.diagram-caption')).toContainText('hop 5 of 49');
    await expect(frame.getByRole('slider', { name: 'Hop' })).toHaveAttribute(
      'aria-valuetext',
      `Step 2 of 9, hop 5 of 49: ${String(last.title)}`,
    );
    // And the widget's address says hop 5 (written a moment later, coalesced).
    await expect
      .poll(() => widget.evaluate(() => new URLSearchParams(location.search).get('hop')))
      .toBe('5');
    expect(last).toMatchObject({ index: 4, hop: 5, total: 49 });
  });

  test('ignores commands from an origin other than parentOrigin, and does not break', async ({
    page,
  }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    // The widget only talks to http://localhost:9999, so this page hears nothing from it either.
    await openHost(
      page,
      `&detail=full&parentOrigin=${encodeURIComponent('http://localhost:9999')}`,
      false,
    );
    expect(await ofType(page, 'ambient-walk:ready')).toEqual([]);
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'goto',
        hop: 9,
      }),
    );
    await expect
      .poll(() => warnings.some((w) => w.includes('only http://localhost:9999 may send commands')))
      .toBe(true);
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 1 of 49',
    );
  });

  test('ignores garbage and messages that are not from the parent', async ({ page }) => {
    await openHost(page, '&detail=full');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.evaluate(() => {
      const send = (window as unknown as { send: (m: unknown) => void }).send;
      for (const m of [
        null,
        42,
        'next',
        [],
        { type: 'ambient-walk:command', command: 'goto', hop: -1 },
        { type: 'ambient-walk:command', command: 'set', scenario: { redirect: 'nope' } },
        { type: 'ambient-walk:command', command: { toString: 1 } },
      ])
        send(m);
    });
    // A message the widget posts to itself is not from its parent.
    const frame = page.frames().find((f) => f.url().startsWith(WIDGET))!;
    await frame.evaluate(() =>
      window.postMessage({ type: 'ambient-walk:command', command: 'next' }, '*'),
    );
    await page.waitForTimeout(300);
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 1 of 49',
    );
    expect(errors).toEqual([]);
    // And it still works afterwards.
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        type: 'ambient-walk:command',
        command: 'next',
      }),
    );
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 2 of 49',
    );
  });

  test('keys act only while the widget has focus; the keys it does not use go to the parent', async ({
    page,
  }) => {
    await openHost(page, '&detail=full');
    await page.locator('body').press('ArrowRight');
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 1 of 49',
    );
    await page.frameLocator('#walk').locator('.diagram-frame').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.frameLocator('#walk').locator('.diagram-caption')).toContainText(
      'hop 2 of 49',
    );
    await page.keyboard.press('x');
    await expect
      .poll(async () => (await ofType(page, 'ambient-walk:key')).map((m) => m.data.key))
      .toContain('x');
  });

  test('links to the full view of the same scenario and hop', async ({ page }) => {
    await page.goto('./?embed=1&redirect=ebpf&hop=7');
    const link = page.getByRole('link', { name: 'Open full view' });
    const href = await link.getAttribute('href');
    expect(href).toContain('redirect=ebpf');
    expect(href).toContain('hop=7');
    expect(href).not.toContain('embed');
    await expect(page.locator('.app-header')).toHaveCount(0);
  });
});
