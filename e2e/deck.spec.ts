// A real reveal.js 6 deck (the npm package) with the plugin the site builds
// (dist/integrations/reveal-ambient-walk.js), served from another origin than the widget, and
// driven with PageDown and PageUp only: from the slide before the walk, through every step of
// the walk, to the slide after, and back — once with the keys on the deck, once with focus
// inside the widget's iframe.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type Served } from './servers';
import { expect, test, type Page } from './test';

const WIDGET = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
let dir: string;
let deck: Served;

const deckHtml = (plugin: boolean): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A talk about ambient mesh</title>
    <link rel="stylesheet" href="reveal/reveal.css" />
    <link rel="stylesheet" href="reveal/theme/white.css" />
  </head>
  <body>
    <div class="reveal">
      <div class="slides">
        <section><h2>Before the walk</h2></section>
        <section>
          <iframe
            id="walk"
            src="${WIDGET}?embed=1&theme=auto"
            title="Ambient Packet Walk"
            allow="fullscreen"
            style="width: 100%; height: 680px; border: 0"
          ></iframe>
        </section>
        <section><h2>After the walk</h2></section>
      </div>
    </div>
    <script src="reveal/reveal.js"></script>
    ${plugin ? `<script src="${WIDGET}integrations/reveal-ambient-walk.js"></script>` : ''}
    <script>
      Reveal.initialize({ plugins: [${plugin ? 'RevealAmbientWalk' : ''}], transition: 'none' });
    </script>
  </body>
</html>
`;

/** A deck of no framework: three sections, its own keys, and the generic script. */
const PLAIN_DECK = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>A plain deck</title></head>
  <body>
    <section><h2>Before the walk</h2></section>
    <section hidden>
      <iframe id="walk" src="${WIDGET}?embed=1&theme=auto" title="Ambient Packet Walk"
        style="width: 100%; height: 700px; border: 0"></iframe>
    </section>
    <section hidden><h2>After the walk</h2></section>
    <script src="${WIDGET}integrations/ambient-walk-deck.js"></script>
    <script>
      const slides = [...document.querySelectorAll('section')];
      let current = 0;
      const show = (i) => {
        current = Math.max(0, Math.min(slides.length - 1, i));
        slides.forEach((s, n) => (s.hidden = n !== current));
      };
      window.deckSlide = () => current;
      document.addEventListener('keydown', (e) => {
        if (e.key === 'PageDown') show(current + 1);
        if (e.key === 'PageUp') show(current - 1);
      });
      AmbientWalkDeck.start({
        currentSlide: () => slides[current],
        page: (direction) => show(current + (direction === 'next' ? 1 : -1)),
      });
    </script>
  </body>
</html>
`;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ambient-deck-'));
  cpSync('node_modules/reveal.js/dist', join(dir, 'reveal'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), deckHtml(true));
  writeFileSync(join(dir, 'bare.html'), deckHtml(false));
  writeFileSync(join(dir, 'plain.html'), PLAIN_DECK);
  deck = await serve({ root: dir, port: Number(process.env.DECK_PORT ?? 0) });
});
test.afterAll(async () => {
  await deck?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Where {
  readonly slide: number;
  readonly hop: number;
  readonly total: number;
}

async function where(page: Page): Promise<Where> {
  const slide = await page.evaluate(() => {
    const w = window as unknown as {
      deckSlide?: () => number;
      Reveal?: { getIndices(): { h: number } };
    };
    return w.deckSlide ? w.deckSlide() : w.Reveal!.getIndices().h;
  });
  const caption = await page.frameLocator('#walk').locator('.diagram-caption').innerText();
  const m = /hop (\d+) of (\d+)/.exec(caption);
  return { slide, hop: Number(m?.[1]), total: Number(m?.[2]) };
}

/** Presses a key and waits until the deck or the walk has moved. */
async function press(page: Page, key: 'PageDown' | 'PageUp'): Promise<Where> {
  const before = await where(page);
  await page.keyboard.press(key);
  let after = before;
  await expect
    .poll(async () => {
      after = await where(page);
      return after.slide !== before.slide || after.hop !== before.hop;
    })
    .toBe(true);
  return after;
}

/** The hop the widget opens at: where overview's step 1 ends (its first stop). */
let opening = 0;

async function openDeck(page: Page, file = ''): Promise<void> {
  await page.goto(`${deck.url}${file}`);
  await page.waitForFunction(() => {
    const w = window as unknown as { deckSlide?: unknown; Reveal?: { isReady(): boolean } };
    return w.deckSlide !== undefined || w.Reveal?.isReady();
  });
  // The widget loads with the deck (it is on the next slide); it says ready to the plugin.
  await expect(page.frameLocator('#walk').locator('.embed .diagram-caption')).toContainText(
    'Step 1 of',
  );
  const at = await where(page);
  expect(at.slide).toBe(0);
  opening = at.hop;
}

/**
 * PageDown from the widget's slide until the deck leaves it: every press either steps the walk
 * forward or, at its last hop and only there, turns to the next slide.
 */
async function walkForward(page: Page): Promise<number[]> {
  const hops: number[] = [];
  for (let i = 0; i < 80; i++) {
    const before = await where(page);
    const now = await press(page, 'PageDown');
    if (now.slide !== 1) {
      expect(before.hop, 'left the slide before the last hop').toBe(before.total);
      expect(now.slide).toBe(2);
      return hops;
    }
    expect(now.hop).toBeGreaterThan(before.hop);
    hops.push(now.hop);
  }
  throw new Error('never left the slide');
}

async function walkBack(page: Page): Promise<number[]> {
  const hops: number[] = [];
  for (let i = 0; i < 80; i++) {
    const before = await where(page);
    const now = await press(page, 'PageUp');
    if (now.slide !== 1) {
      expect(before.hop, 'left the slide before the first stop').toBe(opening);
      expect(now.slide).toBe(0);
      return hops;
    }
    expect(now.hop).toBeLessThan(before.hop);
    hops.push(now.hop);
  }
  throw new Error('never left the slide');
}

test('PageDown and PageUp on the deck step the walk on its slide and turn the slide at its ends', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDeck(page);
  expect((await press(page, 'PageDown')).slide).toBe(1);
  const forward = await walkForward(page);
  expect(forward.length).toBeGreaterThan(3);
  expect(forward.at(-1)).toBe((await where(page)).total);
  await page.screenshot({ path: test.info().outputPath('deck-after.png') });
  // Back onto the walk's slide: the walk is where it was left, at its last hop.
  const back = await press(page, 'PageUp');
  expect(back).toMatchObject({ slide: 1, hop: back.total });
  await page.screenshot({ path: test.info().outputPath('deck-walk-last-hop.png') });
  const backward = await walkBack(page);
  expect(backward.at(-1)).toBe(opening);
  expect(backward).toEqual([...forward].reverse().slice(1).concat(opening));
});

test('with focus inside the widget, its paging keys at the ends turn the slide and give the keys back to the deck', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDeck(page);
  expect((await press(page, 'PageDown')).slide).toBe(1);
  await page.frameLocator('#walk').locator('.diagram-frame').click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('walk');
  const forward = await walkForward(page);
  expect(forward.length).toBeGreaterThan(3);
  // Focus is the deck's again: PageUp turns back to the walk's slide, at its last hop.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME');
  const back = await press(page, 'PageUp');
  expect(back).toMatchObject({ slide: 1, hop: back.total });
  await page.frameLocator('#walk').locator('.diagram-frame').click();
  const backward = await walkBack(page);
  expect(backward.at(-1)).toBe(opening);
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME');
  expect((await press(page, 'PageDown')).slide).toBe(1);
});

test('positive control: without the plugin, PageDown on the deck skips the walk', async ({
  page,
}) => {
  await openDeck(page, 'bare.html');
  expect((await press(page, 'PageDown')).slide).toBe(1);
  expect(await press(page, 'PageDown')).toMatchObject({ slide: 2, hop: opening });
});

test('any deck: the generic script gives a plain deck the same paging, with and without focus', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDeck(page, 'plain.html');
  expect((await press(page, 'PageDown')).slide).toBe(1);
  expect((await walkForward(page)).length).toBeGreaterThan(3);
  expect((await press(page, 'PageUp')).slide).toBe(1);
  await page.frameLocator('#walk').locator('.diagram-frame').click();
  expect((await walkBack(page)).at(-1)).toBe(opening);
});
