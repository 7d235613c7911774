/**
 * ztunnel's `/config_dump` as each release prints it (src/admin.rs `ConfigDump`):
 * - 1.18: `workloads` keyed by IP (every field printed), `vips` ("VIP:port" → [[pod IP,
 *   targetPort]]), `policies` keyed "ns/name" with `groups`;
 * - 1.19: `by_addr` keyed "<network>/<ip>" (fields equal to their default left out),
 *   `waypoint: {destination, port}` naming the waypoint Service's VIP, `by_vip` Services,
 *   `by_key` policies with `rules`;
 * - 1.20: as 1.19, the waypoint as `{destination, hboneMtlsPort, hboneSingleTlsPort}`.
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
