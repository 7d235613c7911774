/**
 * Builds the cluster for a scenario: where the pods run, which are in the mesh, which waypoints
 * exist, the policies, and the redirection mode's rules — on every node and in every ztunnel
 * (node redirection, 1.18–1.20), or in every enrolled pod (in-pod, 1.21+).
 */
import { ipv4 } from '../addresses';
import { sourced, verified, type Provenance } from '../provenance';
import { RELEASES, firewallFits, releaseFits, type Release } from '../releases';
import type { AuthorizationPolicy } from '../policy/types';
import type { Scenario } from '../scenario';
import type { ZtunnelStore } from '../ztunnel/store';
import { installInpodNode, type InpodNodeSide } from './inpodMode';
import {
  HOST_IP_PROV,
  HTTPBIN_SERVICE,
  INTERNAL_IP_PROV,
  KIND_NODE_NETWORK,
  KUBE_DNS_SERVICE,
  NODES,
  TRUST_DOMAIN,
  type NodeFacts,
} from './kind';
import { articleKubeProxy, installKubeProxy, type KubeProxyService } from './kubeProxy';
import { ztunnelPodListeners } from './listeners';
import { modeInfo } from './modes';
import { installNodeSide, installNodeZtunnel } from './nodeRedirection';
import type {
  ArticleRole,
  Cluster,
  Enrolment,
  Netns,
  NodeInfo,
  ProcessId,
  ProcessInfo,
  NodeNetwork,
  RequestSpec,
  ServiceInfo,
} from './types';
import { placePods, podInfo, podNetnsId, processId, type Placed } from './placement';
import { podFirewall } from './podFirewall';
import { policiesFor } from './policies';
import { clusterServices, httpbinListenerProv, httpbinTarget } from './services';
import { ztunnelStore } from './workloads';
import { nodeNetns, podNetns } from './namespaces';

/** The process a pod runs, as the walk names it. */
function articleProcess(p: Placed): PodProcess {
  const role = p.facts.role as ArticleRole;
  return {
    id: processId(role, p.node),
    kind:
      role === 'ztunnel'
        ? 'ztunnel'
        : role === 'sleep'
          ? 'curl'
          : role === 'httpbin'
            ? 'httpbin'
            : 'waypoint',
    label:
      role === 'ztunnel'
        ? `ztunnel on ${p.node.name}`
        : role === 'sleep'
          ? 'curl in sleep'
          : p.facts.name,
    ...(role === 'sleep' ? { program: 'curl' } : {}),
  };
}

/** The article's application and waypoint listeners: httpbin's port, the waypoint's 15008. */
function articleListeners(p: Placed, rel: Release): AppListener[] {
  if (p.facts.role === 'httpbin')
    return [
      {
        port: httpbinTarget(rel).port,
        role: 'app',
        name: 'httpbin',
        prov: httpbinListenerProv(rel),
      },
    ];
  if (p.facts.role === 'httpbin-waypoint' || p.facts.role === 'sleep-waypoint')
    return [waypointListener(rel)];
  return [];
}

/** The waypoint's HBONE listener, as its release's Gateway builds it. */
export function waypointListener(rel: Release): AppListener {
  return {
    port: 15008,
    role: 'waypoint-hbone',
    name: 'connect_terminate',
    prov: verified(
      rel.src.waypointListeners,
      'buildWaypointInbound: listener connect_terminate on 15008 terminates HBONE',
    ),
  };
}

/** A pod's own listener (the application's, the waypoint's): TCP on every address. */
export interface AppListener {
  readonly port: number;
  readonly role: 'app' | 'waypoint-hbone';
  readonly name: string;
  readonly prov: Provenance;
}

/** The process a pod runs, as the walk names it, without where it runs (its pod says). */
export type PodProcess = Omit<ProcessInfo, 'netns' | 'node'>;

/**
 * Builds the whole cluster for a scenario.
 *
 * @example
 * const cluster = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf' });
 */
export function buildCluster(s: Scenario): Cluster {
  if (!releaseFits(s.redirect, s.istio))
    throw new Error(`redirect=${s.redirect} is not walked at Istio ${s.istio}`);
  if (!firewallFits(s.redirect, s.istio, s.firewall))
    throw new Error(`firewall=${s.firewall} does not fit redirect=${s.redirect} at ${s.istio}`);
  const rel: Release = RELEASES[s.istio];
  return buildClusterFrom(describeScenario(s, rel), s, rel);
}

/**
 * What a cluster is made of, as data: its nodes, the pods placed on them (with whether each is
 * in the mesh and what runs in each), the Services, the workload store istiod pushes, the
 * AuthorizationPolicies and the request. The installers read only this and the release, so a
 * cluster described another way (a scenario file) is built as istio-cni would build it.
 */
export interface ClusterDescription {
  readonly nodes: readonly NodeFacts[];
  readonly pods: readonly Placed[];
  readonly policies: readonly AuthorizationPolicy[];
  /** The process each pod runs and the pod's own listeners. */
  readonly processOf: (p: Placed) => PodProcess;
  readonly listenersOf: (p: Placed) => readonly AppListener[];
  readonly services: readonly ServiceInfo[];
  /** The Services kube-proxy's rules are written for on every node. */
  readonly kubeProxy: readonly KubeProxyService[];
  readonly store: ZtunnelStore;
  readonly request: RequestSpec;
  readonly trustDomain: string;
  readonly network: NodeNetwork;
  /** What the mode's notes add for this cluster (a release walked for another, say). */
  readonly notes?: readonly string[];
  /** A file's pods the model does not build (not on the request's way), by node. */
  readonly notBuilt?: Cluster['notBuilt'];
  /** In-pod: the rules a user pasted for a pod, in place of the release's (pastedRules.ts). */
  readonly pasted?: InpodNodeSide['pasted'];
}

/** The article's two-node kind cluster, as the scenario's knobs place and enrol its pods. */
export function describeScenario(s: Scenario, rel: Release): ClusterDescription {
  const pods = placePods(s, rel);
  const policies = policiesFor(s, rel);
  const httpbin = pods.find((p) => p.facts.role === 'httpbin') as Placed;
  return {
    nodes: [NODES.A, NODES.B],
    pods,
    policies,
    processOf: articleProcess,
    listenersOf: (p) => articleListeners(p, rel),
    services: clusterServices(pods, rel),
    kubeProxy: articleKubeProxy(httpbin.facts.ip, httpbinTarget(rel).port),
    store: ztunnelStore(pods, s, policies, rel),
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
    trustDomain: TRUST_DOMAIN,
    network: KIND_NODE_NETWORK,
  };
}

/** Builds a described cluster at a release, redirecting as the scenario's mode does. */
export function buildClusterFrom(desc: ClusterDescription, s: Scenario, rel: Release): Cluster {
  const pods = [...desc.pods];
  const netns: Record<string, Netns> = {};
  const processes: Record<string, ProcessInfo> = {};
  const enrolment: Enrolment[] = [];

  for (const node of desc.nodes) {
    const here = pods.filter((p) => p.node === node);
    const nodeNs = nodeNetns(
      node,
      desc.nodes.filter((n) => n !== node),
      pods,
      desc.network,
    );
    installKubeProxy(nodeNs, desc.kubeProxy);
    const builders = here.map((p) => ({ pod: p, ns: podNetns(p) }));
    let ztunnel: ProcessId | undefined;
    for (const { pod: p, ns } of builders) {
      const proc: ProcessInfo = { ...desc.processOf(p), netns: ns.id, node: p.node.name };
      processes[proc.id] = proc;
      for (const l of desc.listenersOf(p))
        ns.listen({
          proto: 'tcp',
          ip: ipv4('0.0.0.0'),
          port: l.port,
          transparent: false,
          process: proc.id,
          role: l.role,
          name: l.name,
          prov: l.prov,
        });
      if (p.facts.role !== 'ztunnel') continue;
      ztunnel = proc.id;
      if (rel.era === 'node') installNodeZtunnel(ns, proc.id, p, node, s, rel);
      else ztunnelPodListeners(ns, proc.id, rel);
    }
    // istio-cni writes a node's rules around its ztunnel (its address, its veth); a node without
    // one (a scenario file may have such a node) has nothing that captures.
    if (!ztunnel) {
      // nothing to install
    } else if (rel.era === 'node') {
      installNodeSide(nodeNs, node, here, s, rel);
    } else {
      enrolment.push(
        ...installInpodNode({
          node: nodeNs,
          nodeName: node.name,
          ztunnel,
          enrolled: builders.filter((b) => b.pod.ambient),
          captureDns: s.dns === 'on',
          rel,
          firewall: podFirewall(s.firewall),
          ...(desc.pasted ? { pasted: desc.pasted } : {}),
        }),
      );
    }
    for (const { ns } of builders) netns[ns.id] = ns.build();
    netns[nodeNs.id] = nodeNs.build();
  }

  const nodes: NodeInfo[] = desc.nodes.map((n) => ({
    name: n.name,
    podCidr: sourced(n.podCidr, n.podCidrProv),
    internalIp: sourced(n.internalIp, n.internalIpProv ?? INTERNAL_IP_PROV),
    hostIp: sourced(n.hostIp, n.hostIpProv ?? HOST_IP_PROV),
  }));
  const mode = modeInfo(s.redirect, rel, s.firewall);

  return {
    mode: desc.notes?.length ? { ...mode, notes: [...desc.notes, ...mode.notes] } : mode,
    release: rel,
    nodes,
    pods: pods.map((p) => podInfo(p, rel)),
    services: desc.services,
    netns,
    processes,
    ztunnelStore: desc.store,
    policies: desc.policies,
    trustDomain: desc.trustDomain,
    network: desc.network.cluster,
    request: desc.request,
    externalHops: desc.network.externalHops,
    ...(rel.era === 'inpod' ? { enrolment } : {}),
    ...(desc.notBuilt?.length ? { notBuilt: desc.notBuilt } : {}),
  };
}
