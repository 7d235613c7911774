/**
 * The article's kind cluster, value by value, each with where it comes from. The article gives
 * httpbin's IP, node and pod name, the waypoint's IP and the tunnel addresses; the rest is made
 * up to be consistent with kind + kindnet, and says so.
 */
import { cidr, ipv4, mac, type Cidr, type Ipv4, type Mac } from '../addresses';
import { fromArticle, illustrative, inferred, verified, type Provenance } from '../provenance';
import { SRC } from '../upstream';
import type { ArticleRole, ClusterNetwork, NodeName, NodeNetwork, PodRole } from './types';

export const NODE_A = 'ambient-worker' as NodeName;
export const NODE_B = 'ambient-worker2' as NodeName;

export const TRUST_DOMAIN = 'cluster.local';

const KIND = 'consistent with a kind cluster on kindnet';

export interface NodeFacts {
  readonly name: NodeName;
  readonly podCidr: Cidr;
  readonly podCidrProv: Provenance;
  readonly internalIp: Ipv4;
  readonly uplinkMac: Mac;
  readonly uplinkIfindex: number;
  /** istio-cni's HostIP (GetHostIP): the node's address inside its PodCIDR. */
  readonly hostIp: Ipv4;
  /** Where `internalIp` and `hostIp` come from, when not kind's (a scenario file's node). */
  readonly internalIpProv?: Provenance;
  readonly hostIpProv?: Provenance;
}

export const NODES: Readonly<Record<'A' | 'B', NodeFacts>> = {
  A: {
    name: NODE_A,
    podCidr: cidr('10.244.2.0/24'),
    podCidrProv: inferred(
      'the article',
      'the waypoint 10.244.2.6 runs here, so this node owns 10.244.2.0/24',
    ),
    internalIp: ipv4('172.18.0.3'),
    uplinkMac: mac('02:42:ac:12:00:03'),
    uplinkIfindex: 2,
    hostIp: ipv4('10.244.2.1'),
  },
  B: {
    name: NODE_B,
    podCidr: cidr('10.244.1.0/24'),
    podCidrProv: fromArticle('httpbin 10.244.1.5 runs on ambient-worker2'),
    internalIp: ipv4('172.18.0.2'),
    uplinkMac: mac('02:42:ac:12:00:02'),
    uplinkIfindex: 2,
    hostIp: ipv4('10.244.1.1'),
  },
};

export const INTERNAL_IP_PROV = illustrative(
  `the nodes' addresses on the docker "kind" network, ${KIND}`,
);
export const HOST_IP_PROV = inferred(
  SRC.net118,
  'GetHostIP returns the node\'s address in its PodCIDR; kindnet gives every host-side veth the range\'s first address (domain file: "typically 10.244.X.1")',
);

/** The docker network the kind nodes share. */
export const KIND_NETWORK: ClusterNetwork = {
  label: 'the kind network',
  segment: 'kind network (172.18.0.0/16)',
  carrier: 'docker bridge "kind"',
  podRouting:
    "kindnet routes each node's PodCIDR via that node's address on the shared docker network; pod IPs travel on the wire as they are.",
  prov: inferred(
    SRC.kindnet,
    'kind nodes share one docker bridge; kindnet adds a route per peer PodCIDR',
  ),
};

/** Addresses outside the two workers that routes lead to. */
export const EXTERNAL = {
  dockerGateway: ipv4('172.18.0.1'),
  controlPlane: ipv4('172.18.0.4'),
  controlPlanePodCidr: cidr('10.244.0.0/24'),
} as const;

export interface PodFacts {
  readonly role: PodRole;
  readonly name: string;
  readonly nameProv: Provenance;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly ip: Ipv4;
  readonly ipProv: Provenance;
  readonly mac: Mac;
  readonly hostVeth: string;
  readonly hostVethIfindex: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly uid: string;
}

const ILL_IP = illustrative(`pod IP ${KIND}`);

export function podFacts(role: ArticleRole, node: 'A' | 'B'): PodFacts {
  switch (role) {
    case 'sleep':
      return {
        role,
        name: 'sleep-bc9998558-xk7tj',
        nameProv: illustrative('pod name'),
        namespace: 'default',
        serviceAccount: 'sleep',
        ip: ipv4('10.244.2.4'),
        ipProv: ILL_IP,
        mac: mac('ea:5c:1e:3a:41:07'),
        hostVeth: 'veth6d3e0c2b',
        hostVethIfindex: 7,
        labels: { app: 'sleep' },
        uid: '4f1c2a9e-8d3b-4c61-9a57-2e0b6f8d1c33',
      };
    case 'httpbin':
      return node === 'B'
        ? {
            role,
            name: 'httpbin-5984865fdc-qh894',
            nameProv: fromArticle('the workload entry\'s "name"'),
            namespace: 'default',
            serviceAccount: 'httpbin',
            ip: ipv4('10.244.1.5'),
            ipProv: fromArticle('"workloadIp": "10.244.1.5" on "node": "ambient-worker2"'),
            mac: mac('6a:b1:0e:52:9c:14'),
            hostVeth: 'veth8f2a1b9c',
            hostVethIfindex: 9,
            labels: { app: 'httpbin', version: 'v1' },
            uid: 'a7d2e6c1-35f0-4b8e-8c2d-91e4b7a05f62',
          }
        : {
            role,
            name: 'httpbin-5984865fdc-qh894',
            nameProv: fromArticle('same pod as the article, moved for the same-node walk'),
            namespace: 'default',
            serviceAccount: 'httpbin',
            ip: ipv4('10.244.2.5'),
            ipProv: illustrative(
              'same-node variant: the article runs httpbin on ambient-worker2 at 10.244.1.5',
            ),
            mac: mac('6a:b1:0e:52:9c:14'),
            hostVeth: 'veth8f2a1b9c',
            hostVethIfindex: 9,
            labels: { app: 'httpbin', version: 'v1' },
            uid: 'a7d2e6c1-35f0-4b8e-8c2d-91e4b7a05f62',
          };
    case 'ztunnel':
      return node === 'A'
        ? {
            role,
            name: 'ztunnel-k8mfd',
            nameProv: illustrative('DaemonSet pod name'),
            namespace: 'istio-system',
            serviceAccount: 'ztunnel',
            ip: ipv4('10.244.2.2'),
            ipProv: ILL_IP,
            mac: mac('5e:21:9a:c4:07:3b'),
            hostVeth: 'vethb7c4e1d0',
            hostVethIfindex: 5,
            labels: { app: 'ztunnel' },
            uid: '0c9e1f7a-6b24-4d8f-b3a1-5e7d2c9f4a10',
          }
        : {
            role,
            name: 'ztunnel-q9w2t',
            nameProv: illustrative('DaemonSet pod name'),
            namespace: 'istio-system',
            serviceAccount: 'ztunnel',
            ip: ipv4('10.244.1.2'),
            ipProv: ILL_IP,
            mac: mac('9a:4d:e2:18:6f:c5'),
            hostVeth: 'veth2e9d5a71',
            hostVethIfindex: 5,
            labels: { app: 'ztunnel' },
            uid: '7e3b5d90-1a4c-4f62-9d08-c6a2e1f5b737',
          };
    case 'httpbin-waypoint':
      return {
        role,
        name: 'httpbin-istio-waypoint-6d5f8c7b9-q2w4x',
        nameProv: inferred(
          SRC.waypointCmd118,
          '"<gateway>-istio-waypoint" is the generated Deployment name; the suffix is illustrative',
        ),
        namespace: 'default',
        serviceAccount: 'httpbin-istio-waypoint',
        ip: ipv4('10.244.2.6'),
        ipProv: fromArticle('"waypointAddresses": ["10.244.2.6"]'),
        mac: mac('b2:7f:31:d8:0a:96'),
        hostVeth: 'veth5c8e2f14',
        hostVethIfindex: 11,
        labels: {
          'istio.io/gateway-name': 'httpbin',
          'gateway.istio.io/managed': 'istio.io-mesh-controller',
        },
        uid: 'd4a8c2e6-9b13-4f70-a5e1-3c6f8b2d0e94',
      };
    case 'sleep-waypoint':
      return {
        role,
        name: 'sleep-istio-waypoint-7c9d4b6f8-m5n8p',
        nameProv: inferred(
          SRC.waypointCmd118,
          '"<gateway>-istio-waypoint" naming; the suffix is illustrative',
        ),
        namespace: 'default',
        serviceAccount: 'sleep-istio-waypoint',
        ip: ipv4('10.244.1.6'),
        ipProv: ILL_IP,
        mac: mac('c6:2a:9e:41:b3:58'),
        hostVeth: 'veth9e1c7a3f',
        hostVethIfindex: 13,
        labels: {
          'istio.io/gateway-name': 'sleep',
          'gateway.istio.io/managed': 'istio.io-mesh-controller',
        },
        uid: '2b6e9f1d-4c83-4a57-8e0f-a1d7c3b95e28',
      };
  }
}

/**
 * The Services the waypoint controller creates beside each waypoint Deployment
 * ("<gateway>-istio-waypoint", port 15008). From 1.19 a workload names its waypoint by this
 * Service's VIP; the VIPs are illustrative.
 */
export const WAYPOINT_SERVICES = {
  'httpbin-waypoint': {
    name: 'httpbin-istio-waypoint',
    clusterIp: ipv4('10.96.88.21'),
  },
  'sleep-waypoint': {
    name: 'sleep-istio-waypoint',
    clusterIp: ipv4('10.96.147.9'),
  },
} as const;

export const WAYPOINT_SERVICE_PROV = illustrative(
  "ClusterIP of the waypoint's Service in kind's 10.96.0.0/16 range",
);

export const HTTPBIN_SERVICE = {
  name: 'httpbin',
  namespace: 'default',
  hostname: 'httpbin.default.svc.cluster.local',
  clusterIp: ipv4('10.96.184.142'),
  clusterIpProv: illustrative("ClusterIP in kind's default 10.96.0.0/16 service range"),
  port: 8000,
  // The target port is the release's (80 to 1.20, 8080 from 1.21): Release.httpbinTargetPort.
  prov: fromArticle('the sample httpbin Service: port 8000 → target port 80 (curl httpbin:8000)'),
  /** kube-proxy's chain names are hashes; these are made up in the same shape. */
  svcChain: 'KUBE-SVC-FREKB6WNWYJLKTHC',
  sepChain: 'KUBE-SEP-QJ4VW2MLOSNKDKEG',
} as const;

export const KUBE_DNS_SERVICE = {
  name: 'kube-dns',
  namespace: 'kube-system',
  hostname: 'kube-dns.kube-system.svc.cluster.local',
  clusterIp: ipv4('10.96.0.10'),
  clusterIpProv: illustrative("kind's default cluster DNS address"),
  port: 53,
  endpoints: [ipv4('10.244.0.3')],
  svcChain: 'KUBE-SVC-TCOU7JCQXEZGVUNU',
  sepChain: 'KUBE-SEP-OP4AXEAS4OXHBEQX',
} as const;

/** Ephemeral ports, made up: the walk needs concrete numbers. */
export const EPHEMERAL = {
  curl: 48012,
  dns: 51873,
  ztunnelOut: 37820,
  waypointOut: 44106,
  ztunnelIn: 52644,
  hairpin: 39418,
  geneveA: 52211,
  geneveB: 40917,
} as const;

export const EPHEMERAL_PROV = illustrative('ephemeral source port');

/** The ambient eBPF constants and link constants used by both modes. */
export const TUNNEL = {
  inboundTun: 'istioin',
  outboundTun: 'istioout',
  inboundTunIp: ipv4('192.168.126.1'),
  ztunnelInboundTunIp: ipv4('192.168.126.2'),
  outboundTunIp: ipv4('192.168.127.1'),
  ztunnelOutboundTunIp: ipv4('192.168.127.2'),
  inboundVni: 1000,
  outboundVni: 1001,
  geneveUdpPort: 6081,
  prov: verified(
    SRC.constants118,
    'InboundTun/OutboundTun names and the 192.168.126.0/30, 192.168.127.0/30 addresses; VNIs 1000/1001 as in CreateRulesOnNode',
  ),
} as const;

/** The kind network as the node builders use it: the gateway, kindnet's route to the control plane. */
export const KIND_NODE_NETWORK: NodeNetwork = {
  cluster: KIND_NETWORK,
  uplinkPrefix: 16,
  uplinkRole: (node) => `${node}'s link to the kind network`,
  gateway: {
    ip: EXTERNAL.dockerGateway,
    prov: INTERNAL_IP_PROV,
    why: "the docker network's gateway",
  },
  extraRoutes: [
    {
      cidr: EXTERNAL.controlPlanePodCidr,
      via: EXTERNAL.controlPlane,
      why: "kindnet: the control-plane node's pods (CoreDNS)",
    },
  ],
  externalHops: [
    { ip: EXTERNAL.dockerGateway, label: 'the docker network gateway' },
    { ip: EXTERNAL.controlPlane, label: 'ambient-control-plane (CoreDNS runs there)' },
  ],
};
