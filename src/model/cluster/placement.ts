/**
 * Where the scenario's pods run and what they are: the article's pods placed on its two nodes,
 * with ids for their namespaces and processes.
 */
import { illustrative, sourced } from '../provenance';
import type { Release } from '../releases';
import { httpbinHasWaypoint, sleepHasWaypoint, type Scenario } from '../scenario';
import { NODES, podFacts, type NodeFacts, type PodFacts } from './kind';
import { waypointPodFacts } from './waypoints';
import type { ArticleRole, NetnsId, PodInfo, PodKind, PodRole, ProcessId } from './types';

export function podNetnsId(node: NodeFacts, role: PodRole): NetnsId {
  return `${node.name}/${role}` as NetnsId;
}

export function nodeNetnsId(node: NodeFacts): NetnsId {
  return node.name as unknown as NetnsId;
}

export function processId(role: ArticleRole, node: NodeFacts): ProcessId {
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

export interface Placed {
  readonly facts: PodFacts;
  readonly node: NodeFacts;
  readonly ambient: boolean;
  /** What the pod is, when its role does not say (a scenario file's pods are named, not roled). */
  readonly kind?: PodKind;
  /** The short name a diagram shows, when its role does not give one. */
  readonly shortName?: string;
}

/** What a placed pod is: an application, a node's ztunnel or a waypoint. */
export function kindOf(p: Placed): PodKind {
  if (p.kind) return p.kind;
  const r = p.facts.role;
  return r === 'ztunnel'
    ? 'ztunnel'
    : r === 'httpbin-waypoint' || r === 'sleep-waypoint'
      ? 'waypoint'
      : 'app';
}

export function placePods(s: Scenario, rel: Release): Placed[] {
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
    pods.push({
      facts: waypointPodFacts(podFacts('httpbin-waypoint', 'A'), rel),
      node: A,
      ambient: false,
    });
  if (sleepHasWaypoint(s))
    pods.push({
      facts: waypointPodFacts(podFacts('sleep-waypoint', 'B'), rel),
      node: B,
      ambient: false,
    });
  return pods;
}

/**
 * The pod as the cluster lists it. istio-cni annotates the pods it enrolled; node redirection
 * also marked waypoints `disabled`, in-pod leaves unenrolled pods alone.
 */
export function podInfo(p: Placed, rel: Release): PodInfo {
  const f = p.facts;
  const kind = kindOf(p);
  const isWaypoint = kind === 'waypoint';
  return {
    role: f.role,
    kind,
    // The waypoint is named after the account it serves (its Gateway's name), not its own
    // service account ("httpbin-istio-waypoint").
    shortName:
      p.shortName ??
      (isWaypoint
        ? `${f.role.replace(/-waypoint$/, '')} waypoint`
        : f.role === 'ztunnel'
          ? 'ztunnel'
          : f.role),
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
      : isWaypoint && rel.era === 'node'
        ? { 'ambient.istio.io/redirection': 'disabled' }
        : {},
  };
}
