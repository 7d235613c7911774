import type { PortableWalk as Walk } from '../../model';

/** A band of the packet's envelope as the caption's legend names it. */
export interface LegendBand {
  readonly label: string;
  /** Its swatch class on the page (`sw-<key>`) and its colour variable (`--c-<key>`). */
  readonly key: 'ip' | 'geneve' | 'tls' | 'http' | 'mark';
}

const BANDS: readonly LegendBand[] = [
  { label: 'IP/TCP', key: 'ip' },
  { label: 'GENEVE', key: 'geneve' },
  { label: 'mTLS · HBONE', key: 'tls' },
  { label: 'HTTP', key: 'http' },
  { label: 'skb mark', key: 'mark' },
];

/**
 * The legend for a walk, on the page and in an exported figure alike: the GENEVE band only
 * where some packet of the walk travels in a tunnel (in-pod walks have none).
 */
export function legendFor(walk: Walk): readonly LegendBand[] {
  const tunnelled = walk.hops.some((h) => h.packetAfter?.payload.kind === 'geneve');
  return tunnelled ? BANDS : BANDS.filter((b) => b.key !== 'geneve');
}
