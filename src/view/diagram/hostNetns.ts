/**
 * A node's host network namespace, in its own coordinates: along its top edge the host ends of
 * the pods' veths, along its bottom edge the ends of the cables and tunnels to the node proxy,
 * on the side facing the network its uplink; the TC programs attached to each of those beside
 * them; and across the middle its name and its rule badges. Three bands, each as tall as the
 * tallest node's, so the nodes line up.
 */
import {
  flowChips,
  listenerChoice,
  ruleChoice,
  tcChip,
  type Chip,
  type ChipChoice,
  type Edge,
} from './badgeText';
import type { Dimensions } from './dimensions';
import { edgeBand, type BandPlaces } from './edgeBand';
import { ifaceAnchorId, procAnchorId, ruleAnchorId, stackAnchorId } from './elementIds';
import type { NodePlan } from './nodeContents';
import type { PlacedChip } from './podBox';
import { rowsOf, Shelf, type Placed } from './rows';
import type { Label, Point, PortKind } from './shapes';
import { textWidth } from './textExtent';

/** An interface of the host drawn on an edge, where its cable or tunnel meets it. */
export interface EdgeIface {
  readonly iface: string;
  readonly kind: PortKind;
  readonly key: string;
  readonly x: number;
  /** Its name goes beside its cable outside the box (top edge), unless the cable comes down a lane. */
  readonly outside: boolean;
}

export interface HostBands {
  readonly top: number;
  readonly middle: number;
  readonly bottom: number;
}

export interface HostPort extends Point {
  readonly iface: string;
  readonly kind: PortKind;
  readonly key: string;
  readonly edge: Edge;
  /** Its name, unless the label set leaves it out. */
  readonly label?: Label;
}

export interface HostDrawing {
  readonly bands: HostBands;
  readonly labels: readonly Label[];
  readonly ports: readonly HostPort[];
  readonly chips: readonly PlacedChip[];
  readonly anchors: Readonly<Record<string, Point>>;
}

export interface HostInput {
  readonly plan: NodePlan;
  readonly w: number;
  readonly top: readonly EdgeIface[];
  readonly bottom: readonly EdgeIface[];
  readonly uplinkSide: 'left' | 'right';
}

const HOST_WORDS = ['host network namespace', 'host netns'];

/**
 * The room set leaves the host end of a veth pair unnamed: its name is generated (a hash the
 * CNI made), says nothing from a distance, and its cable already shows which pod it is for.
 */
const unnamed = (p: EdgeIface, d: Dimensions): boolean => d.labels === 'room' && p.kind === 'veth';

/** A band of the box's ports on one edge: names (unless outside the box), then programs. */
function band(
  input: HostInput,
  ports: readonly EdgeIface[],
  edge: Edge,
  d: Dimensions,
  outside: ReadonlyMap<string, Label> = new Map(),
) {
  const bandPorts = ports.map((p) => ({
    x: p.x,
    ...(outside.has(p.key) || unnamed(p, d) ? {} : { name: p.iface }),
    chips: (input.plan.host?.tc ?? [])
      .filter((t) => t.iface === p.iface)
      .map((t) => tcChip(input.plan.hostId, t, p.key, edge, d)),
  }));
  return edgeBand(bandPorts, input.w, d);
}

/** The middle band: the namespace's name, its rule badges, and programs on other interfaces. */
function middle(input: HostInput, d: Dimensions, edgeIfaces: ReadonlySet<string>) {
  const { plan, w } = input;
  const uplinkRoom = plan.uplink
    ? textWidth(plan.uplink.name, d.fonts.portLabel) + 2 * d.box.pad + 6
    : 0;
  const x0 = input.uplinkSide === 'left' ? d.box.pad + uplinkRoom : d.box.pad;
  const x1 = input.uplinkSide === 'left' ? w - d.box.pad : w - d.box.pad - uplinkRoom;
  const choices: ChipChoice[] = [
    ...plan.hostRules.map((k) =>
      ruleChoice(plan.hostId, k, `${plan.key}:host`, d, plan.hostNetfilterWords),
    ),
    ...plan.hostListeners.map((l) => listenerChoice(plan.hostId, l, `${plan.key}:host`, '', d)),
    ...(plan.host?.tc ?? [])
      .filter((t) => !edgeIfaces.has(t.iface))
      .map((t) => {
        const edge: Edge = t.iface === plan.uplink?.name ? input.uplinkSide : 'top';
        const chip = tcChip(plan.hostId, t, `${plan.key}#${t.iface}`, edge, d);
        return { words: [chip.text], make: () => chip };
      }),
  ];
  // The longest name for the namespace that does not cost the badges a row.
  let best: {
    name: string;
    chips: ReturnType<typeof flowChips>['chips'];
    placed: Placed[];
  } | null = null;
  for (const [i, name] of HOST_WORDS.entries()) {
    const lead = textWidth(name, d.fonts.hostLabel);
    // A name wider than the box is no choice, unless it is the last (the shortest).
    if (lead > x1 - x0 && i < HOST_WORDS.length - 1) continue;
    const { chips, placed } = flowChips(choices, x0, x1, d, { lead });
    if (!best || rowsOf(placed) < rowsOf(best.placed)) best = { name, chips, placed };
  }
  const chosen = best ?? { name: '', chips: [], placed: [] };
  return { ...chosen, rows: rowsOf(chosen.placed) };
}

/**
 * The names of the veths whose cables come down from the pods: beside the cable in the gap
 * above the box, on its right if there is room (clear of the other cables and names), else on
 * its left, else a row higher. A name with no room there goes inside the box, under its port.
 */
function outsideLabels(input: HostInput, d: Dimensions): Map<string, Label> {
  const shelf = new Shelf(0, input.w, 8);
  for (const p of input.top) for (const row of [0, 1]) shelf.reserve(p.x - 1, 2, row);
  const out = new Map<string, Label>();
  for (const p of input.top.filter((x) => x.outside && !unnamed(x, d))) {
    const tw = textWidth(p.iface, d.fonts.portLabel);
    const at = shelf.tryPlace(tw, [p.x + 10, p.x - 10 - tw], 0, 1);
    if (!at) continue;
    const right = at.x >= p.x;
    out.set(p.key, {
      text: p.iface,
      x: right ? at.x - p.x : at.x + tw - p.x,
      y: -d.outsideName - at.row * d.box.labelRow,
      anchor: right ? 'start' : 'end',
      role: 'port',
    });
  }
  return out;
}

export function drawHost(input: HostInput, d: Dimensions, bands?: HostBands): HostDrawing {
  const { plan, w } = input;
  const pitch = d.chip.height + d.chip.gap;
  const edgeIfaces = new Set([...input.top, ...input.bottom].map((p) => p.iface));
  const outside = outsideLabels(input, d);
  const top = band(input, input.top, 'top', d, outside);
  const bottom = band(input, input.bottom, 'bottom', d);
  const mid = middle(input, d, edgeIfaces);
  const need: HostBands = {
    top: top.depth + 4,
    middle: mid.rows * pitch + 10,
    bottom: bottom.depth,
  };
  const b = bands ?? need;
  const h = b.top + b.middle + b.bottom;
  const midTop = b.top + (b.middle - mid.rows * pitch) / 2;

  const labels: Label[] = [];
  const chips: PlacedChip[] = [];
  mid.placed.forEach((p, i) => {
    const y = midTop + p.row * pitch + d.chip.height / 2;
    if (i === 0) {
      labels.push({
        text: mid.name,
        x: p.x,
        y: y + d.box.centre,
        anchor: 'start',
        role: 'host',
      });
      return;
    }
    const chip = mid.chips[i - 1] as Chip;
    chips.push({ ...chip, x: p.x + chip.w / 2, y });
  });
  const rowY = (edge: 'top' | 'bottom', row: number): number =>
    edge === 'top' ? top.rowMiddle(row) : h - bottom.rowMiddle(row);
  const edgePorts = (edge: 'top' | 'bottom', list: readonly EdgeIface[], placed: BandPlaces) =>
    list.map((p, i): HostPort => {
      for (const c of placed.chips[i] ?? []) {
        chips.push({ ...c.chip, x: c.x + c.chip.w / 2, y: rowY(edge, c.row) });
      }
      const y = edge === 'top' ? 0 : h;
      const name = placed.names[i];
      const port = { iface: p.iface, kind: p.kind, key: p.key, edge, x: p.x, y };
      if (unnamed(p, d)) return port;
      return {
        ...port,
        label: outside.get(p.key) ?? {
          text: p.iface,
          x: (name?.x ?? p.x) - p.x,
          y: rowY(edge, name?.row ?? 0) - y + d.box.centre,
          anchor: 'start',
          role: 'port',
        },
      };
    });
  const ports: HostPort[] = [
    ...edgePorts('top', input.top, top),
    ...edgePorts('bottom', input.bottom, bottom),
  ];
  const uplinkY = b.top + b.middle / 2;
  if (plan.uplink) {
    const right = input.uplinkSide === 'right';
    ports.push({
      iface: plan.uplink.name,
      kind: 'uplink',
      key: `${plan.key}#${plan.uplink.name}`,
      edge: input.uplinkSide,
      x: right ? w : 0,
      y: uplinkY,
      label: {
        text: plan.uplink.name,
        x: right ? -12 : 12,
        y: d.box.centre,
        anchor: right ? 'end' : 'start',
        role: 'port',
      },
    });
  }

  const stack: Point = { x: w / 2, y: uplinkY };
  const anchors: Record<string, Point> = {
    [stackAnchorId(plan.hostId)]: stack,
    [procAnchorId(plan.hostId)]: stack,
  };
  for (const c of chips) if (c.kind === 'listener') anchors[c.id] = { x: c.x, y: c.y };
  for (const iface of plan.host?.ifaces ?? [])
    anchors[ifaceAnchorId(plan.hostId, iface.name)] = stack;
  for (const p of ports) anchors[ifaceAnchorId(plan.hostId, p.iface)] = { x: p.x, y: p.y };
  for (const k of plan.hostRules) {
    const chip = chips.find((c) => c.id === ruleAnchorId(plan.hostId, k));
    anchors[ruleAnchorId(plan.hostId, k)] = chip ? { x: chip.x, y: chip.y } : stack;
  }
  return { bands: b, labels, ports, chips, anchors };
}
