import { afterEach, describe, expect, it } from 'vitest';
import { startDeckPaging, type Deck } from './deckPaging';

const APP = 'https://walk.example';

/** A deck page: one slide holding a widget iframe, one without; keys and messages by hand. */
function fakeDeckPage() {
  const posted: Array<{ m: unknown; target: string }> = [];
  const widgetWindow = { postMessage: (m: unknown, target: string) => posted.push({ m, target }) };
  const frame = {
    src: `${APP}/?embed=1`,
    ownerDocument: { baseURI: 'https://talk.example/deck/' },
    contentWindow: widgetWindow,
    blurred: 0,
    blur() {
      this.blurred++;
    },
  };
  const walkSlide = { contains: (el: unknown) => el === frame };
  const otherSlide = { contains: () => false };
  let current: typeof walkSlide = walkSlide;
  const paged: string[] = [];
  let busy = false;
  const deck: Deck = {
    currentSlide: () => current as unknown as Element,
    page: (d) => paged.push(d),
    busy: () => busy,
  };
  const listeners: Record<string, Array<(e: unknown) => void>> = {};
  const document = {
    activeElement: null as unknown,
    getElementsByTagName: () => [frame],
  };
  const win = {
    document,
    addEventListener: (t: string, h: (e: unknown) => void) => (listeners[t] ??= []).push(h),
    removeEventListener: () => undefined,
  } as unknown as Window;
  const paging = startDeckPaging(deck, win);
  const fromWidget = (data: unknown, origin = APP, source: unknown = widgetWindow): void =>
    listeners.message?.forEach((h) => h({ data, origin, source }));
  const key = (k: string) => {
    const e = {
      key: k,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      defaultPrevented: false,
      target: null,
      preventDefault() {
        this.defaultPrevented = true;
      },
      stopImmediatePropagation: () => undefined,
    };
    listeners.keydown?.forEach((h) => h(e));
    return e.defaultPrevented;
  };
  const hop = (index: number, total = 10) =>
    fromWidget({ type: 'ambient-walk:hop', index, hop: index + 1, total, title: 't' });
  return {
    paging,
    fromWidget,
    key,
    hop,
    posted,
    paged,
    frame,
    document,
    leaveSlide: () => (current = otherSlide as typeof walkSlide),
    setBusy: (b: boolean) => (busy = b),
  };
}

const commands = (posted: Array<{ m: unknown; target: string }>) =>
  posted.map((p) => `${(p.m as { command: string }).command}@${p.target}`);

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

describe('a deck around the widget', () => {
  it('leaves the keys to the deck until the widget has said it is ready', () => {
    const d = fakeDeckPage();
    stops.push(d.paging.stop);
    expect(d.key('PageDown')).toBe(false);
    d.fromWidget({ type: 'ambient-walk:ready' });
    d.hop(3);
    expect(d.key('PageDown')).toBe(true);
    expect(d.key('ArrowLeft')).toBe(true);
    expect(commands(d.posted)).toEqual([`next@${APP}`, `prev@${APP}`]);
    expect(d.key(' ')).toBe(false);
  });

  it('turns the slide at once at the ends the hop message gives, and on the widget’s page message', () => {
    const d = fakeDeckPage();
    stops.push(d.paging.stop);
    d.fromWidget({ type: 'ambient-walk:ready' });
    d.hop(0);
    expect(d.key('PageUp')).toBe(true);
    d.hop(9);
    expect(d.key('PageDown')).toBe(true);
    expect(d.paged).toEqual(['prev', 'next']);
    expect(d.posted).toEqual([]);
    d.hop(4);
    d.document.activeElement = d.frame;
    d.fromWidget({ type: 'ambient-walk:page', direction: 'next' });
    expect(d.paged).toEqual(['prev', 'next', 'next']);
    expect(d.frame.blurred).toBe(1);
  });

  it('believes only the iframe’s own origin and the widget on the slide shown', () => {
    const d = fakeDeckPage();
    stops.push(d.paging.stop);
    d.fromWidget({ type: 'ambient-walk:ready' }, 'https://evil.example');
    expect(d.key('PageDown')).toBe(false);
    d.fromWidget({ type: 'ambient-walk:ready' });
    d.fromWidget({ type: 'ambient-walk:page', direction: 'next' }, 'https://evil.example');
    d.fromWidget({ type: 'ambient-walk:page', direction: 'sideways' });
    d.fromWidget({ type: 'ambient-walk:page', direction: 'next' }, APP, {});
    expect(d.paged).toEqual([]);
    d.leaveSlide();
    d.fromWidget({ type: 'ambient-walk:page', direction: 'next' });
    expect(d.key('PageDown')).toBe(false);
    expect(d.paged).toEqual([]);
  });

  it('keeps its keys while the deck is busy (an overview, a black screen)', () => {
    const d = fakeDeckPage();
    stops.push(d.paging.stop);
    d.fromWidget({ type: 'ambient-walk:ready' });
    d.setBusy(true);
    expect(d.key('PageDown')).toBe(false);
    expect(d.posted).toEqual([]);
  });
});
