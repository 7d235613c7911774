/**
 * What narrators look up in the cluster: namespaces, rules and routes by id, and the names of
 * the request's client and destination. Narrators read data; they decide nothing.
 */
import type { Cluster, Netns } from '../cluster/types';
import type { HopRecord, HopWords } from '../hop';

export interface NarrateContext {
  readonly cluster: Cluster;
  readonly record: HopRecord;
}

export type Narrator<F> = (fact: F, ctx: NarrateContext) => HopWords;

export function netnsOf(cluster: Cluster, id: string): Netns {
  const ns = cluster.netns[id];
  if (!ns) throw new Error(`narrate: no network namespace ${id}`);
  return ns;
}

/** The short name of the pod a namespace belongs to ("sleep"), or the namespace's label. */
export function podName(cluster: Cluster, netns: string): string {
  return cluster.pods.find((p) => p.netns === netns)?.shortName ?? netnsOf(cluster, netns).label;
}

/** The request's client, by its short name ("sleep"). */
export function clientName(cluster: Cluster): string {
  return podName(cluster, cluster.request.client);
}

/** The request's destination, by the name the client uses ("httpbin"). */
export function destinationName(cluster: Cluster): string {
  return cluster.request.shortName;
}

/** A process's label ("ztunnel on ambient-worker", "curl in sleep"). */
export function processLabel(cluster: Cluster, id: string): string {
  return cluster.processes[id]?.label ?? 'process';
}

/** A process's program ("curl"), falling back to its label. */
export function programOf(cluster: Cluster, id: string): string {
  const p = cluster.processes[id];
  return p?.program ?? p?.label ?? 'process';
}
