/**
 * The network between the nodes: one bus every node's uplink attaches to (below the nodes in
 * landscape, down the right-hand side in portrait), each uplink's way to it, and the point the
 * packet is at while it is on the wire. Its label is the network the uplinks' addresses share.
 */
import { FRAME, type Dimensions } from './dimensions';
import { WIRE } from './elementIds';
import type { Link, Orientation, Point, Rect } from './shapes';
import { fitting } from './textExtent';

export interface Bus {
  readonly taps: Array<{
    readonly node: string;
    readonly port: Point;
    readonly side: 'left' | 'right';
  }>;
  readonly orientation: Orientation;
  /** Where the nodes are, together. */
  readonly nodes: Rect;
  readonly network: string | null;
  /** Portrait: a point further down the bus must reach (the other nodes' box joins it there). */
  readonly reach?: number;
}

export interface BusDrawing {
  readonly links: Link[];
  readonly wire: Point;
  readonly uplinks: Record<string, Point[]>;
  /** The lowest thing drawn (with room for the packet on the bus). */
  readonly bottom: number;
}

function busLabel(network: string | null, room: number, d: Dimensions): string {
  const words = network ? [`node network ${network}`, network] : ['node network'];
  return fitting(words, d.fonts.linkLabel, room);
}

export function busLinks(bus: Bus, d: Dimensions): BusDrawing {
  const uplinks: Record<string, Point[]> = {};
  const links: Link[] = [];
  if (bus.taps.length === 0) {
    const bottom = bus.nodes.y + bus.nodes.h;
    return { links, wire: { x: bus.nodes.x, y: bottom }, uplinks, bottom };
  }
  if (bus.orientation === 'portrait') {
    const x = bus.nodes.x + bus.nodes.w + d.busStrip / 2;
    for (const t of bus.taps) uplinks[t.node] = [t.port, { x, y: t.port.y }];
    const ys = bus.taps.map((t) => t.port.y);
    const from = { x, y: Math.min(...ys) - d.busOverhang };
    const to = { x, y: Math.max(...ys.map((y) => y + d.busOverhang), bus.reach ?? 0) };
    const mid = (from.y + to.y) / 2;
    const text = busLabel(bus.network, to.y - from.y - 40, d);
    links.push(...uplinkLinks(uplinks), {
      id: WIRE,
      morphKey: WIRE,
      kind: 'wire',
      points: [from, to],
      label: {
        text,
        x: 14,
        y: mid - from.y,
        anchor: 'middle',
        role: 'link',
        vertical: true,
      },
    });
    return { links, wire: { x, y: mid }, uplinks, bottom: to.y };
  }
  const y = bus.nodes.y + bus.nodes.h + d.busGap;
  const xs: number[] = [];
  for (const t of bus.taps) {
    const edge = t.side === 'right' ? t.port.x + d.nodePad : t.port.x - d.nodePad;
    const x = t.side === 'right' ? edge + d.nodeGap * 0.32 : edge - d.nodeGap * 0.32;
    xs.push(x);
    uplinks[t.node] = [t.port, { x, y: t.port.y }, { x, y }];
  }
  // A backbone under all the nodes, so its name sits under them, whatever their number.
  const from = { x: Math.min(bus.nodes.x, ...xs.map((x) => x - d.busOverhang)), y };
  const to = { x: Math.max(bus.nodes.x + bus.nodes.w, ...xs.map((x) => x + d.busOverhang)), y };
  const text = busLabel(bus.network, Number.POSITIVE_INFINITY, d);
  links.push(...uplinkLinks(uplinks), {
    id: WIRE,
    morphKey: WIRE,
    kind: 'wire',
    points: [from, to],
    // Under the bus at its left end: the packet on the wire is between two nodes' uplinks.
    label: {
      text,
      x: 8,
      y: 22,
      anchor: 'start',
      role: 'link',
    },
  });
  return {
    links,
    wire: { x: (from.x + to.x) / 2, y },
    uplinks,
    bottom: y + Math.max(28, FRAME.packetReach.below),
  };
}

function uplinkLinks(uplinks: Record<string, Point[]>): Link[] {
  return Object.entries(uplinks).map(([node, points]) => ({
    id: `uplink-${node}`,
    morphKey: `uplink:${node}`,
    kind: 'uplink',
    points,
  }));
}
