import { useEffect, useRef, type DependencyList, type RefObject } from 'react';

/**
 * Scrolls a scrolling container (never the page) so the element matching `selector` sits a
 * third of the way down it, after every change of `deps`. With `onlyIfHidden`, an element
 * already in view stays where it is.
 *
 * Two costs are avoided: reading positions straight after React's commit would force a
 * layout inside the click handler, so the scroll waits for the next animation frame (where
 * that layout is the frame's own); and a container off screen (the hop list below the fold
 * while a walk plays) is not scrolled at all until it comes into view.
 */
export function useContainerScroll(
  container: RefObject<HTMLElement | null>,
  selector: string,
  deps: DependencyList,
  { onlyIfHidden = false }: { onlyIfHidden?: boolean } = {},
): void {
  const visible = useRef(true);
  const pending = useRef(false);

  useEffect(() => {
    const box = container.current;
    if (!box || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(([entry]) => {
      visible.current = entry?.isIntersecting ?? true;
      if (visible.current && pending.current) {
        pending.current = false;
        scrollTo(box, selector, onlyIfHidden);
      }
    });
    io.observe(box);
    return () => io.disconnect();
  }, [container, selector, onlyIfHidden]);

  useEffect(() => {
    if (!visible.current) {
      pending.current = true;
      return;
    }
    const box = container.current;
    if (!box) return;
    const frame = requestAnimationFrame(() => {
      // Nothing to scroll to yet (content still loading): try again when next in view.
      if (!scrollTo(box, selector, onlyIfHidden)) pending.current = true;
    });
    return () => cancelAnimationFrame(frame);
    // The caller's deps say when to scroll; the container and selector are fixed per caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/** Scrolls `box` to the element; false when there is no such element. */
function scrollTo(box: HTMLElement, selector: string, onlyIfHidden: boolean): boolean {
  const el = box.querySelector<HTMLElement>(selector);
  if (!el) return false;
  // Measured on screen, so it holds whichever box the element's offsets are counted from
  // (the Rules panel's scroll box is itself positioned; the hop list's is not).
  const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  const hidden = top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight;
  if (!onlyIfHidden || hidden) box.scrollTop = top - box.clientHeight / 3;
  return true;
}
