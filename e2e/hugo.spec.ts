// A real Hugo site (Hugo 0.111 or later, as Debian bookworm packages it; scripts/ensure-hugo.mjs
// installs it) built with the shortcode call and template read from the Embed dialog of the
// running app, and opened from another origin: each iframe is the embed, sized by the host
// script, with no notice, and follows the page's theme toggle. The positive control is the old
// dialog's shortcode, whose doubly escaped address opens the full app with a notice.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findHugo } from '../scripts/hugo.mjs';
import { serve, type Served } from './servers';
import { expect, test, type Page } from './test';

const WIDGET = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
let dir: string;
let site: Served;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ambient-hugo-'));
  // The site's own origin (another port: another origin), known before the author fills in
  // parentOrigin; Hugo writes into public/ afterwards.
  site = await serve({ root: join(dir, 'public'), port: Number(process.env.HUGO_SITE_PORT ?? 0) });
});
test.afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the Embed dialog, makes the choices, and reads the Hugo blocks as shown. */
async function hugoBlocksFromDialog(
  page: Page,
  choices: { hop?: string; theme?: 'Auto' | 'Light' | 'Dark'; parentOrigin?: string },
): Promise<{ call: string; template: string }> {
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this walk' });
  if (choices.theme) await dialog.getByRole('radio', { name: choices.theme, exact: true }).check();
  if (choices.hop) await dialog.getByLabel('Start at hop').fill(choices.hop);
  if (choices.parentOrigin)
    await dialog.getByLabel('Parent origin (optional)').fill(choices.parentOrigin);
  await dialog.getByRole('tab', { name: 'Hugo' }).click();
  const call = await dialog.locator('pre[data-snippet="hugo-call"]').innerText();
  const template = await dialog.locator('pre[data-snippet="hugo-template"]').innerText();
  // What Copy puts on the clipboard is what the block shows.
  await dialog.getByRole('button', { name: 'Copy the Shortcode template' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(template);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { call, template };
}

function writeSite(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const LAYOUT = `<!doctype html>
<html lang="en" data-theme="light">
  <head><meta charset="utf-8"><title>{{ .Title }}</title></head>
  <body>
    <button id="toggle" type="button" onclick="document.documentElement.dataset.theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'">Theme</button>
    <main style="max-width: 760px">{{ .Content }}</main>
  </body>
</html>
`;

/** What the old dialog gave (an address in one argument, escaped for HTML), and its template. */
const OLD_TEMPLATE = `<iframe src="{{ .Get "src" }}" title="{{ .Get "title" }}" loading="lazy" allow="fullscreen"
  style="width: 100%; height: 640px; border: 0;" data-ambient-walk></iframe>`;
const oldCall = (): string =>
  `{{< ambient-walk-old src="${WIDGET}?waypoint=httpbin&amp;hop=5&amp;embed=1" title="Ambient Packet Walk" >}}`;

const frameInfo = (page: Page, n: number) => page.frameLocator('iframe').nth(n).locator('html');

test('a Hugo site built with the dialog’s shortcode shows the embed, sized by the script, following the page theme', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  test.setTimeout(90_000);
  const hugo = findHugo();
  expect(hugo, 'no Hugo: run node scripts/ensure-hugo.mjs').toBeTruthy();
  const siteOrigin = new URL(site.url).origin;

  await page.goto('./?waypoint=httpbin&detail=full&hop=12');
  const first = await hugoBlocksFromDialog(page, { parentOrigin: siteOrigin });
  const second = await hugoBlocksFromDialog(page, { hop: '3', theme: 'Light' });
  expect(first.call).toContain('waypoint="httpbin"');
  expect(first.call).not.toContain('&');
  expect(second.template).toBe(first.template);

  writeSite({
    'hugo.toml': `baseURL = "${site.url}"\ntitle = "Docs"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n`,
    'layouts/_default/single.html': LAYOUT,
    'layouts/_default/list.html': LAYOUT,
    'layouts/shortcodes/ambient-walk.html': first.template,
    'layouts/shortcodes/ambient-walk-old.html': OLD_TEMPLATE,
    'content/posts/walk.md': `---\ntitle: A walk\n---\n\nHow a request reaches httpbin.\n\n${first.call}\n\nAnd the start of the same walk, always light:\n\n${second.call}\n`,
    'content/posts/old.md': `---\ntitle: The old shortcode\n---\n\n${oldCall()}\n`,
  });
  execFileSync(hugo!.path, ['--source', dir, '--destination', join(dir, 'public'), '--quiet'], {
    stdio: 'pipe',
  });

  await page.goto(`${site.url}posts/walk/`);
  // The template's host script is on the page once, however many walks it holds.
  expect(
    await page
      .locator('script')
      .evaluateAll((s) => s.filter((e) => e.textContent?.includes('ambientWalkHost')).length),
  ).toBe(1);
  const iframes = page.locator('iframe');
  await expect(iframes).toHaveCount(2);
  for (let n = 0; n < 2; n++) {
    await iframes.nth(n).scrollIntoViewIfNeeded();
    const frame = page.frameLocator('iframe').nth(n);
    // The embed (not the full app), with no notice about its address.
    await expect(frame.locator('.embed .diagram-caption')).toBeVisible({ timeout: 15_000 });
    await expect(frame.locator('.app-header')).toHaveCount(0);
    await expect(frame.locator('.notice')).toHaveCount(0);
    const src = (await iframes.nth(n).getAttribute('src'))!;
    expect(src.startsWith(WIDGET)).toBe(true);
  }
  await expect(page.frameLocator('iframe').nth(0).locator('.diagram-caption')).toContainText(
    'hop 12 of',
  );
  await expect(page.frameLocator('iframe').nth(1).locator('.diagram-caption')).toContainText(
    'hop 3 of',
  );
  expect(
    new URL((await iframes.nth(0).getAttribute('src'))!).searchParams.get('parentOrigin'),
  ).toBe(siteOrigin);

  // Sized by the script: each iframe is as tall as the widget's content, not the 640 px it starts at.
  for (let n = 0; n < 2; n++) {
    await expect
      .poll(async () => {
        const content = await page
          .frameLocator('iframe')
          .nth(n)
          .locator('.embed')
          .evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
        const box = await iframes.nth(n).evaluate((f) => f.getBoundingClientRect().height);
        return Math.abs(box - content) <= 1 && box !== 640;
      })
      .toBe(true);
  }

  // For a person to look at (test-results/…/hugo-page-*.png).
  await page.screenshot({ path: test.info().outputPath('hugo-page-light.png'), fullPage: true });

  // The page's theme toggle reaches the widget in theme=auto, not the one fixed to light.
  await expect(frameInfo(page, 0)).toHaveAttribute('data-theme', 'light');
  await page.locator('#toggle').click();
  await expect(frameInfo(page, 0)).toHaveAttribute('data-theme', 'dark');
  await expect(frameInfo(page, 1)).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: test.info().outputPath('hugo-page-dark.png'), fullPage: true });
  await page.locator('#toggle').click();
  await expect(frameInfo(page, 0)).toHaveAttribute('data-theme', 'light');

  // Positive control: the same checks see the old shortcode fail.
  await page.goto(`${site.url}posts/old/`);
  const old = page.frameLocator('iframe').first();
  await expect(old.locator('.notice').first()).toContainText('Unknown parameter “amp;hop”');
  await expect(old.locator('.app-header')).toHaveCount(1);
});
