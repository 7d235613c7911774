/**
 * The reveal.js plugin, built with the site as dist/integrations/reveal-ambient-walk.js (a
 * classic script: it defines `RevealAmbientWalk`). A deck includes it and lists it:
 *
 *   <script src="https://where.the.app.is/integrations/reveal-ambient-walk.js"></script>
 *   <script>Reveal.initialize({ plugins: [RevealAmbientWalk] });</script>
 *
 * On a slide holding the widget, PageDown/PageUp and the arrows step the walk and turn the
 * slide at its ends, with or without focus in the widget (deckPaging.ts).
 */
import { startDeckPaging } from './deckPaging';

/** The part of reveal.js's API the plugin uses (reveal.js 4 to 6). */
interface Reveal {
  getCurrentSlide(): HTMLElement | undefined;
  next(): void;
  prev(): void;
  isOverview(): boolean;
  isPaused(): boolean;
}

export default function RevealAmbientWalk(): {
  id: string;
  init: (deck: Reveal) => void;
  destroy: () => void;
} {
  let stop = (): void => undefined;
  return {
    id: 'ambient-walk',
    init: (deck) => {
      stop = startDeckPaging({
        currentSlide: () => deck.getCurrentSlide(),
        page: (direction) => (direction === 'next' ? deck.next() : deck.prev()),
        busy: () => deck.isOverview() || deck.isPaused(),
      }).stop;
    },
    destroy: () => stop(),
  };
}
