/**
 * ztunnel's view of the mesh as istiod pushes it: workloads keyed by IP (in the format of the
 * article's era, istio/ztunnel@25f8a7c6:src/workload.rs), Service VIPs with their endpoints,
 * and L4 policies. Every proxy decision in the walk is a lookup in this data.
 */
import type { Ipv4 } from '../addresses';
import type { SpiffeId } from '../packet';
import type { ZtunnelAuthorization } from '../policy/types';

/** The workload entry, field for field as the article shows it. */
export interface ZtunnelWorkload {
  readonly workloadIp: Ipv4;
  readonly waypointAddresses: readonly Ipv4[];
  readonly gatewayAddress: null;
  readonly protocol: 'TCP' | 'HBONE';
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly workloadName: string;
  readonly workloadType: 'deployment' | 'daemonset';
  readonly canonicalName: string;
  readonly canonicalRevision: string;
  readonly node: string;
  readonly nativeHbone: boolean;
  readonly authorizationPolicies: readonly string[];
  readonly status: 'Healthy' | 'Unhealthy';
}

export interface ZtunnelVip {
  readonly vip: Ipv4;
  readonly port: number;
  readonly targetPort: number;
  readonly hostname: string;
  readonly endpoints: readonly Ipv4[];
}

export interface ZtunnelStore {
  readonly trustDomain: string;
  readonly workloads: readonly ZtunnelWorkload[];
  readonly vips: readonly ZtunnelVip[];
  readonly policies: readonly ZtunnelAuthorization[];
}

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

export function policiesFor(store: ZtunnelStore, w: ZtunnelWorkload): ZtunnelAuthorization[] {
  return store.policies.filter((p) => w.authorizationPolicies.includes(`${p.namespace}/${p.name}`));
}

/** The `workloads` map of ztunnel's config dump, in the article's JSON format. */
export function workloadsJson(store: ZtunnelStore): Record<string, ZtunnelWorkload> {
  const out: Record<string, ZtunnelWorkload> = {};
  for (const w of store.workloads) out[w.workloadIp] = w;
  return out;
}

/** The `policies` map of the config dump: "namespace/name" → policy (without our notes). */
export function policiesJson(store: ZtunnelStore): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of store.policies) {
    out[`${p.namespace}/${p.name}`] = {
      name: p.name,
      namespace: p.namespace,
      scope: p.scope,
      action: p.action,
      groups: p.groups.map((rule) =>
        rule.map((clause) =>
          clause.map((m) => ({
            ...(m.principals.length ? { principals: m.principals.map((x) => ({ Exact: x })) } : {}),
            ...(m.namespaces.length ? { namespaces: m.namespaces.map((x) => ({ Exact: x })) } : {}),
            ...(m.destinationPorts.length ? { destinationPorts: m.destinationPorts } : {}),
          })),
        ),
      ),
    };
  }
  return out;
}
