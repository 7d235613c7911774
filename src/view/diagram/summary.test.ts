import { describe, expect, it } from 'vitest';
import { FULL_TYPE, type DiagramType, type Orientation } from './dimensions';
import { anchorPoint, hopAnchorId } from './hopPlaces';
import { layoutDiagram, type Layout } from './layout';
import { onPath } from './onPath';
import {
  boxProblems,
  labelRect,
  summaryProblems,
  textProblems,
  undrawnHops,
} from './testdata/layoutChecks';
import { hopsThrough, largeCluster } from './testdata/largeCluster';

/** 60 pods dealt to 3 nodes (20 each), and a walk through 2 pods on each of the first two. */
function bigWalk() {
  const cluster = largeCluster({ nodes: 3, pods: 60, tunnels: true, programs: true });
  const [a1, b1, , a2, b2] = cluster.pods;
  const path = [a1, a2, b1, b2].map((p) => p?.netns ?? '');
  return { cluster, path, hops: hopsThrough(cluster, path) };
}

/** The phone (portrait), a laptop (landscape, full labels), a projector (the room set, larger). */
const SIZES: ReadonlyArray<[string, Orientation, DiagramType]> = [
  ['phone', 'portrait', FULL_TYPE],
  ['phone, room labels', 'portrait', { labels: 'room', scale: 1 }],
  ['laptop', 'landscape', FULL_TYPE],
  ['projector', 'landscape', { labels: 'room', scale: 1 }],
  ['projector, scaled up', 'landscape', { labels: 'room', scale: 1.6 }],
];

describe('the diagram of a large cluster', () => {
  const { cluster, path, hops } = bigWalk();
  for (const [size, orientation, type] of SIZES) {
    const layout = layoutDiagram(cluster, orientation, hops, type);
    const name = `${size}, ${orientation}`;

    it(`draws the path's pods, the two nodes' proxies and three summaries (${name})`, () => {
      const pods = layout.boxes.filter((b) => b.kind !== 'node' && b.kind !== 'host');
      expect(pods.map((b) => b.netns).sort()).toEqual(
        [...path, 'north/meshproxy', 'east/meshproxy'].sort(),
      );
      expect(layout.boxes.filter((b) => b.kind === 'node').map((b) => b.id)).toEqual([
        'node-north',
        'node-east',
      ]);
      expect((layout.summaries ?? []).map((s) => [s.id, s.kind])).toEqual([
        ['more-pods-north', 'more-pods'],
        ['more-pods-east', 'more-pods'],
        ['other-nodes', 'other-nodes'],
      ]);
    });

    it(`says how many it leaves out, and names the first (${name})`, () => {
      const [north, east, others] = layout.summaries ?? [];
      expect(north?.labels.map((l) => l.text).join(' ')).toMatch(/^\+18 more pods /);
      expect(east?.labels.map((l) => l.text).join(' ')).toMatch(/^\+18 more pods /);
      expect(others?.labels.map((l) => l.text).join(' ')).toMatch(/^1 more node, 21 pods /);
      expect(north?.name).toMatch(
        /^18 more pods on north not on this path: recommendations-5f7d9-x6, pod9-5f7d9-x9, pod12-5f7d9-x12, pod15-5f7d9-x15, …$/,
      );
      expect(others?.name).toBe('1 more node, 21 pods not on this path: south');
      // The names line lists what fits, ending with "…" when more are left out.
      expect(north?.labels.at(-1)?.text).toMatch(/^(recommendations(, \w+)*, )?…$/);
    });

    it(`keeps every box, label and summary apart and inside its box (${name})`, () => {
      expect(boxProblems(layout)).toEqual([]);
      expect(textProblems(layout)).toEqual([]);
      expect(summaryProblems(layout)).toEqual([]);
      for (const s of layout.summaries ?? [])
        for (const l of s.labels) {
          const r = labelRect(layout, l, s);
          expect(r.x + r.w, `${s.id} "${l.text}"`).toBeLessThanOrEqual(s.x + s.w - 4);
          expect(r.y + r.h, `${s.id} "${l.text}"`).toBeLessThanOrEqual(s.y + s.h);
        }
    });

    it(`has a box for every hop's namespace and a point for every hop (${name})`, () => {
      expect(undrawnHops(layout, hops)).toEqual([]);
      const missing = hops.filter((h) => anchorPoint(layout, hopAnchorId(h)) === undefined);
      expect(missing.map((h) => h.where.anchor)).toEqual([]);
    });

    it(`gives every summary a target of at least 24 units (${name})`, () => {
      for (const s of layout.summaries ?? []) {
        expect(s.w).toBeGreaterThanOrEqual(24);
        expect(s.h).toBeGreaterThanOrEqual(24);
      }
    });
  }

  it('leaves out the programs of the pods it leaves out', () => {
    const layout = layoutDiagram(cluster, 'landscape', hops);
    // Each drawn app pod's host veth has two programs, the proxy's one: 2 × 2 + 1 per node.
    const onHost = layout.badges.filter((b) => b.kind === 'ebpf' && !b.netns.includes('/'));
    expect(onHost).toHaveLength(2 * (2 * 2 + 1));
  });

  it('joins the other nodes to the network bus, and its box under the nodes', () => {
    for (const orientation of ['landscape', 'portrait'] as const) {
      const layout = layoutDiagram(cluster, orientation, hops);
      const others = layout.summaries?.find((s) => s.kind === 'other-nodes');
      expect(others?.stub).toHaveLength(2);
      const lowest = Math.max(...layout.boxes.map((b) => b.y + b.h));
      expect(others?.y).toBeGreaterThan(lowest);
    }
  });
});

describe('the diagram of other large clusters', () => {
  // A walk that stays on one node; one across three of six nodes of small, many ones.
  const one = largeCluster({ nodes: 3, pods: 90, programs: true });
  const six = largeCluster({ nodes: 6, pods: 18, listenersInPods: true });
  const cases: ReadonlyArray<[string, ReturnType<typeof largeCluster>, number[], number]> = [
    ['a walk on one node', one, [0, 3], 1],
    ['a walk across three of six nodes', six, [0, 1, 2, 8], 3],
  ];
  for (const [name, cluster, picks, nodes] of cases) {
    const hops = hopsThrough(
      cluster,
      picks.map((k) => cluster.pods[k]?.netns ?? ''),
    );
    for (const [size, orientation, type] of SIZES) {
      it(`draws ${name} without overlaps (${size}, ${orientation})`, () => {
        const layout = layoutDiagram(cluster, orientation, hops, type);
        expect(layout.boxes.filter((b) => b.kind === 'node')).toHaveLength(nodes);
        expect(layout.summaries?.filter((s) => s.kind === 'other-nodes')).toHaveLength(1);
        expect(boxProblems(layout)).toEqual([]);
        expect(textProblems(layout)).toEqual([]);
        expect(summaryProblems(layout)).toEqual([]);
        expect(undrawnHops(layout, hops)).toEqual([]);
      });
    }
  }
});

describe('the checks on a large cluster catch what they are for', () => {
  const { cluster, path, hops } = bigWalk();

  it("finds a hop's namespace missing when the selection leaves an on-path pod out", () => {
    const s = onPath(cluster, hops);
    const pods = new Set(s.pods);
    pods.delete(path[1] ?? '');
    const layout = layoutDiagram(cluster, 'landscape', hops, FULL_TYPE, { ...s, pods });
    expect(undrawnHops(layout, hops)).toEqual([path[1]]);
  });

  it('finds a summary moved over a pod, and its stub off the bus', () => {
    const layout = layoutDiagram(cluster, 'landscape', hops);
    const [more, , others] = layout.summaries ?? [];
    const pod = layout.boxes.find((b) => b.netns === path[0]);
    if (!more || !others || !pod) throw new Error('the layout has no summaries');
    const moved: Layout = {
      ...layout,
      summaries: [
        { ...more, x: pod.x, y: pod.y },
        {
          ...others,
          stub: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
      ],
    };
    expect(summaryProblems(moved)).toEqual([
      `${more.id} overlaps ${pod.id}`,
      `${others.id}'s stub does not reach the bus`,
    ]);
  });
});
