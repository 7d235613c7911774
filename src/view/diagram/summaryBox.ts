/**
 * The boxes that stand for what a large cluster's diagram leaves out, in their own coordinates:
 * a node's pods off the walk's path ("+41 more pods", and the first names that fit), drawn in
 * the node's pod grid like a pod; and the nodes the walk never touches ("2 more nodes, 41
 * pods"), one box by the network. Each has its words in full as its accessible name.
 */
import { SUMMARY, type Dimensions } from './dimensions';
import type { OtherNodes, SummaryPod } from './onPath';
import type { Label } from './shapes';
import { fitting, textWidth, widestPiece, wrapWords } from './textExtent';

export interface SummaryDrawing {
  readonly h: number;
  readonly labels: readonly Label[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Each name once, in order (replicas share a short name). */
const distinct = (names: readonly string[]): string[] => [...new Set(names)];

/** The names joined, as many as `most`, "…" after them when there are more. */
function listed(names: readonly string[], most: number): string {
  const shown = names.slice(0, most).join(', ');
  return names.length > most ? `${shown}, …` : shown;
}

/** The longest list of the first names that fits `room` (at least "…"). */
function namesLine(names: readonly string[], room: number, d: Dimensions): string {
  const most = Math.min(names.length, SUMMARY.names);
  const choices = Array.from({ length: most }, (_, i) => listed(names, most - i));
  // None fits whole: the first name, cut, and "…" for the rest.
  const first = names.length > 1 ? `${names[0]}…` : (names[0] ?? '');
  return fitting([...choices, cut(first, room, d)], d.fonts.sublabel, room);
}

/** A name cut to `room`, ending in "…" when cut. */
function cut(name: string, room: number, d: Dimensions): string {
  if (textWidth(name, d.fonts.sublabel) <= room) return name;
  const fit = Math.floor(room / (d.fonts.sublabel.size * d.fonts.sublabel.em)) - 1;
  return fit > 0 ? `${name.slice(0, fit)}…` : '…';
}

/**
 * The names in `lines` lines: on one, as many as fit joined; on more, one a line (cut to the
 * width), the last "…" when some are left over.
 */
function namesLines(names: readonly string[], lines: number, room: number, d: Dimensions) {
  if (lines <= 1) return [namesLine(names, room, d)];
  const most = Math.min(names.length, SUMMARY.names, lines);
  const shown = names.slice(0, names.length > most ? most - 1 : most).map((n) => cut(n, room, d));
  return names.length > shown.length ? [...shown, '…'] : shown;
}

const morePodsTitle = (more: readonly SummaryPod[]): string =>
  `+${plural(more.length, 'more pod', 'more pods')}`;

/** The accessible name of a node's summary: how many, where, and the first names. */
export function morePodsName(node: string, more: readonly SummaryPod[]): string {
  const names = listed(
    more.map((p) => p.name.value),
    SUMMARY.names,
  );
  return `${plural(more.length, 'more pod', 'more pods')} on ${node} not on this path: ${names}`;
}

/** The narrowest the box can be: its title's widest word, and "…" for the names. */
export function morePodsMinWidth(more: readonly SummaryPod[], d: Dimensions): number {
  if (more.length === 0) return 0;
  const word = widestPiece(morePodsTitle(more), d.fonts.boxLabel, 0);
  return Math.ceil(Math.max(word, textWidth('…', d.fonts.sublabel)) + 2 * d.box.pad);
}

/**
 * A title wrapped to `room`, then the names, set from a small margin at the top: as tall as
 * one line of names needs, or `height` (a row's) with as many lines as it holds.
 */
function textBlock(
  title: string,
  names: string[],
  w: number,
  d: Dimensions,
  height?: number,
): SummaryDrawing {
  const room = w - 2 * d.box.pad;
  const lines = wrapWords(title, d.fonts.boxLabel, room);
  const base = 6 + d.box.titleLine * 0.75;
  const labels: Label[] = lines.map((text, i) => ({
    text,
    x: d.box.pad,
    y: base + i * d.box.titleLine,
    anchor: 'start',
    role: 'title',
  }));
  const head = 6 + lines.length * d.box.titleLine;
  const h = Math.max(head + d.box.subLine + 10, height ?? 0);
  const fit = Math.max(1, Math.floor((h - head - 10) / d.box.subLine));
  namesLines(names, fit, room, d).forEach((text, i) =>
    labels.push({
      text,
      x: d.box.pad,
      y: base + (lines.length - 1) * d.box.titleLine + (i + 1) * d.box.subLine,
      anchor: 'start',
      role: 'sublabel',
    }),
  );
  return { h, labels };
}

/** A node's pods off the path, at width `w` (and `height`, its row's, when drawn). */
export function drawMorePods(
  more: readonly SummaryPod[],
  w: number,
  d: Dimensions,
  height?: number,
): SummaryDrawing {
  return textBlock(morePodsTitle(more), distinct(more.map((p) => p.shortName)), w, d, height);
}

const otherNodesTitle = (o: OtherNodes): string =>
  `${plural(o.nodes.length, 'more node', 'more nodes')}, ${plural(o.pods, 'pod', 'pods')}`;

export function otherNodesName(o: OtherNodes): string {
  return `${otherNodesTitle(o)} not on this path: ${listed(o.nodes, SUMMARY.names)}`;
}

/** The width the other nodes' box asks for: its title on one line, within `most`. */
export function otherNodesWidth(o: OtherNodes, most: number, d: Dimensions): number {
  const title = textWidth(otherNodesTitle(o), d.fonts.boxLabel) + 2 * d.box.pad;
  return Math.min(most, Math.ceil(Math.max(title, d.minPodWidth)));
}

export function drawOtherNodes(o: OtherNodes, w: number, d: Dimensions): SummaryDrawing {
  return textBlock(otherNodesTitle(o), [...o.nodes], w, d);
}
