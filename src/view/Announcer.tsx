import { useEffect, useRef, useState } from 'react';
import type { PortableWalk as Walk } from '../model';

/** Seconds between announcements while playing fast, so a screen reader is not flooded. */
const THROTTLE_MS = 2500;

/**
 * A polite live region, present from load, that narrates each hop. During playback it speaks
 * at most every few seconds (the latest hop wins); stepping by hand speaks every hop.
 */
export function Announcer({
  walk,
  index,
  playing,
}: {
  walk: Walk;
  index: number;
  playing: boolean;
}) {
  const [text, setText] = useState('');
  const last = useRef(0);
  const pending = useRef<number | undefined>(undefined);
  const first = useRef(true);
  useEffect(() => {
    const hop = walk.hops[index];
    if (!hop) return;
    if (first.current) {
      // Do not read the first hop over the page title on load.
      first.current = false;
      return;
    }
    const message = `Hop ${index + 1} of ${walk.hops.length}: ${hop.title}. ${hop.narration}${index === walk.hops.length - 1 ? ` ${walk.outcome.title}: ${walk.outcome.summary}` : ''}`;
    window.clearTimeout(pending.current);
    const now = Date.now();
    const wait = playing ? Math.max(0, last.current + THROTTLE_MS - now) : 0;
    pending.current = window.setTimeout(() => {
      last.current = Date.now();
      setText(message);
    }, wait);
    return () => window.clearTimeout(pending.current);
  }, [walk, index, playing]);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="visually-hidden"
      data-testid="announcer"
    >
      {text}
    </div>
  );
}
