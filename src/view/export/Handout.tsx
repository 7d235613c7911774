/**
 * The print handout (loaded when asked for): every hop of the walk at the detail level, in
 * order, one block each with its diagram at rest, its narration, what acted (the rule,
 * program or decision, as the Rules panel prints it) and the packet. Hidden on screen; the
 * print stylesheet shows it alone. Once every hop has its details it asks the browser to
 * print, and goes away when printing is done.
 */
import { use, useEffect, useRef } from 'react';
import { overviewSteps, stepPositions, stepIndexOf, summarize } from '../../machine/steps';
import { GROUP_TITLES, OUTCOME_TITLES, type PortableWalk as Walk } from '../../model';
import { hasDetails } from '../../model/hopDetails';
import type { Detail } from '../../store/urlState';
import { loadDefaultDetails } from '../../store/walkCache';
import { Diagram } from '../diagram/Diagram';
import { layoutResource } from '../diagram/layoutCache';
import type { Layout } from '../diagram/shapes';
import { PacketTable } from '../panels/PacketTable';
import { StepPacket } from '../panels/StepPacket';
import './handout.css';

export interface HandoutProps {
  readonly walk: Walk;
  readonly detail: Detail;
  /** Printing is over (or was never possible): the handout can go. */
  readonly onDone: () => void;
}

export default function Handout({ walk, detail, onDone }: HandoutProps) {
  const layout = use(layoutResource(walk, 'landscape') as Promise<Layout>);
  const summary = summarize(walk);
  const steps = overviewSteps(summary).length;
  const positions = stepPositions(summary, detail);
  const complete = walk.hops.every(hasDetails);
  const printed = useRef(false);
  useEffect(() => {
    if (!complete) void loadDefaultDetails();
  }, [complete]);
  useEffect(() => {
    if (!complete || printed.current) return;
    printed.current = true;
    const done = (): void => onDone();
    window.addEventListener('afterprint', done, { once: true });
    // After this render has reached the screen, so the print has every diagram.
    const raf = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(raf);
      window.removeEventListener('afterprint', done);
    };
  }, [complete, onDone]);
  return (
    <section className="handout" aria-label="Print handout" data-complete={complete}>
      <header className="handout-head">
        <h1>Ambient Packet Walk</h1>
        <p>
          {walk.mode.label} · Istio {walk.scenario.istio} · {walk.hops.length} hops ·{' '}
          {detail === 'overview'
            ? `the ${positions.length} overview steps`
            : 'every hop (full detail)'}{' '}
          · {OUTCOME_TITLES[walk.outcome.kind]}
        </p>
      </header>
      {positions.map((i) => {
        const hop = walk.hops[i]!;
        return (
          <article key={hop.id} className="handout-hop" data-hop={i + 1}>
            <h2 className="handout-position">
              Step {stepIndexOf(summary, i) + 1} of {steps} · hop {i + 1} of {walk.hops.length} ·{' '}
              {GROUP_TITLES[hop.group]}
            </h2>
            <p className="handout-title">{hop.title}</p>
            <div className="handout-diagram">
              <Diagram
                walk={walk}
                layout={layout}
                index={i}
                reduceMotion={true}
                speed={1}
                zoomable={false}
                idPrefix={`handout-${i + 1}`}
              />
            </div>
            <p className="handout-narration">{hop.narration}</p>
            <dl className="handout-facts">
              <dt>What acted</dt>
              <dd>
                <strong>{hop.actor.name}</strong>
                {hop.actor.text && <pre className="handout-rule">{hop.actor.text}</pre>}
              </dd>
              {hasDetails(hop) && (
                <>
                  <dt>Why</dt>
                  <dd>{hop.why}</dd>
                </>
              )}
              <dt>{detail === 'overview' ? 'Packet over this step' : 'Packet'}</dt>
              <dd>
                {detail === 'overview' ? (
                  <StepPacket walk={walk} hop={hop} />
                ) : (
                  <PacketTable before={hop.packetBefore} after={hop.packetAfter} />
                )}
              </dd>
            </dl>
          </article>
        );
      })}
    </section>
  );
}
