/**
 * What a readable layout must hold, as checks that list what breaks them: boxes nest (pods and
 * the host namespace inside their node) and siblings do not overlap; no two labels or badges
 * overlap, none covers another element's port, and each stays inside the box that holds it and
 * on the canvas. Text extents are the layout's own estimate (textExtent.ts).
 */
import { LABEL_FONT, type Box, type Label, type Layout, type Point, type Rect } from '../shapes';
import { textBox } from '../textExtent';

const EPS = 0.5;

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;

const inside = (a: Rect, b: Rect): boolean =>
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
  readonly rect: Rect;
  /** The box it must stay inside, when it belongs to one. */
  readonly within?: Box;
}

/** Every piece of text and every badge, with where it is. */
export function textRects(layout: Layout): Placed[] {
  const chip = layout.type.chip.height;
  const out: Placed[] = [];
  for (const b of layout.boxes)
    for (const l of b.labels)
      out.push({ what: `${b.id} "${l.text}"`, rect: labelRect(layout, l, b), within: b });
  for (const p of layout.ports)
    if (p.label)
      out.push({ what: `${p.id} "${p.label.text}"`, rect: labelRect(layout, p.label, p) });
  for (const l of layout.links) {
    const o = l.points[0];
    if (l.label && o)
      out.push({ what: `${l.id} "${l.label.text}"`, rect: labelRect(layout, l.label, o) });
  }
  for (const b of layout.badges) {
    const box = smallestBoxAround(layout, { x: b.x, y: b.y, w: 0, h: 0 }, b.netns);
    out.push({
      what: `${b.id} "${b.text}"`,
      rect: { x: b.x - b.w / 2, y: b.y - chip / 2, w: b.w, h: chip },
      ...(box ? { within: box } : {}),
    });
  }
  return out;
}

function smallestBoxAround(layout: Layout, r: Rect, netns: string): Box | undefined {
  return layout.boxes.find((b) => b.netns === netns && inside(r, b));
}

/** Problems with the boxes: outside the canvas, not inside a node, overlapping a sibling. */
export function boxProblems(layout: Layout): string[] {
  const out: string[] = [];
  const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
  const nodes = layout.boxes.filter((b) => b.kind === 'node');
  for (const b of layout.boxes) if (!inside(b, canvas)) out.push(`${b.id} leaves the canvas`);
  const parentOf = (b: Box): Box | undefined => nodes.find((n) => inside(b, n));
  for (const b of layout.boxes.filter((x) => x.kind !== 'node'))
    if (!parentOf(b)) out.push(`${b.id} is not inside a node`);
  const siblings = [
    nodes,
    ...nodes.map((n) => layout.boxes.filter((b) => b.kind !== 'node' && parentOf(b) === n)),
  ];
  for (const group of siblings)
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as Box;
        const b = group[j] as Box;
        if (overlaps(a, b)) out.push(`${a.id} overlaps ${b.id}`);
      }
  return out;
}

/** Problems with the text: overlapping, covering a port, outside its box or the canvas. */
export function textProblems(layout: Layout): string[] {
  const out: string[] = [];
  const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
  const rects = textRects(layout);
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i] as Placed;
    if (!inside(a.rect, canvas)) out.push(`${a.what} leaves the canvas`);
    if (a.within && !inside(a.rect, a.within)) out.push(`${a.what} leaves ${a.within.id}`);
    for (let j = i + 1; j < rects.length; j++) {
      const b = rects[j] as Placed;
      if (overlaps(a.rect, b.rect)) out.push(`${a.what} overlaps ${b.what}`);
    }
    for (const p of layout.ports) {
      const mark = { x: p.x - 7, y: p.y - 7, w: 14, h: 14 };
      if (!a.what.startsWith(`${p.id} `) && overlaps(a.rect, mark))
        out.push(`${a.what} covers port ${p.id}`);
    }
  }
  return out;
}
