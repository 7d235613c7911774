/**
 * The data-plane diagram: two nodes with their host namespaces, pods, ztunnels, veths, GENEVE
 * pipes or eBPF badges, the wire, and the packet. React owns every SVG element; d3 supplies the
 * path generator, and the packet's per-frame position is animated by PacketGlyph outside React.
 */
import { path } from 'd3-path';
import { memo, useMemo } from 'react';
import type { Hop, PortableWalk as Walk } from '../../model';
import {
  hopAnchorId,
  hopPoint,
  layoutDiagram,
  type Badge,
  type Box,
  type Layout,
  type Link,
  type Orientation,
  type Port,
} from './layout';
import { PacketGlyph } from './PacketGlyph';
import { ZoomLayer } from './ZoomLayer';
import './diagram.css';

export interface DiagramProps {
  readonly walk: Walk;
  readonly index: number;
  readonly orientation: Orientation;
  readonly reduceMotion: boolean;
  readonly speed: number;
  readonly zoomable: boolean;
  /** A badge was clicked: show that namespace's rules. */
  readonly onBadge?: (netns: string) => void;
}

/** A polyline as SVG path data (d3-path; straight segments read best on this diagram). */
function pathOf(points: ReadonlyArray<{ x: number; y: number }>): string {
  const p = path();
  points.forEach((pt, i) => (i === 0 ? p.moveTo(pt.x, pt.y) : p.lineTo(pt.x, pt.y)));
  return p.toString();
}

function dedupe<T extends { morphKey: string; visible: boolean }>(items: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const it of items) {
    const prev = byKey.get(it.morphKey);
    if (!prev || (!prev.visible && it.visible)) byKey.set(it.morphKey, it);
  }
  return [...byKey.values()];
}

const BoxEl = memo(function BoxEl({ b, active }: { b: Box; active: boolean }) {
  // ztunnel's top edge carries its ports' names, so its title sits lower.
  const titleY = b.kind === 'node' ? 24 : b.kind === 'ztunnel' ? 46 : 21;
  // The host namespace's name goes top right: its top-left holds the veths' TC programs.
  const hostLabel = b.kind === 'host';
  const hideLabel = hostLabel && b.w < 400;
  return (
    <g
      className={`box box-${b.kind}${b.visible ? '' : ' gone'}${active ? ' active' : ''}`}
      style={{ transform: `translate(${b.x}px, ${b.y}px)` }}
      data-netns={b.netns}
      aria-hidden={b.visible ? undefined : true}
    >
      <rect width={b.w} height={b.h} rx={b.kind === 'node' ? 14 : 9} />
      {!hideLabel && (
        <text
          className="box-label"
          x={hostLabel ? b.w - 10 : 10}
          y={hostLabel ? 20 : titleY}
          textAnchor={hostLabel ? 'end' : 'start'}
        >
          {b.label}
        </text>
      )}
      {b.sublabel && (
        <text className="box-sublabel" x={10} y={titleY + (b.kind === 'node' ? 20 : 18)}>
          {b.sublabel}
        </text>
      )}
    </g>
  );
});

const PortEl = memo(function PortEl({
  p,
  active,
  used,
}: {
  p: Port;
  active: boolean;
  used: boolean;
}) {
  // 'gap': beside the veth cable, between the pod and the host namespace.
  const dx =
    p.labelSide === 'left' ? -10 : p.labelSide === 'right' || p.labelSide === 'gap' ? 10 : 0;
  const dy =
    p.labelSide === 'above' ? -11 : p.labelSide === 'below' ? 19 : p.labelSide === 'gap' ? -16 : 4;
  const anchor =
    p.labelSide === 'left'
      ? 'end'
      : p.labelSide === 'right' || p.labelSide === 'gap'
        ? 'start'
        : 'middle';
  return (
    <g
      className={`port port-${p.kind}${p.visible ? '' : ' gone'}${active ? ' active' : ''}${used ? '' : ' unused'}`}
      style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
    >
      <rect x={-7} y={-7} width={14} height={14} rx={3} />
      <text x={dx} y={dy} textAnchor={anchor} className="port-label">
        {p.label}
      </text>
    </g>
  );
});

const LinkEl = memo(function LinkEl({ l, used }: { l: Link; used: boolean }) {
  const midX = (l.from.x + l.to.x) / 2;
  const midY = (l.from.y + l.to.y) / 2;
  const d = pathOf([l.from, l.to]) ?? '';
  return (
    <g
      className={`link link-${l.kind}${l.visible ? '' : ' gone'}${used ? '' : ' unused'}`}
      data-link={l.id}
    >
      {l.kind === 'geneve' && <path d={d} className="pipe-outer" />}
      <path d={d} className="link-line" />
      {l.label && l.kind === 'wire' ? (
        <text className="link-label" x={midX} y={midY + 24} textAnchor="middle">
          <tspan x={midX}>kind</tspan>
          <tspan x={midX} dy={15}>
            network
          </tspan>
        </text>
      ) : l.label ? (
        // Pipe labels go on the pipe's left: the outbound pipe is close to the node's edge.
        <text className="link-label" x={midX - 11} y={midY + 5} textAnchor="end">
          {l.label}
        </text>
      ) : null}
    </g>
  );
});

const BadgeEl = memo(function BadgeEl({
  b,
  active,
  onClick,
}: {
  b: Badge;
  active: boolean;
  onClick?: (netns: string) => void;
}) {
  const w = Math.max(44, b.label.length * 7.6 + 20);
  return (
    <g
      className={`badge badge-${b.kind}${b.visible ? '' : ' gone'}${active ? ' active' : ''}`}
      style={{ transform: `translate(${b.x}px, ${b.y}px)` }}
      onClick={onClick && b.visible ? () => onClick(b.netns) : undefined}
    >
      <title>
        {b.kind === 'listener'
          ? `ztunnel listens on ${b.label}`
          : `${b.label}: show this namespace's rules`}
      </title>
      <rect x={-w / 2} y={-12} width={w} height={24} rx={12} />
      <text textAnchor="middle" y={4.5}>
        {b.label}
      </text>
    </g>
  );
});

/** The diagram's accessible name, from the cluster it draws. */
function diagramTitle(walk: Walk): string {
  const nodes = walk.cluster.nodes.map((n) => n.name);
  const names =
    nodes.length > 1 ? `${nodes.slice(0, -1).join(', ')} and ${nodes.at(-1)}` : nodes[0];
  return `Diagram of the ${walk.mode.label} data plane: ${names ?? 'the nodes'} with their pods, ztunnels and links`;
}

/** The anchors a hop lights up: its own, and the eBPF badge or listener chip that acted. */
function activeIds(hop: Hop | undefined): Set<string> {
  const out = new Set<string>();
  if (!hop) return out;
  const id = hopAnchorId(hop);
  out.add(id);
  if (hop.actor.kind === 'ebpf') {
    const dir = hop.title.includes('egress') ? 'egress' : 'ingress';
    out.add(`${hop.where.anchor}#${dir}`);
  }
  if (hop.actor.kind === 'socket') {
    const port = /:(\d+)/.exec(hop.title)?.[1];
    if (port) out.add(`${hop.where.netns}#listen-${port}`);
  }
  if (hop.where.netns !== 'wire') out.add(`box:${hop.where.netns}`);
  return out;
}

export function Diagram({
  walk,
  index,
  orientation,
  reduceMotion,
  speed,
  zoomable,
  onBadge,
}: DiagramProps) {
  const layout: Layout = useMemo(
    () => layoutDiagram(walk.cluster, orientation),
    [walk.cluster, orientation],
  );
  const hop = walk.hops[index];
  const active = useMemo(() => activeIds(hop), [hop]);
  const used = useMemo(() => new Set(walk.hops.map((h) => hopAnchorId(h))), [walk]);
  const points = useMemo(() => walk.hops.map((h) => hopPoint(layout, h)), [walk, layout]);
  // The last few moves as a fading trail; the whole route would be a web of diagonals.
  const trail = useMemo(() => {
    const recent = points.slice(Math.max(0, index - 3), index + 1);
    return recent.length > 1 ? (pathOf(recent) ?? '') : '';
  }, [points, index]);
  const boxes = dedupe(layout.boxes);
  const ports = dedupe(layout.ports);
  const links = dedupe(layout.links);
  const badges = dedupe(layout.badges);
  const denied = walk.outcome.kind === 'denied-l4' || walk.outcome.kind === 'denied-l7';
  return (
    <svg
      className={`diagram-svg mode-${walk.mode.mode}${reduceMotion ? ' reduce-motion' : ''}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-labelledby="diagram-title"
      aria-describedby="diagram-desc"
      data-orientation={orientation}
    >
      {/* One string: React drops a <title> whose children are several text nodes. */}
      <title id="diagram-title">{diagramTitle(walk)}</title>
      <desc id="diagram-desc">
        {hop ? `Hop ${index + 1} of ${walk.hops.length}: ${hop.title}. ${hop.narration}` : ''}
      </desc>
      <ZoomLayer enabled={zoomable}>
        <g className="layer-boxes">
          {boxes
            .filter((b) => b.kind === 'node' || b.kind === 'host')
            .map((b) => (
              <BoxEl key={b.morphKey} b={b} active={active.has(`box:${b.netns}`)} />
            ))}
        </g>
        <g className="layer-links">
          {links.map((l) => (
            <LinkEl key={l.morphKey} l={l} used={l.kind === 'wire' ? used.has('wire') : true} />
          ))}
        </g>
        <g className="layer-pods">
          {boxes
            .filter((b) => b.kind !== 'node' && b.kind !== 'host')
            .map((b) => (
              <BoxEl key={b.morphKey} b={b} active={active.has(`box:${b.netns}`)} />
            ))}
        </g>
        {trail && (
          <path
            className={`trail${denied && index === walk.hops.length - 1 ? ' denied' : ''}`}
            d={trail}
          />
        )}
        <g className="layer-ports">
          {ports.map((p) => (
            <PortEl key={p.morphKey} p={p} active={active.has(p.id)} used={used.has(p.id)} />
          ))}
        </g>
        <g className="layer-badges">
          {badges.map((b) => (
            <BadgeEl
              key={b.morphKey}
              b={b}
              active={active.has(b.id)}
              {...(onBadge ? { onClick: onBadge } : {})}
            />
          ))}
        </g>
        <PacketGlyph
          walk={walk}
          index={index}
          layout={layout}
          reduceMotion={reduceMotion}
          speed={speed}
        />
      </ZoomLayer>
    </svg>
  );
}
