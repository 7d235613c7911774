/**
 * Paging keys: the keys a presenter's clicker sends (PageDown, PageUp) and the arrows a
 * keyboard pages with. Inside the widget they step the walk; at its first or last hop the
 * widget hands them to the page around it (an `ambient-walk:page` message), and a deck plugin
 * steps the walk with the same keys while the widget does not have focus. Space is not one of
 * them: it plays and pauses the widget, and a deck keeps it.
 *
 * Depends on nothing else of the app: the deck plugin is built from it.
 */
import type { PageDirection } from './hostMessages';

export const PAGING_KEYS: { readonly [D in PageDirection]: readonly string[] } = {
  next: ['PageDown', 'ArrowRight'],
  prev: ['PageUp', 'ArrowLeft'],
};

interface KeyLike {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** The direction a paging key pages in; undefined for any other key or with a modifier. */
export function pagingDirection(e: KeyLike): PageDirection | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return undefined;
  if (PAGING_KEYS.next.includes(e.key)) return 'next';
  if (PAGING_KEYS.prev.includes(e.key)) return 'prev';
  return undefined;
}
