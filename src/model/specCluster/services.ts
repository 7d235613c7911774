/**
 * A scenario file's Services as the cluster lists them and as kube-proxy writes them. Endpoints
 * are ordered as the walk takes them (healthy first, by name: ztunnel and kube-proxy pick one
 * at random per connection, and the walk must name the one it follows).
 */
import { ipv4, type Ipv4 } from '../addresses';
import { isIpv4 } from './nodes';
import { madeUpChainHash, type KubeProxyService } from '../cluster/kubeProxy';
import type { ServiceInfo } from '../cluster/types';
import { illustrative, sourced } from '../provenance';
import type { ClusterSpec, SpecService } from '../spec/types';
import { refOf } from '../spec/types';
import { fieldProvenance } from './provenance';

type Ordered = { workload: string; ip: Ipv4; targetPorts?: Readonly<Record<string, number>> }[];
const workloadIndex = new WeakMap<ClusterSpec, Map<string, ClusterSpec['workloads'][number]>>();
// Per file and Service: a file edited into a new object (other workloads) is a new key.
const endpointCache = new WeakMap<ClusterSpec, Map<SpecService, Ordered>>();

/** The file's workloads by `namespace/name` (built once per file: a dump has hundreds). */
function workloadsByRef(spec: ClusterSpec): Map<string, ClusterSpec['workloads'][number]> {
  let m = workloadIndex.get(spec);
  if (!m) workloadIndex.set(spec, (m = new Map(spec.workloads.map((w) => [refOf(w), w]))));
  return m;
}

/** The Service's endpoints with an address, in the order the walk takes them. */
export function orderedEndpoints(spec: ClusterSpec, s: SpecService): Ordered {
  let perFile = endpointCache.get(spec);
  if (!perFile) endpointCache.set(spec, (perFile = new Map()));
  const known = perFile.get(s);
  if (known) return known;
  const ordered = computeEndpoints(spec, s);
  perFile.set(s, ordered);
  return ordered;
}

function computeEndpoints(spec: ClusterSpec, s: SpecService): Ordered {
  const byRef = workloadsByRef(spec);
  return (s.endpoints ?? [])
    .filter((e) => e.healthy !== false && isIpv4(byRef.get(e.workload)?.ips[0]))
    .sort((a, b) => a.workload.localeCompare(b.workload))
    .map((e) => ({
      workload: e.workload,
      ip: ipv4(byRef.get(e.workload)!.ips[0]!),
      ...(e.targetPorts ? { targetPorts: e.targetPorts } : {}),
    }));
}

/** A Service port's target port at its first endpoint (a named port is resolved per endpoint). */
export function targetPortOf(spec: ClusterSpec, s: SpecService, port: number): number {
  const sp = s.ports.find((p) => p.port === port);
  if (sp?.targetPort) return sp.targetPort;
  return orderedEndpoints(spec, s)[0]?.targetPorts?.[String(port)] ?? port;
}

/** Every Service with an IPv4 VIP, as the cluster lists it. */
export function specServices(spec: ClusterSpec): ServiceInfo[] {
  return spec.services.flatMap((s): ServiceInfo[] => {
    const vip = s.vips.find(isIpv4);
    if (!vip) return [];
    return [
      {
        name: s.name,
        namespace: s.namespace,
        hostname: s.hostname,
        clusterIp: sourced(
          ipv4(vip),
          fieldProvenance(spec, s.provenance, 'vips', `${s.name}'s VIP`),
        ),
        ports: s.ports.map((p) => ({
          name: p.name ?? String(p.port),
          port: p.port,
          targetPort: targetPortOf(spec, s, p.port),
        })),
        endpoints: orderedEndpoints(spec, s).map((e) => ({ ip: e.ip })),
        prov: fieldProvenance(spec, s.provenance, 'ports', `Service ${refOf(s)}`),
      },
    ];
  });
}

/** The cluster DNS Service: the file's kube-dns, or kind's address, made up. */
export function dnsService(spec: ClusterSpec): {
  name: string;
  ip: Ipv4;
  port: number;
  endpoint?: Ipv4;
} {
  const s = spec.services.find((x) => x.name === 'kube-dns' && x.namespace === 'kube-system');
  const vip = s?.vips.find(isIpv4);
  if (s && vip)
    return {
      name: 'kube-dns',
      ip: ipv4(vip),
      port: 53,
      ...(orderedEndpoints(spec, s)[0] ? { endpoint: orderedEndpoints(spec, s)[0]!.ip } : {}),
    };
  return { name: 'kube-dns', ip: ipv4('10.96.0.10'), port: 53 };
}

/**
 * kube-proxy's rules for one Service port, abridged to the endpoint the walk takes; its chain
 * names are made up in kube-proxy's shape.
 */
export function kubeProxyFor(
  spec: ClusterSpec,
  s: SpecService,
  port: number,
  proto: 'tcp' | 'udp' = 'tcp',
): KubeProxyService | undefined {
  const vip = s.vips.find(isIpv4);
  const sp = s.ports.find((p) => p.port === port);
  const eps = orderedEndpoints(spec, s);
  const ep = eps[0];
  if (!vip || !sp || !ep) return undefined;
  const portName = `${refOf(s)}:${sp.name ?? String(port)}`;
  const target = sp.targetPort || ep.targetPorts?.[String(port)] || port;
  return {
    portName,
    proto,
    clusterIp: ipv4(vip),
    port,
    endpoint: { ip: ep.ip, port: target },
    svcChain: `KUBE-SVC-${madeUpChainHash(`${portName}/${proto}`)}`,
    sepChain: `KUBE-SEP-${madeUpChainHash(`${portName}/${proto}/${ep.ip}`)}`,
    why: {
      vip: `the ${s.name} ClusterIP`,
      pick:
        eps.length > 1
          ? `pick a ${s.name} endpoint: kube-proxy picks one of ${eps.length} at random (abridged to the one the walk follows, ${ep.workload})`
          : `pick a ${s.name} endpoint (there is one)`,
      dnat: `rewrite the VIP to ${ep.workload}`,
    },
  };
}

export const KUBE_DNS_PROV = illustrative(
  "kind's default cluster DNS address; the file has no kube-dns Service",
);
