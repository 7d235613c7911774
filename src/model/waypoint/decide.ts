/**
 * The waypoint's own decisions (Envoy configured by istiod for a waypoint): which
 * AuthorizationPolicies apply to it, what its RBAC filter says about a request, and where its
 * `connect_originate` cluster sends the request (a VIP resolves to an endpoint; a pod IP is its
 * own endpoint).
 */
import type { Ipv4 } from '../addresses';
import { WalkStopped } from '../stopped';
import type { Cluster, PodInfo, ServiceInfo } from '../cluster/types';
import { gatewayOf } from '../cluster/waypoints';
import { envoyRbac, type PolicyDecision } from '../policy/evaluate';
import { selects } from '../policy/translate';
import type { AuthorizationPolicy } from '../policy/types';
import { principalText, type SpiffeId } from '../packet';
import { fetchWorkload, type ZtunnelWorkload } from '../ztunnel/store';

/** A policy the waypoint takes, and how it is attached. */
export interface AttachedPolicy {
  readonly policy: AuthorizationPolicy;
  readonly via: 'selector' | 'targetRef' | 'namespace';
}

/**
 * The AuthorizationPolicies istiod gives the waypoint (`ListAuthorizationPolicies`): those whose
 * selector matches its labels (`istio.io/gateway-name`), those whose targetRef names its Gateway
 * where the release reads targetRef (1.20), and namespace-wide ones.
 */
export function waypointPolicies(cluster: Cluster, waypoint: PodInfo): AttachedPolicy[] {
  const gateway = gatewayOf(waypoint.labels);
  const attaches = cluster.release.waypoint.attaches;
  return cluster.policies.flatMap((policy): AttachedPolicy[] => {
    if (policy.namespace !== waypoint.namespace) return [];
    if (policy.targetRef?.kind === 'Service') {
      // 1.22+: a policy on a Service binds at the waypoint that Service uses (istio.io/use-waypoint).
      const t = policy.targetRef;
      const svc = cluster.ztunnelStore.vips.find(
        (v) => v.name === t.name && v.namespace === policy.namespace,
      );
      const uses =
        svc?.waypoint?.kind === 'hostname' && svc.waypoint.hostname.startsWith(`${gateway}.`);
      return uses && attaches.includes('targetRefs-service') ? [{ policy, via: 'targetRef' }] : [];
    }
    if (policy.targetRef) {
      const t = policy.targetRef;
      const names =
        t.group === 'gateway.networking.k8s.io' && t.kind === 'Gateway' && t.name === gateway;
      return names && attaches.includes('targetRef') ? [{ policy, via: 'targetRef' }] : [];
    }
    if (!policy.selector) return [{ policy, via: 'namespace' }];
    return selects(policy, waypoint.labels) && attaches.includes('selector')
      ? [{ policy, via: 'selector' }]
      : [];
  });
}

/** The L7 check of `connect_terminate → main_internal` for one request. */
export function waypointRbac(
  cluster: Cluster,
  waypoint: PodInfo,
  req: {
    readonly client?: SpiffeId;
    readonly authority: string;
    readonly method: string;
    readonly path: string;
  },
): PolicyDecision {
  const policies = waypointPolicies(cluster, waypoint).map((a) => a.policy);
  const port = Number(req.authority.split(':')[1]);
  return envoyRbac(policies, {
    ...(req.client
      ? { principal: principalText(req.client), namespace: req.client.namespace }
      : {}),
    dstPort: port,
    method: req.method,
    path: req.path,
  });
}

export interface WaypointRoute {
  /** The Service whose VIP the CONNECT named, when it named one. */
  readonly service?: ServiceInfo;
  readonly vip?: { readonly ip: Ipv4; readonly port: number };
  readonly endpoint: { readonly ip: Ipv4; readonly port: number };
  readonly upstream: ZtunnelWorkload;
}

/** Where `connect_originate` sends a request for `authority` (ORIGINAL_DST, EDS for a VIP). */
export function routeToEndpoint(cluster: Cluster, authority: string): WaypointRoute {
  const [authIp, authPort] = authority.split(':');
  const service = cluster.services.find((s) => s.clusterIp.value === authIp);
  const port = service?.ports.find((p) => p.port === Number(authPort));
  const ip = (service?.endpoints[0]?.ip ?? authIp) as Ipv4;
  const upstream = fetchWorkload(cluster.ztunnelStore, ip);
  if (!upstream) throw new WalkStopped(`waypoint: no upstream for ${ip}`, 'reset');
  return {
    ...(service ? { service, vip: { ip: authIp as Ipv4, port: Number(authPort) } } : {}),
    endpoint: { ip, port: port?.targetPort ?? Number(authPort) },
    upstream,
  };
}

/** The original client a CONNECT names in its Forwarded header, else the TCP peer. */
export function originalClient(headers: Readonly<Record<string, string>>, peer: Ipv4): Ipv4 {
  return (/for=(\d+\.\d+\.\d+\.\d+)/.exec(headers.forwarded ?? '')?.[1] ?? peer) as Ipv4;
}
