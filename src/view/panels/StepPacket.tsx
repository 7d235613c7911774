import { overviewSteps, stepIndexOf, summarize } from '../../machine/steps';
import type { Hop, IpPacket, PortableWalk as Walk } from '../../model';
import { PacketTable } from './PacketTable';

/** The packet where a hop leaves it (a hop that only decides leaves it as it found it). */
const packetAt = (h: Hop): IpPacket | null => h.packetAfter ?? h.packetBefore;

export interface StepPacketProps {
  readonly walk: Walk;
  readonly hop: Hop;
  /** Moves the walk to a folded hop; without it the hops are listed as text. */
  readonly onGoto?: (index: number) => void;
}

/**
 * The overview's packet: compared with where the previous step left it, not with the hop just
 * before, so a change made by a hop the overview folds away (the GENEVE encapsulation three
 * hops back) still shows; the folded hops are listed with a way to each.
 */
export function StepPacket({ walk, hop, onGoto }: StepPacketProps) {
  const summary = summarize(walk);
  const steps = overviewSteps(summary);
  const k = stepIndexOf(summary, hop.index);
  const since = k > 0 ? steps[k - 1]!.last : -1;
  const before = since >= 0 ? packetAt(walk.hops[since]!) : (walk.hops[0]?.packetBefore ?? null);
  const folded = walk.hops.slice(since + 1, hop.index);
  return (
    <>
      <PacketTable before={before} after={packetAt(hop)} over="step" />
      {folded.length > 0 && (
        <div className="folded-hops">
          <p className="muted">
            {since >= 0 ? `Since step ${k} ended at hop ${since + 1}` : 'Since the walk began'},{' '}
            {folded.length === 1 ? 'one hop is' : `${folded.length} hops are`} folded into this
            step:
          </p>
          <ol start={since + 2}>
            {folded.map((h) => (
              <li key={h.id}>
                {onGoto ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onGoto(h.index)}
                    data-focus-key={`folded-${h.index}`}
                  >
                    {h.title}
                  </button>
                ) : (
                  h.title
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
