/**
 * A walk without the cluster's rule data: the hops, the outcome, and only the topology the
 * diagram needs (nodes, pods, interfaces, TC attachments, listeners). The page ships the default
 * scenario's walk in this form, computed at build time, so the first paint does not wait for
 * the simulator; any other scenario is walked by the model, which loads on demand.
 */
import type { Cluster, Netns } from './cluster/types';
import { scenarioKey } from './scenario';
import type { Walk } from './walk';

export type TopologyNetns = Pick<
  Netns,
  'id' | 'node' | 'kind' | 'role' | 'label' | 'ifaces' | 'tc' | 'listeners'
>;

export interface Topology {
  readonly mode: Cluster['mode'];
  readonly nodes: Cluster['nodes'];
  readonly pods: Cluster['pods'];
  readonly trustDomain: string;
  readonly netns: Readonly<Record<string, TopologyNetns>>;
  /** A scenario file's pods not built (not on the request's way), by node, for the summary. */
  readonly notBuilt?: Cluster['notBuilt'];
}

/** A Walk is a PortableWalk; the reverse needs the model to rebuild the cluster. */
export interface PortableWalk extends Omit<Walk, 'cluster'> {
  readonly cluster: Topology;
  /**
   * The `cluster=` reference of a cluster of one's own this walk is of (a scenario file's URL,
   * `saved:<name>`); absent for a walk of the article's cluster by the knobs. A file's walk
   * carries the knobs its cluster amounts to, which can equal a knob walk's: this tells them
   * apart.
   */
  readonly origin?: string;
}

/**
 * What makes two walks the same walk: the cluster walked (the article's, or a file's by its
 * reference) and the knobs. Two walks with one key differ at most in how full their hop details
 * are.
 */
export function walkKey(walk: {
  readonly scenario: PortableWalk['scenario'];
  readonly origin?: string | undefined;
}): string {
  return walk.origin === undefined
    ? scenarioKey(walk.scenario)
    : `cluster:${walk.origin} ${scenarioKey(walk.scenario)}`;
}

/** The walk with its cluster reduced to topology. */
export function portableWalk(w: Walk): PortableWalk {
  const netns: Record<string, TopologyNetns> = {};
  for (const [id, n] of Object.entries(w.cluster.netns)) {
    netns[id] = {
      id: n.id,
      node: n.node,
      kind: n.kind,
      ...(n.role ? { role: n.role } : {}),
      label: n.label,
      ifaces: n.ifaces,
      tc: n.tc,
      listeners: n.listeners,
    };
  }
  return {
    scenario: w.scenario,
    mode: w.mode,
    hops: w.hops,
    outcome: w.outcome,
    lessons: w.lessons,
    notes: w.notes,
    cluster: {
      mode: w.cluster.mode,
      nodes: w.cluster.nodes,
      pods: w.cluster.pods,
      trustDomain: w.cluster.trustDomain,
      netns,
      ...(w.cluster.notBuilt ? { notBuilt: w.cluster.notBuilt } : {}),
    },
  };
}

type Ref = { readonly $: 'prev' | 'before' };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * For shipping: most hops take the packet the previous hop left, and many leave it as it was,
 * so those packets are written as references; a hop's index and id follow from its place.
 * `expandWalk` restores them.
 */
export function compactWalk(w: PortableWalk): unknown {
  const hops = w.hops.map((h, i) => {
    const prev = i > 0 ? w.hops[i - 1]?.packetAfter : undefined;
    const before: unknown =
      h.packetBefore !== null && prev !== undefined && same(h.packetBefore, prev)
        ? ({ $: 'prev' } satisfies Ref)
        : h.packetBefore;
    const after: unknown =
      h.packetAfter !== null && h.packetBefore !== null && same(h.packetAfter, h.packetBefore)
        ? ({ $: 'before' } satisfies Ref)
        : h.packetAfter;
    // index and id are left out: they follow from the hop's place.
    const rest = Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'index' && k !== 'id'));
    return { ...rest, packetBefore: before, packetAfter: after };
  });
  return { ...w, hops };
}

export function expandWalk(data: unknown): PortableWalk {
  const w = data as PortableWalk;
  const hops: Array<PortableWalk['hops'][number]> = [];
  for (const raw of w.hops) {
    const h = raw as unknown as { packetBefore: unknown; packetAfter: unknown };
    const prev = hops[hops.length - 1];
    const isRef = (v: unknown, kind: Ref['$']): boolean =>
      typeof v === 'object' && v !== null && (v as Ref).$ === kind;
    const before = isRef(h.packetBefore, 'prev') ? (prev?.packetAfter ?? null) : raw.packetBefore;
    const after = isRef(h.packetAfter, 'before') ? before : raw.packetAfter;
    const index = hops.length;
    hops.push({ ...raw, index, id: `hop-${index + 1}`, packetBefore: before, packetAfter: after });
  }
  return { ...w, hops };
}
