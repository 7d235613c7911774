import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether an element is on screen (within `margin` of the viewport), from an
 * IntersectionObserver. True until the first report, and where there is no observer, so
 * content is never held back by mistake.
 */
export function useIntersecting(ref: RefObject<Element | null>, margin = '0px'): boolean {
  const [on, setOn] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(([entry]) => setOn(entry?.isIntersecting ?? true), {
      rootMargin: margin,
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, margin]);
  return on;
}
