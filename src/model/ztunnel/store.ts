/**
 * ztunnel's view of the mesh as istiod pushes it: workloads, Service VIPs with their endpoints,
 * and L4 policies. Every proxy decision in the walk is a lookup in this data. How a release
 * prints it in its config dump is `configDump.ts`.
 */
import type { Ipv4 } from '../addresses';
import type { SpiffeId } from '../packet';
import type { ZtunnelAuthorization } from '../policy/types';

/**
 * Where a waypoint is: the waypoint pods' addresses (1.18 `waypoint_addresses`), a Service VIP
 * and port that ztunnel resolves to a pod (1.19 `waypoint`, 1.20 and 1.21 from the Gateway's
 * status address), or the waypoint Service's hostname (1.22+, on the destination Service:
 * `{destination: "default/waypoint.default.svc.cluster.local", hboneMtlsPort: 15008}`).
 */
export type WaypointRef =
  | { readonly kind: 'workload'; readonly address: Ipv4 }
  | { readonly kind: 'service'; readonly vip: Ipv4; readonly port: number }
  | {
      readonly kind: 'hostname';
      readonly namespace: string;
      readonly hostname: string;
      readonly port: number;
    };

export interface ZtunnelWorkload {
  readonly workloadIp: Ipv4;
  readonly waypoint?: WaypointRef;
  readonly protocol: 'TCP' | 'HBONE';
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly workloadName: string;
  readonly workloadType: 'deployment' | 'daemonset';
  readonly canonicalName: string;
  readonly canonicalRevision: string;
  readonly node: string;
  readonly authorizationPolicies: readonly string[];
  readonly status: 'Healthy' | 'Unhealthy';
}

export interface ZtunnelVip {
  readonly vip: Ipv4;
  readonly port: number;
  readonly targetPort: number;
  readonly name: string;
  readonly namespace: string;
  readonly hostname: string;
  readonly endpoints: readonly Ipv4[];
  /** The Service's waypoint (1.22+: the Service labelled `istio.io/use-waypoint`). */
  readonly waypoint?: WaypointRef;
}

export interface ZtunnelStore {
  readonly trustDomain: string;
  readonly workloads: readonly ZtunnelWorkload[];
  readonly vips: readonly ZtunnelVip[];
  readonly policies: readonly ZtunnelAuthorization[];
}

/** `fetch_workload`: the workload with this IP. */
export function fetchWorkload(store: ZtunnelStore, ip: Ipv4): ZtunnelWorkload | undefined {
  return store.workloads.find((w) => w.workloadIp === ip);
}

/** spiffe://<trust domain>/ns/<namespace>/sa/<service account> (src/identity/manager.rs). */
export function workloadIdentity(store: ZtunnelStore, w: ZtunnelWorkload): SpiffeId {
  return {
    trustDomain: store.trustDomain,
    namespace: w.namespace,
    serviceAccount: w.serviceAccount,
  };
}

export interface Upstream {
  readonly workload: ZtunnelWorkload;
  /** The port on the workload: the Service's targetPort, or the original port. */
  readonly port: number;
  readonly viaVip?: ZtunnelVip;
}

/**
 * `fetch_upstream`: a Service VIP resolves to one endpoint (ztunnel load-balances; the walk
 * takes the first) and its target port; a pod IP resolves to itself.
 */
export function fetchUpstream(store: ZtunnelStore, ip: Ipv4, port: number): Upstream | undefined {
  const vip = store.vips.find((v) => v.vip === ip && v.port === port);
  if (vip) {
    const epIp = vip.endpoints[0];
    const workload = epIp ? fetchWorkload(store, epIp) : undefined;
    return workload ? { workload, port: vip.targetPort, viaVip: vip } : undefined;
  }
  const workload = fetchWorkload(store, ip);
  return workload ? { workload, port } : undefined;
}

export interface WaypointUpstream {
  readonly workload: ZtunnelWorkload;
  readonly port: number;
  readonly via?: ZtunnelVip;
}

/** The waypoint pod a waypoint reference leads to, and its port. */
export function resolveWaypoint(
  store: ZtunnelStore,
  ref: WaypointRef | undefined,
): WaypointUpstream | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'workload') {
    const workload = fetchWorkload(store, ref.address);
    return workload ? { workload, port: 15008 } : undefined;
  }
  if (ref.kind === 'hostname') {
    // `find_upstream_from_service(…, hbone_mtls_port, ServiceResolutionMode::Waypoint)`.
    const svc = store.vips.find((v) => v.hostname === ref.hostname && v.port === ref.port);
    const ip = svc?.endpoints[0];
    const workload = ip ? fetchWorkload(store, ip) : undefined;
    return workload && svc ? { workload, port: ref.port, via: svc } : undefined;
  }
  const up = fetchUpstream(store, ref.vip, ref.port);
  return up?.viaVip ? { workload: up.workload, port: up.port, via: up.viaVip } : undefined;
}

/** The waypoint pod a workload's waypoint reference leads to (`fetch_waypoint`), and its port. */
export function fetchWaypoint(
  store: ZtunnelStore,
  w: ZtunnelWorkload,
): WaypointUpstream | undefined {
  return resolveWaypoint(store, w.waypoint);
}

/** The Service with this VIP and port, if any. */
export function fetchService(store: ZtunnelStore, ip: Ipv4, port: number): ZtunnelVip | undefined {
  return store.vips.find((v) => v.vip === ip && v.port === port);
}

/**
 * The policies ztunnel checks for a connection to `w` (`assert_rbac`): the namespace's, the
 * global ones, then those that select the workload.
 */
export function policiesFor(store: ZtunnelStore, w: ZtunnelWorkload): ZtunnelAuthorization[] {
  const key = (p: ZtunnelAuthorization): string => `${p.namespace}/${p.name}`;
  return [
    ...store.policies.filter((p) => p.scope === 'Namespace' && p.namespace === w.namespace),
    ...store.policies.filter((p) => p.scope === 'Global'),
    ...store.policies.filter(
      (p) => p.scope === 'WorkloadSelector' && w.authorizationPolicies.includes(key(p)),
    ),
  ];
}
