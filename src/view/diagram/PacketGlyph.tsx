/**
 * The packet: an envelope whose nested bands show its encapsulation (GENEVE outer, IP/TCP,
 * mTLS/HBONE, the HTTP request), with its skb mark as a tag. React draws what it looks like at
 * the current hop; its position is moved frame by frame by a Web Animation on a ref, so
 * playback neither re-renders React nor repaints the diagram sixty times a second.
 */
import { easeCubicInOut } from 'd3-ease';
import { memo, useLayoutEffect, useRef } from 'react';
import { hex, streamLayers, type IpPacket, type PortableWalk as Walk } from '../../model';
import { walkPath } from './hopPlaces';
import { distanceOffsets, pointAlong } from './polyline';
import type { Layout, Point } from './shapes';
import './packet-glyph.css';

export interface PacketGlyphProps {
  readonly walk: Walk;
  readonly index: number;
  readonly layout: Layout;
  /** Every hop's point on this layout. */
  readonly points: readonly Point[];
  readonly reduceMotion: boolean;
  readonly speed: number;
}

/** d3's easeCubicInOut as a CSS timing function, for the compositor to run. */
const EASE_CSS = 'cubic-bezier(0.65, 0, 0.35, 1)';

const translateOf = (p: Point): string => `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px)`;

/** Longer jumps than this are not animated hop by hop: the packet appears at its new place. */
const MAX_ANIMATED_HOPS = 24;

export function PacketGlyph({
  walk,
  index,
  layout,
  points: hopPoints,
  reduceMotion,
  speed,
}: PacketGlyphProps) {
  const ref = useRef<SVGGElement>(null);
  const pos = useRef<Point | null>(null);
  const prev = useRef<{ walk: Walk; index: number; layout: Layout } | null>(null);
  const hop = walk.hops[index];

  // Where the packet rests is part of the render (so the pre-rendered page has it right);
  // the effect only animates the way there.
  const target = hopPoints[index] ?? null;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !target) return;
    const before = prev.current;
    prev.current = { walk, index, layout };
    const from = pos.current;
    pos.current = target;
    if (
      !from ||
      !before ||
      reduceMotion ||
      before.walk !== walk ||
      before.layout !== layout ||
      Math.abs(index - before.index) > MAX_ANIMATED_HOPS ||
      typeof el.animate !== 'function'
    ) {
      return;
    }
    // Along the way the packet took, hop by hop (down the uplink and along the bus on the wire).
    const points = [from, ...walkPath(layout, walk.hops, hopPoints, before.index, index)];
    const duration = Math.min(1100, 240 + 90 * (points.length - 1)) / speed;
    // The animation only overrides the resting place while it runs. A transform animation
    // runs on the compositor, so the main thread neither lays out nor paints the diagram on
    // each frame of a move.
    const offsets = distanceOffsets(points);
    const animation = el.animate(
      points.map((p, i) => ({ transform: translateOf(p), offset: offsets[i] })),
      { duration, easing: EASE_CSS },
    );
    return () => {
      // Interrupted by the next hop: the next move starts from where the packet is now.
      const elapsed = Number(animation.currentTime ?? duration);
      if (elapsed < duration) pos.current = pointAlong(points, easeCubicInOut(elapsed / duration));
      animation.cancel();
    };
    // `target` is derived from the points and the index, which are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [walk, index, layout, hopPoints, reduceMotion, speed, hop]);

  const packet = hop?.packetAfter ?? hop?.packetBefore ?? null;
  const end = index === walk.hops.length - 1;
  const outcome = end ? walk.outcome.kind : undefined;
  const reason = endTag(walk.outcome);
  return (
    <g
      ref={ref}
      style={target ? { transform: translateOf(target) } : undefined}
      className={`packet${outcome ? ` packet-end packet-${outcome}` : ''}${reduceMotion ? ' packet-static' : ''}`}
      aria-hidden="true"
    >
      {reduceMotion && <circle className="arrival-ring" r={44 * (layout.type.glyph / 0.85)} />}
      {packet && (
        <Envelope packet={packet} outcome={outcome} reason={reason} scale={layout.type.glyph} />
      )}
    </g>
  );
}

/** The tag the packet wears at the last hop: how the request ended, from the outcome's facts. */
export function endTag(o: Walk['outcome']): string {
  if (o.delivered) return '✓ delivered';
  if (o.kind === 'denied-l7') return '✕ 403 RBAC';
  if (o.kind === 'denied-l4') return '✕ reset (56)';
  const word =
    o.stop?.as === 'refused'
      ? 'refused'
      : o.stop?.as === 'dropped'
        ? 'timed out'
        : o.stop?.as === 'reset'
          ? 'reset'
          : 'failed';
  return `✕ ${word} (${o.curlExit})`;
}

const Envelope = memo(function Envelope({
  packet,
  outcome,
  reason,
  scale,
}: {
  packet: IpPacket;
  outcome: string | undefined;
  reason: string;
  scale: number;
}) {
  const geneve = packet.payload.kind === 'geneve';
  const layers = streamLayers(packet);
  const tls = layers.some((l) => l.kind === 'tls');
  const http = layers.find(
    (l) =>
      l.kind === 'http-request' ||
      l.kind === 'http-response' ||
      l.kind === 'dns-query' ||
      l.kind === 'dns-answer',
  );
  const inner = packet.payload.kind === 'geneve' ? packet.payload.inner : packet;
  const flags = inner.l4.flags;
  const core =
    http?.kind === 'http-request'
      ? http.method
      : http?.kind === 'http-response'
        ? String(http.status)
        : http?.kind === 'dns-query' || http?.kind === 'dns-answer'
          ? 'DNS'
          : (flags ?? '');
  return (
    <g className="envelope" transform={`scale(${scale})`}>
      {geneve && (
        <rect className="band band-geneve" x={-46} y={-30} width={92} height={60} rx={9} />
      )}
      <rect className="band band-ip" x={-36} y={-23} width={72} height={46} rx={7} />
      {tls && <rect className="band band-tls" x={-27} y={-16} width={54} height={32} rx={6} />}
      <rect
        className={`band band-core${http ? ' band-http' : ''}`}
        x={-19}
        y={-10}
        width={38}
        height={20}
        rx={4}
      />
      <text className="core-label" textAnchor="middle" y={4}>
        {core}
      </text>
      {geneve && (
        <text className="band-label geneve-label" x={0} y={-34} textAnchor="middle">
          GENEVE {packet.payload.kind === 'geneve' ? packet.payload.vni : ''}
        </text>
      )}
      {packet.skb.mark !== 0 && (
        <g className="mark-tag" transform={`translate(${geneve ? 46 : 36},${geneve ? -30 : -23})`}>
          <rect x={-4} y={-11} width={hex(packet.skb.mark).length * 7.6 + 8} height={18} rx={9} />
          <text x={0} y={2}>
            {hex(packet.skb.mark)}
          </text>
        </g>
      )}
      <text className="packet-dst" textAnchor="middle" y={geneve ? 46 : 39}>
        → {inner.ip.dst}:{inner.l4.dport}
      </text>
      {outcome && (
        <g className="outcome-tag" transform={`translate(0,${geneve ? -52 : -44})`}>
          <rect x={-52} y={-12} width={104} height={22} rx={11} />
          <text textAnchor="middle" y={4}>
            {reason}
          </text>
        </g>
      )}
    </g>
  );
});
