/**
 * The diagram drawn from the model's cluster: a box per node, side by side (landscape) or one
 * under the other (portrait); in each, the pods above the host network namespace, the node
 * proxy below it, a veth cable for every veth pair and a pipe for every GENEVE tunnel, the TC
 * programs, rules and listening sockets where they are; and one network bus all the nodes'
 * uplinks attach to. Pure: cluster (and the walk, for what it reaches) in, shapes out.
 */
import type { Hop, Topology } from '../../model';
import { FULL_TYPE, SUMMARY, type DiagramType, type Dimensions } from './dimensions';
import { dimensionsFor } from './labelSets';
import { drawNode, measureNode, type NodeFrame, type NodeSizes } from './nodeBox';
import { nodePlans, sharedNetwork, type NodePlan } from './nodeContents';
import { busLinks, type Bus } from './network';
import { onPath, type DiagramSelection, type OtherNodes } from './onPath';
import { gridCells, gridWidth, podGrid } from './podRows';
import type { Layout, Orientation, Point, Rect, Summary } from './shapes';
import { drawOtherNodes, otherNodesName, otherNodesWidth } from './summaryBox';

export type * from './shapes';

interface Arrangement {
  readonly width: number;
  readonly nodeW: number;
  readonly origin: (i: number) => Point;
  readonly uplinkSide: (i: number) => 'left' | 'right';
}

/** Landscape: side by side, uplinks facing the middle; portrait: stacked, uplinks to the right. */
function arrange(
  n: number,
  orientation: Orientation,
  d: Dimensions,
  heights: readonly number[],
  minNodeW = 0,
): Arrangement {
  if (orientation === 'portrait') {
    const nodeW = d.maxWidth - d.margin - d.busStrip;
    return {
      width: d.maxWidth,
      nodeW,
      origin: (i) => ({
        x: d.margin,
        y: d.margin + heights.slice(0, i).reduce((s, h) => s + h + d.nodeGap, 0),
      }),
      uplinkSide: () => 'right',
    };
  }
  const room = (d.maxWidth - 2 * d.margin - (n - 1) * d.nodeGap) / n;
  const nodeW = Math.max(minNodeW, Math.min(d.maxNodeWidth, Math.max(d.minNodeWidth, room)));
  const mid = (n - 1) / 2;
  const side = (i: number): 'left' | 'right' => (i > mid ? 'left' : 'right');
  // A node whose uplink faces the canvas edge (a lone node) needs room there for its drop.
  const outer = side(n - 1) === 'right' ? d.nodeGap / 2 : 0;
  return {
    width: 2 * d.margin + n * nodeW + (n - 1) * d.nodeGap + outer,
    nodeW,
    origin: (i) => ({ x: d.margin + i * (nodeW + d.nodeGap), y: d.margin }),
    uplinkSide: side,
  };
}

/**
 * Lays out the diagram for a cluster; `hops` adds the sockets and rules the walk meets, `type`
 * the labels it carries and their size, `selection` the nodes and pods drawn (by default, in a
 * large cluster, those on the walk's path, the rest summarised: onPath.ts). Side by side, nodes
 * with many pods can take them in more columns (a wider canvas) or more rows (a taller one): the
 * layout that shows largest in the frame wins.
 */
export function layoutDiagram(
  cluster: Topology,
  orientation: Orientation,
  hops: readonly Hop[] = [],
  type: DiagramType = FULL_TYPE,
  selection: DiagramSelection = onPath(cluster, hops),
): Layout {
  const d = dimensionsFor(orientation, type);
  const plans = nodePlans(cluster, hops, selection);
  const others = selection.otherNodes;
  const compose = (cols?: number) => composeLayout(plans, others, orientation, d, cols);
  const first = compose();
  // Only a layout that wraps pods into rows side by side has others worth trying.
  if (orientation === 'portrait' || first.rows <= 1) return first.layout;
  const most = Math.max(0, ...plans.map(gridCells));
  const scale = (l: Layout): number => Math.min(d.fit.width / l.width, d.fit.height / l.height);
  let best = first.layout;
  for (let cols = 2; cols <= most; cols++) {
    const other = compose(cols).layout;
    if (scale(other) > scale(best) + 0.01) best = other;
  }
  return best;
}

/**
 * The box for the nodes the walk never touches: landscape, under the network bus at its right
 * end, a stub up to the bus; portrait, under the last node, a stub across to the bus.
 */
function otherNodesBox(
  o: OtherNodes,
  orientation: Orientation,
  nodes: Rect,
  busAt: number,
  d: Dimensions,
): Summary {
  const base = { id: 'other-nodes', morphKey: 'other-nodes', kind: 'other-nodes' as const };
  const name = otherNodesName(o);
  if (orientation === 'portrait') {
    const drawn = drawOtherNodes(o, nodes.w, d);
    const y = nodes.y + nodes.h + SUMMARY.otherNodesGap;
    const mid = y + drawn.h / 2;
    const stub = [
      { x: nodes.x + nodes.w, y: mid },
      { x: busAt, y: mid },
    ];
    return { ...base, x: nodes.x, y, w: nodes.w, ...drawn, name, stub };
  }
  const w = otherNodesWidth(o, nodes.w * SUMMARY.otherNodesShare, d);
  const drawn = drawOtherNodes(o, w, d);
  const x = nodes.x + nodes.w - w;
  const y = busAt + SUMMARY.otherNodesGap;
  const stub = [
    { x: x + w / 2, y: busAt },
    { x: x + w / 2, y },
  ];
  return { ...base, x, y, w, ...drawn, name, stub };
}

/** The layout with pods in `cols` columns (as many as fit, without). */
function composeLayout(
  plans: readonly NodePlan[],
  others: OtherNodes | null,
  orientation: Orientation,
  d: Dimensions,
  cols?: number,
): { layout: Layout; rows: number } {
  const n = Math.max(1, plans.length);
  // A node is at least as wide as its widest pod needs (a long name in large type), and as
  // the pods need in `cols` columns when those are asked for.
  const pods = gridWidth(plans, cols ?? 1, d);
  const wanted = plans.some((p) => gridCells(p) > 0) ? pods + 2 * d.nodePad : 0;
  const probe = arrange(n, orientation, d, [], wanted);
  const inner = probe.nodeW - 2 * d.nodePad;
  const grid = podGrid(plans, inner, d, cols);
  const frames: NodeFrame[] = plans.map((plan, i) => ({
    plan,
    grid,
    w: probe.nodeW,
    uplinkSide: probe.uplinkSide(i),
  }));
  // Measure every node, then draw each at the sizes they share: side by side, nodes line up;
  // one under the other, each is as tall as it needs.
  const sizes = frames.map((f) => measureNode(f, d));
  const most = (pick: (s: NodeSizes) => number): number => Math.max(0, ...sizes.map(pick));
  const aligned: NodeSizes = {
    rows: most((s) => s.rows),
    rowHeights: Array.from({ length: most((s) => s.rows) }, (_, r) =>
      most((s) => s.rowHeights[r] ?? 0),
    ),
    belowH: most((s) => s.belowH),
    host: {
      top: most((s) => s.host.top),
      middle: most((s) => s.host.middle),
      bottom: most((s) => s.host.bottom),
    },
    hasBelow: sizes.some((s) => s.hasBelow),
  };
  const drawn = frames.map((f, i) =>
    drawNode(f, d, orientation === 'landscape' ? aligned : (sizes[i] ?? aligned)),
  );
  const heights = drawn.map((x) => x.h);
  const at = arrange(n, orientation, d, heights, wanted);

  const layout = {
    boxes: [] as Layout['boxes'][number][],
    ports: [] as Layout['ports'][number][],
    links: [] as Layout['links'][number][],
    badges: [] as Layout['badges'][number][],
    summaries: [] as Summary[],
    anchors: {} as Record<string, Point>,
  };
  const taps: Bus['taps'] = [];
  drawn.forEach((node, i) => {
    const o = at.origin(i);
    const moved = node.at(o);
    layout.boxes.push(...moved.boxes);
    layout.ports.push(...moved.ports);
    layout.links.push(...moved.links);
    layout.badges.push(...moved.badges);
    layout.summaries.push(...moved.summaries);
    Object.assign(layout.anchors, moved.anchors);
    if (moved.uplink) taps.push({ node: node.name, port: moved.uplink, side: at.uplinkSide(i) });
  });

  const first = at.origin(0);
  const last = at.origin(n - 1);
  const bottom = Math.max(first.y, ...heights.map((h, i) => at.origin(i).y + h));
  const nodes = { x: first.x, y: first.y, w: last.x + at.nodeW - first.x, h: bottom - first.y };
  const network = sharedNetwork(plans);
  const busX = nodes.x + nodes.w + d.busStrip / 2;
  const portraitOthers =
    others && orientation === 'portrait'
      ? otherNodesBox(others, orientation, nodes, busX, d)
      : null;
  const reach = portraitOthers?.stub?.[1]?.y;
  const bus = busLinks({ taps, orientation, nodes, network, ...(reach ? { reach } : {}) }, d);
  layout.links.push(...bus.links);
  layout.anchors.wire = bus.wire;
  const busY = nodes.y + nodes.h + d.busGap;
  const othersBox =
    portraitOthers ?? (others ? otherNodesBox(others, orientation, nodes, busY, d) : null);
  if (othersBox) {
    // Without a bus (no node has an uplink) there is nothing to join it to.
    const { stub, ...box } = othersBox;
    layout.summaries.push(taps.length && stub ? { ...box, stub } : box);
  }
  const lowest = Math.max(bottom, othersBox ? othersBox.y + othersBox.h : 0);
  const height =
    orientation === 'portrait' ? lowest + d.margin : Math.max(lowest, bus.bottom) + d.margin;
  // A port or badge is its own anchor: keep only the points that are not drawn.
  const shown = new Set([...layout.ports, ...layout.badges].map((e) => e.id));
  const anchors = Object.fromEntries(
    Object.entries(layout.anchors).filter(([id]) => !shown.has(id)),
  );
  const text = {
    labels: d.labels,
    fonts: d.fonts,
    chip: { height: d.chip.height, baseline: d.chip.baseline },
    glyph: d.glyph,
  };
  const { summaries, ...shapes } = layout;
  return {
    layout: {
      orientation,
      type: text,
      width: at.width,
      height,
      ...shapes,
      anchors,
      // Only a large cluster's layout has any: the others' stay as they were.
      ...(summaries.length ? { summaries } : {}),
      uplinks: bus.uplinks,
    },
    rows: grid.rows,
  };
}
