/**
 * What a readable layout must hold, as checks that list what breaks them: boxes nest (pods and
 * the host namespace inside their node) and siblings do not overlap; no two labels or badges
 * overlap, none covers another element's port, and each stays inside the box that holds it and
 * on the canvas. Text extents are the layout's own estimate (textExtent.ts).
 */
import type { Box, Layout } from '../shapes';
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
