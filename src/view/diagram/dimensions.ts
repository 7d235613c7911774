/**
 * Every number the diagram's geometry depends on, per orientation: the canvas, the margins and
 * gaps, the sizes of pods and chips, the type sizes the text estimate uses, and what the frame
 * around the drawing needs (when to turn portrait, zoom, the phone camera's window). The layout,
 * the frame, the camera and the zoom layer read them here and nowhere else.
 */
export type Orientation = 'landscape' | 'portrait';

/**
 * Which labels the diagram carries: `full`, every name and address (a reader up close, with
 * zoom); `room`, the names a room or a narrow column can read at a distance (nodes, pods,
 * interfaces, listeners, rules) set large, and the long generated ones left out (the host ends
 * of veth pairs, the nodes' address lines, a pod's generated name beside its short one).
 */
export type LabelSet = 'full' | 'room';

/** The labels and how large they are set: `scale` multiplies the room set's type. */
export interface DiagramType {
  readonly labels: LabelSet;
  readonly scale: number;
}

export const FULL_TYPE: DiagramType = { labels: 'full', scale: 1 };

/** A text style: its size in user units and how wide its average character is, in ems. */
export interface Font {
  readonly size: number;
  readonly em: number;
}

export interface Dimensions {
  readonly labels: LabelSet;
  /**
   * The frame a layout is judged by: of the ways to arrange many pods, the one that would show
   * largest in a frame of this shape wins.
   */
  readonly fit: { readonly width: number; readonly height: number };
  /** The widest the canvas gets; fewer nodes make it narrower in landscape. */
  readonly maxWidth: number;
  readonly margin: number;
  /** Between two nodes: their uplinks drop to the network here. */
  readonly nodeGap: number;
  readonly minNodeWidth: number;
  readonly maxNodeWidth: number;
  /** Inside a node box, around what it holds. */
  readonly nodePad: number;
  /** The node's name and addresses. */
  readonly nodeHeader: number;
  readonly podGap: number;
  /** Between two rows of pods in a node. */
  readonly podRowGap: number;
  /** The narrowest a pod box may be, however short its name. */
  readonly minPodWidth: number;
  readonly maxPodWidth: number;
  /** Between the pods and the host namespace: the veth cables and their names. */
  readonly vethGap: number;
  /** Between the host namespace and the node proxies below it: the tunnels and their VNIs. */
  readonly pipeGap: number;
  /** Between the nodes and the network bus (landscape: below; portrait: beside). */
  readonly busGap: number;
  /** Portrait: the strip on the right that the bus runs down. */
  readonly busStrip: number;
  readonly chip: {
    readonly height: number;
    readonly gap: number;
    readonly pad: number;
    /** From the chip's middle down to its text's baseline. */
    readonly baseline: number;
  };
  /** Inside a namespace's box: the room around its text, and the height of its text lines. */
  readonly box: {
    readonly pad: number;
    readonly titleLine: number;
    readonly subLine: number;
    /** A row of names set above one another (the veths' names beside their cables). */
    readonly labelRow: number;
    /** Between a box's edge and the first row of its edge band (clear of the ports' squares). */
    readonly bandClear: number;
    /** From a row's middle down to the baseline of a line of text centred on it. */
    readonly centre: number;
  };
  /**
   * The baselines of a node's name and of its addresses line, from its top; null: its address
   * alone, at the right of its name's line.
   */
  readonly nodeText: { readonly name: number; readonly sub: number | null };
  /** How far above a box's top edge the first row of names beside its cables sits (baseline). */
  readonly outsideName: number;
  /** The packet's drawing, as a multiple of its own size. */
  readonly glyph: number;
  /** Room per cable in a lane beside a column of pods. */
  readonly lane: number;
  /** How far the network bus reaches past its outermost uplinks. */
  readonly busOverhang: number;
  /** Space a port's name takes beside its square. */
  readonly portLabel: number;
  readonly fonts: {
    readonly nodeLabel: Font;
    readonly boxLabel: Font;
    readonly sublabel: Font;
    readonly hostLabel: Font;
    readonly portLabel: Font;
    readonly linkLabel: Font;
    readonly badge: Font;
    readonly program: Font;
    readonly listener: Font;
  };
}

/*
 * Average character widths, in ems, measured in Chromium with DejaVu Sans, the widest of the
 * fonts the stylesheet names (a bold "recommendations" is 0.675 em a character; system-ui
 * fonts elsewhere are narrower), so an estimate errs on the side of room.
 */
const SANS_BOLD = 0.68;
const MONO = 0.61;
/** Upper case with letter-spacing, as the host namespace's name is set. */
const CAPS = 0.82;

const BOX: Dimensions['box'] = {
  pad: 10,
  titleLine: 20,
  subLine: 18,
  labelRow: 16,
  bandClear: 8,
  centre: 4.5,
};

const FONTS: Dimensions['fonts'] = {
  nodeLabel: { size: 20, em: SANS_BOLD },
  boxLabel: { size: 17, em: SANS_BOLD },
  sublabel: { size: 13.5, em: MONO },
  hostLabel: { size: 12.5, em: CAPS },
  portLabel: { size: 12.5, em: MONO },
  linkLabel: { size: 12.5, em: SANS_BOLD },
  badge: { size: 13, em: SANS_BOLD },
  program: { size: 12, em: MONO },
  listener: { size: 13, em: MONO },
};

export const DIMENSIONS: Readonly<Record<Orientation, Dimensions>> = {
  landscape: {
    labels: 'full',
    fit: { width: 1240, height: 640 },
    maxWidth: 1240,
    margin: 10,
    nodeGap: 76,
    minNodeWidth: 340,
    maxNodeWidth: 572,
    nodePad: 16,
    nodeHeader: 56,
    podGap: 24,
    podRowGap: 16,
    minPodWidth: 120,
    maxPodWidth: 190,
    vethGap: 46,
    pipeGap: 46,
    busGap: 22,
    busStrip: 0,
    chip: { height: 24, gap: 8, pad: 10, baseline: 4.5 },
    box: BOX,
    nodeText: { name: 26, sub: 46 },
    outsideName: 16,
    glyph: 0.85,
    lane: 14,
    busOverhang: 30,
    portLabel: 10,
    fonts: FONTS,
  },
  portrait: {
    labels: 'full',
    fit: { width: 400, height: 1400 },
    maxWidth: 400,
    margin: 8,
    nodeGap: 56,
    minNodeWidth: 360,
    maxNodeWidth: 360,
    nodePad: 10,
    nodeHeader: 56,
    podGap: 12,
    podRowGap: 12,
    minPodWidth: 96,
    maxPodWidth: 400,
    vethGap: 46,
    pipeGap: 46,
    busGap: 0,
    busStrip: 32,
    chip: { height: 24, gap: 6, pad: 8, baseline: 4.5 },
    box: BOX,
    nodeText: { name: 26, sub: 46 },
    outsideName: 16,
    glyph: 0.85,
    lane: 14,
    busOverhang: 30,
    portLabel: 10,
    fonts: FONTS,
  },
};

/** What the frame around the drawing needs. */
export const FRAME = {
  /** Narrower than this (CSS px), the diagram is drawn portrait and followed by a camera. */
  portraitBelow: 640,
  /** From this width (CSS px) the landscape diagram has zoom buttons (the room set: always). */
  zoomFrom: 860,
  /**
   * The frame width (CSS px) the room label set is sized for: its labels show at about 12.5 px
   * there; a narrower frame (a blog's column) sets them larger (DiagramFrame's columnScale).
   */
  roomWidth: 860,
  zoomExtent: [1, 4] as const,
  zoomStep: 1.25,
  /** The phone camera's window: as wide as the portrait canvas, this tall (user units). */
  cameraWindow: 700,
  /** Room left above a node when the camera frames it (user units). */
  cameraMargin: 10,
  /**
   * How far the packet's drawing reaches from its point (its envelope, mark and destination
   * below): on the wire it is kept this far inside the canvas.
   */
  packetReach: { x: 64, above: 42, below: 48 },
} as const;

/**
 * When the diagram of a large cluster (an imported config dump) summarises what the walk does
 * not touch, and how. The article's cluster (2 nodes, at most 6 pods) is under every limit.
 */
export const SUMMARY = {
  /**
   * A node with more pods than this (applications and waypoints; its node proxy always shows)
   * shows the pods on the path and one "+N more pods" box for the rest.
   */
  podsPerNode: 8,
  /**
   * A cluster with more nodes than this, or with a node over `podsPerNode`, draws only the nodes
   * the walk passes and one compact box for the others.
   */
  nodes: 3,
  /** How many pod or node names a summary's text lists before "…". */
  names: 4,
  /** The gap between the network bus (or the last node, portrait) and the other nodes' box. */
  otherNodesGap: 24,
  /** The other nodes' box, landscape: at most this share of the nodes' width. */
  otherNodesShare: 0.5,
} as const;
