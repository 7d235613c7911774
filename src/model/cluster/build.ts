/**
 * Builds the cluster for a scenario: where the pods run, which are in the mesh, which waypoints
 * exist, the policies, and the redirection mode's rules on every node and in every ztunnel.
 */
import { ipv4 } from '../addresses';
import { fromArticle, illustrative, sourced, verified } from '../provenance';
import { RELEASES, releaseFits, type Release } from '../releases';
import type { Scenario } from '../scenario';
import { installEbpfNode, installEbpfZtunnel } from './ebpfMode';
import { installIptablesNode, installIptablesZtunnel } from './iptablesMode';
import {
  EXTERNAL,
  HOST_IP_PROV,
  HTTPBIN_SERVICE,
  INTERNAL_IP_PROV,
  KIND_NETWORK,
  KUBE_DNS_SERVICE,
  NODES,
  TRUST_DOMAIN,
  WAYPOINT_SERVICE_PROV,
  WAYPOINT_SERVICES,
} from './kind';
import { installKubeProxy } from './kubeProxy';
import { modeInfo } from './modes';
import type { Cluster, Netns, NodeInfo, ProcessInfo, ServiceInfo } from './types';
import { placePods, podInfo, podNetnsId, processId, type Placed } from './placement';
import { policiesFor } from './policies';
import { ztunnelStore } from './workloads';
import { nodeNetns, podNetns } from './namespaces';
import { ztunnelListeners } from './listeners';
/**
 * Builds the whole cluster for a scenario.
 *
 * @example
 * const cluster = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf' });
 */
export function buildCluster(s: Scenario): Cluster {
  if (s.redirect === 'inpod') throw new Error('in-pod redirection is not modelled yet');
  if (!releaseFits(s.redirect, s.istio))
    throw new Error(`redirect=${s.redirect} is not walked at Istio ${s.istio}`);
  const rel: Release = RELEASES[s.istio];
  const pods = placePods(s);
  const policies = policiesFor(s, rel);
  const netns: Record<string, Netns> = {};
  const processes: Record<string, ProcessInfo> = {};
  const captureDns = s.dns === 'on';

  for (const [node, other] of [
    [NODES.A, NODES.B],
    [NODES.B, NODES.A],
  ] as const) {
    const here = pods.filter((p) => p.node === node);
    const nodeNs = nodeNetns(node, other, pods);
    const httpbin = pods.find((p) => p.facts.role === 'httpbin') as Placed;
    installKubeProxy(nodeNs, httpbin.facts.ip);
    const zt = here.find((p) => p.facts.role === 'ztunnel') as Placed;
    const ambientHere = here.filter((p) => p.ambient);

    for (const p of here) {
      const ns = podNetns(p);
      const pid = processId(p.facts.role, node);
      processes[pid] = {
        id: pid,
        kind:
          p.facts.role === 'ztunnel'
            ? 'ztunnel'
            : p.facts.role === 'sleep'
              ? 'curl'
              : p.facts.role === 'httpbin'
                ? 'httpbin'
                : 'waypoint',
        netns: ns.id,
        node: node.name,
        label:
          p.facts.role === 'ztunnel'
            ? `ztunnel on ${node.name}`
            : p.facts.role === 'sleep'
              ? 'curl in sleep'
              : p.facts.name,
        ...(p.facts.role === 'sleep' ? { program: 'curl' } : {}),
      };
      if (p.facts.role === 'httpbin') {
        ns.listen({
          proto: 'tcp',
          ip: ipv4('0.0.0.0'),
          port: HTTPBIN_SERVICE.targetPort,
          transparent: false,
          process: pid,
          role: 'app',
          name: 'httpbin',
          prov: fromArticle("httpbin serves on the Service's target port 80"),
        });
      }
      if (p.facts.role === 'httpbin-waypoint' || p.facts.role === 'sleep-waypoint') {
        ns.listen({
          proto: 'tcp',
          ip: ipv4('0.0.0.0'),
          port: 15008,
          transparent: false,
          process: pid,
          role: 'waypoint-hbone',
          name: 'connect_terminate',
          prov: verified(
            rel.src.waypointListeners,
            'buildWaypointInbound: listener connect_terminate on 15008 terminates HBONE',
          ),
        });
      }
      if (p.facts.role === 'ztunnel') {
        ztunnelListeners(ns, pid, s, rel);
        if (s.redirect === 'iptables') installIptablesZtunnel(ns, p.facts.ip, node.hostIp, rel);
        else installEbpfZtunnel(ns, p.facts.ip, captureDns, rel);
      }
      netns[ns.id] = ns.build();
    }

    if (s.redirect === 'iptables') {
      installIptablesNode({
        node: nodeNs,
        ztIp: zt.facts.ip,
        ztVeth: zt.facts.hostVeth,
        hostIp: node.hostIp,
        ambientPods: ambientHere.map((p) => ({
          ip: p.facts.ip,
          uid: p.facts.uid,
          name: p.facts.name,
        })),
        captureDns,
        ifindexIn: 14,
        ifindexOut: 15,
        rel,
      });
    } else {
      installEbpfNode({
        node: nodeNs,
        hostIp: node.hostIp,
        ztVeth: zt.facts.hostVeth,
        ztVethIfindex: zt.facts.hostVethIfindex,
        ztMac: zt.facts.mac,
        captureDns,
        ambientPods: ambientHere.map((p) => ({
          ip: p.facts.ip,
          hostVeth: p.facts.hostVeth,
          ifindex: p.facts.hostVethIfindex,
          mac: p.facts.mac,
          name: p.facts.name,
        })),
        rel,
      });
    }
    netns[nodeNs.id] = nodeNs.build();
  }

  const nodes: NodeInfo[] = [NODES.A, NODES.B].map((n) => ({
    name: n.name,
    podCidr: sourced(n.podCidr, n.podCidrProv),
    internalIp: sourced(n.internalIp, INTERNAL_IP_PROV),
    hostIp: sourced(n.hostIp, HOST_IP_PROV),
  }));
  const httpbinIp = (pods.find((p) => p.facts.role === 'httpbin') as Placed).facts.ip;
  const services: ServiceInfo[] = [
    {
      name: HTTPBIN_SERVICE.name,
      namespace: HTTPBIN_SERVICE.namespace,
      hostname: HTTPBIN_SERVICE.hostname,
      clusterIp: sourced(HTTPBIN_SERVICE.clusterIp, HTTPBIN_SERVICE.clusterIpProv),
      ports: [{ name: 'http', port: HTTPBIN_SERVICE.port, targetPort: HTTPBIN_SERVICE.targetPort }],
      endpoints: [{ ip: httpbinIp, role: 'httpbin' }],
      prov: HTTPBIN_SERVICE.prov,
    },
    {
      name: KUBE_DNS_SERVICE.name,
      namespace: KUBE_DNS_SERVICE.namespace,
      hostname: KUBE_DNS_SERVICE.hostname,
      clusterIp: sourced(KUBE_DNS_SERVICE.clusterIp, KUBE_DNS_SERVICE.clusterIpProv),
      ports: [{ name: 'dns', port: 53, targetPort: 53 }],
      endpoints: KUBE_DNS_SERVICE.endpoints.map((ip) => ({ ip })),
      prov: illustrative("kind's CoreDNS Service"),
    },
    // The waypoint's Service: from 1.19 a workload names its waypoint by this VIP.
    ...(rel.ztunnel.waypointField === 'waypoint-addresses'
      ? []
      : (['httpbin-waypoint', 'sleep-waypoint'] as const).flatMap((role) => {
          const pod = pods.find((p) => p.facts.role === role);
          if (!pod) return [];
          const svc = WAYPOINT_SERVICES[role];
          return [
            {
              name: svc.name,
              namespace: pod.facts.namespace,
              hostname: `${svc.name}.${pod.facts.namespace}.svc.cluster.local`,
              clusterIp: sourced(svc.clusterIp, WAYPOINT_SERVICE_PROV),
              ports: [{ name: 'mesh', port: 15008, targetPort: 15008 }],
              endpoints: [{ ip: pod.facts.ip, role }],
              prov: verified(
                rel.src.waypointTemplate,
                'the waypoint Deployment comes with a Service of the same name, port 15008',
              ),
            },
          ];
        })),
  ];

  return {
    mode: modeInfo(s.redirect, rel),
    release: rel,
    nodes,
    pods: pods.map(podInfo),
    services,
    netns,
    processes,
    ztunnelStore: ztunnelStore(pods, s, policies, rel),
    policies,
    trustDomain: TRUST_DOMAIN,
    network: KIND_NETWORK,
    request: {
      client: podNetnsId(NODES.A, 'sleep'),
      shortName: HTTPBIN_SERVICE.name,
      hostname: HTTPBIN_SERVICE.hostname,
      vip: HTTPBIN_SERVICE.clusterIp,
      port: HTTPBIN_SERVICE.port,
      method: 'GET',
      path: '/get',
      headers: { 'user-agent': 'curl/8.5.0', accept: '*/*' },
      dnsServer: {
        name: KUBE_DNS_SERVICE.name,
        ip: KUBE_DNS_SERVICE.clusterIp,
        port: KUBE_DNS_SERVICE.port,
      },
    },
    externalHops: [
      { ip: EXTERNAL.dockerGateway, label: 'the docker network gateway' },
      { ip: EXTERNAL.controlPlane, label: 'ambient-control-plane (CoreDNS runs there)' },
    ],
  };
}
