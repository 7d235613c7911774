// Export: the current hop as SVG and PNG, the walk as WebM, and the print handout, each
// checked in a way that can fail: the SVG is parsed and then drawn alone in a fresh page and
// compared with the live diagram (a copy without inlined styles is the positive control), the
// PNG's header is read, the video is played, the handout is read under print media.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Download, TestInfo } from '@playwright/test';
import { expect, test, type Page } from './test';

/** Keeps a picture beside the test's results (and in the report) for a person to look at. */
async function keep(info: TestInfo, name: string, body: Buffer): Promise<void> {
  writeFileSync(info.outputPath(name), body);
  await info.attach(name, { body, contentType: 'image/png' });
}

const saved = async (d: Download): Promise<Buffer> => readFileSync((await d.path())!);

async function openExport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
}

async function download(page: Page, button: string, timeout = 15_000): Promise<Download> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: button }).click(),
  ]);
  return d;
}

interface TextLook {
  text: string;
  fill: string;
  fontSize: string;
  fontWeight: string;
  box: [number, number, number, number];
}

/** Every text of the diagram in a document: what it says, how it is painted, where it is. */
const LOOKS = (selector: string): TextLook[] =>
  [...document.querySelectorAll<SVGTextElement>(`${selector} text`)].map((t) => {
    const cs = getComputedStyle(t);
    const b = t.getBBox();
    return {
      text: t.textContent ?? '',
      fill: cs.fill,
      fontSize: cs.fontSize,
      fontWeight: cs.fontWeight,
      box: [b.x, b.y, b.width, b.height].map((v) => Math.round(v)) as TextLook['box'],
    };
  });

/** The SVG file on its own, in a page of a browser context with no app stylesheet. */
async function looksAlone(
  browser: Browser,
  svg: string,
): Promise<{ looks: TextLook[]; shot: Buffer }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.route('http://export.test/figure.svg', (r) =>
    r.fulfill({ body: svg, contentType: 'image/svg+xml' }),
  );
  await page.goto('http://export.test/figure.svg');
  const size = await page.evaluate(() => {
    const r = document.documentElement.getBoundingClientRect();
    return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
  });
  await page.setViewportSize({
    width: Math.min(2400, Math.max(200, size.width)),
    height: Math.min(2400, Math.max(200, size.height)),
  });
  const looks = await page.evaluate(LOOKS, 'svg > svg');
  const shot = await page.screenshot();
  await ctx.close();
  return { looks, shot };
}

/**
 * Texts whose look differs between two lists of the same texts: paint, type, and place within
 * 1.5 px (an SVG document and an SVG in HTML round text metrics a little differently). The
 * export writes `text-transform` into the text itself, so case does not count.
 */
function differences(a: TextLook[], b: TextLook[]): string[] {
  const out: string[] = [];
  a.forEach((x, i) => {
    const y = b[i];
    const same =
      y !== undefined &&
      x.text.toUpperCase() === y.text.toUpperCase() &&
      x.fill === y.fill &&
      x.fontSize === y.fontSize &&
      x.fontWeight === y.fontWeight &&
      x.box.every((v, k) => Math.abs(v - y.box[k]!) <= 1.5);
    if (!same) out.push(`${x.text}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  });
  if (a.length !== b.length) out.push(`${a.length} texts vs ${b.length}`);
  return out;
}

test('the SVG of a hop parses, names its labels, and draws alone as it does in the page', async ({
  page,
  browser,
}, info) => {
  await page.goto('/?hop=5&detail=full&theme=light&motion=reduce');
  const title = (await page.locator('#hop-details-title').textContent())!;
  const live = await page.evaluate(LOOKS, '.diagram-frame .diagram-svg');
  const raw = await page.locator('.diagram-frame .diagram-svg').evaluate((s) => s.outerHTML);
  await openExport(page);
  const d = await download(page, 'Download SVG');
  expect(d.suggestedFilename()).toBe('ambient-walk-iptables-istio-1.18-hop-5.svg');
  const svg = (await saved(d)).toString('utf8');
  await expect(page.getByRole('dialog').getByRole('status')).toContainText(
    'Saved ambient-walk-iptables-istio-1.18-hop-5.svg',
  );

  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.texts).toContain(title);
  const upper = parsed.texts.map((t) => t?.toUpperCase());
  for (const l of live) expect(upper).toContain(l.text.toUpperCase());
  expect(svg).not.toMatch(/var\(|light-dark\(|color-mix\(|color\(srgb/);

  const alone = await looksAlone(browser, svg);
  await keep(info, 'svg-alone.png', alone.shot);
  expect(alone.looks.length).toBeGreaterThan(20);
  expect(differences(live, alone.looks)).toEqual([]);
  // Positive control: the page's own SVG without its stylesheet does not draw the same.
  const bare = raw.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ');
  const control = await looksAlone(
    browser,
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">${bare}</svg>`,
  );
  expect(differences(live, control.looks).length).toBeGreaterThan(0);
});

test('the dark SVG is drawn in the dark theme’s colours', async ({ page, browser }) => {
  await page.goto('/?hop=3&theme=dark');
  const live = await page.evaluate(LOOKS, '.diagram-frame .diagram-svg');
  await openExport(page);
  const svg = (await saved(await download(page, 'Download SVG'))).toString('utf8');
  const alone = await looksAlone(browser, svg);
  expect(differences(live, alone.looks)).toEqual([]);
  // The background is the dark theme's.
  expect(svg).toContain('fill="rgb(14, 20, 27)"');
  await keep(test.info(), 'svg-dark-alone.png', alone.shot);
});

test('the PNG has the pixel size asked for, a preset or a custom one', async ({ page }, info) => {
  await page.goto('/?hop=12&detail=full&theme=light');
  await openExport(page);
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Size (PNG, video)').selectOption({ label: '1280 × 720 (HD slide)' });
  const d = await download(page, 'Download PNG');
  expect(d.suggestedFilename()).toBe('ambient-walk-iptables-istio-1.18-hop-12-1280x720.png');
  const png = await saved(d);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]);
  await keep(info, 'hop-12-1280x720.png', png);

  await dialog.getByLabel('Size (PNG, video)').selectOption('custom');
  await dialog.getByLabel('Width (px)').fill('1000');
  await dialog.getByLabel('Height (px)').fill('1500');
  const custom = await saved(await download(page, 'Download PNG'));
  expect([custom.readUInt32BE(16), custom.readUInt32BE(20)]).toEqual([1000, 1500]);
});

async function printedHandout(page: Page, url: string): Promise<string[]> {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.goto(url);
  await openExport(page);
  await page
    .getByRole('dialog', { name: 'Export' })
    .getByRole('button', { name: 'Print handout' })
    .click();
  await expect(page.locator('.handout[data-complete="true"]')).toBeAttached({ timeout: 15_000 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
    .toBe(1);
  // On screen the handout is hidden; in print it is all there is.
  await expect(page.locator('.handout')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.handout')).toBeVisible();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('.diagram-frame')).toBeHidden();
  return page
    .locator('.handout-hop')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-hop')}|${e.querySelector('.handout-title')?.textContent}|${e.querySelectorAll('svg.diagram-svg').length}|${e.querySelector('.handout-rule') ? 'rule' : ''}|${e.querySelector('.packet-table') ? 'packet' : ''}`,
      ),
    );
}

test('the print handout holds every step of the overview, in order, each with its diagram, rule and packet', async ({
  page,
}, info) => {
  const blocks = await printedHandout(page, '/?detail=overview');
  const steps = Number(
    /of (\d+)/.exec((await page.locator('.step-counter').first().textContent())!)![1],
  );
  expect(blocks).toHaveLength(steps);
  const hops = blocks.map((b) => Number(b.split('|')[0]));
  expect(hops).toEqual([...hops].sort((a, b) => a - b));
  for (const b of blocks) expect(b).toMatch(/\|.+\|1\|rule\|packet$/);
  await keep(info, 'handout-print.png', await page.screenshot({ fullPage: true }));
});

test('at full detail the print handout holds every hop of the walk, in order', async ({ page }) => {
  const blocks = await printedHandout(page, '/?detail=full&redirect=ebpf');
  const total = Number(
    /hop \d+ of (\d+)/.exec((await page.locator('.step-counter').first().textContent())!)![1],
  );
  expect(blocks.map((b) => Number(b.split('|')[0]))).toEqual(
    Array.from({ length: total }, (_, i) => i + 1),
  );
});

test('the WebM of the walk plays and reports its duration', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await page.goto('/?detail=overview&theme=dark');
  await openExport(page);
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Size (PNG, video)').selectOption({ label: '1280 × 720 (HD slide)' });
  await dialog.getByLabel('Speed').selectOption('4');
  const d = await download(page, 'Record WebM', 45_000);
  expect(d.suggestedFilename()).toBe('ambient-walk-iptables-istio-1.18-overview-1280x720.webm');
  const webm = await saved(d);
  const ctx = await browser.newContext();
  const player = await ctx.newPage();
  await player.route('http://export.test/walk.webm', (r) =>
    r.fulfill({ body: webm, contentType: 'video/webm' }),
  );
  await player.route('http://export.test/', (r) =>
    r.fulfill({ body: '<video src="walk.webm" muted></video>', contentType: 'text/html' }),
  );
  await player.goto('http://export.test/');
  const meta = await player.locator('video').evaluate(
    (v: HTMLVideoElement) =>
      new Promise<{ duration: number; width: number; height: number }>((ok, fail) => {
        const done = () => ok({ duration: v.duration, width: v.videoWidth, height: v.videoHeight });
        if (v.readyState >= 1) done();
        v.onloadedmetadata = done;
        v.onerror = () => fail(new Error(`video error ${v.error?.code}`));
      }),
  );
  await ctx.close();
  expect(Number.isFinite(meta.duration)).toBe(true);
  // Nine steps at 4×: 375 ms each, the last held twice: about 3.75 s.
  expect(meta.duration).toBeGreaterThan(2.5);
  expect(meta.duration).toBeLessThan(8);
  expect([meta.width, meta.height]).toEqual([1280, 720]);
});

test('without MediaRecorder the dialog says so, and the page keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as unknown as { MediaRecorder?: unknown }).MediaRecorder;
  });
  await page.goto('/?hop=2&detail=full');
  await openExport(page);
  await page
    .getByRole('dialog', { name: 'Export' })
    .getByRole('button', { name: 'Record WebM' })
    .click();
  await expect(page.getByRole('alert')).toContainText('MediaRecorder');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeHidden();
  await page.getByRole('button', { name: 'Next hop', exact: true }).click();
  await expect(page.locator('.diagram-caption')).toContainText('hop 3 of');
});

test('the Export control is reached by keyboard and the E key, in both themes', async ({
  page,
}) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(`/?theme=${theme}`);
    const button = page.getByRole('button', { name: 'Export', exact: true });
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
  }
});

test('the single-file build exports an SVG from file:// with the network blocked', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.route('**/*', (route) =>
    /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(
    `${pathToFileURL(resolve('dist-single/ambient-packet-walk.html')).href}?hop=4&detail=full`,
  );
  await openExport(page);
  const svg = (await saved(await download(page, 'Download SVG'))).toString('utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('hop 4 of');
  await context.close();
});
