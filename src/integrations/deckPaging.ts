/**
 * A slide deck's side of the embed protocol: on a slide that holds the widget, the deck's
 * paging keys step the walk, and the slide turns at the walk's ends — whether or not the
 * widget's iframe has focus.
 *
 * - Without focus in the iframe the keys reach the deck's page: a paging key on a widget's
 *   slide becomes a `next`/`prev` command, unless the widget's last hop message already says it
 *   is at that end, and then the deck pages at once.
 * - With focus in the iframe the widget steps itself; at an end it says `ambient-walk:page`.
 * - Either way, `ambient-walk:page` from the widget on the current slide turns the slide, and
 *   focus comes back to the deck so the next key reaches it.
 *
 * Deck-agnostic: reveal.js (revealAmbientWalk.ts) and any other deck hand it the few calls it
 * needs. Messages are read strictly, and only from an iframe on the page, from that iframe's
 * own origin.
 */
import { readWidgetMessage, type PageDirection } from '../embed/hostMessages';
import { pagingDirection } from '../embed/paging';

/** What the helper needs of a deck. */
export interface Deck {
  /** The element of the slide shown now. */
  currentSlide(): Element | null | undefined;
  /** Turns the slide (or shows the next fragment). */
  page(direction: PageDirection): void;
  /** True while the deck should keep its keys (an overview grid, a black screen). */
  busy?(): boolean;
}

interface Widget {
  readonly frame: HTMLIFrameElement;
  /** From its last hop message: which ends it is at. */
  first: boolean;
  last: boolean;
}

export interface DeckPaging {
  readonly stop: () => void;
}

const originOf = (f: HTMLIFrameElement): string | undefined => {
  try {
    return new URL(f.src, f.ownerDocument.baseURI).origin;
  } catch {
    return undefined;
  }
};

/** Elements where a key is typed, not paged with. */
const TYPING = 'input, textarea, select, [contenteditable="true"]';

export function startDeckPaging(deck: Deck, win: Window = window): DeckPaging {
  const doc = win.document;
  // Keyed by the iframe's window: a widget counts once it has said it is ready.
  const widgets = new Map<Window, Widget>();

  const widgetOnSlide = (): Widget | undefined => {
    const slide = deck.currentSlide();
    if (!slide) return undefined;
    for (const w of widgets.values()) if (slide.contains(w.frame)) return w;
    return undefined;
  };

  const turn = (w: Widget, direction: PageDirection): void => {
    // The iframe may have had focus (its own keys paged out): give it back to the deck.
    if (doc.activeElement === w.frame) w.frame.blur();
    deck.page(direction);
  };

  const onMessage = (e: MessageEvent): void => {
    const m = readWidgetMessage(e.data);
    if (!m) return;
    const frame = Array.from(doc.getElementsByTagName('iframe')).find(
      (f) => f.contentWindow === e.source,
    );
    if (!frame || e.origin !== originOf(frame)) return;
    const source = e.source as Window;
    if (m.type === 'ambient-walk:ready') {
      widgets.set(source, { frame, first: true, last: false });
      return;
    }
    const w = widgets.get(source);
    if (!w) return;
    if (m.type === 'ambient-walk:hop') {
      w.first = m.index === 0;
      w.last = m.index === m.total - 1;
    } else if (m.type === 'ambient-walk:page' && widgetOnSlide() === w) turn(w, m.direction);
  };

  const onKey = (e: KeyboardEvent): void => {
    const direction = pagingDirection(e);
    if (!direction || e.defaultPrevented || deck.busy?.()) return;
    const target = e.target as Partial<Element> | null;
    if (typeof target?.closest === 'function' && target.closest(TYPING)) return;
    const w = widgetOnSlide();
    if (!w) return;
    const atEnd = direction === 'next' ? w.last : w.first;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (atEnd) {
      turn(w, direction);
      return;
    }
    const origin = originOf(w.frame);
    if (origin)
      w.frame.contentWindow?.postMessage(
        { type: 'ambient-walk:command', command: direction },
        origin,
      );
  };

  win.addEventListener('message', onMessage);
  // In the capture phase on the window: before the deck's own key handler on the document.
  win.addEventListener('keydown', onKey, true);
  return {
    stop: () => {
      win.removeEventListener('message', onMessage);
      win.removeEventListener('keydown', onKey, true);
    },
  };
}
