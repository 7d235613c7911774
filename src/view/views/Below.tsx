import { memo, useEffect, useRef, useState } from 'react';
import type { Hop, PortableWalk as Walk } from '../../model';
import { useIntersecting } from '../hooks/useIntersecting';
import { HopList } from '../panels/HopList';
import { ReferenceTabs } from '../panels/ReferenceTabs';

/**
 * Below the fold: every hop as a list (the diagram's text alternative) and the reference tabs.
 *
 * While a walk plays and this part is off screen, it keeps showing the hop it last showed:
 * redrawing a list and rule listings nobody can see, on every hop, is most of a hop's cost.
 * It catches up as soon as it scrolls into view or playback stops, so at rest (and for anyone
 * stepping through) it is always current.
 */
export default memo(function Below({
  walk,
  index,
  hop,
  playing,
  onSelect,
  onShown,
}: {
  walk: Walk;
  index: number;
  hop: Hop | undefined;
  playing: boolean;
  onSelect: (index: number) => void;
  /** Called once this part is on the page (it loads lazily). */
  onShown?: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useIntersecting(ref, '200px');
  const live = !playing || visible;
  const [held, setHeld] = useState({ walk, index, hop });
  useEffect(() => {
    if (live) setHeld({ walk, index, hop });
  }, [live, walk, index, hop]);
  const shown = live ? { walk, index, hop } : held;
  useEffect(() => onShown?.(), [onShown]);
  return (
    <div className="below" ref={ref}>
      <HopList walk={shown.walk} current={shown.index} onSelect={onSelect} />
      <ReferenceTabs walk={shown.walk} hop={shown.hop} />
    </div>
  );
});
