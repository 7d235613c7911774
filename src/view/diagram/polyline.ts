/** Moving along a polyline at constant speed: where a fraction of the way is, and the reverse. */
import type { Point } from './shapes';

/**
 * Where each point falls along the polyline, as a fraction of its length (0 … 1): the offsets
 * of keyframes that move at constant speed along it, as pointAlong does.
 */
export function distanceOffsets(points: readonly Point[]): number[] {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    cumulative.push((cumulative[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y));
  }
  const total = cumulative[cumulative.length - 1] as number;
  return cumulative.map((d, i) => (total === 0 ? i / Math.max(1, points.length - 1) : d / total));
}

/** The point at fraction `t` (0–1) of the way along a polyline. */
export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 1 || t <= 0) return points[0] as Point;
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const l = Math.hypot(b.x - a.x, b.y - a.y);
    lengths.push(l);
    total += l;
  }
  if (t >= 1 || total === 0) return points[points.length - 1] as Point;
  let remaining = t * total;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    if (remaining <= l) {
      const a = points[i] as Point;
      const b = points[i + 1] as Point;
      const f = l === 0 ? 0 : remaining / l;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= l;
  }
  return points[points.length - 1] as Point;
}

/** The polyline without repeated points. */
export function withoutRepeats(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) out.push(p);
  }
  return out;
}
