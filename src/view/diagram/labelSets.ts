/**
 * The dimensions a label set is laid out with. The full set is the diagram as drawn up close.
 * The room set keeps the canvas (so it shows in the same frame at the same scale) and sets the
 * names it keeps larger: its type, the lines and chips that hold it, and the gaps names sit in
 * grow together, and the layout shortens or wraps what no longer fits, as it does anywhere.
 * `scale` (a presenter's `scale`, a narrow column's need) multiplies the room set's type.
 */
import {
  DIMENSIONS,
  type DiagramType,
  type Dimensions,
  type Font,
  type Orientation,
} from './dimensions';

/** The room set's type at scale 1, as multiples of the full set's (names grow most). */
const ROOM_TYPE: Readonly<Record<keyof Dimensions['fonts'], number>> = {
  nodeLabel: 1.4,
  boxLabel: 1.4,
  sublabel: 1.25,
  hostLabel: 1.25,
  portLabel: 1.44,
  linkLabel: 1.36,
  badge: 1.4,
  program: 1.4,
  listener: 1.4,
};

/** How much the room set's lines, chips and the gaps names sit in grow at scale 1. */
const ROOM_LINES = 1.3;

const round = (n: number): number => Math.round(n * 100) / 100;

function roomDimensions(full: Dimensions, scale: number): Dimensions {
  const k = ROOM_LINES * scale;
  const font = (name: keyof Dimensions['fonts']): Font => ({
    size: round(full.fonts[name].size * ROOM_TYPE[name] * scale),
    em: full.fonts[name].em,
  });
  const fonts = Object.fromEntries(
    Object.keys(full.fonts).map((n) => [n, font(n as keyof Dimensions['fonts'])]),
  ) as unknown as Dimensions['fonts'];
  const line = (n: number): number => round(n * k);
  const nodeName = round(8 + fonts.nodeLabel.size * 0.9);
  return {
    ...full,
    labels: 'room',
    // One line heads a node: its name, and its address at the right (its pod range and the
    // words around them are in the hop details).
    nodeHeader: round(nodeName + 14),
    nodeText: { name: nodeName, sub: null },
    podGap: line(full.podGap),
    podRowGap: line(full.podRowGap),
    minPodWidth: line(full.minPodWidth),
    maxPodWidth: line(full.maxPodWidth),
    // The gaps above and below the host namespace hold a line of names each (the veths' are
    // left out, the tunnels' VNIs sit beside their pipes): no taller than the full set's.
    busStrip: line(full.busStrip),
    chip: {
      height: line(full.chip.height),
      gap: full.chip.gap,
      pad: line(full.chip.pad),
      baseline: round(fonts.badge.size * 0.35),
    },
    box: {
      pad: full.box.pad,
      titleLine: line(full.box.titleLine),
      subLine: line(full.box.subLine),
      labelRow: line(full.box.labelRow),
      bandClear: full.box.bandClear,
      centre: round(fonts.portLabel.size * 0.36),
    },
    outsideName: line(full.outsideName),
    lane: line(full.lane),
    glyph: round(full.glyph * Math.max(1, k * 0.85)),
    fonts,
  };
}

/** The dimensions to lay a diagram out with, for its orientation and type. */
export function dimensionsFor(orientation: Orientation, type: DiagramType): Dimensions {
  const full = DIMENSIONS[orientation];
  return type.labels === 'room' ? roomDimensions(full, type.scale) : full;
}
