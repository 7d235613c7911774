/**
 * One pod's box, in its own coordinates: its name (wrapped when the box is narrow) and address,
 * its rule badges and listening sockets, and on the edge that faces the host namespace its
 * interfaces with their names and TC programs. Measured first (how tall at a width), then drawn
 * at the height its row shares.
 */
import {
  chipWidth,
  flowChips,
  listenerChoice,
  ruleChoice,
  tcChip,
  type Chip,
  type ChipChoice,
  type Edge,
} from './badgeText';
import type { Dimensions } from './dimensions';
import { procAnchorId, ruleAnchorId, stackAnchorId } from './elementIds';
import type { HostLink, PodPlan } from './nodeContents';
import { rowsOf } from './rows';
import { edgeBand } from './edgeBand';
import { badgeFont, type Label, type Point } from './shapes';
import { fitting, textWidth, widestPiece, wrapWords } from './textExtent';

export interface PlacedChip extends Chip, Point {}

export interface PodPort extends Point {
  readonly link: HostLink;
  readonly edge: Edge;
  /** Relative to the port. */
  readonly label: Label;
}

export interface PodDrawing {
  readonly h: number;
  readonly labels: readonly Label[];
  readonly ports: readonly PodPort[];
  readonly chips: readonly PlacedChip[];
  readonly anchors: Readonly<Record<string, Point>>;
}

export interface PodOptions {
  /** Which edge faces the host namespace: the bottom for pods above it, the top below it. */
  readonly facing: 'top' | 'bottom';
  /** Its cable leaves by the right edge, down a lane beside the pods under it. */
  readonly lane?: boolean;
  /** Draw it this tall (the row's height); otherwise as tall as it needs. */
  readonly height?: number;
}

/** The narrowest the pod's box can be without cutting a word, an address or a badge. */
export function podMinWidth(plan: PodPlan, d: Dimensions): number {
  const widest = [
    widestPiece(plan.pod.shortName, d.fonts.boxLabel, 0),
    textWidth(plan.pod.ip.value, d.fonts.sublabel),
    ...podChoices(plan, d).map((c) =>
      chipWidth(c.words.at(-1) ?? '', badgeFont(c.make('').kind), d),
    ),
  ];
  return Math.ceil(Math.max(d.minPodWidth - 2 * d.box.pad, ...widest) + 2 * d.box.pad);
}

function titleLines(plan: PodPlan, w: number, d: Dimensions): string[] {
  const room = w - 2 * d.box.pad;
  const { shortName } = plan.pod;
  // The room set names a pod by its short name only: the generated one is for up close.
  const full = d.labels === 'room' ? shortName : `${shortName} · ${plan.pod.name.value}`;
  const one = fitting([full, shortName], d.fonts.boxLabel, room);
  return textWidth(one, d.fonts.boxLabel) <= room
    ? [one]
    : wrapWords(shortName, d.fonts.boxLabel, room);
}

/** The pod's chips: the rules the walk meets in it, then its listening sockets. */
function podChoices(plan: PodPlan, d: Dimensions): ChipChoice[] {
  return [
    ...plan.rules.map((k) => ruleChoice(plan.netnsId, k, plan.key, d, plan.netfilterWords)),
    ...plan.listeners.map((l) => listenerChoice(plan.netnsId, l, plan.key, plan.pod.shortName, d)),
  ];
}

/** Where the pod's interfaces sit along its facing edge (x; a lane's port is on the right). */
const portX = (i: number, n: number, w: number, o: PodOptions): number =>
  o.lane ? w : (w * (i + 0.5)) / n;

export function drawPod(plan: PodPlan, w: number, d: Dimensions, o: PodOptions): PodDrawing {
  const rowPitch = d.chip.height + d.chip.gap;
  const title = titleLines(plan, w, d);
  // A wide box (a node proxy's) may take a second row to keep the sockets' names.
  const { chips, placed: chipFlow } = flowChips(podChoices(plan, d), d.box.pad, w - d.box.pad, d, {
    maxRows: o.facing === 'top' ? 2 : 1,
  });
  const chipRows = rowsOf(chipFlow);

  // The edge band: interface names next to their ports, and their TC programs.
  const edge: Edge = o.lane ? 'right' : o.facing;
  const n = plan.links.length;
  const bandPorts = plan.links.map((link, i) => {
    const name = link.podIface.name;
    return {
      x: portX(i, n, w, o),
      name,
      ...(o.lane ? { nameAt: w - 10 - textWidth(name, d.fonts.portLabel) } : {}),
      chips: (plan.ns?.tc ?? [])
        .filter((t) => t.iface === name)
        .map((t) => tcChip(plan.netnsId, t, `${plan.key}#${name}`, edge, d)),
    };
  });
  const placedBand = edgeBand(bandPorts, w, d);
  const band = placedBand.depth;

  const headerH = 6 + title.length * d.box.titleLine + d.box.subLine + 4;
  const chipsH = chipRows ? chipRows * rowPitch + 4 : 0;
  const need = headerH + chipsH + band + (band ? 0 : 8) + 6;
  const h = Math.max(need, o.height ?? 0);

  // Top to bottom: the header and chips sit at the far side from the host; the band at the near.
  const top = o.facing === 'top' ? band : 0;
  // The first title line's baseline: three quarters down its line, below a small margin.
  const titleBase = top + 6 + d.box.titleLine * 0.75;
  const labels: Label[] = title.map((text, i) => ({
    text,
    x: d.box.pad,
    y: titleBase + i * d.box.titleLine,
    anchor: 'start',
    role: 'title',
  }));
  const subY = titleBase + (title.length - 1) * d.box.titleLine + d.box.subLine;
  labels.push({
    text: plan.pod.ip.value,
    x: d.box.pad,
    y: subY,
    anchor: 'start',
    role: 'sublabel',
  });
  const chipTop = top + headerH;
  const placedChips: PlacedChip[] = chips.map((c, i) => {
    const f = chipFlow[i] ?? { x: d.box.pad, row: 0 };
    return { ...c, x: f.x + c.w / 2, y: chipTop + f.row * rowPitch + d.chip.height / 2 };
  });

  // Rows count inward from the facing edge.
  const rowY = (row: number): number =>
    o.facing === 'bottom' ? h - placedBand.rowMiddle(row) : placedBand.rowMiddle(row);
  const ports: PodPort[] = plan.links.map((link, i) => {
    const bp = bandPorts[i] as (typeof bandPorts)[number];
    const name = placedBand.names[i] ?? { row: 0, x: bp.x };
    // A lane's port sits on the side, level with its name; the others on the facing edge.
    const y = o.lane ? rowY(name.row) : o.facing === 'bottom' ? h : 0;
    return {
      x: bp.x,
      y,
      edge,
      link,
      label: {
        text: bp.name,
        x: name.x - bp.x,
        y: rowY(name.row) - y + d.box.centre,
        anchor: 'start',
        role: 'port',
      },
    };
  });
  for (const list of placedBand.chips) {
    for (const { chip, row, x } of list)
      placedChips.push({ ...chip, x: x + chip.w / 2, y: rowY(row) });
  }

  const bandInner = o.facing === 'bottom' ? h - band : band;
  const headerMid = top + 6 + (title.length * d.box.titleLine + d.box.subLine) / 2;
  const freeTop = chipTop + chipsH;
  const freeBottom = o.facing === 'bottom' ? bandInner : h - 6;
  const stack: Point = { x: w / 2, y: Math.max(freeTop, (freeTop + freeBottom) / 2) };
  const anchors: Record<string, Point> = {
    // The process sits in the header row, clear of a wide box's title.
    [procAnchorId(plan.netnsId)]: { x: Math.max(w / 2, w - 90), y: headerMid },
    [stackAnchorId(plan.netnsId)]: stack,
  };
  for (const c of placedChips) if (c.kind === 'listener') anchors[c.id] = { x: c.x, y: c.y };
  for (const k of ['iptables', 'routes', 'conntrack'] as const) {
    const chip = placedChips.find((c) => c.id === ruleAnchorId(plan.netnsId, k));
    anchors[ruleAnchorId(plan.netnsId, k)] = chip ? { x: chip.x, y: chip.y } : stack;
  }
  return { h, labels, ports, chips: placedChips, anchors };
}
