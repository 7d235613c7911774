/**
 * Where everything goes on the diagram: pure functions from the cluster (and the walk) to
 * boxes, ports, links, badges and anchor points, in SVG user units. The layout always contains
 * every element any scenario can show, in a fixed slot, with `visible` saying whether the
 * current scenario has it; so switching scenarios moves and fades elements instead of redrawing.
 */
import type { Hop, PodRole, PortableWalk as Walk, Topology, TopologyNetns } from '../../model';

export type Orientation = 'landscape' | 'portrait';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type BoxKind = 'node' | 'host' | 'pod' | 'ztunnel' | 'waypoint';

export interface Box {
  readonly id: string;
  readonly kind: BoxKind;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly label: string;
  readonly sublabel?: string;
  readonly netns?: string;
  readonly visible: boolean;
  /** Elements with one morph key are drawn as one element that moves between their places. */
  readonly morphKey: string;
}

export type PortKind = 'veth' | 'eth0' | 'geneve' | 'uplink';

export interface Port {
  /** The hop anchor this port stands for: `<netns>#<iface>`. */
  readonly id: string;
  readonly kind: PortKind;
  readonly x: number;
  readonly y: number;
  readonly label: string;
  /** Which side of the label the port sits: labels go away from the box edge. */
  readonly labelSide: 'above' | 'below' | 'left' | 'right' | 'gap';
  readonly visible: boolean;
  readonly morphKey: string;
}

export type LinkKind = 'veth' | 'geneve' | 'wire';

export interface Link {
  readonly id: string;
  readonly kind: LinkKind;
  readonly from: Point;
  readonly to: Point;
  readonly label?: string;
  readonly visible: boolean;
  readonly morphKey: string;
}

export type BadgeKind = 'iptables' | 'ipset' | 'routes' | 'conntrack' | 'ebpf' | 'listener';

export interface Badge {
  readonly id: string;
  readonly kind: BadgeKind;
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly netns: string;
  readonly visible: boolean;
  /** For eBPF badges: the hop anchor (port) the program is attached to. */
  readonly attachedTo?: string;
  readonly morphKey: string;
}

export interface Layout {
  readonly orientation: Orientation;
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly Box[];
  readonly ports: readonly Port[];
  readonly links: readonly Link[];
  readonly badges: readonly Badge[];
  /** Every point a hop can be at, by anchor id. */
  readonly anchors: Readonly<Record<string, Point>>;
}

interface Dims {
  readonly width: number;
  readonly nodeW: number;
  readonly nodeH: number;
  readonly slotW: number;
  readonly slotH: number;
  readonly pad: number;
  readonly nodeOrigin: (i: 0 | 1) => Point;
  readonly height: number;
  readonly uplinkSide: (i: 0 | 1) => 'left' | 'right';
}

const LANDSCAPE: Dims = {
  width: 1240,
  height: 632,
  nodeW: 572,
  nodeH: 612,
  slotW: 168,
  slotH: 84,
  pad: 16,
  nodeOrigin: (i) => ({ x: i === 0 ? 10 : 658, y: 10 }),
  uplinkSide: (i) => (i === 0 ? 'right' : 'left'),
};

const PORTRAIT: Dims = {
  width: 400,
  height: 1356,
  nodeW: 360,
  nodeH: 640,
  slotW: 108,
  slotH: 92,
  pad: 10,
  nodeOrigin: (i) => ({ x: 8, y: i === 0 ? 10 : 706 }),
  uplinkSide: () => 'right',
};

/** Where each pod can be: node index and slot. httpbin has two places (cross-node, same-node). */
function podSlot(role: PodRole, nodeIndex: 0 | 1): number {
  switch (role) {
    case 'sleep':
      return 0;
    case 'httpbin':
      return nodeIndex === 0 ? 1 : 0;
    case 'httpbin-waypoint':
      return 2;
    case 'sleep-waypoint':
      return 1;
    case 'ztunnel':
      return -1;
  }
}

const NODE_NAMES = ['ambient-worker', 'ambient-worker2'] as const;

interface PodDef {
  readonly role: PodRole;
  readonly node: 0 | 1;
  readonly name: string;
  readonly hostVeth: string;
  readonly ip: string;
}

/** Every pod any scenario can have, with the names the kind cluster uses for it. */
const POD_UNIVERSE: readonly PodDef[] = [
  { role: 'sleep', node: 0, name: 'sleep', hostVeth: 'veth6d3e0c2b', ip: '10.244.2.4' },
  { role: 'httpbin', node: 0, name: 'httpbin', hostVeth: 'veth8f2a1b9c', ip: '10.244.2.5' },
  {
    role: 'httpbin-waypoint',
    node: 0,
    name: 'waypoint (httpbin)',
    hostVeth: 'veth5c8e2f14',
    ip: '10.244.2.6',
  },
  { role: 'httpbin', node: 1, name: 'httpbin', hostVeth: 'veth8f2a1b9c', ip: '10.244.1.5' },
  {
    role: 'sleep-waypoint',
    node: 1,
    name: 'waypoint (sleep)',
    hostVeth: 'veth9e1c7a3f',
    ip: '10.244.1.6',
  },
];

const ZTUNNEL_VETH = ['vethb7c4e1d0', 'veth2e9d5a71'] as const;

function hasIface(ns: TopologyNetns | undefined, name: string): boolean {
  return !!ns?.ifaces.some((i) => i.name === name);
}

function shortPodLabel(role: PodRole): string {
  return role === 'httpbin-waypoint'
    ? 'httpbin waypoint'
    : role === 'sleep-waypoint'
      ? 'sleep waypoint'
      : role;
}

/** Lays out the diagram for a cluster. */
export function layoutDiagram(cluster: Topology, orientation: Orientation): Layout {
  const d = orientation === 'landscape' ? LANDSCAPE : PORTRAIT;
  const boxes: Array<Omit<Box, 'morphKey'>> = [];
  const ports: Array<Omit<Port, 'morphKey'>> = [];
  const links: Array<Omit<Link, 'morphKey'>> = [];
  const badges: Array<Omit<Badge, 'morphKey'>> = [];
  const anchors: Record<string, Point> = {};
  const iptablesMode = cluster.mode.mode === 'iptables';
  const ebpfMode = cluster.mode.mode === 'ebpf';
  const uplinks: Point[] = [];

  for (const i of [0, 1] as const) {
    const name = NODE_NAMES[i];
    const o = d.nodeOrigin(i);
    const nodeNs = cluster.netns[name];
    const info = cluster.nodes.find((n) => n.name === name);
    const inner = d.nodeW - 2 * d.pad;
    boxes.push({
      id: `node-${name}`,
      kind: 'node',
      x: o.x,
      y: o.y,
      w: d.nodeW,
      h: d.nodeH,
      label: name,
      sublabel: info ? `node · ${info.internalIp.value} · pods ${info.podCidr.value}` : 'node',
      visible: true,
    });
    const slotGap = (inner - 3 * d.slotW) / 2;
    const slotX = (s: number): number => o.x + d.pad + s * (d.slotW + slotGap);
    const podTop = o.y + 58;
    const hostTop = podTop + d.slotH + 50;
    const hostH = orientation === 'landscape' ? 176 : 206;
    const ztTop = hostTop + hostH + 62;
    const ztH = o.y + d.nodeH - d.pad - ztTop;
    const hostNsId = name;

    // Host network namespace.
    boxes.push({
      id: `host-${name}`,
      kind: 'host',
      x: o.x + d.pad,
      y: hostTop,
      w: inner,
      h: hostH,
      label: 'host network namespace',
      netns: hostNsId,
      visible: true,
    });
    const bx = (frac: number): number => o.x + d.pad + inner * frac;
    const by = hostTop + hostH * 0.5;
    const addBadge = (b: Omit<Badge, 'netns' | 'morphKey'>, netns: string): void => {
      badges.push({ ...b, netns });
    };
    addBadge(
      {
        id: `${hostNsId}#iptables`,
        kind: 'iptables',
        x: bx(0.17),
        y: by,
        label: 'iptables',
        visible: true,
      },
      hostNsId,
    );
    addBadge(
      {
        id: `${hostNsId}#ipset`,
        kind: 'ipset',
        x: bx(0.39),
        y: by,
        label: 'ipset',
        visible: iptablesMode,
      },
      hostNsId,
    );
    addBadge(
      {
        id: `${hostNsId}#routes`,
        kind: 'routes',
        x: bx(0.61),
        y: by,
        label: orientation === 'landscape' ? 'ip rule / routes' : 'routes',
        visible: true,
      },
      hostNsId,
    );
    addBadge(
      {
        id: `${hostNsId}#conntrack`,
        kind: 'conntrack',
        x: bx(0.84),
        y: by,
        label: 'conntrack',
        visible: true,
      },
      hostNsId,
    );
    anchors[`${hostNsId}#iptables`] = { x: bx(0.17), y: by };
    anchors[`${hostNsId}#routes`] = { x: bx(0.61), y: by };
    anchors[`${hostNsId}#conntrack`] = { x: bx(0.84), y: by };
    anchors[`${hostNsId}#stack`] = { x: bx(0.5), y: by };

    // Uplink (eth0 of the node) on the side facing the wire.
    const side = d.uplinkSide(i);
    const uplink = {
      x: side === 'right' ? o.x + d.pad + inner : o.x + d.pad,
      y: hostTop + hostH * 0.8,
    };
    ports.push({
      id: `${hostNsId}#eth0`,
      kind: 'uplink',
      x: uplink.x,
      y: uplink.y,
      label: 'eth0',
      labelSide: side === 'right' ? 'left' : 'right',
      visible: true,
    });
    anchors[`${hostNsId}#eth0`] = uplink;
    uplinks.push(uplink);

    // Application pods and waypoints.
    for (const p of POD_UNIVERSE.filter((x) => x.node === i)) {
      const slot = podSlot(p.role, i);
      const present = cluster.pods.some((x) => x.role === p.role && x.node === name);
      const podNs = `${name}/${p.role}`;
      const x = slotX(slot);
      const pod = cluster.pods.find((x2) => x2.role === p.role && x2.node === name);
      const kind: BoxKind = p.role.endsWith('waypoint') ? 'waypoint' : 'pod';
      boxes.push({
        id: `pod-${p.role}-${i}`,
        kind,
        x,
        y: podTop,
        w: d.slotW,
        h: d.slotH,
        label: shortPodLabel(p.role),
        sublabel: pod?.ip.value ?? p.ip,
        netns: podNs,
        visible: present,
      });
      const eth0 = { x: x + d.slotW / 2, y: podTop + d.slotH };
      const veth = { x: eth0.x, y: hostTop };
      ports.push({
        id: `${podNs}#eth0`,
        kind: 'eth0',
        x: eth0.x,
        y: eth0.y,
        label: 'eth0',
        labelSide: 'above',
        visible: present,
      });
      ports.push({
        id: `${hostNsId}#${p.hostVeth}`,
        kind: 'veth',
        x: veth.x,
        y: veth.y,
        label: p.hostVeth,
        labelSide: 'gap',
        visible: present,
      });
      links.push({ id: `veth-${podNs}`, kind: 'veth', from: eth0, to: veth, visible: present });
      anchors[`${podNs}#eth0`] = eth0;
      anchors[`${hostNsId}#${p.hostVeth}`] = veth;
      anchors[`${podNs}#proc`] = { x: x + d.slotW / 2, y: podTop + d.slotH * 0.5 };
      const podStack = { x: x + d.slotW / 2, y: podTop + d.slotH * 0.74 };
      for (const k of ['stack', 'routes', 'iptables', 'conntrack'])
        anchors[`${podNs}#${k}`] = podStack;
      const ambient = !!pod?.ambient;
      const attached = (dir: 'ingress' | 'egress'): boolean =>
        ebpfMode && !!nodeNs?.tc.some((t) => t.iface === p.hostVeth && t.direction === dir);
      // TC programs sit just inside the host namespace, beside the veth they are attached to.
      const ebpfX = veth.x + (orientation === 'landscape' ? 62 : 44);
      addBadge(
        {
          id: `${hostNsId}#${p.hostVeth}#ingress`,
          kind: 'ebpf',
          x: ebpfX,
          y: veth.y + 22,
          label: 'app_outbound ↑',
          visible: present && ambient && attached('ingress'),
          attachedTo: `${hostNsId}#${p.hostVeth}`,
        },
        hostNsId,
      );
      addBadge(
        {
          id: `${hostNsId}#${p.hostVeth}#egress`,
          kind: 'ebpf',
          x: ebpfX,
          y: veth.y + 50,
          label: 'app_inbound ↓',
          visible: present && ambient && attached('egress'),
          attachedTo: `${hostNsId}#${p.hostVeth}`,
        },
        hostNsId,
      );
    }

    // ztunnel pod and its links to the host.
    const ztNs = `${name}/ztunnel`;
    const zt = cluster.pods.find((p) => p.role === 'ztunnel' && p.node === name);
    const ztNetns = cluster.netns[ztNs];
    boxes.push({
      id: `pod-ztunnel-${i}`,
      kind: 'ztunnel',
      x: o.x + d.pad,
      y: ztTop,
      w: inner,
      h: ztH,
      label: zt ? `ztunnel · ${zt.name.value}` : 'ztunnel',
      sublabel: zt?.ip.value,
      netns: ztNs,
      visible: true,
    });
    const cols = { eth0: bx(0.2), in: bx(0.55), out: bx(0.82) };
    const vethZ = ZTUNNEL_VETH[i];
    const hostBottom = hostTop + hostH;
    ports.push({
      id: `${hostNsId}#${vethZ}`,
      kind: 'veth',
      x: cols.eth0,
      y: hostBottom,
      label: vethZ,
      labelSide: 'above',
      visible: true,
    });
    ports.push({
      id: `${ztNs}#eth0`,
      kind: 'eth0',
      x: cols.eth0,
      y: ztTop,
      label: 'eth0',
      labelSide: 'below',
      visible: true,
    });
    links.push({
      id: `veth-${ztNs}`,
      kind: 'veth',
      from: { x: cols.eth0, y: hostBottom },
      to: { x: cols.eth0, y: ztTop },
      visible: true,
    });
    anchors[`${hostNsId}#${vethZ}`] = { x: cols.eth0, y: hostBottom };
    anchors[`${ztNs}#eth0`] = { x: cols.eth0, y: ztTop };
    addBadge(
      {
        id: `${hostNsId}#${vethZ}#ingress`,
        kind: 'ebpf',
        x: cols.eth0 + (orientation === 'landscape' ? 122 : 96),
        y: hostBottom - 24,
        label: 'ztunnel_host_ingress',
        visible: ebpfMode,
        attachedTo: `${hostNsId}#${vethZ}`,
      },
      hostNsId,
    );
    addBadge(
      {
        id: `${ztNs}#eth0#ingress`,
        kind: 'ebpf',
        x: cols.eth0 + (orientation === 'landscape' ? 100 : 82),
        y: ztTop + 16,
        label: 'ztunnel_ingress',
        visible: ebpfMode && !!ztNetns?.tc.length,
        attachedTo: `${ztNs}#eth0`,
      },
      ztNs,
    );
    for (const [host, pod, col, vni] of [
      ['istioin', 'pistioin', cols.in, 1000],
      ['istioout', 'pistioout', cols.out, 1001],
    ] as const) {
      const visible = hasIface(nodeNs, host);
      ports.push({
        id: `${hostNsId}#${host}`,
        kind: 'geneve',
        x: col,
        y: hostBottom,
        label: host,
        labelSide: 'above',
        visible,
      });
      ports.push({
        id: `${ztNs}#${pod}`,
        kind: 'geneve',
        x: col,
        y: ztTop,
        label: pod,
        labelSide: 'below',
        visible,
      });
      links.push({
        id: `geneve-${name}-${vni}`,
        kind: 'geneve',
        from: { x: col, y: hostBottom },
        to: { x: col, y: ztTop },
        label: orientation === 'landscape' ? `GENEVE VNI ${vni}` : `VNI ${vni}`,
        visible,
      });
      anchors[`${hostNsId}#${host}`] = { x: col, y: hostBottom };
      anchors[`${ztNs}#${pod}`] = { x: col, y: ztTop };
    }
    // Inside ztunnel: its own rules and its listeners.
    const zy = ztTop + ztH * 0.58;
    addBadge(
      {
        id: `${ztNs}#iptables`,
        kind: 'iptables',
        x: bx(0.2),
        y: zy + 14,
        label: 'iptables',
        visible: true,
      },
      ztNs,
    );
    addBadge(
      {
        id: `${ztNs}#routes`,
        kind: 'routes',
        x: bx(0.2) + (orientation === 'landscape' ? 96 : 0),
        y: orientation === 'landscape' ? zy + 14 : zy + 40,
        label: 'ip rule',
        visible: true,
      },
      ztNs,
    );
    anchors[`${ztNs}#iptables`] = { x: bx(0.2), y: zy + 14 };
    anchors[`${ztNs}#routes`] = {
      x: bx(0.2) + (orientation === 'landscape' ? 96 : 0),
      y: orientation === 'landscape' ? zy + 14 : zy + 40,
    };
    anchors[`${ztNs}#conntrack`] = anchors[`${ztNs}#iptables`] as Point;
    anchors[`${ztNs}#stack`] = anchors[`${ztNs}#iptables`] as Point;
    const listeners: ReadonlyArray<[number, string]> = [
      [15001, 'outbound'],
      [15006, 'plaintext'],
      [15008, 'HBONE'],
      [15053, 'DNS'],
    ];
    listeners.forEach(([port, name], k) => {
      const col = k % 2;
      const row = Math.floor(k / 2);
      const lx = bx(orientation === 'landscape' ? 0.55 + col * 0.28 : 0.52 + col * 0.28);
      const ly = zy - 8 + row * 30;
      const present = !!ztNetns?.listeners.some((l) => l.port === port);
      addBadge(
        {
          id: `${ztNs}#listen-${port}`,
          kind: 'listener',
          x: lx,
          y: ly,
          label: orientation === 'landscape' ? `:${port} ${name}` : `:${port}`,
          visible: present,
        },
        ztNs,
      );
    });
    anchors[`${ztNs}#proc`] = { x: bx(orientation === 'landscape' ? 0.68 : 0.66), y: zy + 7 };
  }

  const [a, b] = uplinks as [Point, Point];
  links.push({
    id: 'wire',
    kind: 'wire',
    from: a,
    to: b,
    label: 'kind network 172.18.0.0/16',
    visible: true,
  });
  anchors.wire =
    orientation === 'landscape'
      ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
      : { x: d.width - 10, y: (a.y + b.y) / 2 };
  const keyed = <T extends { id: string }>(x: T): T & { morphKey: string } => ({
    ...x,
    morphKey: morphKeyOf(x.id),
  });
  return {
    orientation,
    width: d.width,
    height: d.height,
    boxes: boxes.map(keyed),
    ports: ports.map(keyed),
    links: links.map(keyed),
    badges: badges.map(keyed),
    anchors,
  };
}

/**
 * httpbin lives on either node; its box, ports, veth and programs share one key so the diagram
 * moves them when the placement changes instead of fading one copy out and another in.
 */
export function morphKeyOf(id: string): string {
  return id
    .replace(/^pod-httpbin-[01]$/, 'pod-httpbin')
    .replace(/^ambient-worker2?\/httpbin#/, 'httpbin#')
    .replace(/^veth-ambient-worker2?\/httpbin$/, 'veth-httpbin')
    .replace(/^ambient-worker2?#veth8f2a1b9c/, 'httpbin-veth');
}

/** The anchor a hop sits at: its interface's port, its process, or the badge of what acted. */
export function hopAnchorId(hop: Hop): string {
  const a = hop.where.anchor;
  if (!a.endsWith('#stack')) return a;
  const ns = a.slice(0, -'#stack'.length);
  switch (hop.actor.kind) {
    case 'routing':
      return `${ns}#routes`;
    case 'conntrack':
      return `${ns}#conntrack`;
    case 'netfilter':
      return `${ns}#iptables`;
    default:
      return a;
  }
}

/** The point for a hop; falls back to the centre of its namespace's box. */
export function hopPoint(layout: Layout, hop: Hop): Point {
  const id = hopAnchorId(hop);
  const direct = layout.anchors[id];
  if (direct) return direct;
  const stack =
    layout.anchors[`${hop.where.netns}#stack`] ?? layout.anchors[`${hop.where.netns}#proc`];
  if (stack) return stack;
  const box = layout.boxes.find((b) => b.netns === hop.where.netns);
  return box
    ? { x: box.x + box.w / 2, y: box.y + box.h / 2 }
    : { x: layout.width / 2, y: layout.height / 2 };
}

/** The points the packet passes from one hop to the next, for the trail and the animation. */
export function pathBetween(layout: Layout, from: Hop, to: Hop): Point[] {
  const p0 = hopPoint(layout, from);
  const p1 = hopPoint(layout, to);
  if (to.where.netns === 'wire' || from.where.netns === 'wire') {
    // On the wire the packet runs along the cable, not through the boxes.
    const wire = layout.links.find((l) => l.id === 'wire');
    if (wire && layout.orientation === 'portrait') {
      const x = layout.width - 10;
      return [p0, { x, y: p0.y }, { x, y: p1.y }, p1];
    }
  }
  return p0.x === p1.x && p0.y === p1.y ? [p0] : [p0, p1];
}

/** The point at fraction `t` (0–1) of the way along a polyline. */
/**
 * Where each point falls along the polyline, as a fraction of its length (0 … 1): the offsets
 * of keyframes that move at constant speed along it, as pointAlong does.
 */
export function distanceOffsets(points: readonly Point[]): number[] {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    cumulative.push((cumulative[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y));
  }
  const total = cumulative[cumulative.length - 1] as number;
  return cumulative.map((d, i) => (total === 0 ? i / Math.max(1, points.length - 1) : d / total));
}

export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 1 || t <= 0) return points[0] as Point;
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const l = Math.hypot(b.x - a.x, b.y - a.y);
    lengths.push(l);
    total += l;
  }
  if (t >= 1 || total === 0) return points[points.length - 1] as Point;
  let remaining = t * total;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    if (remaining <= l) {
      const a = points[i] as Point;
      const b = points[i + 1] as Point;
      const f = l === 0 ? 0 : remaining / l;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= l;
  }
  return points[points.length - 1] as Point;
}

/** Anchors the walk visits, to fade what the walk does not use. */
export function visitedAnchors(layout: Layout, walk: Walk): Set<string> {
  const out = new Set<string>();
  for (const h of walk.hops) {
    out.add(hopAnchorId(h));
    const p = hopPoint(layout, h);
    for (const [id, q] of Object.entries(layout.anchors))
      if (q.x === p.x && q.y === p.y) out.add(id);
  }
  return out;
}
