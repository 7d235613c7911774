/**
 * ztunnel's `/config_dump` as each release prints it (src/admin.rs `ConfigDump`):
 * - 1.18: `workloads` keyed by IP (every field printed), `vips` ("VIP:port" → [[pod IP,
 *   targetPort]]), `policies` keyed "ns/name" with `groups`;
 * - 1.19: `by_addr` keyed "<network>/<ip>" (fields equal to their default left out),
 *   `waypoint: {destination, port}` naming the waypoint Service's VIP, `by_vip` Services,
 *   `by_key` policies with `rules`;
 * - 1.20: as 1.19, the waypoint as `{destination, hboneMtlsPort, hboneSingleTlsPort}`;
 * - 1.21: the flattened stores, snake_case `by_addr`/`by_vip`/`by_key`, printed as 1.20's;
 * - 1.23+: lists `workloads`, `services`, `policies` of camelCase objects with their keys sorted
 *   (the dump is a serde_json map), the waypoint `{destination, hboneMtlsPort}` (a Service's by
 *   hostname, "default/waypoint.default.svc.cluster.local"), and `workloadState` by pod UID
 *   (src/admin.rs `ConfigDump`, src/state.rs `ProxyStateSerialization`, src/inpod/admin.rs).
 */
import type { RbacMatch, ZtunnelAuthorization } from '../policy/types';
import type { Release } from '../releases';
import type { WaypointRef, ZtunnelStore, ZtunnelWorkload } from './store';

/** One keyed entry of a config-dump map, with the id a hop's ref names it by. */
export interface DumpEntry {
  readonly key: string;
  readonly id?: string;
  readonly value: unknown;
}

export interface DumpSection {
  readonly key: string;
  readonly entries: readonly DumpEntry[];
  /** 1.23+: a JSON list (each entry's `key` only names it), not a map. */
  readonly list?: boolean;
}

/** serde_json's map keeps its keys sorted: the 1.23+ dump prints every object that way. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sorted(v)]),
  );
}

const CLUSTER_ID = 'Kubernetes';

function matchJson(m: RbacMatch): Record<string, unknown> {
  return {
    ...(m.principals.length ? { principals: m.principals.map((x) => ({ Exact: x })) } : {}),
    ...(m.namespaces.length ? { namespaces: m.namespaces.map((x) => ({ Exact: x })) } : {}),
    ...(m.destinationPorts.length ? { destinationPorts: m.destinationPorts } : {}),
  };
}

function policyJson(p: ZtunnelAuthorization, levels: 'groups' | 'rules'): Record<string, unknown> {
  return {
    name: p.name,
    namespace: p.namespace,
    scope: p.scope,
    action: p.action,
    [levels]: p.groups.map((rule) => rule.map((clause) => clause.map(matchJson))),
  };
}

function waypoint118(w: ZtunnelWorkload): string[] {
  return w.waypoint?.kind === 'workload' ? [w.waypoint.address] : [];
}

function waypointLater(ref: WaypointRef | undefined, v: Release['ztunnel']['configDump']): unknown {
  if (!ref) return undefined;
  const destination =
    ref.kind === 'hostname'
      ? `${ref.namespace}/${ref.hostname}`
      : `/${ref.kind === 'service' ? ref.vip : ref.address}`;
  const port = ref.kind === 'workload' ? 15008 : ref.port;
  return v === '1.19'
    ? { destination, port }
    : v === '1.23'
      ? { destination, hboneMtlsPort: port }
      : { destination, hboneMtlsPort: port, hboneSingleTlsPort: null };
}

function workload118(w: ZtunnelWorkload, trustDomain: string): Record<string, unknown> {
  return {
    workloadIp: w.workloadIp,
    waypointAddresses: waypoint118(w),
    gatewayAddress: null,
    protocol: w.protocol,
    name: w.name,
    namespace: w.namespace,
    trustDomain,
    serviceAccount: w.serviceAccount,
    workloadName: w.workloadName,
    workloadType: w.workloadType,
    canonicalName: w.canonicalName,
    canonicalRevision: w.canonicalRevision,
    node: w.node,
    nativeHbone: false,
    authorizationPolicies: w.authorizationPolicies,
    status: w.status,
    clusterId: CLUSTER_ID,
  };
}

function workloadLater(
  w: ZtunnelWorkload,
  trustDomain: string,
  v: Release['ztunnel']['configDump'],
): Record<string, unknown> {
  const waypoint = waypointLater(w.waypoint, v);
  return {
    workloadIps: [w.workloadIp],
    ...(waypoint ? { waypoint } : {}),
    protocol: w.protocol,
    uid: w.uid,
    name: w.name,
    namespace: w.namespace,
    trustDomain,
    serviceAccount: w.serviceAccount,
    workloadName: w.workloadName,
    workloadType: w.workloadType,
    canonicalName: w.canonicalName,
    canonicalRevision: w.canonicalRevision,
    node: w.node,
    ...(w.authorizationPolicies.length ? { authorizationPolicies: w.authorizationPolicies } : {}),
    status: w.status,
    clusterId: CLUSTER_ID,
  };
}

/** The config dump's maps, in the release's shape. */
export function configDump(store: ZtunnelStore, rel: Release): DumpSection[] {
  const v = rel.ztunnel.configDump;
  const policies: DumpEntry[] = store.policies.map((p) => ({
    key: `${p.namespace}/${p.name}`,
    id: `policy/${p.namespace}/${p.name}`,
    value: policyJson(p, rel.ztunnel.rbac.levels),
  }));
  if (v === '1.18') {
    return [
      {
        key: 'workloads',
        entries: store.workloads.map((w) => ({
          key: w.workloadIp,
          id: `workload/${w.workloadIp}`,
          value: workload118(w, store.trustDomain),
        })),
      },
      {
        key: 'vips',
        entries: store.vips.map((s) => ({
          key: `${s.vip}:${s.port}`,
          value: s.endpoints.map((ip) => [ip, s.targetPort]),
        })),
      },
      { key: 'policies', entries: policies },
    ];
  }
  const byUid = (ip: string): string => store.workloads.find((w) => w.workloadIp === ip)?.uid ?? ip;
  if (v === '1.23') return dump123(store, rel, byUid);
  return [
    {
      key: 'by_addr',
      entries: store.workloads.map((w) => ({
        key: `/${w.workloadIp}`,
        id: `workload/${w.workloadIp}`,
        value: workloadLater(w, store.trustDomain, v),
      })),
    },
    {
      key: 'by_vip',
      entries: store.vips.map((s) => ({
        key: `/${s.vip}`,
        value: {
          name: s.name,
          namespace: s.namespace,
          hostname: s.hostname,
          vips: [`/${s.vip}`],
          ports: { [String(s.port)]: s.targetPort },
          endpoints: Object.fromEntries(
            s.endpoints.map((ip) => [
              `${byUid(ip)}:/${ip}`,
              {
                workloadUid: byUid(ip),
                service: `${s.namespace}/${s.hostname}`,
                address: `/${ip}`,
                port: { [String(s.port)]: s.targetPort },
              },
            ]),
          ),
          subjectAltNames: [],
        },
      })),
    },
    { key: 'by_key', entries: policies },
  ];
}

/** 1.23+: lists, keys sorted, Services with their waypoint, and the in-pod workload state. */
function dump123(store: ZtunnelStore, rel: Release, byUid: (ip: string) => string): DumpSection[] {
  const workloads: DumpEntry[] = store.workloads.map((w) => ({
    key: w.workloadIp,
    id: `workload/${w.workloadIp}`,
    value: sorted({
      ...workloadLater(w, store.trustDomain, '1.23'),
      networkMode: 'Standard',
      // 1.26+ prints a capacity on every workload (ztunnel src/state/workload.rs).
      ...(Number(rel.tags.ztunnel.split('.')[1]) >= 26 ? { capacity: 1 } : {}),
    }),
  }));
  const services: DumpEntry[] = store.vips.map((s) => ({
    key: `${s.namespace}/${s.hostname}`,
    id: `service/${s.namespace}/${s.hostname}`,
    value: sorted({
      name: s.name,
      namespace: s.namespace,
      hostname: s.hostname,
      vips: [`/${s.vip}`],
      ports: { [String(s.port)]: s.targetPort },
      endpoints: Object.fromEntries(
        s.endpoints.map((ip) => [
          byUid(ip),
          { workloadUid: byUid(ip), port: { [String(s.port)]: s.targetPort }, status: 'Healthy' },
        ]),
      ),
      subjectAltNames: [],
      ...(s.waypoint ? { waypoint: waypointLater(s.waypoint, '1.23') } : {}),
    }),
  }));
  const policies: DumpEntry[] = store.policies.map((p) => ({
    key: `${p.namespace}/${p.name}`,
    id: `policy/${p.namespace}/${p.name}`,
    value: sorted({ ...policyJson(p, rel.ztunnel.rbac.levels), dryRun: false }),
  }));
  return [
    { key: 'policies', entries: policies, list: true },
    { key: 'services', entries: services, list: true },
    { key: 'workloads', entries: workloads, list: true },
  ];
}
