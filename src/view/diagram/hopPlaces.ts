/**
 * Where a hop is on the diagram and the way the packet takes from one hop to the next. A hop
 * sits at its interface's port, at its process, at the listening socket that accepted it, or at
 * the badge of the rule kind that acted in its namespace's stack; on the wire it sits on the
 * bus between the two nodes it travels between, and it gets there down the uplinks.
 */
import type { Hop } from '../../model';
import {
  acceptingListenerId,
  procAnchorId,
  ruleAnchorId,
  ruleKindOf,
  stackAnchorId,
  WIRE,
} from './elementIds';
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

/**
 * Every hop's point. On the wire a hop sits on the bus halfway between the taps of the nodes
 * the packet leaves and reaches.
 */
export function walkPoints(layout: Layout, hops: readonly Hop[]): Point[] {
  return hops.map((h, i) => {
    if (!onWire(h)) return hopPoint(layout, h);
    const a = tapOf(layout, nodeNear(hops, i, -1));
    const b = tapOf(layout, nodeNear(hops, i, 1));
    if (a && b) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    return a ?? b ?? hopPoint(layout, h);
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
