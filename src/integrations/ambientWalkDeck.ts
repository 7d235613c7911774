/**
 * Any deck's plugin, built with the site as dist/integrations/ambient-walk-deck.js (a classic
 * script: it defines `AmbientWalkDeck`). A deck that is not reveal.js hands it two calls:
 *
 *   AmbientWalkDeck.start({
 *     currentSlide: () => document.querySelector('.slide.current'),
 *     page: (direction) => (direction === 'next' ? deck.next() : deck.prev()),
 *   });
 *
 * and gets what the reveal.js plugin gives (deckPaging.ts).
 */
import { startDeckPaging, type Deck, type DeckPaging } from './deckPaging';

const AmbientWalkDeck = {
  start: (deck: Deck): DeckPaging => startDeckPaging(deck),
};

export default AmbientWalkDeck;
