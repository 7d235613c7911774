/**
 * A shipped walk in two parts. What moves the walk (the stage, the group, the title and
 * narration, where the hop is, what it lights on the diagram, the packet) ships with the page;
 * what only Hop details and the speaker notes show (why, the fact, the sources, the provenance,
 * the live command, the decision trail) loads just after, so a first visit on a slow network
 * can step the walk sooner. A hop whose details have not arrived says so (`hasDetails`).
 */
import type { Hop } from './hop';
import type { PortableWalk } from './portable';

/** The fields of a hop that only its details show. */
export interface HopDetailFields {
  readonly why: Hop['why'];
  readonly fact: Hop['fact'];
  readonly sources: Hop['sources'];
  readonly provenance: Hop['provenance'];
  readonly command: Hop['command'];
  readonly flow: Hop['flow'];
  readonly actorText: Hop['actor']['text'];
  readonly actorDetails: Hop['actor']['details'];
}

const DETAIL_KEYS = ['why', 'fact', 'sources', 'provenance', 'command', 'flow'] as const;

/** True when a hop carries its details (every walked hop does; a shipped one may not yet). */
export function hasDetails(hop: Hop): boolean {
  return typeof (hop as Partial<Hop>).why === 'string';
}

/**
 * Splits a walk's hop details off, except for the hops `keep` names (the hop the page opens
 * at, so the first view's details need not wait). The stage part is a PortableWalk whose other
 * hops lack their detail fields; `joinDetails` puts them back.
 */
export function splitDetails(
  w: PortableWalk,
  keep: (index: number) => boolean,
): { stage: PortableWalk; details: (HopDetailFields | null)[] } {
  const details: (HopDetailFields | null)[] = [];
  const hops = w.hops.map((h, i) => {
    if (keep(i)) {
      details.push(null);
      return h;
    }
    details.push({
      why: h.why,
      fact: h.fact,
      sources: h.sources,
      provenance: h.provenance,
      command: h.command,
      flow: h.flow,
      actorText: h.actor.text,
      actorDetails: h.actor.details,
    });
    const rest = Object.fromEntries(
      Object.entries(h).filter(([k]) => !(DETAIL_KEYS as readonly string[]).includes(k)),
    );
    return { ...rest, actor: { ...h.actor, text: '', details: [] } } as unknown as Hop;
  });
  return { stage: { ...w, hops }, details };
}

/** The walk with every hop's details back in place. */
export function joinDetails(
  stage: PortableWalk,
  details: readonly (HopDetailFields | null)[],
): PortableWalk {
  const hops = stage.hops.map((h, i) => {
    const d = details[i];
    if (!d) return h;
    const { actorText, actorDetails, ...fields } = d;
    return { ...h, ...fields, actor: { ...h.actor, text: actorText, details: actorDetails } };
  });
  return { ...stage, hops };
}
