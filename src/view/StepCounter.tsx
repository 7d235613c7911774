import { overviewSteps, stepIndexOf, summarize } from '../machine/steps';
import type { PortableWalk as Walk } from '../model';
import './step-counter.css';

/**
 * `n` padded to the width of `total`, so the text after it stays put as n grows from one digit
 * to two (a layout shift on every tenth hop otherwise).
 */
function PaddedNumber({ n, total }: { n: number; total: number }) {
  return (
    // Keyed by n: a new number is a new node, not a moved one.
    <span key={n} className="padded-number" style={{ minWidth: `${String(total).length}ch` }}>
      {n}
    </span>
  );
}

/**
 * The page's one counter: "Step 3 of 9 · hop 11 of 49". A step is a run of hops of one overview
 * group (src/machine/steps.ts), so the step number is the same at both detail levels.
 */
export function StepCounter({ walk, index }: { walk: Walk; index: number }) {
  const summary = summarize(walk);
  const steps = overviewSteps(summary).length;
  const hops = walk.hops.length;
  return (
    <span className="step-counter">
      Step <PaddedNumber n={stepIndexOf(summary, index) + 1} total={steps} /> of {steps} · hop{' '}
      <PaddedNumber n={index + 1} total={hops} /> of {hops}
    </span>
  );
}
