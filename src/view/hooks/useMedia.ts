import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

/** A CSS media query's current answer, updated when it changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const m = window.matchMedia(query);
      m.addEventListener('change', onChange);
      return () => m.removeEventListener('change', onChange);
    },
    [query],
  );
  const get = (): boolean =>
    typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
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
