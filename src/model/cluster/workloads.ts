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
import { httpbinTarget } from './services';
import type { PodRole } from './types';
import { waypointNames, WAYPOINT_PORT, type WaypointRole } from './waypoints';

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

/**
 * How the release names a waypoint: its pods (1.18), its Service's VIP (1.19–1.21), or its
 * Service's hostname (1.22+, on the destination Service).
 */
function waypointRef(rel: Release, role: WaypointRole, pods: readonly Placed[]): WaypointRef {
  const pod = pods.find((p) => p.facts.role === role);
  if (rel.ztunnel.waypointField === 'waypoint-addresses' && pod)
    return { kind: 'workload', address: pod.facts.ip };
  if (rel.ztunnel.waypointField === 'service-waypoint-hostname') {
    const names = waypointNames(role, rel);
    const namespace = pod?.facts.namespace ?? 'default';
    return {
      kind: 'hostname',
      namespace,
      hostname: `${names.name}.${namespace}.svc.cluster.local`,
      port: WAYPOINT_PORT,
    };
  }
  return { kind: 'service', vip: WAYPOINT_SERVICES[role].clusterIp, port: WAYPOINT_PORT };
}

/** 1.22+: the waypoint hangs on the Service, not on the workload. */
const onService = (rel: Release): boolean =>
  rel.ztunnel.waypointField === 'service-waypoint-hostname';

/** The waypoint Services ztunnel resolves waypoint VIPs through (1.19+). */
function waypointVips(rel: Release, pods: readonly Placed[]): ZtunnelVip[] {
  if (rel.ztunnel.waypointField === 'waypoint-addresses') return [];
  return (Object.keys(WAYPOINT_SERVICES) as WaypointRole[]).flatMap((role) => {
    const pod = pods.find((p) => p.facts.role === role);
    if (!pod) return [];
    const names = waypointNames(role, rel);
    return [
      {
        vip: names.serviceVip,
        port: WAYPOINT_PORT,
        targetPort: WAYPOINT_PORT,
        name: names.name,
        namespace: pod.facts.namespace,
        hostname: `${names.name}.${pod.facts.namespace}.svc.cluster.local`,
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
      const wp = onService(rel)
        ? undefined
        : p.facts.role === 'httpbin' && httpbinHasWaypoint(s)
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
        targetPort: httpbinTarget(rel).port,
        name: HTTPBIN_SERVICE.name,
        namespace: HTTPBIN_SERVICE.namespace,
        hostname: HTTPBIN_SERVICE.hostname,
        endpoints: [httpbinIp],
        ...(onService(rel) && httpbinHasWaypoint(s)
          ? { waypoint: waypointRef(rel, 'httpbin-waypoint', pods) }
          : {}),
      },
      ...waypointVips(rel, pods),
    ],
    // 1.22+: istiod sends ztunnel no policy that has a targetRef (those bind at waypoints).
    policies: policies
      .filter((p) => !(p.targetRef && rel.targetRefToZtunnel === 'not-sent'))
      .map(toZtunnelAuthorization),
  };
}
