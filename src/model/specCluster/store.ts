/**
 * The workload store istiod pushes to every ztunnel, for a scenario file's cluster: each
 * workload (with its waypoint as the release names one), each Service VIP and port with its
 * endpoints (and, from 1.22, its waypoint), and the policies.
 */
import { ipv4, type Ipv4 } from '../addresses';
import { isIpv4 } from './nodes';
import { selects } from '../policy/translate';
import type { AuthorizationPolicy, ZtunnelAuthorization } from '../policy/types';
import type { Release } from '../releases';
import type { ClusterSpec, SpecService, SpecWaypoint, SpecWorkload } from '../spec/types';
import { deploymentOf, refOf } from '../spec/types';
import type { WaypointRef, ZtunnelStore, ZtunnelVip, ZtunnelWorkload } from '../ztunnel/store';
import { orderedEndpoints, targetPortOf } from './services';

/** The waypoint a `namespace/name` names: a waypoint, or a waypoint's Service. */
export function waypointNamed(
  spec: ClusterSpec,
  name: string | undefined,
): SpecWaypoint | undefined {
  if (!name) return undefined;
  return spec.waypoints.find((w) => refOf(w) === name || w.service === name);
}

/** How the release names a waypoint: its pod (1.18), its Service's VIP (1.19–1.21), its hostname (1.22+). */
function refFor(spec: ClusterSpec, wp: SpecWaypoint, rel: Release): WaypointRef | undefined {
  const field = rel.ztunnel.waypointField;
  if (field === 'waypoint-addresses') {
    const pod = spec.workloads.find((w) => wp.pods.includes(refOf(w)));
    const ip = pod?.ips.find(isIpv4);
    return ip ? { kind: 'workload', address: ipv4(ip) } : undefined;
  }
  const svc = spec.services.find((s) => refOf(s) === wp.service);
  if (field === 'service-waypoint-hostname')
    return svc
      ? { kind: 'hostname', namespace: svc.namespace, hostname: svc.hostname, port: wp.port }
      : undefined;
  const vip = svc?.vips.find(isIpv4);
  return vip ? { kind: 'service', vip: ipv4(vip), port: wp.port } : undefined;
}

/**
 * A workload's own waypoint; before 1.22 (no Service-attached waypoints) a waypoint the file
 * hangs on a Service is the waypoint of that Service's endpoints, as 1.19–1.21 named it.
 */
function workloadWaypoint(
  spec: ClusterSpec,
  w: SpecWorkload,
  rel: Release,
): WaypointRef | undefined {
  const own = waypointNamed(spec, w.waypoint);
  if (own) return refFor(spec, own, rel);
  if (rel.ztunnel.waypointField === 'service-waypoint-hostname') return undefined;
  const via = spec.services.find(
    (s) => s.waypoint && s.endpoints?.some((e) => e.workload === refOf(w)),
  );
  const wp = waypointNamed(spec, via?.waypoint);
  return wp ? refFor(spec, wp, rel) : undefined;
}

function entry(
  spec: ClusterSpec,
  w: SpecWorkload,
  ip: Ipv4,
  rel: Release,
  written: readonly AuthorizationPolicy[],
): ZtunnelWorkload {
  const waypoint = w.kind === 'app' ? workloadWaypoint(spec, w, rel) : undefined;
  const owner = deploymentOf(w.name);
  const applies = [
    ...spec.policies.filter((p) => p.appliesTo?.includes(refOf(w))).map(refOf),
    ...written
      .filter((ap) => ap.selector && selects(ap, w.labels))
      .map((ap) => `${ap.namespace}/${ap.name}`),
  ];
  return {
    workloadIp: ip,
    ...(waypoint ? { waypoint } : {}),
    protocol: w.enrolled && w.kind === 'app' ? 'HBONE' : 'TCP',
    uid: w.uid?.includes('//Pod/') ? w.uid : `Kubernetes//Pod/${w.namespace}/${w.name}`,
    name: w.name,
    namespace: w.namespace,
    serviceAccount: w.serviceAccount,
    workloadName: owner,
    workloadType: w.kind === 'ztunnel' ? 'daemonset' : 'deployment',
    canonicalName: w.labels['service.istio.io/canonical-name'] ?? w.labels.app ?? owner,
    canonicalRevision:
      w.labels['service.istio.io/canonical-revision'] ?? w.labels.version ?? 'latest',
    node: w.node,
    authorizationPolicies: [...new Set(applies)],
    status: w.healthy === false ? 'Unhealthy' : 'Healthy',
  };
}

function vips(spec: ClusterSpec, s: SpecService, rel: Release): ZtunnelVip[] {
  const wp = waypointNamed(spec, s.waypoint);
  const waypoint =
    wp && rel.ztunnel.waypointField === 'service-waypoint-hostname'
      ? refFor(spec, wp, rel)
      : undefined;
  const endpoints = orderedEndpoints(spec, s).map((e) => e.ip);
  return s.vips.filter(isIpv4).flatMap((vip) =>
    s.ports.map((p) => ({
      vip: ipv4(vip),
      port: p.port,
      targetPort: targetPortOf(spec, s, p.port),
      name: s.name,
      namespace: s.namespace,
      hostname: s.hostname,
      endpoints,
      ...(waypoint ? { waypoint } : {}),
    })),
  );
}

/** The store every ztunnel holds for the file's cluster at the release. */
export function specStore(
  spec: ClusterSpec,
  rel: Release,
  written: readonly AuthorizationPolicy[],
  policies: readonly ZtunnelAuthorization[],
): ZtunnelStore {
  const workloads = spec.workloads.flatMap((w) => {
    const ip = w.ips.find(isIpv4);
    return ip && w.kind !== 'ztunnel' ? [entry(spec, w, ipv4(ip), rel, written)] : [];
  });
  return {
    trustDomain: spec.trustDomain,
    workloads,
    vips: spec.services.flatMap((s) => vips(spec, s, rel)),
    policies: [...policies],
  };
}
