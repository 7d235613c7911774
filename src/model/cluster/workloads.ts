/**
 * The workload store istiod pushes to every ztunnel, built from the placed pods: each pod's
 * workload (with its waypoint as the release names it), the Services' VIPs, and the policies
 * as istiod translates them.
 */
import type { Ipv4 } from '../addresses';
import { toZtunnelAuthorization, selects } from '../policy/translate';
import type { AuthorizationPolicy } from '../policy/types';
import type { Release } from '../releases';
import { httpbinHasWaypoint, sleepHasWaypoint, type Scenario } from '../scenario';
import type { WaypointRef, ZtunnelStore, ZtunnelVip, ZtunnelWorkload } from '../ztunnel/store';
import { HTTPBIN_SERVICE, TRUST_DOMAIN, WAYPOINT_SERVICES } from './kind';
import type { Placed } from './placement';
import type { PodRole } from './types';

type WaypointRole = keyof typeof WAYPOINT_SERVICES;

/** One pod as a ztunnel workload (istiod's `constructWorkload`). */
export function workloadEntry(
  p: Placed,
  waypoint: WaypointRef | undefined,
  policies: readonly AuthorizationPolicy[],
): ZtunnelWorkload {
  const f = p.facts;
  const isWaypoint = f.role === 'httpbin-waypoint' || f.role === 'sleep-waypoint';
  const workloadName =
    f.role === 'sleep' ? 'sleep' : f.role === 'httpbin' ? 'httpbin' : f.serviceAccount;
  return {
    workloadIp: f.ip,
    ...(waypoint ? { waypoint } : {}),
    // istiod advertises HBONE for pods annotated ambient.istio.io/redirection: enabled.
    protocol: p.ambient ? 'HBONE' : 'TCP',
    uid: `Kubernetes//Pod/${f.namespace}/${f.name}`,
    name: f.name,
    namespace: f.namespace,
    serviceAccount: f.serviceAccount,
    workloadName,
    workloadType: 'deployment',
    canonicalName: isWaypoint ? f.serviceAccount : workloadName,
    canonicalRevision: f.labels.version ?? 'latest',
    node: p.node.name,
    authorizationPolicies: policies
      .filter((ap) => selects(ap, f.labels))
      .map((ap) => `${ap.namespace}/${ap.name}`),
    status: 'Healthy',
  };
}

/** How the release names a workload's waypoint: its pods (1.18) or its Service (1.19+). */
function waypointRef(rel: Release, role: WaypointRole, pods: readonly Placed[]): WaypointRef {
  const pod = pods.find((p) => p.facts.role === role);
  if (rel.ztunnel.waypointField === 'waypoint-addresses' && pod)
    return { kind: 'workload', address: pod.facts.ip };
  return { kind: 'service', vip: WAYPOINT_SERVICES[role].clusterIp, port: 15008 };
}

/** The waypoint Services ztunnel resolves waypoint VIPs through (1.19+). */
function waypointVips(rel: Release, pods: readonly Placed[]): ZtunnelVip[] {
  if (rel.ztunnel.waypointField === 'waypoint-addresses') return [];
  return (Object.keys(WAYPOINT_SERVICES) as WaypointRole[]).flatMap((role) => {
    const pod = pods.find((p) => p.facts.role === role);
    if (!pod) return [];
    const svc = WAYPOINT_SERVICES[role];
    return [
      {
        vip: svc.clusterIp,
        port: 15008,
        targetPort: 15008,
        name: svc.name,
        namespace: pod.facts.namespace,
        hostname: `${svc.name}.${pod.facts.namespace}.svc.cluster.local`,
        endpoints: [pod.facts.ip],
      },
    ];
  });
}

/** The store every ztunnel holds for this scenario at this release. */
export function ztunnelStore(
  pods: Placed[],
  s: Scenario,
  policies: readonly AuthorizationPolicy[],
  rel: Release,
): ZtunnelStore {
  const ipOf = (role: PodRole): Ipv4 | undefined =>
    pods.find((p) => p.facts.role === role)?.facts.ip;
  const workloads = pods
    .filter((p) => p.facts.role !== 'ztunnel')
    .map((p) => {
      const wp =
        p.facts.role === 'httpbin' && httpbinHasWaypoint(s)
          ? waypointRef(rel, 'httpbin-waypoint', pods)
          : p.facts.role === 'sleep' && sleepHasWaypoint(s)
            ? waypointRef(rel, 'sleep-waypoint', pods)
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
        name: HTTPBIN_SERVICE.name,
        namespace: HTTPBIN_SERVICE.namespace,
        hostname: HTTPBIN_SERVICE.hostname,
        endpoints: [httpbinIp],
      },
      ...waypointVips(rel, pods),
    ],
    policies: policies.map(toZtunnelAuthorization),
  };
}
