/**
 * What a readable layout must hold, as checks that list what breaks them: boxes nest (pods and
 * the host namespace inside their node) and siblings do not overlap; no two labels or badges
 * overlap, none covers another element's port, and each stays inside the box that holds it and
 * on the canvas. Text extents are the layout's own estimate (textExtent.ts).
 */
import type { Hop } from '../../../model';
import type { Box, Layout, Rect } from '../shapes';
import { inside, labelRect, overlaps, textRects, type Placed } from '../labelRects';

export { labelRect, overlaps, textRects, type Placed };

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

/**
 * Problems with the summaries of a large cluster: off the canvas; a node's "+N more pods" not
 * inside its node or over another box in it; the other nodes' box over a node; two summaries
 * over each other; a stub that does not reach the network bus.
 */
export function summaryProblems(layout: Layout): string[] {
  const out: string[] = [];
  const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
  const nodes = layout.boxes.filter((b) => b.kind === 'node');
  const summaries = layout.summaries ?? [];
  const wire = layout.links.find((l) => l.kind === 'wire');
  for (const s of summaries) {
    if (!inside(s, canvas)) out.push(`${s.id} leaves the canvas`);
    const node = nodes.find((n) => inside(s, n));
    if (s.kind === 'more-pods' && !node) out.push(`${s.id} is not inside a node`);
    if (s.kind === 'other-nodes' && nodes.some((n) => overlaps(s, n)))
      out.push(`${s.id} overlaps a node`);
    for (const b of layout.boxes.filter((x) => x.kind !== 'node'))
      if (overlaps(s, b)) out.push(`${s.id} overlaps ${b.id}`);
    for (const t of summaries) if (t !== s && overlaps(s, t)) out.push(`${s.id} overlaps ${t.id}`);
    const end = s.stub?.[0];
    if (
      s.stub &&
      wire &&
      end &&
      !onSegment(end, wire.points) &&
      !onSegment(s.stub[1] ?? end, wire.points)
    )
      out.push(`${s.id}'s stub does not reach the bus`);
  }
  return out;
}

function onSegment(
  p: { x: number; y: number },
  line: readonly { x: number; y: number }[],
): boolean {
  const [a, b] = line;
  if (!a || !b) return false;
  const box: Rect = {
    x: Math.min(a.x, b.x) - 0.5,
    y: Math.min(a.y, b.y) - 0.5,
    w: Math.abs(a.x - b.x) + 1,
    h: Math.abs(a.y - b.y) + 1,
  };
  return inside({ ...p, w: 0, h: 0 }, box);
}

/** The namespaces hops happen in that the layout has no box for. */
export function undrawnHops(layout: Layout, hops: readonly Hop[]): string[] {
  const drawn = new Set(layout.boxes.map((b) => b.netns));
  return [...new Set(hops.map((h) => h.where.netns))].filter(
    (ns) => ns !== 'wire' && !drawn.has(ns),
  );
}
