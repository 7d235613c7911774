import { describe, expect, it } from 'vitest';
import {
  allScenarios,
  buildCluster,
  DEFAULT_SCENARIO,
  portableWalk,
  walkScenario,
} from '../../model';
import type { Orientation } from './dimensions';
import { anchorPoint, hopAnchorId, legPath, walkPoints } from './hopPlaces';
import { layoutDiagram, type Layout } from './layout';
import { distanceOffsets, pointAlong } from './polyline';
import { boxProblems, textProblems } from './testdata/layoutChecks';
import {
  hopsEverywhere,
  syntheticCluster,
  type SyntheticOptions,
} from './testdata/syntheticCluster';

const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait'];

/** Ids and morph keys used twice (React keys must be unique; hops must find one element). */
function repeated(layout: Layout): string[] {
  const lists = [layout.boxes, layout.ports, layout.links, layout.badges];
  const names = lists.flatMap((list) => [
    ...list.map((e) => `id ${e.id}`),
    ...list.map((e) => `key ${e.morphKey}`),
  ]);
  return names.filter((n, i) => names.indexOf(n) !== i);
}

const missingAnchors = (layout: Layout, hops: ReturnType<typeof hopsEverywhere>): string[] =>
  hops.flatMap((h) =>
    [h.where.anchor, hopAnchorId(h)].filter((id) => anchorPoint(layout, id) === undefined),
  );

describe('the diagram of a made-up cluster', () => {
  const shapes: ReadonlyArray<[string, Omit<SyntheticOptions, 'nodes'>]> = [
    ['tunnels', { pods: 7, tunnels: true }],
    ['TC programs', { pods: 7, programs: true }],
    ['listeners in the pods', { pods: 7, listenersInPods: true }],
  ];
  for (const nodes of [1, 2, 3, 4]) {
    for (const [shape, options] of shapes) {
      for (const orientation of ORIENTATIONS) {
        const cluster = syntheticCluster({ nodes, ...options });
        const hops = hopsEverywhere(cluster);
        const layout = layoutDiagram(cluster, orientation, hops);
        const name = `${nodes} node(s), 7 pods, ${shape}, ${orientation}`;

        it(`nests its boxes without overlaps (${name})`, () => {
          expect(boxProblems(layout)).toEqual([]);
          expect(layout.boxes.filter((b) => b.kind === 'node')).toHaveLength(nodes);
          expect(layout.boxes.filter((b) => b.netns?.includes('/'))).toHaveLength(7 + nodes);
        });

        it(`keeps its labels apart and inside their boxes (${name})`, () => {
          expect(textProblems(layout)).toEqual([]);
        });

        it(`has a place for every anchor a hop can name (${name})`, () => {
          expect(missingAnchors(layout, hops)).toEqual([]);
        });

        it(`names every element once (${name})`, () => {
          expect(repeated(layout)).toEqual([]);
        });
      }
    }
  }

  it('draws the links the data has, labelled with their names and VNIs', () => {
    const layout = layoutDiagram(
      syntheticCluster({ nodes: 3, pods: 7, tunnels: true }),
      'landscape',
    );
    const veths = layout.links.filter((l) => l.kind === 'veth');
    const tunnels = (l: Layout) =>
      l.links
        .filter((x) => x.kind === 'geneve')
        .map((x) => x.label?.text ?? '')
        .sort();
    expect(veths).toHaveLength(7 + 3);
    // Three nodes abreast leave room for the short form; two, for the whole name.
    expect(tunnels(layout)).toEqual(['VNI 4101', 'VNI 4102'].flatMap((t) => [t, t, t]));
    const roomy = layoutDiagram(
      syntheticCluster({ nodes: 2, pods: 3, tunnels: true }),
      'landscape',
    );
    expect(tunnels(roomy)).toEqual(['GENEVE VNI 4101', 'GENEVE VNI 4102'].flatMap((t) => [t, t]));
    expect(layout.ports.map((p) => p.label?.text)).toEqual(
      expect.arrayContaining(['if0', 'lnk0no', 'hub-a', 'tun-b', 'uplink0']),
    );
    expect(layout.links.filter((l) => l.kind === 'uplink')).toHaveLength(3);
    expect(layout.links.find((l) => l.kind === 'wire')?.label?.text).toBe(
      `node network ${['198', '51', '100', '0'].join('.')}/24`,
    );
  });

  it('draws a TC program badge per attachment, and sockets where they listen', () => {
    const programs = layoutDiagram(
      syntheticCluster({ nodes: 2, pods: 4, programs: true }),
      'landscape',
    );
    expect(programs.badges.filter((b) => b.kind === 'ebpf').map((b) => b.text)).toEqual(
      expect.arrayContaining(['steer_out ↓', 'steer_in ↑', 'proxy_return ↑', 'proxy_mark ↓']),
    );
    const inPods = layoutDiagram(
      syntheticCluster({ nodes: 2, pods: 4, listenersInPods: true }),
      'portrait',
    );
    const forward = inPods.badges.filter(
      (b) => b.kind === 'listener' && b.text.startsWith(':7000'),
    );
    // In every application pod and in each node's proxy; the proxy's health port is not reached.
    expect(forward.map((b) => b.netns).sort()).toEqual([
      'east/checkout',
      'east/ledger',
      'east/meshproxy',
      'north/inventory',
      'north/meshproxy',
      'north/storefront',
    ]);
    expect(inPods.badges.some((b) => b.text.startsWith(':7002'))).toBe(false);
  });
});

describe('the diagram of an odd cluster', () => {
  it('draws an empty cluster as an empty canvas', () => {
    const empty = { ...syntheticCluster({ nodes: 1, pods: 0 }), nodes: [], pods: [], netns: {} };
    for (const orientation of ORIENTATIONS) {
      const layout = layoutDiagram(empty, orientation);
      expect(layout.boxes).toEqual([]);
      expect(layout.width).toBeGreaterThan(0);
      expect(Number.isFinite(layout.height)).toBe(true);
    }
  });

  it('draws pods whose namespace or node it does not know, and nodes without an uplink', () => {
    const c = syntheticCluster({ nodes: 2, pods: 3, tunnels: true });
    const netns = { ...c.netns };
    delete netns[c.pods[0]?.netns ?? ''];
    const host = netns[c.nodes[1]?.name ?? ''];
    if (host) netns[host.id] = { ...host, ifaces: host.ifaces.filter((i) => i.kind !== 'uplink') };
    const stray = {
      ...(c.pods[1] as (typeof c.pods)[number]),
      node: c.nodes[0]?.name ?? c.pods[1]!.node,
    };
    const odd = { ...c, netns, pods: [...c.pods, { ...stray, node: 'elsewhere' as never }] };
    for (const orientation of ORIENTATIONS) {
      const layout = layoutDiagram(odd, orientation);
      expect(boxProblems(layout)).toEqual([]);
      expect(layout.boxes.some((b) => b.netns === c.pods[0]?.netns)).toBe(true);
      expect(layout.links.filter((l) => l.kind === 'uplink')).toHaveLength(1);
    }
  });
});

describe('the diagram of every scenario', () => {
  for (const orientation of ORIENTATIONS) {
    it(`has a place for every hop, and no overlaps (${orientation})`, () => {
      for (const s of allScenarios(['iptables', 'ebpf'])) {
        const w = portableWalk(walkScenario(s));
        const layout = layoutDiagram(w.cluster, orientation, w.hops);
        const label = JSON.stringify(s);
        for (const h of w.hops) {
          expect(
            anchorPoint(layout, h.where.anchor),
            `${h.where.anchor} in ${label}`,
          ).toBeDefined();
          expect(
            anchorPoint(layout, hopAnchorId(h)),
            `${hopAnchorId(h)} in ${label}`,
          ).toBeDefined();
        }
        expect(boxProblems(layout), label).toEqual([]);
        expect(textProblems(layout), label).toEqual([]);
        expect(repeated(layout), label).toEqual([]);
      }
    }, 60_000);
  }

  it('shows GENEVE pipes with their VNI in iptables mode and TC programs in eBPF mode', () => {
    const ipt = layoutDiagram(buildCluster(DEFAULT_SCENARIO), 'landscape');
    const vnis = (l: Layout): string[] =>
      l.links
        .filter((x) => x.kind === 'geneve')
        .map((x) => x.label?.text ?? '')
        .sort();
    expect(vnis(ipt)).toEqual([
      'GENEVE VNI 1000',
      'GENEVE VNI 1000',
      'GENEVE VNI 1001',
      'GENEVE VNI 1001',
    ]);
    expect(ipt.badges.filter((b) => b.kind === 'ebpf')).toEqual([]);
    const bpf = layoutDiagram(
      buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' }),
      'landscape',
    );
    expect(vnis(bpf)).toEqual([]);
    expect(
      bpf.badges
        .filter((b) => b.kind === 'ebpf')
        .map((b) => b.text)
        .sort(),
    ).toEqual([
      'app_inbound ↑',
      'app_inbound ↑',
      'app_outbound ↓',
      'app_outbound ↓',
      'ztunnel_host_ingress ↑',
      'ztunnel_host_ingress ↑',
      'ztunnel_ingress ↓',
      'ztunnel_ingress ↓',
    ]);
  });

  it('gives a pod, its cable and its programs one morph key wherever it runs', () => {
    const keys = (l: Layout, netns: string): string[] =>
      [
        ...l.boxes.filter((b) => b.netns === netns).map((b) => b.morphKey),
        ...l.ports.filter((p) => p.id.startsWith(`${netns}#`)).map((p) => p.morphKey),
        ...l.badges.filter((b) => b.netns === netns).map((b) => b.morphKey),
      ].sort();
    const cross = layoutDiagram(
      buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' }),
      'landscape',
    );
    const same = layoutDiagram(
      buildCluster({
        ...DEFAULT_SCENARIO,
        redirect: 'ebpf',
        istio: '1.20',
        placement: 'same-node',
      }),
      'landscape',
    );
    const [nodeA, nodeB] = buildCluster(DEFAULT_SCENARIO).nodes.map((n) => n.name);
    const httpbinOn = (l: Layout, node: string | undefined) =>
      l.boxes.find(
        (b) =>
          b.kind === 'pod' && b.netns?.startsWith(`${node}/`) && b.labels[0]?.text === 'httpbin',
      );
    const moved = httpbinOn(same, nodeA);
    const before = httpbinOn(cross, nodeB);
    expect(moved?.morphKey).toBeDefined();
    expect(moved?.morphKey).toBe(before?.morphKey);
    expect(keys(same, moved?.netns ?? '')).toEqual(keys(cross, before?.netns ?? ''));
    const hostPrograms = (l: Layout) =>
      l.badges
        .filter((b) => b.kind === 'ebpf' && b.text.startsWith('app_'))
        .map((b) => b.morphKey)
        .sort();
    expect(hostPrograms(same)).toEqual(hostPrograms(cross));
  });

  it('takes the packet down the uplink, along the bus and up the other uplink', () => {
    const w = portableWalk(walkScenario(DEFAULT_SCENARIO));
    for (const orientation of ORIENTATIONS) {
      const layout = layoutDiagram(w.cluster, orientation, w.hops);
      const points = walkPoints(layout, w.hops);
      const i = w.hops.findIndex((h) => h.where.netns === 'wire');
      const [from, to] = [w.hops[i - 1]?.where.node ?? '', w.hops[i + 1]?.where.node ?? ''];
      const down = legPath(layout, w.hops, points, i);
      const up = legPath(layout, w.hops, points, i + 1);
      expect(down).toEqual(expect.arrayContaining([...(layout.uplinks[from] ?? [])]));
      expect(up).toEqual(expect.arrayContaining([...(layout.uplinks[to] ?? [])]));
      // On the wire the packet is between the two nodes' taps, level with the gap between them.
      const wire = points[i] ?? { x: NaN, y: NaN };
      const [a, b] = [layout.uplinks[from]?.at(-1), layout.uplinks[to]?.at(-1)];
      if (orientation === 'landscape') {
        expect(wire.x).toBeGreaterThanOrEqual(Math.min(a?.x ?? 0, b?.x ?? 0));
        expect(wire.x).toBeLessThanOrEqual(Math.max(a?.x ?? 0, b?.x ?? 0));
        expect(wire.y).toBe(a?.y);
      } else {
        const [upper, lower] = layout.boxes.filter((x) => x.kind === 'node');
        expect(wire.y).toBeCloseTo(((upper?.y ?? 0) + (upper?.h ?? 0) + (lower?.y ?? 0)) / 2);
        // Kept inside the canvas, so the packet shows whole.
        expect(wire.x).toBeLessThanOrEqual(layout.width - 60);
      }
    }
  });
});

describe('moving along a polyline', () => {
  const pts = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 30 },
  ];

  it('interpolates by length', () => {
    expect(pointAlong(pts, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(pts, 0.25)).toEqual({ x: 10, y: 0 });
    expect(pointAlong(pts, 0.5)).toEqual({ x: 10, y: 10 });
    expect(pointAlong(pts, 1)).toEqual({ x: 10, y: 30 });
  });

  it('places each point by its share of the length, as pointAlong moves', () => {
    expect(distanceOffsets(pts)).toEqual([0, 0.25, 1]);
    expect(pointAlong(pts, 0.25)).toEqual(pts[1]);
  });

  it('spreads points evenly when the path has no length', () => {
    expect(
      distanceOffsets([
        { x: 1, y: 1 },
        { x: 1, y: 1 },
        { x: 1, y: 1 },
      ]),
    ).toEqual([0, 0.5, 1]);
  });
});
