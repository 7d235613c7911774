/**
 * Where the diagram's text sits: every label's and badge's box on the canvas, from the layout's
 * own estimate of text extents (textExtent.ts). The packet keeps off the labels a hop is about
 * with these, and the layout checks (testdata/layoutChecks.ts) hold every layout to them.
 */
import { LABEL_FONT, type Box, type Label, type Layout, type Point, type Rect } from './shapes';
import { textBox } from './textExtent';

const EPS = 0.5;

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;

export const inside = (a: Rect, b: Rect): boolean =>
  a.x >= b.x - EPS &&
  a.y >= b.y - EPS &&
  a.x + a.w <= b.x + b.w + EPS &&
  a.y + a.h <= b.y + b.h + EPS;

/** A label's box on the canvas, given the point its coordinates are relative to. */
export function labelRect(layout: Layout, label: Label, o: Point): Rect {
  const font = layout.type.fonts[LABEL_FONT[label.role]];
  const r = textBox(label.text, font, o.x + label.x, o.y + label.y, label.anchor);
  if (!label.vertical) return r;
  // Turned a quarter about its anchor point: what ran along x now runs up along y.
  const ax = o.x + label.x;
  const ay = o.y + label.y;
  return { x: ax + (r.y - ay), y: ay - (r.x - ax) - r.w, w: r.h, h: r.w };
}

export interface Placed {
  readonly what: string;
  /** The id of the box, port, link or badge it belongs to. */
  readonly owner: string;
  readonly rect: Rect;
  /** The box it must stay inside, when it belongs to one. */
  readonly within?: Rect & { readonly id: string };
}

/** Every piece of text and every badge, with where it is. */
export function textRects(layout: Layout): Placed[] {
  const chip = layout.type.chip.height;
  const out: Placed[] = [];
  for (const b of layout.boxes)
    for (const l of b.labels)
      out.push({
        what: `${b.id} "${l.text}"`,
        owner: b.id,
        rect: labelRect(layout, l, b),
        within: b,
      });
  for (const s of layout.summaries ?? [])
    for (const l of s.labels)
      out.push({
        what: `${s.id} "${l.text}"`,
        owner: s.id,
        rect: labelRect(layout, l, s),
        within: s,
      });
  for (const p of layout.ports)
    if (p.label)
      out.push({
        what: `${p.id} "${p.label.text}"`,
        owner: p.id,
        rect: labelRect(layout, p.label, p),
      });
  for (const l of layout.links) {
    const o = l.points[0];
    if (l.label && o)
      out.push({
        what: `${l.id} "${l.label.text}"`,
        owner: l.id,
        rect: labelRect(layout, l.label, o),
      });
  }
  for (const b of layout.badges) {
    const box = smallestBoxAround(layout, { x: b.x, y: b.y, w: 0, h: 0 }, b.netns);
    out.push({
      what: `${b.id} "${b.text}"`,
      owner: b.id,
      rect: { x: b.x - b.w / 2, y: b.y - chip / 2, w: b.w, h: chip },
      ...(box ? { within: box } : {}),
    });
  }
  return out;
}

function smallestBoxAround(layout: Layout, r: Rect, netns: string): Box | undefined {
  return layout.boxes.find((b) => b.netns === netns && inside(r, b));
}
