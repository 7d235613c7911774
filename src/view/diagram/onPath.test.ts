import { describe, expect, it } from 'vitest';
import { allScenarios, portableWalk, walkScenario } from '../../model';
import { SUMMARY } from './dimensions';
import { everything, onPath, summarises } from './onPath';
import { hopAt } from './testdata/syntheticCluster';
import { hopsThrough, largeCluster, proxyOn } from './testdata/largeCluster';

/** 60 pods dealt to 3 nodes (20 each), and a walk through 2 pods on each of the first two. */
function bigWalk() {
  const cluster = largeCluster({ nodes: 3, pods: 60 });
  const [a1, b1, , a2, b2] = cluster.pods;
  const path = [a1, a2, b1, b2].map((p) => p?.netns ?? '');
  return { cluster, path, hops: hopsThrough(cluster, path) };
}

describe('the pods and nodes a large cluster draws', () => {
  it('draws the pods the walk passes and the proxies of the nodes it passes', () => {
    const { cluster, path, hops } = bigWalk();
    const s = onPath(cluster, hops);
    const [north, east, south] = cluster.nodes.map((n) => n.name);
    expect([...s.nodes]).toEqual([north, east]);
    expect([...s.pods].sort()).toEqual(
      [...path, proxyOn(cluster, north ?? ''), proxyOn(cluster, east ?? '')].sort(),
    );
    expect(s.morePods.get(north ?? '')).toHaveLength(18);
    expect(s.morePods.get(east ?? '')).toHaveLength(18);
    expect(s.morePods.get(south ?? '')).toBeUndefined();
    // The third node's 20 pods and its proxy.
    expect(s.otherNodes).toEqual({ nodes: [south], pods: 21 });
    expect(summarises(s)).toBe(true);
  });

  it('never leaves out a pod the summary counts as drawn, nor draws one it counts', () => {
    const { cluster, hops } = bigWalk();
    const s = onPath(cluster, hops);
    const hidden = [...s.morePods.values()].flat().flatMap((p) => (p.netns ? [p.netns] : []));
    expect(hidden.filter((id) => s.pods.has(id))).toEqual([]);
    const onDrawnNodes = cluster.pods.filter((p) => s.nodes.has(p.node));
    expect(s.pods.size + hidden.length).toBe(onDrawnNodes.length);
  });

  it('keeps a pod only a listing reference or a packet address names', () => {
    const { cluster, hops } = bigWalk();
    const [, , , , , , , , , , , , far, addressed] = cluster.pods;
    const listed = hopAt(hops[0]?.where.netns ?? '', 'x#stack', 'netfilter', null, [
      { netns: far?.netns ?? '', section: 'iptables', lineId: 'made-up' },
    ]);
    const first = hops[0];
    const packet = {
      ip: { src: first ? '10.0.0.1' : '', dst: addressed?.ip.value ?? '', proto: 'tcp' },
      l4: { sport: 1, dport: 2 },
    } as unknown as NonNullable<(typeof hops)[number]['packetAfter']>;
    const carried = { ...hopAt('wire', 'wire', 'wire', null), packetAfter: packet };
    const s = onPath(cluster, [...hops, listed, carried]);
    expect(s.pods.has(far?.netns ?? '')).toBe(true);
    expect(s.pods.has(addressed?.netns ?? '')).toBe(true);
  });

  it('draws a node whole up to the limit, and summarises from one pod over it', () => {
    const nodes = 2;
    const at = largeCluster({ nodes, pods: SUMMARY.podsPerNode * nodes });
    const first = at.pods[0]?.netns ?? '';
    expect(summarises(onPath(at, hopsThrough(at, [first])))).toBe(false);
    const over = largeCluster({ nodes, pods: (SUMMARY.podsPerNode + 1) * nodes });
    const s = onPath(over, hopsThrough(over, [over.pods[0]?.netns ?? '']));
    expect(s.morePods.get(over.nodes[0]?.name ?? '')).toHaveLength(SUMMARY.podsPerNode);
    expect(s.otherNodes?.nodes).toEqual([over.nodes[1]?.name]);
  });

  it('summarises the nodes a walk never touches in a cluster of many small nodes', () => {
    const cluster = largeCluster({ nodes: SUMMARY.nodes + 2, pods: 10 });
    const s = onPath(cluster, hopsThrough(cluster, [cluster.pods[0]?.netns ?? '']));
    expect(s.morePods.size).toBe(0);
    expect(s.otherNodes?.nodes).toHaveLength(SUMMARY.nodes + 1);
    expect(s.otherNodes?.pods).toBe(10 - 2 + SUMMARY.nodes + 1);
  });

  it('draws everything when there is no walk to follow', () => {
    const cluster = largeCluster({ nodes: 3, pods: 60 });
    expect(onPath(cluster, [])).toEqual(everything(cluster));
  });

  it("does not summarise anything of the article's cluster, in any scenario", () => {
    const scenarios = allScenarios();
    expect(scenarios.length).toBeGreaterThan(100);
    const summarised = scenarios.filter((sc) => {
      const w = portableWalk(walkScenario(sc));
      return summarises(onPath(w.cluster, w.hops));
    });
    expect(summarised).toEqual([]);
  }, 120_000);
});

describe('a scenario file’s cluster (the model builds only the pods the request can reach)', () => {
  it('draws bookinfo’s path and counts the pods not built: details and ratings on ci-worker, CoreDNS with the untouched node', async () => {
    const { readFileSync } = await import('node:fs');
    const { readClusterSpec } = await import('../../model/spec/read');
    const { walkSpec } = await import('../../model/specCluster');
    const spec = readClusterSpec(
      readFileSync(new URL('../../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
    ).spec!;
    const w = portableWalk(walkSpec(spec).walk!);
    const s = onPath(w.cluster, w.hops);
    expect([...s.nodes]).toEqual(['ci-worker', 'ci-worker2']);
    expect(
      s.morePods
        .get('ci-worker')
        ?.map((p) => p.shortName)
        .sort(),
    ).toEqual(['details-v1', 'ratings-v1']);
    // ci-control-plane: its ztunnel (built) and two CoreDNS pods (not built).
    expect(s.otherNodes).toEqual({ nodes: ['ci-control-plane'], pods: 3 });
    // Everything built on a drawn node is drawn or summarised; nothing unbuilt is drawn.
    const drawnNames = w.cluster.pods.filter((p) => s.pods.has(p.netns)).map((p) => p.shortName);
    expect(drawnNames).not.toContain('details-v1');
    expect(drawnNames).toEqual(
      expect.arrayContaining(['productpage-v1', 'waypoint', 'reviews-v1']),
    );
  });
});
