// Checks of the page's layout on a small screen, each run in the page and each returning what
// it found wrong (an empty list, or 'ok', when nothing is). e2e/phones.spec.ts runs them on
// the app, and runs each once on a page broken on purpose to show that it can fail.
import type { Locator } from '@playwright/test';
import type { Page } from './test';

/**
 * What makes the page wider than a screen `width` px wide: the document wider than that, the
 * layout viewport grown past it (a phone zooms out to fit a page wider than itself), or any
 * element that reaches past an edge with no scrolling or clipping box around it to hold it
 * (a listing inside its own scroll box is fine; the same listing pushing out the page is not).
 */
export function horizontalOverflow(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const found: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > width) found.push(`the document is ${doc.scrollWidth} px wide`);
    if (window.innerWidth > width) {
      found.push(`the layout viewport is ${window.innerWidth} px wide`);
    }
    const held = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left >= -1 && r.right <= width + 1) continue;
      if (held(el)) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList]
        .map((c) => `.${c}`)
        .join('')}`;
      found.push(`${name} spans ${Math.round(r.left)}…${Math.round(r.right)} px`);
    }
    return found.slice(0, 12);
  }, width);
}

/**
 * Whether an element is wholly on the screen and not covered by anything (a sticky bar, say):
 * 'ok', or what is wrong.
 */
export function onScreen(target: Locator): Promise<string> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const where = `${Math.round(r.top)}…${Math.round(r.bottom)} px of ${window.innerHeight}`;
    if (r.width === 0 || r.height === 0) return 'not drawn';
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) {
      return `not wholly on the screen (${where})`;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || (hit !== el && !el.contains(hit))) {
      return `covered by ${hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing'} (${where})`;
    }
    return 'ok';
  });
}

/**
 * Every control a finger can aim at (buttons, links, selects, inputs, disclosure summaries,
 * tabs) that is drawn and smaller than `min` px either way. The diagram's own SVG is left out:
 * its badges are drawn by the diagram, to the diagram's scale.
 */
export function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, input:not([type="hidden"]), summary, [role="tab"]',
    );
    for (const el of controls) {
      if (el.closest('svg, .prerendered, [inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width + 0.5 >= min && r.height + 0.5 >= min) continue;
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      found.push(
        `${el.tagName.toLowerCase()} “${label}” ${Math.round(r.width)}×${Math.round(r.height)}`,
      );
    }
    return found;
  }, min);
}

/** How far the page scrolls past the end of its content (the full view's `.app`), in px. */
export function blankBelow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    const end = document.querySelector('.app')!.getBoundingClientRect().bottom + window.scrollY;
    return Math.max(0, Math.round(doc.scrollHeight - end));
  });
}
