import { GROUP_TITLES, type Hop, type PortableWalk as Walk } from '../../model';
import { CopyButton } from './CopyButton';
import { PacketTable } from './PacketTable';
import { ProvenanceBadge } from './ProvenanceBadge';
import { SourceLink } from './SourceLink';

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
  readonly headingLevel?: 2 | 3;
}

/** Everything about one hop: the text alternative of the diagram's current position. */
export function HopDetails({ walk, hop, onShowRules, headingLevel = 2 }: HopDetailsProps) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const where = hop.where;
  return (
    <section className="hop-details" aria-labelledby="hop-details-heading">
      <H id="hop-details-heading" className="panel-heading">
        Hop details
      </H>
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
          <pre className="rule-text" aria-label="Acting rule or decision">
            {hop.actor.text}
          </pre>
          {hop.actor.refs.length > 0 && onShowRules && (
            <button type="button" className="btn btn-small" onClick={onShowRules}>
              Show in Rules
            </button>
          )}
          {hop.actor.details.length > 0 && (
            <details className="actor-details">
              <summary>How it was decided ({hop.actor.details.length})</summary>
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
        <dd>{hop.why}</dd>
        <dt>Packet</dt>
        <dd>
          <PacketTable before={hop.packetBefore} after={hop.packetAfter} />
        </dd>
        <dt>Source</dt>
        <dd>
          <ProvenanceBadge prov={hop.provenance} />
          <ul className="sources">
            {hop.sources.map((s) => (
              <li key={s}>
                <SourceLink refText={s} />
              </li>
            ))}
          </ul>
        </dd>
        <dt>Live command</dt>
        <dd className="command">
          <code>{hop.command}</code>
          <CopyButton text={hop.command} label="Copy the live command" />
        </dd>
        <dt>Connection</dt>
        <dd>{hop.flow}</dd>
      </dl>
    </section>
  );
}
