/**
 * Two ways of putting things in rows inside a box: `Shelf` places each item at the first of
 * its preferred x positions that is free, in the first row where it fits (so the TC programs of
 * neighbouring interfaces stack instead of overlapping); `flow` sets items left to right and
 * wraps them (a namespace's rule badges and listening sockets).
 */

export interface Placed {
  readonly x: number;
  readonly row: number;
}

export class Shelf {
  private readonly taken: Array<Array<readonly [number, number]>> = [];

  /** Items go between `x0` and `x1`, at least `gap` apart. */
  constructor(
    private readonly x0: number,
    private readonly x1: number,
    private readonly gap: number,
  ) {}

  /** Places an item `w` wide at the first free candidate left edge, from row `minRow` down. */
  place(w: number, candidates: readonly number[], minRow = 0): Placed {
    const found = this.tryPlace(w, candidates, minRow, minRow + 15);
    if (found) return found;
    const row = this.taken.length;
    const x = this.clamp(candidates[0] ?? this.x0, w);
    this.reserve(x, w, row);
    return { x, row };
  }

  private clamp(x: number, w: number): number {
    return Math.max(this.x0, Math.min(this.x1 - w, x));
  }

  /** As `place`, but only in rows up to `maxRow`; null when there is no room there. */
  tryPlace(
    w: number,
    candidates: readonly number[],
    minRow: number,
    maxRow: number,
  ): Placed | null {
    const clamp = (x: number): number => this.clamp(x, w);
    for (let row = minRow; row <= maxRow; row++) {
      const used = this.taken[row] ?? [];
      for (const c of candidates) {
        const x = clamp(c);
        if (used.every(([a, b]) => x + w + this.gap <= a || b + this.gap <= x)) {
          this.reserve(x, w, row);
          return { x, row };
        }
      }
    }
    return null;
  }

  /** Marks a span as used (a label placed by other means). */
  reserve(x: number, w: number, row: number): void {
    while (this.taken.length <= row) this.taken.push([]);
    this.taken[row]?.push([x, x + w]);
  }

  /** How many rows are used. */
  get rows(): number {
    let n = 0;
    this.taken.forEach((r, i) => {
      if (r.length) n = i + 1;
    });
    return n;
  }
}

/** Sets items of the given widths left to right from `x0`, wrapping before `x1`. */
export function flow(widths: readonly number[], x0: number, x1: number, gap: number): Placed[] {
  const out: Placed[] = [];
  let x = x0;
  let row = 0;
  for (const w of widths) {
    if (x > x0 && x + w > x1) {
      row += 1;
      x = x0;
    }
    out.push({ x, row });
    x += w + gap;
  }
  return out;
}

/** How many rows a flow used. */
export const rowsOf = (placed: readonly Placed[]): number =>
  placed.reduce((n, p) => Math.max(n, p.row + 1), 0);
