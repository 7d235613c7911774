import { describe, expect, it } from 'vitest';
import { allScenarios, DEFAULT_SCENARIO, portableWalk, walkScenario } from '../../model';
import { DIMENSIONS, type DiagramType } from './dimensions';
import { layoutDiagram, type Layout } from './layout';
import { LABEL_FONT } from './shapes';
import { boxProblems, textProblems } from './testdata/layoutChecks';
import { hopsEverywhere, syntheticCluster } from './testdata/syntheticCluster';

const room = (scale: number): DiagramType => ({ labels: 'room', scale });

/** Every label's type size, in user units. */
const labelSizes = (l: Layout): number[] =>
  [
    ...l.boxes.flatMap((b) => b.labels),
    ...l.ports.flatMap((p) => (p.label ? [p.label] : [])),
    ...l.links.flatMap((k) => (k.label ? [k.label] : [])),
  ].map((x) => l.type.fonts[LABEL_FONT[x.role]].size);

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

describe('the room label set', () => {
  const walk = portableWalk(walkScenario(DEFAULT_SCENARIO));
  const full = layoutDiagram(walk.cluster, 'landscape', walk.hops);
  const large = layoutDiagram(walk.cluster, 'landscape', walk.hops, room(1));

  it('sets the names larger than the full set, on a canvas as wide', () => {
    expect(large.type.labels).toBe('room');
    expect(large.width).toBe(full.width);
    expect(median(labelSizes(large))).toBeGreaterThan(1.3 * median(labelSizes(full)));
    expect(Math.min(...labelSizes(large))).toBeGreaterThan(1.2 * Math.min(...labelSizes(full)));
  });

  it('grows its type with its scale', () => {
    const larger = layoutDiagram(walk.cluster, 'landscape', walk.hops, room(1.5));
    for (const [name, font] of Object.entries(larger.type.fonts))
      expect(font.size, name).toBeCloseTo(
        large.type.fonts[name as keyof Layout['type']['fonts']].size * 1.5,
        1,
      );
    expect(larger.type.chip.height).toBeGreaterThan(large.type.chip.height);
    expect(larger.type.glyph).toBeGreaterThan(large.type.glyph);
  });

  it("leaves out the host ends of veth pairs and the nodes' address lines, and keeps every other name", () => {
    const cluster = walk.cluster;
    const namespaces = Object.values(cluster.netns);
    /** A port is `<netns>#<iface>`: the host end of a veth pair, by its namespace and kind. */
    const generated = (id: string): boolean => {
      const [netns, iface] = id.split('#');
      const ns = namespaces.find((n) => n.id === netns);
      return ns?.kind === 'node' && ns.ifaces.find((i) => i.name === iface)?.kind === 'veth';
    };
    expect(large.ports.filter((p) => generated(p.id)).length).toBeGreaterThan(0);
    for (const p of large.ports) expect(p.label === undefined, p.id).toBe(generated(p.id));
    // The full set names them all.
    for (const p of full.ports) expect(p.label, p.id).toBeDefined();
    // A node is headed by its name and its address, on one line; a pod by its short name.
    for (const node of cluster.nodes) {
      const box = large.boxes.find((b) => b.id === `node-${node.name}`);
      expect(box?.labels.map((l) => l.text)).toEqual([node.name, node.internalIp.value]);
      expect(new Set(box?.labels.map((l) => l.y)).size).toBe(1);
    }
    for (const pod of cluster.pods) {
      const box = large.boxes.find((b) => b.netns === pod.netns);
      expect(box?.labels[0]?.text, pod.netns).toBe(pod.shortName);
    }
  });

  for (const scale of [1, 1.5]) {
    it(`keeps every scenario's labels apart and inside their boxes (scale ${scale})`, () => {
      for (const s of allScenarios(['iptables', 'ebpf'])) {
        const w = portableWalk(walkScenario(s));
        const layout = layoutDiagram(w.cluster, 'landscape', w.hops, room(scale));
        const label = JSON.stringify(s);
        expect(boxProblems(layout), label).toEqual([]);
        expect(textProblems(layout), label).toEqual([]);
      }
    }, 120_000);
  }

  it('lays out made-up clusters of one to four nodes without overlaps', () => {
    for (const nodes of [1, 2, 3, 4]) {
      for (const options of [{ tunnels: true }, { programs: true }, { listenersInPods: true }]) {
        const cluster = syntheticCluster({ nodes, pods: 7, ...options });
        const layout = layoutDiagram(cluster, 'landscape', hopsEverywhere(cluster), room(1.25));
        const label = `${nodes} ${JSON.stringify(options)}`;
        expect(boxProblems(layout), label).toEqual([]);
        expect(textProblems(layout), label).toEqual([]);
      }
    }
  });

  it('is not the full set: the full set is laid out with the dimensions as they are', () => {
    expect(full.type.fonts).toEqual(DIMENSIONS.landscape.fonts);
    expect(full.type.labels).toBe('full');
  });
});
