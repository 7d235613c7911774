import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { GROUP_TITLES, type Hop, type PortableWalk as Walk } from '../../model';
import { hasDetails } from '../../model/hopDetails';
import { loadDefaultDetails } from '../../store/walkCache';
import { CopyButton } from './CopyButton';
import { useSettings } from '../StoreContext';
import { PacketTable } from './PacketTable';
import { ProvenanceBadge } from './ProvenanceBadge';
import { SourceLink } from './SourceLink';
import { StepPacket } from './StepPacket';
import './hop-details.css';

const ACTOR_KIND: Record<Hop['actor']['kind'], string> = {
  app: 'application',
  netfilter: 'netfilter rule',
  routing: 'routing decision',
  conntrack: 'conntrack',
  geneve: 'GENEVE tunnel',
  ebpf: 'eBPF program (TC)',
  veth: 'veth pair',
  wire: 'the wire',
  socket: 'listening socket',
  ztunnel: 'ztunnel',
  waypoint: 'waypoint (Envoy)',
  policy: 'authorization policy',
  dns: 'DNS',
  assumption: 'unconfirmed step',
};

export interface HopDetailsProps {
  readonly walk: Walk;
  readonly hop: Hop;
  /** Opens the Rules panel on the acting line. */
  readonly onShowRules?: () => void;
  /** Moves the walk to a hop (the overview lists the hops it folds). */
  readonly onGoto?: (index: number) => void;
  readonly headingLevel?: 2 | 3;
}

/** Everything about one hop: the text alternative of the diagram's current position. */
export const HopDetails = memo(function HopDetails({
  walk,
  hop,
  onShowRules,
  onGoto,
  headingLevel = 2,
}: HopDetailsProps) {
  const overview = useSettings((s) => s.detail) === 'overview';
  const complete = hasDetails(hop);
  // The default walk's details load just after the first paint; a hop shown before they have
  // arrived asks for them (again: the load happens once) and shows the rest meanwhile.
  useEffect(() => {
    if (!complete) void loadDefaultDetails();
  }, [complete]);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const where = hop.where;
  // Each hop's details are drawn afresh (keyed by hop) rather than edited in place: text of
  // another length would otherwise push the sections below it about on every hop of a playing
  // walk (layout shift). What the reader set up survives: the open disclosure, and focus.
  const [decisionsOpen, setDecisionsOpen] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const focusKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    const key = focusKey.current;
    const active = document.activeElement;
    if (!key || (active && active !== document.body)) return;
    body.current?.querySelector<HTMLElement>(`[data-focus-key="${key}"]`)?.focus();
  }, [hop.id]);
  return (
    <section className="hop-details" aria-labelledby="hop-details-heading">
      <H id="hop-details-heading" className="panel-heading">
        Hop details
      </H>
      <div
        key={hop.id}
        ref={body}
        className="hop-body"
        onFocus={(e) => {
          focusKey.current = (e.target as HTMLElement).dataset.focusKey ?? null;
        }}
        onBlur={(e) => {
          // Leaving for somewhere else forgets; being removed with the old hop does not.
          const next = e.relatedTarget as Node | null;
          if ((next && !e.currentTarget.contains(next)) || (!next && e.target.isConnected)) {
            focusKey.current = null;
          }
        }}
      >
        <p className="hop-kicker">
          <span className={`stage-chip stage-${hop.stage}`}>{GROUP_TITLES[hop.group]}</span>
          <span>
            Hop {hop.index + 1} of {walk.hops.length}
          </span>
        </p>
        <p className="hop-title" id="hop-details-title">
          {hop.title}
        </p>
        <p className="hop-narration">{hop.narration}</p>
        {hop.uncertain && (
          <p className="hop-uncertain" role="note">
            <strong>Uncertain: </strong>
            {hop.uncertain.replace(/^Uncertain:?\s*/, '')}
          </p>
        )}
        <dl className="facts">
          <dt>Where</dt>
          <dd>
            {where.node ?? 'between the nodes'} · {where.netnsLabel}
            {where.iface ? (
              <>
                {' '}
                · interface <code>{where.iface}</code>
              </>
            ) : null}
          </dd>
          <dt>What acted</dt>
          <dd>
            <span className="actor-kind">{ACTOR_KIND[hop.actor.kind]}</span>{' '}
            <strong>{hop.actor.name}</strong>
            {complete && (
              <pre className="rule-text" aria-label="Acting rule or decision">
                {hop.actor.text}
              </pre>
            )}
            {hop.actor.refs.length > 0 && onShowRules && (
              <button
                type="button"
                className="btn btn-small"
                onClick={onShowRules}
                data-focus-key="show-rules"
              >
                Show in Rules
              </button>
            )}
            {hop.actor.details.length > 0 && (
              <details
                className="actor-details"
                open={decisionsOpen}
                onToggle={(e) => setDecisionsOpen(e.currentTarget.open)}
              >
                <summary data-focus-key="decisions">
                  How it was decided ({hop.actor.details.length})
                </summary>
                <ul>
                  {hop.actor.details.map((d, i) => (
                    <li key={i}>
                      <code>{d}</code>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </dd>
          <dt>Why</dt>
          {complete ? (
            <dd>{hop.why}</dd>
          ) : (
            <dd className="details-pending" aria-busy="true">
              Loading the rest of this hop’s details…
            </dd>
          )}
          <dt>{overview ? 'Packet over this step' : 'Packet'}</dt>
          <dd>
            {overview ? (
              <StepPacket walk={walk} hop={hop} onGoto={onGoto} />
            ) : (
              <PacketTable before={hop.packetBefore} after={hop.packetAfter} />
            )}
          </dd>
          {complete && (
            <>
              <dt>Source</dt>
              <dd>
                <ProvenanceBadge prov={hop.provenance} />
                <ul className="sources">
                  {hop.sources.map((s, i) => (
                    <li key={s}>
                      <SourceLink refText={s} focusKey={`source-${i}`} />
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>Live command</dt>
              <dd className="command">
                <code>{hop.command}</code>
                <CopyButton
                  text={hop.command}
                  label="Copy the live command"
                  focusKey="copy-command"
                />
              </dd>
              <dt>Connection</dt>
              <dd>{hop.flow}</dd>
            </>
          )}
        </dl>
      </div>
    </section>
  );
});
