import { describe, expect, it } from 'vitest';
import {
  allScenarios,
  buildCluster,
  DEFAULT_RELEASES,
  DEFAULT_SCENARIO,
  walkScenario,
} from '../../model';
import {
  distanceOffsets,
  hopAnchorId,
  layoutDiagram,
  pathBetween,
  pointAlong,
  type Layout,
} from './layout';

const within = (l: Layout, x: number, y: number): boolean =>
  x >= 0 && y >= 0 && x <= l.width && y <= l.height;

describe('diagram layout', () => {
  it.each(['landscape', 'portrait'] as const)(
    'has a place for every hop of every walk (%s)',
    (orientation) => {
      for (const s of allScenarios(['iptables', 'ebpf'], DEFAULT_RELEASES)) {
        const w = walkScenario(s);
        const layout = layoutDiagram(w.cluster, orientation);
        for (const h of w.hops) {
          expect(layout.anchors[hopAnchorId(h)], `${hopAnchorId(h)} (${h.title})`).toBeDefined();
        }
      }
    },
  );

  it.each(['landscape', 'portrait'] as const)(
    'keeps everything on the canvas and pods inside their node (%s)',
    (orientation) => {
      const layout = layoutDiagram(
        buildCluster({ ...DEFAULT_SCENARIO, waypoint: 'both' }),
        orientation,
      );
      for (const b of layout.boxes) {
        expect(within(layout, b.x, b.y) && within(layout, b.x + b.w, b.y + b.h), b.id).toBe(true);
      }
      const nodes = layout.boxes.filter((b) => b.kind === 'node');
      for (const b of layout.boxes.filter((x) => x.kind !== 'node')) {
        const inside = nodes.some(
          (n) => b.x >= n.x && b.y >= n.y && b.x + b.w <= n.x + n.w && b.y + b.h <= n.y + n.h,
        );
        expect(inside, b.id).toBe(true);
      }
      for (const p of layout.ports) expect(within(layout, p.x, p.y), p.id).toBe(true);
    },
  );

  it('does not let pod boxes overlap', () => {
    for (const orientation of ['landscape', 'portrait'] as const) {
      const layout = layoutDiagram(
        buildCluster({ ...DEFAULT_SCENARIO, waypoint: 'both', placement: 'same-node' }),
        orientation,
      );
      const pods = layout.boxes.filter(
        (b) =>
          b.kind === 'pod' || b.kind === 'waypoint' || b.kind === 'ztunnel' || b.kind === 'host',
      );
      for (const a of pods) {
        for (const b of pods) {
          if (a === b) continue;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${a.id} × ${b.id} (${orientation})`).toBe(false);
        }
      }
    }
  });

  it('shows GENEVE pipes with their VNI in iptables mode and eBPF badges in eBPF mode', () => {
    const ipt = layoutDiagram(buildCluster(DEFAULT_SCENARIO), 'landscape');
    const geneve = ipt.links.filter((l) => l.kind === 'geneve' && l.visible);
    expect(geneve.map((l) => l.label).sort()).toEqual([
      'GENEVE VNI 1000',
      'GENEVE VNI 1000',
      'GENEVE VNI 1001',
      'GENEVE VNI 1001',
    ]);
    const portrait = layoutDiagram(buildCluster(DEFAULT_SCENARIO), 'portrait');
    expect(
      portrait.links.filter((l) => l.kind === 'geneve' && l.visible).map((l) => l.label),
    ).toContain('VNI 1001');
    expect(ipt.badges.filter((b) => b.kind === 'ebpf' && b.visible)).toEqual([]);
    const bpf = layoutDiagram(
      buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' }),
      'landscape',
    );
    expect(bpf.links.filter((l) => l.kind === 'geneve' && l.visible)).toEqual([]);
    expect(
      bpf.badges
        .filter((b) => b.kind === 'ebpf' && b.visible)
        .map((b) => b.label)
        .sort(),
    ).toEqual([
      'app_inbound ↓',
      'app_inbound ↓',
      'app_outbound ↑',
      'app_outbound ↑',
      'ztunnel_host_ingress',
      'ztunnel_host_ingress',
      'ztunnel_ingress',
      'ztunnel_ingress',
    ]);
  });

  it('keeps the same elements across modes so toggling morphs instead of redrawing', () => {
    const ids = (l: Layout): string[] =>
      [
        ...l.boxes.map((b) => b.id),
        ...l.ports.map((p) => p.id),
        ...l.links.map((x) => x.id),
        ...l.badges.map((b) => b.id),
      ].sort();
    const a = layoutDiagram(buildCluster(DEFAULT_SCENARIO), 'landscape');
    const b = layoutDiagram(
      buildCluster({
        ...DEFAULT_SCENARIO,
        redirect: 'ebpf',
        istio: '1.20',
        placement: 'same-node',
        waypoint: 'both',
      }),
      'landscape',
    );
    expect(ids(a)).toEqual(ids(b));
  });

  it('walks the packet along the wire between the nodes', () => {
    const w = walkScenario(DEFAULT_SCENARIO);
    const layout = layoutDiagram(w.cluster, 'landscape');
    const i = w.hops.findIndex((h) => h.where.netns === 'wire');
    const path = pathBetween(layout, w.hops[i - 1]!, w.hops[i]!);
    expect(path[path.length - 1]).toEqual(layout.anchors.wire);
  });

  it('interpolates along a polyline by length', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 30 },
    ];
    expect(pointAlong(pts, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(pts, 0.25)).toEqual({ x: 10, y: 0 });
    expect(pointAlong(pts, 0.5)).toEqual({ x: 10, y: 10 });
    expect(pointAlong(pts, 1)).toEqual({ x: 10, y: 30 });
  });
});

describe('distanceOffsets', () => {
  it('places each point by its share of the length, as pointAlong moves', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 30 },
    ];
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
