/**
 * The nodes of an imported cluster, from the workloads' `node`: the node's address where its
 * host-network pods say it, and its pod range where all its pods' addresses share one /24.
 */
import type { SpecNode, SpecProvenance, SpecWorkload } from '../spec/types';

type Obj = Record<string, unknown>;
const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : d);
const stripNetwork = (a: string): string => a.slice(a.indexOf('/') + 1);
export const NO_NODE = '(no node)';

function inferred(note: string): SpecProvenance {
  return { kind: 'inferred', ref: 'the pasted dump', note };
}

/** Nodes from the workloads' `node`, with the node IP and pod range where the pods say them. */
export function nodesOf(workloads: readonly SpecWorkload[], raw: readonly Obj[]): SpecNode[] {
  const names = [...new Set(workloads.map((w) => w.node))].sort();
  const hostNet = new Map<string, string>();
  for (const w of raw)
    if (w.networkMode === 'HostNetwork' && Array.isArray(w.workloadIps) && str(w.node))
      hostNet.set(str(w.node), stripNetwork(str(w.workloadIps[0])));
  return names.map((name) => {
    const here = workloads.filter((w) => w.node === name);
    const counts = new Map<string, number>();
    for (const w of here) for (const ip of w.ips) counts.set(ip, (counts.get(ip) ?? 0) + 1);
    // Host-network pods share the node's address; two or more on one IP is the node's.
    const shared = hostNet.get(name) ?? [...counts.entries()].find(([, n]) => n >= 2)?.[0];
    const podIps = here
      .flatMap((w) => w.ips)
      .filter((ip) => ip !== shared && /^\d+\.\d+\.\d+\.\d+$/.test(ip));
    const prefixes = new Set(podIps.map((ip) => ip.split('.').slice(0, 3).join('.')));
    const podCidr = prefixes.size === 1 && podIps.length ? `${[...prefixes][0]}.0/24` : undefined;
    const provenance: Record<string, SpecProvenance> = {};
    if (shared) provenance.internalIp = inferred('the address the node’s host-network pods share');
    if (podCidr)
      provenance.podCidr = inferred(
        `every pod on ${name} has an address in it; the /24 is kindnet’s default size`,
      );
    return {
      name,
      ...(shared && name !== NO_NODE ? { internalIp: shared } : {}),
      ...(podCidr && name !== NO_NODE ? { podCidr } : {}),
      ...(Object.keys(provenance).length && name !== NO_NODE ? { provenance } : {}),
    };
  });
}
