/**
 * One node, in its own coordinates and then moved into place: its name and addresses, the pods
 * above its host namespace on their grid, the host namespace, the node proxy below, and the
 * veth cables and GENEVE pipes between them.
 */
import type { Dimensions } from './dimensions';
import { ifaceAnchorId, nodeBoxId } from './elementIds';
import { drawHost, type EdgeIface, type HostBands } from './hostNetns';
import type { NodePlan, PodPlan } from './nodeContents';
import { drawPod, type PodDrawing } from './podBox';
import { gridCells, gridPlaces, rowsFor, type PodGrid } from './podRows';
import type { Badge, Box, Label, Link, Point, Port, Summary } from './shapes';
import { drawMorePods, morePodsName } from './summaryBox';
import { fitting, textWidth } from './textExtent';

export interface NodeFrame {
  readonly plan: NodePlan;
  readonly grid: PodGrid;
  readonly w: number;
  readonly uplinkSide: 'left' | 'right';
}

export interface NodeSizes {
  /** Rows of pods above the host namespace. */
  readonly rows: number;
  /** How tall each row of pods is, from the row nearest the host namespace up. */
  readonly rowHeights: readonly number[];
  readonly belowH: number;
  readonly host: HostBands;
  readonly hasBelow: boolean;
}

interface Parts {
  readonly boxes: Box[];
  readonly ports: Port[];
  readonly links: Link[];
  readonly badges: Badge[];
  readonly summaries: Summary[];
  readonly anchors: Record<string, Point>;
  uplink: Point | null;
}

export interface DrawnNode {
  readonly name: string;
  readonly h: number;
  readonly sizes: NodeSizes;
  /** Its parts with the node's top-left corner at `o`. */
  readonly at: (o: Point) => Parts;
}

const shift = (p: Point, o: Point): Point => ({ x: p.x + o.x, y: p.y + o.y });

function nodeLabels(plan: NodePlan, w: number, d: Dimensions): Label[] {
  const { name, internalIp, podCidr } = plan.node;
  const at = d.nodeText;
  const title: Label = { text: name, x: 12, y: at.name, anchor: 'start', role: 'node' };
  if (at.sub === null) {
    const room = w - 36 - textWidth(name, d.fonts.nodeLabel);
    if (textWidth(internalIp.value, d.fonts.sublabel) > room) return [title];
    return [
      title,
      { text: internalIp.value, x: w - 12, y: at.name, anchor: 'end', role: 'sublabel' },
    ];
  }
  const sub = fitting(
    [
      `node · ${internalIp.value} · pods ${podCidr.value}`,
      `${internalIp.value} · pods ${podCidr.value}`,
      internalIp.value,
    ],
    d.fonts.sublabel,
    w - 24,
  );
  return [title, { text: sub, x: 12, y: at.sub, anchor: 'start', role: 'sublabel' }];
}

/** The pod's box, badges, ports and anchors at its place. */
function podParts(
  pod: PodPlan,
  drawing: PodDrawing,
  x: number,
  y: number,
  w: number,
  parts: Parts,
) {
  const o = { x, y };
  parts.boxes.push({
    id: `pod-${pod.netnsId}`,
    morphKey: pod.key,
    kind: pod.boxKind,
    netns: pod.netnsId,
    x,
    y,
    w,
    h: drawing.h,
    labels: drawing.labels,
  });
  for (const c of drawing.chips) parts.badges.push({ ...c, ...shift(c, o) });
  for (const iface of pod.ns?.ifaces ?? []) {
    parts.anchors[ifaceAnchorId(pod.netnsId, iface.name)] = shift(
      drawing.anchors[`${pod.netnsId}#stack`] ?? { x: w / 2, y: drawing.h / 2 },
      o,
    );
  }
  for (const [id, p] of Object.entries(drawing.anchors)) parts.anchors[id] = shift(p, o);
  return drawing.ports.map((p) => {
    const at = shift(p, o);
    const port: Port = {
      id: ifaceAnchorId(pod.netnsId, p.link.podIface.name),
      morphKey: `${pod.key}#${p.link.podIface.name}`,
      kind: p.link.kind,
      ...at,
      label: p.label,
    };
    parts.ports.push(port);
    parts.anchors[port.id] = at;
    return { port: at, link: p.link };
  });
}

const vni = (n: number | undefined): string[] =>
  n === undefined ? [] : [`GENEVE VNI ${n}`, `VNI ${n}`, String(n)];

/** Draws the node at its origin; without `shared`, only to measure what it needs. */
function buildNode(f: NodeFrame, d: Dimensions, shared?: NodeSizes): DrawnNode {
  const { plan, grid, w } = f;
  const pad = d.nodePad;
  const inner = w - 2 * pad;
  const parts: Parts = {
    boxes: [],
    ports: [],
    links: [],
    badges: [],
    summaries: [],
    anchors: {},
    uplink: null,
  };

  // Above: measured at the grid's width, drawn at the row height all nodes share.
  // The pods, then the box for the pods left out (if any) in the last cell.
  const rows = shared?.rows ?? rowsFor(gridCells(plan), grid);
  const cells = gridPlaces(gridCells(plan), grid, rows);
  // Over several rows the summary takes the first cell (top left): the pods on the path sit
  // nearest the host, and none needs a lane round a box that has no cable. In one row, the last.
  const moreFirst = plan.more.length > 0 && rowsFor(gridCells(plan), grid) > 1;
  const places = moreFirst ? cells.slice(1) : cells;
  // Rows counted from the host up, so nodes with fewer rows line up on the host namespace.
  const fromHost = (row: number): number => rows - 1 - row;
  const aboveDrawn = plan.above.map((pod, k) => {
    const row = fromHost(places[k]?.row ?? 0);
    const height = shared?.rowHeights[row];
    return drawPod(pod, grid.podW, d, {
      facing: 'bottom',
      lane: places[k]?.lane ?? false,
      ...(height === undefined ? {} : { height }),
    });
  });
  const moreAt = plan.more.length ? cells[moreFirst ? 0 : plan.above.length] : undefined;
  const moreRow = moreAt ? fromHost(moreAt.row) : -1;
  const moreDrawn = moreAt
    ? drawMorePods(plan.more, grid.podW, d, shared?.rowHeights[moreRow])
    : undefined;
  const rowHeights =
    shared?.rowHeights ??
    Array.from({ length: rows }, (_, r) =>
      Math.max(
        0,
        ...aboveDrawn.filter((_, k) => fromHost(places[k]?.row ?? 0) === r).map((p) => p.h),
        moreDrawn && moreRow === r ? moreDrawn.h : 0,
      ),
    );
  const podsTop = d.nodeHeader;
  const rowTop = (row: number): number =>
    podsTop +
    Array.from({ length: row }, (_, r) => (rowHeights[fromHost(r)] ?? 0) + d.podRowGap).reduce(
      (a, b) => a + b,
      0,
    );
  const hostTop = rows > 0 ? rowTop(rows) - d.podRowGap + d.vethGap : d.nodeHeader + 8;
  const top: EdgeIface[] = [];
  const cables: Array<{
    from: Point;
    lane: number | null;
    key: string;
    id: string;
    kind: Link['kind'];
  }> = [];
  plan.above.forEach((pod, k) => {
    const place = places[k] ?? { row: 0, col: 0, lane: false };
    const x = pad + grid.colX(place.col);
    const y = rowTop(place.row);
    const ends = podParts(pod, aboveDrawn[k] as PodDrawing, x, y, grid.podW, parts);
    for (const { port, link } of ends) {
      const laneX = place.lane ? pad + grid.laneX(place.row, place.col) : null;
      const key = `${pod.key}#peer-${link.podIface.name}`;
      top.push({
        iface: link.hostIface.name,
        kind: link.kind,
        key,
        x: (laneX ?? port.x) - pad,
        outside: laneX === null,
      });
      cables.push({
        from: port,
        lane: laneX,
        key,
        id: `${link.kind}-${plan.hostId}-${link.hostIface.name}`,
        kind: link.kind,
      });
    }
  });

  if (moreAt && moreDrawn)
    parts.summaries.push({
      id: `more-pods-${plan.node.name}`,
      morphKey: `${plan.key}:more`,
      kind: 'more-pods',
      x: pad + grid.colX(moreAt.col),
      y: rowTop(moreAt.row),
      w: grid.podW,
      h: moreDrawn.h,
      labels: moreDrawn.labels,
      name: morePodsName(plan.node.name, plan.more),
    });

  // Below: the node proxies share the inner width.
  const below = plan.below;
  const belowW = below.length ? (inner - (below.length - 1) * d.podGap) / below.length : 0;
  const belowDrawn = below.map((pod) =>
    drawPod(pod, belowW, d, { facing: 'top', ...(shared ? { height: shared.belowH } : {}) }),
  );
  const belowH = shared?.belowH ?? Math.max(0, ...belowDrawn.map((p) => p.h));
  const bottom: EdgeIface[] = below.flatMap((pod, j) =>
    (belowDrawn[j] as PodDrawing).ports.map((p) => ({
      iface: p.link.hostIface.name,
      kind: p.link.kind,
      key:
        p.link.kind === 'veth'
          ? `${pod.key}#peer-${p.link.podIface.name}`
          : `${plan.key}#${p.link.hostIface.name}`,
      x: j * (belowW + d.podGap) + p.x,
      outside: false,
    })),
  );

  const host = drawHost({ plan, w: inner, top, bottom, uplinkSide: f.uplinkSide }, d, shared?.host);
  const hostH = host.bands.top + host.bands.middle + host.bands.bottom;
  const hasBelow = shared?.hasBelow ?? below.length > 0;
  const belowTop = hostTop + hostH + d.pipeGap;
  const h = (hasBelow ? belowTop + belowH : hostTop + hostH) + pad;
  const hostOrigin = { x: pad, y: hostTop };

  parts.boxes.push(
    {
      id: nodeBoxId(plan.node.name),
      morphKey: plan.key,
      kind: 'node',
      x: 0,
      y: 0,
      w,
      h,
      labels: nodeLabels(plan, w, d),
    },
    {
      id: `host-${plan.node.name}`,
      morphKey: `${plan.key}:host`,
      kind: 'host',
      netns: plan.hostId,
      ...hostOrigin,
      w: inner,
      h: hostH,
      labels: host.labels,
    },
  );
  for (const c of host.chips) parts.badges.push({ ...c, ...shift(c, hostOrigin) });
  for (const [id, p] of Object.entries(host.anchors)) parts.anchors[id] = shift(p, hostOrigin);
  for (const p of host.ports) {
    const at = shift(p, hostOrigin);
    parts.ports.push({
      id: ifaceAnchorId(plan.hostId, p.iface),
      morphKey: p.key,
      kind: p.kind,
      ...at,
      ...(p.label ? { label: p.label } : {}),
    });
    if (p.kind === 'uplink') parts.uplink ??= at;
  }
  for (const c of cables) {
    const end = { x: c.lane ?? c.from.x, y: hostTop };
    const points = c.lane === null ? [c.from, end] : [c.from, { x: c.lane, y: c.from.y }, end];
    parts.links.push({ id: c.id, morphKey: `${c.key}:cable`, kind: c.kind, points });
  }

  // The node proxies' cables and tunnels come up to the host's bottom edge.
  const hostBottom = hostTop + hostH;
  const xs = bottom.map((b) => pad + b.x).sort((a, b) => a - b);
  below.forEach((pod, j) => {
    const x = pad + j * (belowW + d.podGap);
    const ends = podParts(pod, belowDrawn[j] as PodDrawing, x, belowTop, belowW, parts);
    for (const { port, link } of ends) {
      const from = { x: port.x, y: hostBottom };
      const left = xs.filter((v) => v < port.x - 1).at(-1) ?? pad;
      const text = fitting(vni(link.hostIface.geneve?.vni), d.fonts.linkLabel, port.x - left - 24);
      const fits = textWidth(text, d.fonts.linkLabel) <= port.x - left - 24;
      parts.links.push({
        id: `${link.kind}-${plan.hostId}-${link.hostIface.name}`,
        morphKey: `${link.kind === 'veth' ? `${pod.key}#peer` : plan.key}-${link.hostIface.name}:cable`,
        kind: link.kind,
        points: [from, port],
        ...(link.kind === 'geneve' && fits
          ? {
              label: {
                text,
                x: -11,
                y: d.pipeGap / 2 + d.box.centre,
                anchor: 'end' as const,
                role: 'link' as const,
              },
            }
          : {}),
      });
    }
  });

  return {
    name: plan.node.name,
    h,
    sizes: { rows, rowHeights, belowH, host: host.bands, hasBelow: below.length > 0 },
    at: (o) => ({
      boxes: parts.boxes.map((b) => ({ ...b, ...shift(b, o) })),
      ports: parts.ports.map((p) => ({ ...p, ...shift(p, o) })),
      links: parts.links.map((l) => ({ ...l, points: l.points.map((p) => shift(p, o)) })),
      badges: parts.badges.map((b) => ({ ...b, ...shift(b, o) })),
      summaries: parts.summaries.map((b) => ({ ...b, ...shift(b, o) })),
      anchors: Object.fromEntries(Object.entries(parts.anchors).map(([k, p]) => [k, shift(p, o)])),
      uplink: parts.uplink ? shift(parts.uplink, o) : null,
    }),
  };
}

export function measureNode(f: NodeFrame, d: Dimensions): NodeSizes {
  return buildNode(f, d).sizes;
}

export function drawNode(f: NodeFrame, d: Dimensions, shared: NodeSizes): DrawnNode {
  return buildNode(f, d, shared);
}
