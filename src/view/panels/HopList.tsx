import { memo, useRef } from 'react';
import { useContainerScroll } from '../hooks/useContainerScroll';
import { GROUP_TITLES, type PortableWalk as Walk } from '../../model';
import './hop-list.css';

type Hop = Walk['hops'][number];

export interface HopListProps {
  readonly walk: Walk;
  readonly current: number;
  readonly onSelect: (index: number) => void;
}

/**
 * Every hop of the walk, in order: the diagram's text alternative and its print view. The
 * current hop carries aria-current="step". The first hop of each overview step names the step.
 */
export const HopList = memo(function HopList({ walk, current, onSelect }: HopListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  useContainerScroll(listRef, '[aria-current="step"]', [current, walk], { onlyIfHidden: true });
  let step = 0;
  return (
    <nav className="hop-list-nav" aria-labelledby="hops-heading">
      <h2 id="hops-heading" className="panel-heading">
        Hops <span className="muted">({walk.hops.length})</span>
      </h2>
      <ol className="hop-list" aria-label="Hops" ref={listRef}>
        {walk.hops.map((h, i) => {
          const newStep = i === 0 || walk.hops[i - 1]?.group !== h.group;
          if (newStep) step++;
          return (
            <HopItem
              key={h.id}
              hop={h}
              index={i}
              current={i === current}
              step={newStep ? step : 0}
              onSelect={onSelect}
            />
          );
        })}
      </ol>
    </nav>
  );
});

/** One hop; memoised so moving to the next hop re-renders two items, not the whole walk. */
const HopItem = memo(function HopItem({
  hop: h,
  index: i,
  current,
  step,
  onSelect,
}: {
  hop: Hop;
  index: number;
  current: boolean;
  /** The overview step this hop starts, or 0 when it continues one. */
  step: number;
  onSelect: (index: number) => void;
}) {
  return (
    <li
      className={`hop-item stage-${h.stage}${current ? ' current' : ''}${step ? ' step-start' : ''}`}
      aria-current={current ? 'step' : undefined}
    >
      {step > 0 && (
        <span className="hop-step">
          {step}. {GROUP_TITLES[h.group]}
        </span>
      )}
      <button type="button" className="hop-button" onClick={() => onSelect(i)}>
        <span className="hop-num" aria-hidden="true">
          {i + 1}
        </span>
        <span className="hop-text">
          <span className="hop-item-title">{h.title}</span>
          <span className="hop-item-narration">{h.narration}</span>
        </span>
      </button>
    </li>
  );
});
