/**
 * Where the pods above a host namespace go: in columns as wide as the widest pod needs, wrapping
 * into rows when a node has more pods than columns. A pod's veth cable drops straight to the
 * host; a pod with another pod under it sends its cable down a lane beside that pod instead.
 * Every node uses the same grid, bottom-aligned, so the host namespaces line up.
 */
import type { Dimensions } from './dimensions';
import type { NodePlan } from './nodeContents';
import { podMinWidth } from './podBox';
import { morePodsMinWidth } from './summaryBox';

export interface PodGrid {
  readonly cols: number;
  readonly rows: number;
  readonly podW: number;
  /** Left edge of a column, from the node's inner left edge. */
  readonly colX: (c: number) => number;
  /** The lane x (from the inner left edge) of a pod's cable in row `r` of column `c`. */
  readonly laneX: (r: number, c: number) => number;
}

export interface GridPlace {
  readonly row: number;
  readonly col: number;
  /** Another pod sits under it: its cable takes the lane. */
  readonly lane: boolean;
}

/** The width the widest pod (or summary of pods) of any node needs. */
function podNeed(plans: readonly NodePlan[], d: Dimensions): number {
  return Math.max(
    d.minPodWidth,
    ...plans.flatMap((p) => p.above.map((pod) => podMinWidth(pod, d))),
    ...plans.map((p) => morePodsMinWidth(p.more, d)),
  );
}

/** The cells of a node's grid: its pods above the host, and the box summarising the rest. */
export const gridCells = (p: NodePlan): number => p.above.length + (p.more.length ? 1 : 0);

const mostPods = (plans: readonly NodePlan[]): number => Math.max(0, ...plans.map(gridCells));

const laneWidth = (rows: number, d: Dimensions): number => Math.max(d.podGap, d.lane * rows);

/** The inner width a node needs for its pods in `cols` columns. */
export function gridWidth(plans: readonly NodePlan[], cols: number, d: Dimensions): number {
  const need = podNeed(plans, d);
  const rows = Math.ceil(mostPods(plans) / cols);
  return rows > 1 ? cols * (need + laneWidth(rows, d)) : cols * need + (cols - 1) * d.podGap;
}

/** The grid for pods in `inner` width: `cols` columns, or as many as fit. */
export function podGrid(
  plans: readonly NodePlan[],
  inner: number,
  d: Dimensions,
  forced?: number,
): PodGrid {
  const most = mostPods(plans);
  const need = podNeed(plans, d);
  // As wide as a pod gets, unless a pod's name needs more (a long word in large type).
  const widest = Math.max(d.maxPodWidth, need);
  const fit = Math.floor((inner + d.podGap) / (need + d.podGap));
  let cols = Math.max(1, Math.min(most, forced ?? fit));
  let rows = most === 0 ? 0 : Math.ceil(most / cols);
  if (rows > 1) {
    // Lanes take room: recount with each column followed by its lane.
    const lane = laneWidth(rows, d);
    cols = Math.max(1, Math.min(most, forced ?? Math.floor(inner / (need + lane))));
    rows = Math.ceil(most / cols);
    const pitch = inner / cols;
    const podW = Math.min(widest, pitch - lane);
    return {
      cols,
      rows,
      podW,
      colX: (c) => c * pitch,
      // The higher a pod, the further out its lane, so no cable crosses another.
      laneX: (r, c) => c * pitch + podW + (lane * (rows - 1 - r)) / rows,
    };
  }
  const podW = Math.min(widest, cols > 1 ? (inner - (cols - 1) * d.podGap) / cols : inner);
  const spread = cols > 1 ? (inner - podW) / (cols - 1) : 0;
  const offset = cols > 1 ? 0 : (inner - podW) / 2;
  return {
    cols,
    rows,
    podW,
    colX: (c) => offset + c * spread,
    laneX: (_r, c) => offset + c * spread + podW / 2,
  };
}

/** How many rows a node with `count` pods fills. */
export const rowsFor = (count: number, grid: PodGrid): number => Math.ceil(count / grid.cols);

/**
 * The grid places of a node's pods: filled row by row, the last rows nearest the host (`rows`
 * is how many the node's box has room for).
 */
export function gridPlaces(count: number, grid: PodGrid, rows: number): GridPlace[] {
  const first = rows - rowsFor(count, grid);
  const places = Array.from({ length: count }, (_, k) => ({
    row: first + Math.floor(k / grid.cols),
    col: k % grid.cols,
  }));
  const taken = new Set(places.map((p) => `${p.row}/${p.col}`));
  return places.map((p) => ({ ...p, lane: taken.has(`${p.row + 1}/${p.col}`) }));
}
