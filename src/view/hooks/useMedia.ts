import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

// One MediaQueryList per query for the page's life: matchMedia makes a new one on every call,
// and the browser keeps each one it made (every render of every hop, over an hour's soak).
const lists = new Map<string, MediaQueryList>();
function mediaList(query: string): MediaQueryList | undefined {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined;
  let m = lists.get(query);
  if (!m) {
    m = window.matchMedia(query);
    lists.set(query, m);
  }
  return m;
}

/** A CSS media query's current answer, updated when it changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const m = mediaList(query);
      m?.addEventListener('change', onChange);
      return () => m?.removeEventListener('change', onChange);
    },
    [query],
  );
  const get = (): boolean => mediaList(query)?.matches ?? false;
  return useSyncExternalStore(subscribe, get, () => false);
}

/** The width of an element, from a ResizeObserver (which reports once as soon as it observes). */
export function useElementWidth(el: HTMLElement | null, estimate = 0): number {
  // Start from an estimate (the viewport's width) so the first render already has the right
  // layout and nothing jumps when the observer reports.
  const [width, setWidth] = useState(estimate);
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return width;
}
