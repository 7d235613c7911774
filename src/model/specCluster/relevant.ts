/**
 * Which of a file's pods the model builds: the ones the request can reach — its source, the
 * destination's endpoints, the waypoints the source or destination names, and every node's
 * ztunnel. A 500-workload dump walks in milliseconds that way; the rest are counted per node
 * (the diagram summarises them), never silently dropped. A node with enrolled pods and no
 * ztunnel in the file gets one, inferred and labelled: ztunnel is a DaemonSet, and a dump lists
 * only the pods its istiod knows as workloads.
 */
import { ipv4, inCidr, ipToInt } from '../addresses';
import type { NodeFacts } from '../cluster/kind';
import type { NodeName } from '../cluster/types';
import { illustrative, inferred } from '../provenance';
import type { ResolvedDestination } from '../import/request';
import type { Release } from '../releases';
import type { ClusterSpec, SpecWorkload } from '../spec/types';
import { refOf } from '../spec/types';
import { madeUpMac } from './nodes';
import type { SpecPod } from './pods';
import { waypointNamed } from './store';

/** Pods of the file not built, per node, by name. */
export interface NotBuilt {
  readonly node: NodeName;
  readonly pods: readonly string[];
}

/** The `namespace/name` of every pod the request can reach. */
export function reachable(
  spec: ClusterSpec,
  source: SpecWorkload,
  dst: ResolvedDestination,
): Set<string> {
  const keep = new Set<string>([refOf(source)]);
  const waypointPods = (name: string | undefined): void => {
    for (const p of waypointNamed(spec, name)?.pods ?? []) keep.add(p);
  };
  waypointPods(source.waypoint);
  // The waypoints of the source's own Services (1.22+ hangs them there): drawn, as the knobs draw them.
  for (const s of spec.services)
    if (s.endpoints?.some((e) => e.workload === refOf(source))) waypointPods(s.waypoint);
  if (dst.kind === 'service') {
    waypointPods(dst.service.waypoint);
    for (const e of dst.service.endpoints ?? []) {
      keep.add(e.workload);
      waypointPods(spec.workloads.find((w) => refOf(w) === e.workload)?.waypoint);
    }
  } else if (dst.kind === 'workload') {
    keep.add(refOf(dst.workload));
    waypointPods(dst.workload.waypoint);
  }
  return keep;
}

/** The pods to build (the reachable ones and every ztunnel), and the rest counted per node. */
export function buildable(
  pods: readonly SpecPod[],
  keep: ReadonlySet<string>,
): { built: SpecPod[]; notBuilt: NotBuilt[] } {
  const built = pods.filter((p) => p.kind === 'ztunnel' || keep.has(refOf(p.workload)));
  const byNode = new Map<NodeName, string[]>();
  for (const p of pods)
    if (!built.includes(p))
      byNode.set(p.node.name, [...(byNode.get(p.node.name) ?? []), p.facts.name]);
  return { built, notBuilt: [...byNode].map(([node, names]) => ({ node, pods: names })) };
}

/** A ztunnel for each node that has enrolled pods but none in the file. */
export function inferredZtunnels(
  spec: ClusterSpec,
  nodes: readonly NodeFacts[],
  pods: readonly SpecPod[],
  rel: Release,
): SpecPod[] {
  const used = new Set(spec.workloads.flatMap((w) => w.ips));
  return nodes.flatMap((node): SpecPod[] => {
    const here = pods.filter((p) => p.node === node);
    if (here.some((p) => p.kind === 'ztunnel') || !here.some((p) => p.ambient)) return [];
    const base = ipToInt(ipv4(node.podCidr.split('/')[0]!));
    let ip = '';
    for (let i = 2; i < 254 && !ip; i++) {
      const cand = [24, 16, 8, 0].map((s) => ((base + i) >>> s) & 255).join('.');
      if (!used.has(cand) && inCidr(ipv4(cand), node.podCidr)) ip = cand;
    }
    if (!ip) return [];
    const workload: SpecWorkload = {
      name: `ztunnel-${node.name}`,
      namespace: 'istio-system',
      serviceAccount: 'ztunnel',
      node: node.name,
      ips: [ip],
      labels: { app: 'ztunnel' },
      enrolled: false,
      kind: 'ztunnel',
    };
    return [
      {
        facts: {
          role: 'ztunnel',
          name: workload.name,
          nameProv: inferred(
            `istio/istio@${rel.tags.istio}:manifests/charts/ztunnel/templates/daemonset.yaml`,
            `ztunnel is a DaemonSet: ${node.name} runs enrolled pods, so it runs a ztunnel the file does not list; its name is made up`,
          ),
          namespace: 'istio-system',
          serviceAccount: 'ztunnel',
          ip: ipv4(ip),
          ipProv: illustrative(`an unused address in ${node.podCidr} for the inferred ztunnel pod`),
          mac: madeUpMac(`ztunnel ${node.name}`),
          hostVeth: `vethz${node.name.length.toString(16).padStart(7, '0')}`,
          hostVethIfindex: 3,
          labels: workload.labels,
          uid: `00000000-0000-4000-8000-${ip.replace(/\./g, '').padStart(12, '0').slice(-12)}`,
        },
        node,
        ambient: false,
        kind: 'ztunnel',
        shortName: 'ztunnel',
        workload,
      },
    ];
  });
}
