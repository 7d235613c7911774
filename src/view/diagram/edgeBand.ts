/**
 * The band along a box's edge where its interfaces' names and TC programs go: in rows inward
 * from the edge, a name centred on its port (a row further in if a neighbour's name is in the
 * way), a program beside its port's name or under it. Names and programs share rows, so an
 * interface with one program takes one row, not two.
 */
import type { Chip } from './badgeText';
import type { Dimensions } from './dimensions';
import { Shelf } from './rows';
import { textWidth } from './textExtent';

export interface BandPort {
  readonly x: number;
  /** Its name, when it goes in the band (not, say, beside its cable outside the box). */
  readonly name?: string;
  /** Where the name starts, if not centred on the port (a lane's port, on the box's side). */
  readonly nameAt?: number;
  readonly chips: readonly Chip[];
}

export interface BandPlaces {
  /** Per port: the row and left edge of its name, if it has one in the band. */
  readonly names: ReadonlyArray<{ readonly row: number; readonly x: number } | null>;
  /** Per port: its chips with their row and left edge. */
  readonly chips: ReadonlyArray<ReadonlyArray<{ chip: Chip; row: number; x: number }>>;
  readonly rows: number;
  /** How deep the band is, from the edge. */
  readonly depth: number;
  /** The distance from the edge to the middle of a row. */
  readonly rowMiddle: (row: number) => number;
}

export function edgeBand(ports: readonly BandPort[], w: number, d: Dimensions): BandPlaces {
  const shelf = new Shelf(4, w - 4, d.chip.gap);
  const names = ports.map((p) => {
    if (p.name === undefined) return null;
    const tw = textWidth(p.name, d.fonts.portLabel);
    return { ...shelf.place(tw, [p.nameAt ?? p.x - tw / 2]), w: tw };
  });
  const chips = ports.map((p, i) => {
    const name = names[i];
    // Beside the name if there is room, else under it; clear of the port's own square.
    const beside = name ? [name.x + name.w + d.chip.gap] : [p.x + 10];
    return p.chips.map((chip) => {
      const before = name ? [name.x - d.chip.gap - chip.w] : [p.x - 10 - chip.w];
      const at = shelf.place(chip.w, [...beside, ...before, p.x + 10, p.x - chip.w / 2]);
      return { chip, ...at };
    });
  });
  // A row with a program in it is a chip's height; a row of names only, a line of text's.
  const withChips = new Set(chips.flatMap((list) => list.map((c) => c.row)));
  const heights = Array.from({ length: shelf.rows }, (_, r) =>
    withChips.has(r) ? d.chip.height + d.chip.gap : d.box.labelRow + 2,
  );
  const before = (row: number): number => heights.slice(0, row).reduce((a, b) => a + b, 0);
  return {
    names: names.map((n) => (n ? { row: n.row, x: n.x } : null)),
    chips,
    rows: shelf.rows,
    depth: shelf.rows ? d.box.bandClear + before(shelf.rows) : 0,
    // From the edge, clear of the ports' squares.
    rowMiddle: (row) => d.box.bandClear + before(row) + (heights[row] ?? 0) / 2,
  };
}
