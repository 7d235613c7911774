/**
 * The cluster as data: nodes, pods, network namespaces with their interfaces, netfilter tables,
 * policy routing, ipsets, TC programs and listening sockets; Services; the ztunnel workload
 * store istiod pushes; AuthorizationPolicies. Built per scenario by `build.ts`.
 */
import type { Cidr, Ipv4, Mac } from '../addresses';
import type { EbpfMaps, TcAttachment } from '../ebpf/types';
import type { Tables } from '../netfilter/types';
import type { Provenance, Sourced } from '../provenance';
import type { IpRule, Route } from '../routing/types';
import type { TransportProto } from '../packet';
import type { Release } from '../releases';
import type { RedirectMode } from '../scenario';
import type { AuthorizationPolicy } from '../policy/types';
import type { ZtunnelStore } from '../ztunnel/store';
import type { NftRuleset } from '../nftables/types';

export type NodeName = string & { readonly __brand: 'NodeName' };
/** `ambient-worker` for a node's root netns, `ambient-worker/sleep` for a pod's. */
export type NetnsId = string & { readonly __brand: 'NetnsId' };
export type ProcessId = string & { readonly __brand: 'ProcessId' };

/** The article's pods, by the part each plays in its walks. */
export type ArticleRole = 'sleep' | 'httpbin' | 'ztunnel' | 'httpbin-waypoint' | 'sleep-waypoint';

/**
 * A pod's id on its node, which names its netns (`<node>/<role>`): the article's role, or the
 * pod's own name for a cluster read from a scenario file.
 */
export type PodRole = ArticleRole | (string & { readonly __podName?: never });

export interface Address {
  /** Address with prefix as `ip addr` shows it: 10.244.2.1/32. */
  readonly cidr: Cidr;
  readonly ip: Ipv4;
  readonly prov: Provenance;
}

export interface Iface {
  readonly name: string;
  readonly ifindex: number;
  readonly kind: 'veth' | 'geneve' | 'loopback' | 'uplink';
  readonly addrs: readonly Address[];
  readonly mac?: Mac;
  /** The other end of a veth pair. */
  readonly peer?: { readonly netns: NetnsId; readonly iface: string };
  readonly geneve?: { readonly vni: number; readonly remote: Ipv4; readonly dport: number };
  /** What it is, in words: "sleep's host-side veth". */
  readonly role: string;
  readonly prov: Provenance;
}

/** What a listening socket is for; the walker's listener table maps each role to a behaviour. */
export type ListenerRole =
  | 'ztunnel-outbound'
  | 'ztunnel-inbound-hbone'
  | 'ztunnel-inbound-plaintext'
  | 'ztunnel-dns'
  | 'ztunnel-readiness'
  | 'ztunnel-stats'
  | 'ztunnel-admin'
  | 'ztunnel-socks5'
  | 'waypoint-hbone'
  | 'app';

export interface Listener {
  readonly proto: TransportProto;
  /** 0.0.0.0 stands for a wildcard bind ([::] listens on IPv4 too). */
  readonly ip: Ipv4;
  readonly port: number;
  /** IP_TRANSPARENT: may accept connections to addresses that are not local (TPROXY). */
  readonly transparent: boolean;
  readonly process: ProcessId;
  readonly role: ListenerRole;
  /** The name it is shown by: ztunnel's "outbound", "inbound (HBONE)", Envoy's "connect_terminate". */
  readonly name: string;
  readonly prov: Provenance;
  /** What the walk cannot confirm about this listener at the modelled release. */
  readonly uncertain?: string;
  /** SO_MARK on the socket (ztunnel's in-pod sockets: 0x539); its accepted sockets inherit it. */
  readonly mark?: number;
}

/**
 * Something the domain file could not confirm but the walk must get past (eBPF DNS capture).
 * The kernel applies it only where nothing else delivers the packet, and labels the hop.
 */
export interface CaptureAssumption {
  readonly id: string;
  readonly proto: TransportProto;
  readonly dport: number;
  readonly deliverToPort: number;
  readonly text: string;
  readonly prov: Provenance;
  /** What the hop says is uncertain, and the reading taken. */
  readonly uncertain: string;
  readonly sources: readonly string[];
}

export interface Ipset {
  readonly name: string;
  readonly type: 'hash:ip';
  readonly members: ReadonlyArray<{
    readonly ip: Ipv4;
    readonly comment: string;
    readonly prov: Provenance;
  }>;
  readonly prov: Provenance;
  /** What the set holds, in words, from the code that fills it. */
  readonly why?: string;
}

/** A chain (`table/chain`) whose traversal is a hop even when nothing in it matches. */
export interface NotableChain {
  readonly chain: string;
  readonly prov: Provenance;
}

export interface Netns {
  readonly id: NetnsId;
  readonly node: NodeName;
  readonly kind: 'node' | 'pod';
  /** For a pod netns, the pod's role. */
  readonly role?: PodRole;
  /** Human label: "ambient-worker (host)", "ztunnel-k8mfd". */
  readonly label: string;
  readonly ifaces: readonly Iface[];
  readonly tables: Tables;
  /** Chains whose traversal is shown as a hop even when no rule matched (capture decisions). */
  readonly notableChains: readonly NotableChain[];
  readonly ipRules: readonly IpRule[];
  readonly routes: readonly Route[];
  readonly ipsets: readonly Ipset[];
  readonly tc: readonly TcAttachment[];
  /** eBPF maps pinned on the node (node netns only, eBPF mode). */
  readonly bpfMaps?: EbpfMaps;
  /**
   * The nftables ruleset istio-cni wrote here (in-pod mode with native nftables, 1.28+), which
   * the kernel evaluates at each hook beside the iptables tables.
   */
  readonly nftables?: NftRuleset;
  readonly listeners: readonly Listener[];
  readonly assumptions: readonly CaptureAssumption[];
  readonly sysctls: ReadonlyArray<{
    readonly key: string;
    readonly value: string;
    readonly prov: Provenance;
  }>;
}

export interface NodeInfo {
  readonly name: NodeName;
  readonly podCidr: Sourced<Cidr>;
  /** The kind network (docker bridge) address of the node's eth0. */
  readonly internalIp: Sourced<Ipv4>;
  /** istio-cni's HostIP: the node's address inside its PodCIDR (kindnet: 10.244.X.1). */
  readonly hostIp: Sourced<Ipv4>;
}

/** What a pod is to the data plane: an application, a node's ztunnel, or a waypoint (Envoy). */
export type PodKind = 'app' | 'ztunnel' | 'waypoint';

export interface PodInfo {
  readonly role: PodRole;
  readonly kind: PodKind;
  /** The short name a diagram shows: the Deployment's (or the waypoint's) name. */
  readonly shortName: string;
  readonly name: Sourced<string>;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly node: NodeName;
  readonly ip: Sourced<Ipv4>;
  readonly mac: Sourced<Mac>;
  readonly netns: NetnsId;
  readonly hostVeth: Sourced<string>;
  readonly hostVethIfindex: number;
  /** In the ambient mesh (namespace labelled, pod annotated ambient.istio.io/redirection). */
  readonly ambient: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
}

export interface ServiceInfo {
  readonly name: string;
  readonly namespace: string;
  readonly hostname: string;
  readonly clusterIp: Sourced<Ipv4>;
  readonly ports: readonly ServicePort[];
  /** Pods selected, by role; empty when the endpoints are outside the model (CoreDNS). */
  readonly endpoints: readonly { readonly ip: Ipv4; readonly role?: PodRole }[];
  readonly prov: Provenance;
}

export interface ProcessInfo {
  readonly id: ProcessId;
  /** `curl`/`httpbin`: the article's client and server; `client`/`app`: a scenario file's. */
  readonly kind: 'ztunnel' | 'waypoint' | 'curl' | 'httpbin' | 'client' | 'app';
  readonly netns: NetnsId;
  readonly node: NodeName;
  readonly label: string;
  /** The program, for an application process ("curl"). */
  readonly program?: string;
}

export interface ModeInfo {
  readonly mode: RedirectMode;
  readonly label: string;
  /** Which Istio releases the mode reflects, for the page. */
  readonly istioVersions: string;
  /** The exact code the rules were taken from. */
  readonly rulesAsOf: string;
  readonly notes: readonly string[];
}

/** The request the walk follows: who sends it, to which name and port, and what it asks. */
export interface RequestSpec {
  /** The network namespace of the pod the client runs in. */
  readonly client: NetnsId;
  /** The name the client is given ("httpbin") and the name it resolves to. */
  readonly shortName: string;
  readonly hostname: string;
  /** The address the name resolves to (the Service's ClusterIP). */
  readonly vip: Ipv4;
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The resolver the pod is given (the cluster DNS Service). */
  readonly dnsServer: { readonly name: string; readonly ip: Ipv4; readonly port: number };
}

/** The network between the nodes, as the walk names and explains it. */
export interface ClusterNetwork {
  /** "the kind network" */
  readonly label: string;
  /** The segment as a hop names it: "kind network (172.18.0.0/16)". */
  readonly segment: string;
  /** What carries the packets: 'docker bridge "kind"'. */
  readonly carrier: string;
  /** How a pod IP reaches another node, in a sentence. */
  readonly podRouting: string;
  readonly prov: Provenance;
}

/**
 * The network between the nodes as a node's root netns sees it: its uplink, the default gateway,
 * routes to networks outside the model, and how the walk names it.
 */
export interface NodeNetwork {
  readonly cluster: ClusterNetwork;
  /** The prefix of each node's address on the network (`/16` on kind's docker network). */
  readonly uplinkPrefix: number;
  readonly uplinkRole: (node: string) => string;
  readonly gateway: { readonly ip: Ipv4; readonly prov: Provenance; readonly why: string };
  /** Pod ranges outside the model, reached through another address on the network. */
  readonly extraRoutes: ReadonlyArray<{
    readonly cidr: Cidr;
    readonly via: Ipv4;
    readonly why: string;
  }>;
  /** Addresses outside the model a route may lead to, with what they are. */
  readonly externalHops: ReadonlyArray<{ readonly ip: Ipv4; readonly label: string }>;
}

/**
 * How istio-cni enrolled one pod in in-pod mode, step by step as `AddPodToMesh` runs them: the
 * setup that explains why ztunnel's sockets are inside the pod. Shown beside the walk, not as
 * packet hops.
 */
export interface Enrolment {
  /** The pod's netns id. */
  readonly netns: NetnsId;
  readonly pod: string;
  readonly node: NodeName;
  /** The node's ztunnel process that got the netns. */
  readonly ztunnel: ProcessId;
  readonly steps: readonly EnrolmentStep[];
}

export interface EnrolmentStep {
  readonly step: 'netns' | 'rules' | 'zds' | 'proxy' | 'ipset' | 'annotate';
  /** What happened, as the code's own names and values show it (a line of a listing). */
  readonly text: string;
  readonly prov: Provenance;
}

export interface Cluster {
  readonly mode: ModeInfo;
  /** The Istio release every rule, behaviour and provenance of the cluster comes from. */
  readonly release: Release;
  readonly nodes: readonly NodeInfo[];
  readonly pods: readonly PodInfo[];
  readonly services: readonly ServiceInfo[];
  readonly netns: Readonly<Record<string, Netns>>;
  readonly processes: Readonly<Record<string, ProcessInfo>>;
  readonly ztunnelStore: ZtunnelStore;
  readonly policies: readonly AuthorizationPolicy[];
  readonly trustDomain: string;
  readonly network: ClusterNetwork;
  readonly request: RequestSpec;
  /** Networks outside the model a route may lead to (the control plane, the docker gateway). */
  readonly externalHops: ReadonlyArray<{ readonly ip: Ipv4; readonly label: string }>;
  /** In-pod mode: how each enrolled pod was set up (istio-cni's AddPodToMesh and ZDS). */
  readonly enrolment?: readonly Enrolment[];
  /**
   * A scenario file's pods the model did not build because the request cannot reach them,
   * by node: the diagram counts them, nothing walks them.
   */
  readonly notBuilt?: ReadonlyArray<{ readonly node: NodeName; readonly pods: readonly string[] }>;
}
