/**
 * The phone camera: the portrait diagram is taller than a screen, so a window of it follows the
 * packet. It frames the node the packet is on when the node fits, and otherwise (or on the
 * wire) centres on the packet, never past the drawing's ends.
 */
import { FRAME } from './dimensions';
import { nodeBoxId } from './elementIds';
import type { Layout, Point } from './shapes';

/** How far up the track moves, as a percentage of the drawing's height. */
export function cameraShift(layout: Layout, node: string | null, at: Point | undefined): number {
  const view = FRAME.cameraWindow;
  const margin = FRAME.cameraMargin;
  if (layout.height <= view) return 0;
  const box = node === null ? undefined : layout.boxes.find((b) => b.id === nodeBoxId(node));
  let top = at ? at.y - view / 2 : 0;
  if (box) {
    const lo = box.y - margin;
    const hi = box.y + box.h + margin - view;
    top = hi <= lo ? lo : Math.min(hi, Math.max(lo, top));
  }
  top = Math.min(layout.height - view, Math.max(0, top));
  return (top / layout.height) * 100;
}
