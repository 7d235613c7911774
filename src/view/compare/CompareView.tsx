/**
 * Two or three walks of the same request side by side, stepping together. The page's packet
 * machine owns the step; each column shows its own walk at the same overview step (carryIndex:
 * the same group, its nth run), so hop 4 of iptables and hop 3 of eBPF stand side by side as
 * "captured on the node". Loaded on demand: the first view never needs it.
 */
import { use, useId, useState } from 'react';
import type { PortableWalk as Walk, Scenario } from '../../model';
import {
  columnLabels,
  columnShortLabels,
  compareScenarios,
  type CompareColumn,
} from '../../model/compare/columns';
import { differences } from '../../model/compare/differs';
import { carryIndex, overviewSteps, stepIndexOf, summarize } from '../../machine/steps';
import { walkResource } from '../../store/walkCache';
import { DiagramFrame, type DiagramFrameProps } from '../diagram/DiagramFrame';
import { useSettings } from '../StoreContext';
import { CompareChooser } from './CompareChooser';
import './compare.css';

export interface CompareViewProps {
  /** The walk the machine steps, and its hop. */
  readonly walk: Walk;
  readonly index: number;
  readonly columns: readonly CompareColumn[];
  readonly reduceMotion: boolean;
  readonly speed: number;
  /** The embed and the presenter have no room for the chooser. */
  readonly chooser?: boolean;
  /** The label set and type of the stage the columns are on (the room set in presenter mode). */
  readonly labels?: DiagramFrameProps['labels'];
  readonly typeScale?: number;
}

/** The hops of the overview step a hop belongs to. */
function stepHops(walk: Walk, index: number): Walk['hops'] {
  const step = overviewSteps(summarize(walk))[stepIndexOf(summarize(walk), index)];
  return step ? walk.hops.slice(step.first, step.last + 1) : [];
}

export default function CompareView({
  walk,
  index,
  columns,
  reduceMotion,
  speed,
  chooser = true,
  labels: labelSet,
  typeScale,
}: CompareViewProps) {
  const detail = useSettings((s) => s.detail);
  const page: Scenario = walk.scenario;
  const scenarios = compareScenarios(page, columns);
  // Every column's walk (suspends while the simulator computes one the first time).
  const walks = scenarios.map((s) => use(walkResource(s) as Promise<Walk>));
  const from = summarize(walk);
  const at = walks.map((w) => carryIndex(from, index, summarize(w), detail));
  const labels = columnLabels(scenarios);
  const short = columnShortLabels(scenarios);
  const diff = differences(walks.map((w, i) => ({ label: short[i]!, hops: stepHops(w, at[i]!) })));
  // On a phone one column at a time, with a switch; wider screens show them all.
  const [shown, setShown] = useState(0);
  const id = useId();
  return (
    <section className="compare" aria-labelledby={`${id}-heading`}>
      <div className="compare-head">
        <h2 id={`${id}-heading`} className="compare-heading">
          Side by side: {short.join(' · ')}
        </h2>
        {chooser && <CompareChooser page={page} columns={columns} />}
      </div>
      <div className="compare-differs" data-testid="compare-differs">
        <span className="compare-differs-label">What differs at this step:</span>{' '}
        {diff.length === 0 ? (
          <span>the same rules and decisions act in every column.</span>
        ) : (
          diff.map((d, i) => (
            <span key={i} className="compare-differs-side">
              <strong>{d.label}:</strong> {d.only.length ? d.only.join(', ') : 'nothing'}
              {i < diff.length - 1 ? '; ' : ''}
            </span>
          ))
        )}
      </div>
      <div className="compare-switch" role="group" aria-label="Column shown">
        {labels.map((_, i) => (
          <button
            key={i}
            type="button"
            className="btn"
            aria-pressed={shown === i}
            onClick={() => setShown(i)}
          >
            {short[i]}
          </button>
        ))}
      </div>
      <div className="compare-columns" style={{ '--columns': walks.length } as React.CSSProperties}>
        {walks.map((w, i) => (
          <section
            key={i}
            className={`compare-column${shown === i ? ' is-shown' : ''}`}
            aria-labelledby={`${id}-col-${i}`}
            data-mode={w.scenario.redirect}
            data-hop={at[i]! + 1}
          >
            <h3 id={`${id}-col-${i}`} className="compare-column-name">
              {labels[i]}
            </h3>
            <DiagramFrame
              walk={w}
              index={at[i]!}
              reduceMotion={reduceMotion}
              speed={speed}
              idPrefix={`${id}-${i}-diagram`}
              {...(labelSet ? { labels: labelSet } : {})}
              {...(typeScale !== undefined ? { typeScale } : {})}
            />
          </section>
        ))}
      </div>
    </section>
  );
}
