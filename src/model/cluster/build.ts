/**
 * Builds the cluster for a scenario: where the pods run, which are in the mesh, which waypoints
 * exist, the policies, and the redirection mode's rules on every node and in every ztunnel.
 */
import { ipv4, type Ipv4 } from '../addresses';
import { toZtunnelAuthorization, selects } from '../policy/translate';
import type { AuthorizationPolicy } from '../policy/types';
import { fromArticle, illustrative, sourced, verified } from '../provenance';
import { httpbinHasWaypoint, sleepHasWaypoint, type Scenario } from '../scenario';
import { SRC } from '../upstream';
import type { ZtunnelStore, ZtunnelWorkload } from '../ztunnel/store';
import { installEbpfNode, installEbpfZtunnel } from './ebpfMode';
import { installIptablesNode, installIptablesZtunnel } from './iptablesMode';
import {
  EXTERNAL,
  HOST_IP_PROV,
  HTTPBIN_SERVICE,
  INTERNAL_IP_PROV,
  KUBE_DNS_SERVICE,
  NODES,
  podFacts,
  TRUST_DOMAIN,
  type NodeFacts,
  type PodFacts,
} from './kind';
import { installKubeProxy } from './kubeProxy';
import { modeInfo } from './modes';
import { KINDNET_PROV, NetnsBuilder } from './netnsBuilder';
import type {
  Cluster,
  Netns,
  NetnsId,
  NodeInfo,
  PodInfo,
  PodRole,
  ProcessId,
  ProcessInfo,
  ServiceInfo,
} from './types';

export function podNetnsId(node: NodeFacts, role: PodRole): NetnsId {
  return `${node.name}/${role}` as NetnsId;
}

export function nodeNetnsId(node: NodeFacts): NetnsId {
  return node.name as unknown as NetnsId;
}

export function processId(role: PodRole, node: NodeFacts): ProcessId {
  switch (role) {
    case 'ztunnel':
      return `ztunnel@${node.name}` as ProcessId;
    case 'sleep':
      return 'curl@sleep' as ProcessId;
    case 'httpbin':
      return 'httpbin' as ProcessId;
    case 'httpbin-waypoint':
      return 'envoy@httpbin-waypoint' as ProcessId;
    case 'sleep-waypoint':
      return 'envoy@sleep-waypoint' as ProcessId;
  }
}

interface Placed {
  readonly facts: PodFacts;
  readonly node: NodeFacts;
  readonly ambient: boolean;
}

function placePods(s: Scenario): Placed[] {
  const A = NODES.A;
  const B = NODES.B;
  const httpbinNode = s.placement === 'same-node' ? 'A' : 'B';
  const pods: Placed[] = [
    { facts: podFacts('sleep', 'A'), node: A, ambient: s.source === 'mesh' },
    { facts: podFacts('httpbin', httpbinNode), node: NODES[httpbinNode], ambient: true },
    { facts: podFacts('ztunnel', 'A'), node: A, ambient: false },
    { facts: podFacts('ztunnel', 'B'), node: B, ambient: false },
  ];
  if (httpbinHasWaypoint(s))
    pods.push({ facts: podFacts('httpbin-waypoint', 'A'), node: A, ambient: false });
  if (sleepHasWaypoint(s))
    pods.push({ facts: podFacts('sleep-waypoint', 'B'), node: B, ambient: false });
  return pods;
}

function podInfo(p: Placed): PodInfo {
  const f = p.facts;
  const isWaypoint = f.role === 'httpbin-waypoint' || f.role === 'sleep-waypoint';
  return {
    role: f.role,
    kind: f.role === 'ztunnel' ? 'ztunnel' : isWaypoint ? 'waypoint' : 'app',
    shortName: isWaypoint
      ? `${f.serviceAccount} waypoint`
      : f.role === 'ztunnel'
        ? 'ztunnel'
        : f.role,
    name: sourced(f.name, f.nameProv),
    namespace: f.namespace,
    serviceAccount: f.serviceAccount,
    node: p.node.name,
    ip: sourced(f.ip, f.ipProv),
    mac: sourced(f.mac, illustrative('pod eth0 MAC')),
    netns: podNetnsId(p.node, f.role),
    hostVeth: sourced(f.hostVeth, illustrative('kindnet host-side veth name')),
    hostVethIfindex: f.hostVethIfindex,
    ambient: p.ambient,
    labels: f.labels,
    annotations: p.ambient
      ? { 'ambient.istio.io/redirection': 'enabled' }
      : isWaypoint
        ? { 'ambient.istio.io/redirection': 'disabled' }
        : {},
  };
}

function policiesFor(s: Scenario): AuthorizationPolicy[] {
  const sleepPrincipal = `${TRUST_DOMAIN}/ns/default/sa/sleep`;
  if (s.policy === 'deny-l4') {
    return [
      {
        name: 'httpbin-viewer',
        namespace: 'default',
        selector: { app: 'httpbin' },
        action: 'ALLOW',
        rules: [{ from: [{ principals: [`${TRUST_DOMAIN}/ns/default/sa/notsleep`] }] }],
        intent:
          'Only the notsleep service account may connect to httpbin (an L4 rule: principals only).',
        prov: illustrative(
          "modelled on istio.io getting-started's L4 policy (an ALLOW list that leaves the caller out)",
        ),
      },
    ];
  }
  if (s.policy === 'deny-l7') {
    // 1.18: L7 policies attach to a waypoint by selector (istio.io/gateway-name); without a
    // waypoint the same policy selects the workload, and ztunnel gets it minus its HTTP parts.
    const selector: Record<string, string> = httpbinHasWaypoint(s)
      ? { 'istio.io/gateway-name': 'httpbin' }
      : { app: 'httpbin' };
    return [
      {
        name: 'httpbin-deny-get',
        namespace: 'default',
        selector,
        action: 'DENY',
        rules: [
          { from: [{ principals: [sleepPrincipal] }], to: [{ methods: ['GET'], paths: ['/get'] }] },
        ],
        intent: 'Deny GET /get from sleep (an L7 rule: method and path).',
        prov: illustrative(
          'an L7 DENY in the 1.18 style: selector istio.io/gateway-name when httpbin has a waypoint',
        ),
      },
    ];
  }
  return [];
}

function workloadEntry(
  p: Placed,
  waypoint: Ipv4 | undefined,
  policies: AuthorizationPolicy[],
): ZtunnelWorkload {
  const f = p.facts;
  const isWaypoint = f.role === 'httpbin-waypoint' || f.role === 'sleep-waypoint';
  const workloadName =
    f.role === 'sleep' ? 'sleep' : f.role === 'httpbin' ? 'httpbin' : f.serviceAccount;
  return {
    workloadIp: f.ip,
    waypointAddresses: waypoint ? [waypoint] : [],
    gatewayAddress: null,
    // istiod advertises HBONE for pods annotated ambient.istio.io/redirection: enabled.
    protocol: p.ambient ? 'HBONE' : 'TCP',
    name: f.name,
    namespace: f.namespace,
    serviceAccount: f.serviceAccount,
    workloadName,
    workloadType: 'deployment',
    canonicalName: isWaypoint ? f.serviceAccount : workloadName,
    canonicalRevision: f.labels.version ?? 'latest',
    node: p.node.name,
    nativeHbone: false,
    authorizationPolicies: policies
      .filter((ap) => selects(ap, f.labels))
      .map((ap) => `${ap.namespace}/${ap.name}`),
    status: 'Healthy',
  };
}

function ztunnelStore(pods: Placed[], s: Scenario, policies: AuthorizationPolicy[]): ZtunnelStore {
  const ipOf = (role: PodRole): Ipv4 | undefined =>
    pods.find((p) => p.facts.role === role)?.facts.ip;
  const workloads = pods
    .filter((p) => p.facts.role !== 'ztunnel')
    .map((p) => {
      const wp =
        p.facts.role === 'httpbin' && httpbinHasWaypoint(s)
          ? ipOf('httpbin-waypoint')
          : p.facts.role === 'sleep' && sleepHasWaypoint(s)
            ? ipOf('sleep-waypoint')
            : undefined;
      return workloadEntry(p, wp, policies);
    });
  const httpbinIp = ipOf('httpbin') as Ipv4;
  return {
    trustDomain: TRUST_DOMAIN,
    workloads,
    vips: [
      {
        vip: HTTPBIN_SERVICE.clusterIp,
        port: HTTPBIN_SERVICE.port,
        targetPort: HTTPBIN_SERVICE.targetPort,
        hostname: HTTPBIN_SERVICE.hostname,
        endpoints: [httpbinIp],
      },
    ],
    policies: policies.map(toZtunnelAuthorization),
  };
}

/** The pod's own netns: lo, eth0 and kindnet's routes. */
function podNetns(p: Placed): NetnsBuilder {
  const f = p.facts;
  const ns = new NetnsBuilder(podNetnsId(p.node, f.role), p.node.name, 'pod', f.name, f.role);
  const gw = p.node.hostIp;
  ns.iface({
    name: 'lo',
    ifindex: 1,
    kind: 'loopback',
    addrs: [{ cidr: '127.0.0.1/8', prov: KINDNET_PROV }],
    role: 'loopback',
    prov: KINDNET_PROV,
  })
    .iface({
      name: 'eth0',
      ifindex: 3,
      kind: 'veth',
      addrs: [{ cidr: `${f.ip}/24`, prov: f.ipProv }],
      mac: f.mac,
      peer: { netns: nodeNetnsId(p.node), iface: f.hostVeth },
      role: `${f.name}'s eth0`,
      prov: KINDNET_PROV,
      noConnectedRoute: true,
    })
    .route(
      `ip route add 0.0.0.0/0 via ${gw} dev eth0`,
      KINDNET_PROV,
      "the pod's default route, to the node",
    )
    .route(
      `ip route add ${p.node.podCidr} via ${gw} dev eth0 src ${f.ip}`,
      KINDNET_PROV,
      'ptp replaces the connected route: even pods on the same node are reached through the host',
    )
    .route(
      `ip route add ${gw} dev eth0 scope link src ${f.ip}`,
      KINDNET_PROV,
      'the node end of the veth is directly reachable',
    );
  return ns;
}

function nodeNetns(node: NodeFacts, other: NodeFacts, pods: Placed[]): NetnsBuilder {
  const ns = new NetnsBuilder(nodeNetnsId(node), node.name, 'node', `${node.name} (host)`);
  ns.iface({
    name: 'lo',
    ifindex: 1,
    kind: 'loopback',
    addrs: [{ cidr: '127.0.0.1/8', prov: KINDNET_PROV }],
    role: 'loopback',
    prov: KINDNET_PROV,
  });
  ns.iface({
    name: 'eth0',
    ifindex: node.uplinkIfindex,
    kind: 'uplink',
    addrs: [{ cidr: `${node.internalIp}/16`, prov: INTERNAL_IP_PROV }],
    mac: node.uplinkMac,
    role: `${node.name}'s link to the kind network`,
    prov: INTERNAL_IP_PROV,
  });
  for (const p of pods.filter((x) => x.node === node)) {
    ns.iface({
      name: p.facts.hostVeth,
      ifindex: p.facts.hostVethIfindex,
      kind: 'veth',
      addrs: [{ cidr: `${node.hostIp}/32`, prov: HOST_IP_PROV }],
      peer: { netns: podNetnsId(node, p.facts.role), iface: 'eth0' },
      role: `${p.facts.name}'s host-side veth`,
      prov: KINDNET_PROV,
    });
    ns.route(
      `ip route add ${p.facts.ip} dev ${p.facts.hostVeth} scope host`,
      KINDNET_PROV,
      `${p.facts.name} is behind this veth`,
    );
  }
  ns.route(
    `ip route add 0.0.0.0/0 via ${EXTERNAL.dockerGateway} dev eth0`,
    INTERNAL_IP_PROV,
    "the docker network's gateway",
  );
  ns.route(
    `ip route add ${other.podCidr} via ${other.internalIp} dev eth0`,
    KINDNET_PROV,
    `kindnet: ${other.name}'s pods are reached through ${other.name}`,
  );
  ns.route(
    `ip route add ${EXTERNAL.controlPlanePodCidr} via ${EXTERNAL.controlPlane} dev eth0`,
    KINDNET_PROV,
    "kindnet: the control-plane node's pods (CoreDNS)",
  );
  return ns;
}

const ZT_LISTEN_PROV = verified(
  SRC.ztConfig118,
  'inbound_addr [::]:15008, inbound_plaintext_addr [::]:15006, outbound_addr [::]:15001; IP_TRANSPARENT via maybe_set_transparent (proxy.rs)',
);

function ztunnelListeners(ns: NetnsBuilder, pid: ProcessId, s: Scenario): void {
  const any = ipv4('0.0.0.0');
  const lo = ipv4('127.0.0.1');
  ns.listen({
    proto: 'tcp',
    ip: any,
    port: 15001,
    transparent: true,
    process: pid,
    name: 'outbound',
    prov: ZT_LISTEN_PROV,
  })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15006,
      transparent: true,
      process: pid,
      name: 'inbound plaintext',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15008,
      transparent: true,
      process: pid,
      name: 'inbound (HBONE)',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15021,
      transparent: false,
      process: pid,
      name: 'readiness',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15020,
      transparent: false,
      process: pid,
      name: 'stats',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: lo,
      port: 15000,
      transparent: false,
      process: pid,
      name: 'admin',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: lo,
      port: 15080,
      transparent: false,
      process: pid,
      name: 'socks5',
      prov: ZT_LISTEN_PROV,
    });
  if (s.dns === 'on') {
    ns.listen({
      proto: 'udp',
      ip: any,
      port: 15053,
      transparent: false,
      process: pid,
      name: 'DNS proxy',
      prov: verified(
        SRC.ztConfig119,
        'dns_proxy_addr [::]:15053 when DNS_CAPTURE is true; 1.18.0 has no DNS proxy',
      ),
    });
  }
}

/**
 * Builds the whole cluster for a scenario.
 *
 * @example
 * const cluster = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf' });
 */
export function buildCluster(s: Scenario): Cluster {
  if (s.redirect === 'inpod') throw new Error('in-pod redirection is not modelled yet');
  const pods = placePods(s);
  const policies = policiesFor(s);
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
      };
      if (p.facts.role === 'httpbin') {
        ns.listen({
          proto: 'tcp',
          ip: ipv4('0.0.0.0'),
          port: HTTPBIN_SERVICE.targetPort,
          transparent: false,
          process: pid,
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
          name: 'connect_terminate',
          prov: verified(
            SRC.waypointBlog2023,
            'connect_terminate listener terminates HBONE on 15008',
          ),
        });
      }
      if (p.facts.role === 'ztunnel') {
        ztunnelListeners(ns, pid, s);
        if (s.redirect === 'iptables') installIptablesZtunnel(ns, p.facts.ip, node.hostIp);
        else installEbpfZtunnel(ns, p.facts.ip, captureDns);
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
  ];

  return {
    mode: modeInfo(s.redirect),
    nodes,
    pods: pods.map(podInfo),
    services,
    netns,
    processes,
    ztunnelStore: ztunnelStore(pods, s, policies),
    policies,
    trustDomain: TRUST_DOMAIN,
    externalHops: [
      { ip: EXTERNAL.dockerGateway, label: 'the docker network gateway' },
      { ip: EXTERNAL.controlPlane, label: 'ambient-control-plane (CoreDNS runs there)' },
    ],
  };
}
