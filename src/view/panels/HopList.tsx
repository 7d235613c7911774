import { useEffect, useRef } from 'react';
import { GROUP_TITLES, type PortableWalk as Walk } from '../../model';

export interface HopListProps {
  readonly walk: Walk;
  readonly current: number;
  readonly onSelect: (index: number) => void;
}

/**
 * Every hop of the walk, in order: the diagram's text alternative and its print view. The
 * current hop carries aria-current="step". The first hop of each overview step names the step.
 */
export function HopList({ walk, current, onSelect }: HopListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const list = listRef.current;
    const el = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !el) return;
    // Scroll the list, never the page: the list is the text alternative, not where the eye is.
    const top = el.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + el.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top - list.clientHeight / 3;
    }
  }, [current, walk]);
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
            <li
              key={h.id}
              className={`hop-item stage-${h.stage}${i === current ? ' current' : ''}${newStep ? ' step-start' : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              {newStep && (
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
        })}
      </ol>
    </nav>
  );
}
