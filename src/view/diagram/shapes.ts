/**
 * What the layout hands the drawing: boxes (nodes, namespaces, pods), ports (interfaces), links
 * (veth cables, tunnels, uplinks, the network bus), badges (rules, TC programs, listeners), the
 * labels on them, and the point every hop can be at — all in SVG user units.
 */
import type { Dimensions, LabelSet, Orientation } from './dimensions';

export type { LabelSet, Orientation };

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type FontName = keyof Dimensions['fonts'];

/** What a text is: a node's or another box's title, its addresses, a port's or link's name. */
export type LabelRole = 'node' | 'title' | 'sublabel' | 'host' | 'port' | 'link';

/** The type each kind of text is set in. */
export const LABEL_FONT: Readonly<Record<LabelRole, FontName>> = {
  node: 'nodeLabel',
  title: 'boxLabel',
  sublabel: 'sublabel',
  host: 'hostLabel',
  port: 'portLabel',
  link: 'linkLabel',
};

/** A line of text, placed relative to the element that carries it. */
export interface Label {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly role: LabelRole;
  /** Set along a vertical line, reading upwards (the portrait network bus). */
  readonly vertical?: boolean;
}

/** Every element has an id (what hops and tests name it by) and a morph key (what it is). */
interface Element {
  readonly id: string;
  /** Elements with one morph key, in two layouts, are drawn as one element that moves. */
  readonly morphKey: string;
}

export type BoxKind = 'node' | 'host' | 'pod' | 'ztunnel' | 'waypoint';

export interface Box extends Element, Rect {
  readonly kind: BoxKind;
  readonly netns?: string;
  /** Its title and addresses, relative to the box's top-left corner. */
  readonly labels: readonly Label[];
}

export type PortKind = 'veth' | 'geneve' | 'uplink';

export interface Port extends Element, Point {
  /** The hop anchor this port stands for: `<netns>#<iface>`. */
  readonly id: string;
  readonly kind: PortKind;
  /** The interface's name, relative to the port's centre (none: the label set leaves it out). */
  readonly label?: Label;
}

export type LinkKind = 'veth' | 'geneve' | 'uplink' | 'wire';

export interface Link extends Element {
  readonly kind: LinkKind;
  /** The polyline it follows, in canvas coordinates. */
  readonly points: readonly Point[];
  /** Relative to the first point. */
  readonly label?: Label;
}

export type BadgeKind = 'iptables' | 'routes' | 'conntrack' | 'ebpf' | 'listener';

export interface Badge extends Element, Point {
  readonly kind: BadgeKind;
  /** Width of the pill (its height is the dimensions' chip height). */
  readonly w: number;
  readonly text: string;
  readonly netns: string;
  /** What it is, for the tooltip. */
  readonly title: string;
}

export type BadgeFont = 'badge' | 'program' | 'listener';

/** The type each kind of badge is set in. */
export function badgeFont(kind: BadgeKind): BadgeFont {
  return kind === 'ebpf' ? 'program' : kind === 'listener' ? 'listener' : 'badge';
}

export type SummaryKind = 'more-pods' | 'other-nodes';

/**
 * What a large cluster's diagram leaves out, in one box: a drawn node's pods off the walk's
 * path ("+41 more pods"), or the nodes the walk never touches ("2 more nodes, 41 pods").
 */
export interface Summary extends Element, Rect {
  readonly kind: SummaryKind;
  /** Its count and the first few names, relative to the box's top-left corner. */
  readonly labels: readonly Label[];
  /** What it stands for, in full: its accessible name and tooltip. */
  readonly name: string;
  /** The other nodes' box: the short line joining it to the network bus, in canvas coordinates. */
  readonly stub?: readonly Point[];
}

/** How the layout set its text: what the drawing needs to draw it the same. */
export interface LayoutType {
  readonly labels: LabelSet;
  readonly fonts: Dimensions['fonts'];
  readonly chip: { readonly height: number; readonly baseline: number };
  /** The packet's drawing, as a multiple of its own size. */
  readonly glyph: number;
}

export interface Layout {
  readonly orientation: Orientation;
  readonly type: LayoutType;
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly Box[];
  readonly ports: readonly Port[];
  readonly links: readonly Link[];
  readonly badges: readonly Badge[];
  /**
   * The points a hop can be at that are not a port or a badge (those are anchors by their id):
   * processes, namespaces' stacks, the wire. See hopPlaces' anchorPoint.
   */
  readonly anchors: Readonly<Record<string, Point>>;
  /** Per node name: the way from its uplink port to the network bus. */
  readonly uplinks: Readonly<Record<string, readonly Point[]>>;
  /** What is left out of a large cluster's diagram (absent: nothing is). */
  readonly summaries?: readonly Summary[];
}
