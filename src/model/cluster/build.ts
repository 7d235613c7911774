/**
 * Builds the cluster for a scenario: where the pods run, which are in the mesh, which waypoints
 * exist, the policies, and the redirection mode's rules — on every node and in every ztunnel
 * (node redirection, 1.18–1.20), or in every enrolled pod (in-pod, 1.21+).
 */
import { ipv4 } from '../addresses';
import { sourced, verified } from '../provenance';
import { RELEASES, firewallFits, releaseFits, type Release } from '../releases';
import type { AuthorizationPolicy } from '../policy/types';
import type { Scenario } from '../scenario';
import { installInpodNode, type InpodNodeSide } from './inpodMode';
import {
  EXTERNAL,
  HOST_IP_PROV,
  HTTPBIN_SERVICE,
  INTERNAL_IP_PROV,
  KIND_NETWORK,
  KUBE_DNS_SERVICE,
  NODES,
  TRUST_DOMAIN,
  type NodeFacts,
} from './kind';
import { installKubeProxy } from './kubeProxy';
import { ztunnelPodListeners } from './listeners';
import { modeInfo } from './modes';
import { installNodeSide, installNodeZtunnel } from './nodeRedirection';
import type { Cluster, Enrolment, Netns, NodeInfo, ProcessInfo } from './types';
import { placePods, podInfo, podNetnsId, processId, type Placed } from './placement';
import { podFirewall } from './podFirewall';
import { policiesFor } from './policies';
import { clusterServices, httpbinListenerProv, httpbinTarget } from './services';
import { ztunnelStore } from './workloads';
import { nodeNetns, podNetns } from './namespaces';
import type { NetnsBuilder } from './netnsBuilder';

/** The process a pod runs, as the walk names it. */
function processOf(p: Placed, ns: NetnsBuilder): ProcessInfo {
  const role = p.facts.role;
  const pid = processId(role, p.node);
  return {
    id: pid,
    kind:
      role === 'ztunnel'
        ? 'ztunnel'
        : role === 'sleep'
          ? 'curl'
          : role === 'httpbin'
            ? 'httpbin'
            : 'waypoint',
    netns: ns.id,
    node: p.node.name,
    label:
      role === 'ztunnel'
        ? `ztunnel on ${p.node.name}`
        : role === 'sleep'
          ? 'curl in sleep'
          : p.facts.name,
    ...(role === 'sleep' ? { program: 'curl' } : {}),
  };
}

/** The application's and the waypoint's own listeners. */
function appListeners(p: Placed, ns: NetnsBuilder, pid: ProcessInfo['id'], rel: Release): void {
  if (p.facts.role === 'httpbin') {
    ns.listen({
      proto: 'tcp',
      ip: ipv4('0.0.0.0'),
      port: httpbinTarget(rel).port,
      transparent: false,
      process: pid,
      role: 'app',
      name: 'httpbin',
      prov: httpbinListenerProv(rel),
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
}

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
 * in the mesh) and the AuthorizationPolicies. The installers read only this and the release, so
 * a cluster described another way (a scenario file) is built as istio-cni would build it.
 */
export interface ClusterDescription {
  readonly nodes: readonly NodeFacts[];
  readonly pods: readonly Placed[];
  readonly policies: readonly AuthorizationPolicy[];
}

/** The article's two-node kind cluster, as the scenario's knobs place and enrol its pods. */
export function describeScenario(s: Scenario, rel: Release): ClusterDescription {
  return { nodes: [NODES.A, NODES.B], pods: placePods(s, rel), policies: policiesFor(s, rel) };
}

/**
 * Builds a described cluster at a release, redirecting as the scenario's mode does. `pasted`
 * gives in-pod pods the rules the user pasted in place of the release's (pastedRules.ts).
 */
export function buildClusterFrom(
  desc: ClusterDescription,
  s: Scenario,
  rel: Release,
  pasted?: InpodNodeSide['pasted'],
): Cluster {
  const pods = [...desc.pods];
  const policies = desc.policies;
  const netns: Record<string, Netns> = {};
  const processes: Record<string, ProcessInfo> = {};
  const enrolment: Enrolment[] = [];
  const httpbin = pods.find((p) => p.facts.role === 'httpbin') as Placed;

  for (const node of desc.nodes) {
    const here = pods.filter((p) => p.node === node);
    const nodeNs = nodeNetns(
      node,
      desc.nodes.filter((n) => n !== node),
      pods,
    );
    installKubeProxy(nodeNs, httpbin.facts.ip, httpbinTarget(rel).port);
    const builders = here.map((p) => ({ pod: p, ns: podNetns(p) }));
    for (const { pod: p, ns } of builders) {
      const proc = processOf(p, ns);
      processes[proc.id] = proc;
      appListeners(p, ns, proc.id, rel);
      if (p.facts.role !== 'ztunnel') continue;
      if (rel.era === 'node') installNodeZtunnel(ns, proc.id, p, node, s, rel);
      else ztunnelPodListeners(ns, proc.id, rel);
    }
    if (rel.era === 'node') {
      installNodeSide(nodeNs, node, here, s, rel);
    } else {
      enrolment.push(
        ...installInpodNode({
          node: nodeNs,
          nodeName: node.name,
          ztunnel: processId('ztunnel', node),
          enrolled: builders.filter((b) => b.pod.ambient),
          captureDns: s.dns === 'on',
          rel,
          firewall: podFirewall(s.firewall),
          ...(pasted ? { pasted } : {}),
        }),
      );
    }
    for (const { ns } of builders) netns[ns.id] = ns.build();
    netns[nodeNs.id] = nodeNs.build();
  }

  const nodes: NodeInfo[] = desc.nodes.map((n) => ({
    name: n.name,
    podCidr: sourced(n.podCidr, n.podCidrProv),
    internalIp: sourced(n.internalIp, INTERNAL_IP_PROV),
    hostIp: sourced(n.hostIp, HOST_IP_PROV),
  }));

  return {
    mode: modeInfo(s.redirect, rel, s.firewall),
    release: rel,
    nodes,
    pods: pods.map((p) => podInfo(p, rel)),
    services: clusterServices(pods, rel),
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
    ...(rel.era === 'inpod' ? { enrolment } : {}),
  };
}
