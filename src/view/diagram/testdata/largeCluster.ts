/**
 * A large made-up cluster (as an imported ztunnel config dump can be) and a walk-like set of
 * hops through a few of its pods: each pod's process, stack and veth, its node's host stack,
 * and the node proxy, with the wire between nodes. The hops carry only structured places, as a
 * walk's do; the summary tests read which pods and nodes the diagram keeps from them.
 */
import type { Hop, Topology } from '../../../model';
import { hopAt, syntheticCluster, type SyntheticOptions } from './syntheticCluster';

export function largeCluster(o: SyntheticOptions): Topology {
  return syntheticCluster(o);
}

/** The netns of the proxy pod on `node`. */
export function proxyOn(cluster: Topology, node: string): string | undefined {
  return cluster.pods.find((p) => p.node === node && p.kind === 'ztunnel')?.netns;
}

/**
 * Hops through the pods with these netns ids, in order: in each, its process, stack and veth;
 * then its node's host stack and proxy; across nodes, the uplinks and the wire.
 */
export function hopsThrough(cluster: Topology, pods: readonly string[]): Hop[] {
  const hops: Hop[] = [];
  let last: string | null = null;
  for (const id of pods) {
    const pod = cluster.pods.find((p) => p.netns === id);
    if (!pod) continue;
    const node = pod.node as string;
    if (last !== null && last !== node) {
      hops.push(hopAt(last, `${last}#uplink0`, 'veth', last));
      hops.push(hopAt('wire', 'wire', 'wire', null));
      hops.push(hopAt(node, `${node}#uplink0`, 'veth', node));
    }
    hops.push(hopAt(id, `${id}#proc`, 'app', node));
    hops.push(hopAt(id, `${id}#stack`, 'routing', node));
    hops.push(hopAt(id, `${id}#if0`, 'veth', node));
    hops.push(hopAt(node, `${node}#stack`, 'netfilter', node));
    const proxy = proxyOn(cluster, node);
    if (proxy) hops.push(hopAt(proxy, `${proxy}#proc`, 'ztunnel', node));
    last = node;
  }
  return hops;
}
