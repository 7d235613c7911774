/**
 * Where the packet's drawing rests at a hop: on the hop's point, unless it would cover a label
 * the hop is about (its interface's name, the rule, program or listener that acted, its pod's
 * name); then at the nearest place close by that clears them, preferring one that covers no
 * other label either. The end of the walk adds its outcome tag above the packet.
 */
import type { Hop } from '../../model';
import { referencedBadgeIds } from './elementIds';
import { overlaps, textRects, type Placed } from './labelRects';
import type { Layout, Point, Rect } from './shapes';

/**
 * The packet's drawing around its point, at glyph scale 1 (PacketGlyph's envelope: the GENEVE
 * band and its label; the destination line under it; the outcome tag above it at the end).
 */
const BODY: Rect = { x: -48, y: -46, w: 96, h: 78 };
const DESTINATION: Rect = { x: -66, y: 28, w: 132, h: 22 };
const OUTCOME: Rect = { x: -54, y: -70, w: 108, h: 26 };

/** How far the drawing may move from its point (user units) and in how fine steps. */
const REACH = 136;
const STEP = 8;
const DIRECTIONS = 16;
/** What covering a label it need not avoid costs, in user units of distance. */
const COVER_COST = 24;

/** The drawing's boxes at `p`. */
export function packetRects(layout: Layout, p: Point, end: boolean): Rect[] {
  const g = layout.type.glyph;
  const at = (r: Rect): Rect => ({ x: p.x + r.x * g, y: p.y + r.y * g, w: r.w * g, h: r.h * g });
  return (end ? [BODY, DESTINATION, OUTCOME] : [BODY, DESTINATION]).map(at);
}

const placedOf = new WeakMap<Layout, readonly Placed[]>();

/** Every label's and badge's box, once per layout. */
function placed(layout: Layout): readonly Placed[] {
  let all = placedOf.get(layout);
  if (!all) {
    all = textRects(layout);
    placedOf.set(layout, all);
  }
  return all;
}

/**
 * The labels a hop is about: its anchor's (an interface's name, a listener), the programs and
 * listeners its actor names, and the title of its pod (or of its node's host namespace).
 */
function isHopLabel(layout: Layout, hop: Hop, anchorId: string): (t: Placed) => boolean {
  const owners = new Set([anchorId, ...referencedBadgeIds(hop)]);
  const box = layout.boxes.find((b) => b.netns === hop.where.netns && b.kind !== 'host');
  const title = box?.labels[0];
  // A hop in a node's host namespace is about that namespace too: its "HOST NETNS" title.
  const host = layout.boxes.find((b) => b.netns === hop.where.netns && b.kind === 'host');
  const hostTitle = host?.labels[0];
  return (t) =>
    owners.has(t.owner) ||
    (box !== undefined && t.owner === box.id && t.what === `${box.id} "${title?.text}"`) ||
    (host !== undefined && t.owner === host.id && t.what === `${host.id} "${hostTitle?.text}"`);
}

/** The rects of the labels a hop is about. */
export function hopLabelRects(layout: Layout, hop: Hop, anchorId: string): Rect[] {
  return placed(layout)
    .filter(isHopLabel(layout, hop, anchorId))
    .map((t) => t.rect);
}

/** Candidate places, nearest first. */
const candidates: readonly Point[] = (() => {
  const out: Point[] = [{ x: 0, y: 0 }];
  for (let r = STEP; r <= REACH; r += STEP)
    for (let k = 0; k < DIRECTIONS; k++) {
      const a = (2 * Math.PI * k) / DIRECTIONS;
      out.push({ x: Math.round(r * Math.cos(a)), y: Math.round(r * Math.sin(a)) });
    }
  return out;
})();

/**
 * The packet's resting place near `p` at `hop`, within `bounds` (the points the drawing shows
 * whole at).
 */
export function restingPlace(
  layout: Layout,
  hop: Hop,
  anchorId: string,
  p: Point,
  end: boolean,
  bounds: (q: Point) => Point,
): Point {
  const about = isHopLabel(layout, hop, anchorId);
  const mine = placed(layout)
    .filter(about)
    .map((t) => t.rect);
  const covers = (q: Point, rects: readonly Rect[]): number =>
    rects.filter((r) => packetRects(layout, q, end).some((g) => overlaps(g, r))).length;
  if (covers(p, mine) === 0) return p;
  const others = placed(layout)
    .filter((t) => !about(t))
    .map((t) => t.rect);
  let best: { q: Point; cost: number } | null = null;
  for (const c of candidates) {
    const q = bounds({ x: p.x + c.x, y: p.y + c.y });
    const distance = Math.hypot(q.x - p.x, q.y - p.y);
    if (best && distance >= best.cost) break;
    if (covers(q, mine) > 0) continue;
    const cost = distance + COVER_COST * covers(q, others);
    if (!best || cost < best.cost) best = { q, cost };
  }
  return best?.q ?? p;
}
