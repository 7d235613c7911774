/**
 * A scenario file's workloads placed on its nodes: what each pod is (an application, a node's
 * ztunnel, a waypoint), its address and its veth, the process it runs and the ports it listens
 * on. Names, addresses, identities and labels are the file's; MACs, veths and pod UIDs a dump
 * does not have are made up and say so.
 */
import { ipv4 } from '../addresses';
import { fnv1a } from '../hash';
import { waypointListener, type AppListener, type PodProcess } from '../cluster/build';
import type { NodeFacts, PodFacts } from '../cluster/kind';
import type { Placed } from '../cluster/placement';
import type { ProcessId } from '../cluster/types';
import { illustrative, imported, type Provenance } from '../provenance';
import type { Release } from '../releases';
import type { ClusterSpec, SpecWorkload } from '../spec/types';
import { deploymentOf, refOf } from '../spec/types';
import { isIpv4, madeUpMac } from './nodes';
import { fieldProvenance } from './provenance';

const hex8 = (name: string): string => fnv1a(name).toString(16).padStart(8, '0');

/** A pod of the file the walk builds, with what it is. */
export interface SpecPod extends Placed {
  readonly workload: SpecWorkload;
}

/** Why a workload of the file is not built as a pod (the walk cannot draw or enter it). */
export interface LeftOut {
  readonly workload: string;
  readonly reason: string;
}

/**
 * The file's workloads as placed pods, and the ones left out: a workload without an IPv4
 * address, on the host's network (its address is its node's), or on a node the file lacks.
 */
export function specPods(
  spec: ClusterSpec,
  nodes: readonly NodeFacts[],
): { pods: SpecPod[]; leftOut: LeftOut[] } {
  const pods: SpecPod[] = [];
  const leftOut: LeftOut[] = [];
  const nodeIps = new Set(nodes.map((n) => n.internalIp as string));
  const seen = new Set<string>();
  const perNode = new Map<string, number>();
  for (const w of spec.workloads) {
    const node = nodes.find((n) => n.name === w.node);
    const ip = w.ips.find(isIpv4);
    const out = (reason: string): void => void leftOut.push({ workload: refOf(w), reason });
    if (!node) {
      out(`its node ${w.node || '(none)'} is not in the file`);
      continue;
    }
    if (!ip) {
      out('it has no IPv4 address');
      continue;
    }
    if (nodeIps.has(ip)) {
      out(`it runs on ${w.node}'s own network (its address ${ip} is the node's)`);
      continue;
    }
    if (seen.has(ip)) {
      out(`another workload already has ${ip}`);
      continue;
    }
    seen.add(ip);
    const count = perNode.get(node.name) ?? 0;
    perNode.set(node.name, count + 1);
    const ztunnelHere = pods.some((p) => p.node === node && p.facts.role === 'ztunnel');
    // One ztunnel per node is the node's; its netns is `<node>/ztunnel` as in the article.
    const role =
      w.kind === 'ztunnel' && !ztunnelHere
        ? 'ztunnel'
        : pods.some((p) => p.node === node && p.facts.role === w.name)
          ? `${w.name}.${w.namespace}`
          : w.name;
    const facts: PodFacts = {
      role,
      name: w.name,
      nameProv: fieldProvenance(spec, w.provenance, 'name', 'the pod’s name'),
      namespace: w.namespace,
      serviceAccount: w.serviceAccount,
      ip: ipv4(ip),
      ipProv: fieldProvenance(spec, w.provenance, 'ips', `${w.name}'s address`),
      mac: madeUpMac(refOf(w)),
      hostVeth: `veth${hex8(refOf(w))}`,
      hostVethIfindex: 5 + 2 * count,
      labels: w.labels,
      uid: w.uid ?? `${hex8(w.name)}-0000-4000-8000-${hex8(w.namespace)}0000`,
    };
    const shortName =
      w.kind === 'ztunnel'
        ? 'ztunnel'
        : w.kind === 'waypoint'
          ? waypointShortName(spec, w)
          : deploymentOf(w.name);
    pods.push({
      facts,
      node,
      ambient: w.enrolled && w.kind === 'app',
      kind: w.kind,
      shortName,
      workload: w,
    });
  }
  return { pods, leftOut };
}

/** `waypoint`, or `<gateway> waypoint` for a waypoint not called so. */
function waypointShortName(spec: ClusterSpec, w: SpecWorkload): string {
  const gw = spec.waypoints.find((x) => x.pods.includes(refOf(w)));
  const name = gw?.name ?? deploymentOf(w.name);
  return name === 'waypoint' ? 'waypoint' : `${name} waypoint`;
}

/** The process each pod runs; the request's source runs the client. */
export function processOfSpecPod(p: Placed, client: string | undefined): PodProcess {
  const short = p.shortName ?? p.facts.name;
  if (p.kind === 'ztunnel')
    return {
      id: `ztunnel@${p.node.name}` as ProcessId,
      kind: 'ztunnel',
      label: `ztunnel on ${p.node.name}`,
    };
  if (p.kind === 'waypoint')
    return { id: `envoy@${p.facts.name}` as ProcessId, kind: 'waypoint', label: p.facts.name };
  if (`${p.facts.namespace}/${p.facts.name}` === client)
    return { id: `client@${p.facts.name}` as ProcessId, kind: 'client', label: `the ${short} app` };
  return { id: `app@${p.facts.name}` as ProcessId, kind: 'app', label: short };
}

/**
 * The ports a pod's application listens on: each Service port that sends to it (its target
 * port, or the endpoint's port for a named one), and the request's port when it is sent to
 * the pod's own address. A waypoint listens for HBONE on 15008.
 */
export function specPodListeners(
  spec: ClusterSpec,
  p: SpecPod,
  rel: Release,
  extra: readonly { readonly ip: string; readonly port: number }[],
): AppListener[] {
  if (p.kind === 'waypoint') return [waypointListener(rel)];
  if (p.kind !== 'app') return [];
  const me = refOf(p.workload);
  const ports = new Map<number, Provenance>();
  for (const s of spec.services) {
    const ep = s.endpoints?.find((e) => e.workload === me);
    if (!ep) continue;
    for (const sp of s.ports) {
      const target = sp.targetPort || ep.targetPorts?.[String(sp.port)] || sp.port;
      if (!ports.has(target))
        ports.set(
          target,
          imported(
            `Service ${refOf(s)} port ${sp.port} → target port ${target}: the application listens there (the dump lists the Service, not the socket)`,
          ),
        );
    }
  }
  for (const x of extra)
    if (x.ip === p.facts.ip && !ports.has(x.port))
      ports.set(
        x.port,
        illustrative(
          `the request is sent to ${x.ip}:${x.port}; the walk takes it that the application listens there`,
        ),
      );
  return [...ports].map(([port, prov]) => ({
    port,
    role: 'app',
    name: p.shortName ?? p.facts.name,
    prov,
  }));
}
