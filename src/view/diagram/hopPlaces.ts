/**
 * Where a hop is on the diagram and the way the packet takes from one hop to the next. A hop
 * sits at its interface's port, at its process, at the listening socket that accepted it, or at
 * the badge of the rule kind that acted in its namespace's stack; on the wire it sits on the
 * bus between the two nodes it travels between, and it gets there down the uplinks.
 */
import type { Hop } from '../../model';
import {
  acceptingListenerId,
  nodeBoxId,
  procAnchorId,
  ruleAnchorId,
  ruleKindOf,
  stackAnchorId,
  WIRE,
} from './elementIds';
import { FRAME } from './dimensions';
import { restingPlace } from './packetPlace';
import { withoutRepeats } from './polyline';
import type { Layout, Point } from './shapes';

const STACK = '#stack';

/** The anchor a hop sits at. */
export function hopAnchorId(hop: Hop): string {
  const listener = acceptingListenerId(hop);
  if (listener) return listener;
  const a = hop.where.anchor;
  if (!a.endsWith(STACK)) return a;
  const kind = ruleKindOf(hop.actor.kind);
  return kind ? ruleAnchorId(a.slice(0, -STACK.length), kind) : a;
}

const indexes = new WeakMap<Layout, ReadonlyMap<string, Point>>();

/** The point of an anchor: a port, a badge, or one of the layout's other anchors. */
export function anchorPoint(layout: Layout, id: string): Point | undefined {
  let index = indexes.get(layout);
  if (!index) {
    const all = [...layout.ports, ...layout.badges].map((e): [string, Point] => [e.id, e]);
    index = new Map([...all, ...Object.entries(layout.anchors)]);
    indexes.set(layout, index);
  }
  return index.get(id);
}

/** The point for a hop; falls back to its namespace's stack or process, then to its box. */
export function hopPoint(layout: Layout, hop: Hop): Point {
  const at = (id: string): Point | undefined => anchorPoint(layout, id);
  const direct = at(hopAnchorId(hop)) ?? at(hop.where.anchor);
  if (direct) return direct;
  const ns = hop.where.netns;
  const near = at(stackAnchorId(ns)) ?? at(procAnchorId(ns));
  if (near) return near;
  const box = layout.boxes.find((b) => b.netns === ns);
  return box
    ? { x: box.x + box.w / 2, y: box.y + box.h / 2 }
    : { x: layout.width / 2, y: layout.height / 2 };
}

const onWire = (h: Hop | undefined): boolean => h?.where.netns === WIRE;

/** The node of the nearest hop off the wire, looking from `i` in `step` direction. */
function nodeNear(hops: readonly Hop[], i: number, step: 1 | -1): string | null {
  for (let k = i; k >= 0 && k < hops.length; k += step) {
    const h = hops[k] as Hop;
    if (!onWire(h)) return h.where.node;
  }
  return null;
}

const tapOf = (layout: Layout, node: string | null): Point | undefined =>
  node === null ? undefined : layout.uplinks[node]?.at(-1);

/** The middle of the space between two nodes' boxes (or of one node's box). */
function between(layout: Layout, a: string | null, b: string | null): Point | undefined {
  const box = (n: string | null) =>
    n === null ? undefined : layout.boxes.find((x) => x.id === nodeBoxId(n));
  const p = box(a);
  const q = box(b) ?? p;
  if (!p || !q) return undefined;
  const [l, r] = p.x <= q.x ? [p, q] : [q, p];
  const [t, u] = p.y <= q.y ? [p, q] : [q, p];
  return {
    x: r.x >= l.x + l.w ? (l.x + l.w + r.x) / 2 : l.x + l.w / 2,
    y: u.y >= t.y + t.h ? (t.y + t.h + u.y) / 2 : t.y + t.h / 2,
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Where the packet sits on the wire: on the bus, level with the gap between the two nodes. */
function wirePoint(layout: Layout, hops: readonly Hop[], i: number): Point {
  const from = nodeNear(hops, i, -1);
  const to = nodeNear(hops, i, 1);
  const a = tapOf(layout, from) ?? tapOf(layout, to);
  const b = tapOf(layout, to) ?? a;
  if (!a || !b) return hopPoint(layout, hops[i] as Hop);
  const gap = between(layout, from, to);
  // Along the bus (the axis the taps differ on), as near the gap's middle as the taps allow.
  const horizontal = Math.abs(a.x - b.x) >= Math.abs(a.y - b.y);
  const lo = horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y);
  const hi = horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y);
  const mid = horizontal ? gap?.x : gap?.y;
  const along = clamp(mid ?? (lo + hi) / 2, lo, hi);
  return horizontal ? { x: along, y: a.y } : { x: a.x, y: along };
}

/**
 * Every hop's point, kept far enough inside the canvas for the packet's drawing to show whole
 * (a port on the canvas's edge, the bus down its side).
 */
export function walkPoints(layout: Layout, hops: readonly Hop[]): Point[] {
  const room = FRAME.packetReach;
  const bounds = (p: Point): Point => ({
    x: clamp(p.x, room.x, layout.width - room.x),
    y: clamp(p.y, room.above, layout.height - room.below),
  });
  return hops.map((h, i) => {
    if (onWire(h)) return bounds(wirePoint(layout, hops, i));
    // Off the labels the hop is about (PacketGlyph draws the packet at this point); on the
    // wire it stays on the bus level with the gap between the two nodes, where it is seen to
    // travel between them, even over the network's name in portrait.
    const p = bounds(hopPoint(layout, h));
    return restingPlace(layout, h, hopAnchorId(h), p, i === hops.length - 1, bounds);
  });
}

/** The way from hop `i - 1` to hop `i`: through the uplink and along the bus when either is on the wire. */
export function legPath(
  layout: Layout,
  hops: readonly Hop[],
  points: readonly Point[],
  i: number,
): Point[] {
  const from = points[i - 1];
  const to = points[i];
  if (!from || !to) return to ? [to] : [];
  const prev = hops[i - 1];
  const cur = hops[i];
  let via: readonly Point[] = [];
  if (onWire(cur) && !onWire(prev)) via = layout.uplinks[prev?.where.node ?? ''] ?? [];
  if (onWire(prev) && !onWire(cur))
    via = [...(layout.uplinks[cur?.where.node ?? ''] ?? [])].reverse();
  return withoutRepeats([from, ...via, to]);
}

/** The way from hop `a` to hop `b` (either order), hop by hop. */
export function walkPath(
  layout: Layout,
  hops: readonly Hop[],
  points: readonly Point[],
  a: number,
  b: number,
): Point[] {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(points.length - 1, Math.max(a, b));
  const out: Point[] = points[lo] ? [points[lo]] : [];
  for (let i = lo + 1; i <= hi; i++) out.push(...legPath(layout, hops, points, i));
  const path = withoutRepeats(out);
  return a <= b ? path : path.reverse();
}
