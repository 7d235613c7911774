/**
 * Which nodes and pods the diagram draws: in a large cluster (an imported config dump), the
 * ones the walk passes and the node proxies of the nodes it draws; the rest are summarised, per
 * node ("+N more pods") and for the nodes the walk never touches ("2 more nodes, 41 pods").
 * Read from the hops' structured places (their namespaces, nodes, listing references and
 * packets' addresses), never from their words. A small cluster, like the article's, is drawn
 * whole.
 */
import { deploymentOf, type Hop, type PodInfo, type Topology } from '../../model';
import { SUMMARY } from './dimensions';
import { WIRE } from './elementIds';

export interface OtherNodes {
  /** The nodes not drawn, in the cluster's order. */
  readonly nodes: readonly string[];
  /** How many pods they hold (node proxies included). */
  readonly pods: number;
}

/** A pod as a summary lists it: a drawn-whole pod's info, or a name the model did not build. */
export interface SummaryPod {
  readonly name: { readonly value: string };
  readonly shortName: string;
  /** A built pod's namespace (its cable is not drawn either); none for an unbuilt one. */
  readonly netns?: string;
}

export interface DiagramSelection {
  /** The nodes drawn. */
  readonly nodes: ReadonlySet<string>;
  /** The pods drawn, by their namespace's id. */
  readonly pods: ReadonlySet<string>;
  /** Per drawn node that leaves pods out: those pods, in the cluster's order. */
  readonly morePods: ReadonlyMap<string, readonly SummaryPod[]>;
  /** The nodes left out, when there are any. */
  readonly otherNodes: OtherNodes | null;
}

export interface SummaryLimits {
  readonly podsPerNode: number;
  readonly nodes: number;
}

/** Every node and pod: the diagram as drawn before summaries (and for small clusters). */
export function everything(cluster: Topology): DiagramSelection {
  return {
    nodes: new Set(cluster.nodes.map((n) => n.name)),
    pods: new Set(cluster.pods.map((p) => p.netns)),
    morePods: new Map(),
    otherNodes: null,
  };
}

/** Whether the selection leaves anything out. */
export const summarises = (s: DiagramSelection): boolean =>
  s.morePods.size > 0 || s.otherNodes !== null;

/** The namespaces, nodes and addresses the hops name as facts. */
function pathFacts(hops: readonly Hop[]) {
  const netns = new Set<string>();
  const nodes = new Set<string>();
  const addrs = new Set<string>();
  for (const h of hops) {
    if (h.where.netns !== WIRE) netns.add(h.where.netns);
    if (h.where.node !== null) nodes.add(h.where.node);
    for (const r of h.actor.refs) netns.add(r.netns);
    for (const p of [h.packetBefore, h.packetAfter])
      if (p) for (const a of [p.ip.src, p.ip.dst]) addrs.add(a);
  }
  return { netns, nodes, addrs };
}

/**
 * The pods and nodes on the walk's path, and the rest summarised, when the cluster is large
 * enough for that to help (`limits`, from dimensions' SUMMARY); otherwise everything.
 */
export function onPath(
  cluster: Topology,
  hops: readonly Hop[],
  limits: SummaryLimits = SUMMARY,
): DiagramSelection {
  // A scenario file's pods the model did not build can only be counted, never drawn.
  const notBuilt = new Map(
    (cluster.notBuilt ?? []).map((n): [string, SummaryPod[]] => [
      n.node,
      n.pods.map((name) => ({ name: { value: name }, shortName: deploymentOf(name) })),
    ]),
  );
  const unbuilt = (node: string): SummaryPod[] => notBuilt.get(node) ?? [];
  const apps = (node: string): PodInfo[] =>
    cluster.pods.filter((p) => p.node === node && p.kind !== 'ztunnel');
  const crowded = (node: string): boolean =>
    apps(node).length + unbuilt(node).length > limits.podsPerNode;
  const large =
    cluster.nodes.length > limits.nodes ||
    cluster.nodes.some((n) => crowded(n.name)) ||
    Boolean(cluster.notBuilt?.length);
  if (!large || hops.length === 0) return everything(cluster);

  const facts = pathFacts(hops);
  // A pod is on the path when a hop happens in it, a hop's listing is its, or it sends or
  // receives one of the walk's packets (a destination a policy stops short of still shows).
  const onIt = (p: PodInfo): boolean => facts.netns.has(p.netns) || facts.addrs.has(p.ip.value);
  const touched = new Set(facts.nodes);
  for (const id of facts.netns) {
    const node = cluster.netns[id]?.node;
    if (node) touched.add(node);
  }
  for (const p of cluster.pods) if (onIt(p)) touched.add(p.node);
  const drawn = cluster.nodes.filter((n) => touched.has(n.name));
  if (drawn.length === 0) return everything(cluster);

  const pods = new Set<string>();
  const morePods = new Map<string, SummaryPod[]>();
  for (const { name } of drawn) {
    const all = cluster.pods.filter((p) => p.node === name);
    const absent = unbuilt(name);
    // A node proxy is always drawn: the walk passes it, or its listeners live in the pods.
    const hidden = crowded(name) ? all.filter((p) => p.kind !== 'ztunnel' && !onIt(p)) : [];
    // One pod summarised takes the room of one pod drawn: draw it (unless others are summarised).
    const summarised = hidden.length > 1 || absent.length > 0;
    const shown = summarised ? all.filter((p) => !hidden.includes(p)) : all;
    for (const p of shown) pods.add(p.netns);
    if (summarised)
      morePods.set(name, [...(hidden.length > 1 || absent.length ? hidden : []), ...absent]);
  }
  const others = cluster.nodes.filter((n) => !touched.has(n.name)).map((n) => n.name);
  const otherSet = new Set<string>(others);
  return {
    nodes: new Set(drawn.map((n) => n.name)),
    pods,
    morePods,
    otherNodes: others.length
      ? {
          nodes: others,
          pods:
            cluster.pods.filter((p) => otherSet.has(p.node)).length +
            others.reduce((n, node) => n + unbuilt(node).length, 0),
        }
      : null,
  };
}
