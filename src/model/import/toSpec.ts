/**
 * ztunnel's objects (from any dump shape) as the scenario file's: workloads with their node,
 * IPs, identity and enrolment; Services with VIPs, ports and endpoints; waypoints found from
 * the references to them; ztunnel's RBAC as AuthorizationPolicy-like rules; nodes from the
 * workloads' `node`. Values the dump does not have are labelled (inferred or illustrative).
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type {
  SpecEndpoint,
  SpecNode,
  SpecPolicy,
  SpecProvenance,
  SpecService,
  SpecWaypoint,
  SpecWorkload,
} from '../spec/types';
import { nodesOf } from './nodes';
import { policiesOf } from './policies';
import { isObj, listOrMap, type RawDump } from './shape';

type Obj = Record<string, unknown>;
const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : d);
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/;
export { NO_NODE } from './nodes';
import { NO_NODE } from './nodes';

/** `network/10.0.0.1` or `10.0.0.1` → `10.0.0.1`. */
export function stripNetwork(a: string): string {
  const i = a.indexOf('/');
  return i >= 0 && IP.test(a.slice(i + 1)) ? a.slice(i + 1) : a;
}

function inferred(note: string): SpecProvenance {
  return { kind: 'inferred', ref: 'the pasted dump', note };
}

export interface Parts {
  readonly nodes: SpecNode[];
  readonly workloads: SpecWorkload[];
  readonly services: SpecService[];
  readonly waypoints: SpecWaypoint[];
  readonly policies: SpecPolicy[];
  /** Service ref → a waypoint destination the dump does not resolve. */
  readonly unresolvedWaypoints: Readonly<Record<string, string>>;
  readonly diagnostics: Diagnostic[];
  readonly trustDomain: string;
}

/** Merges the dumps' objects (a later duplicate of the same uid or hostname wins). */
export function merge(dumps: readonly RawDump[]): {
  workloads: Obj[];
  services: Obj[];
  policies: Obj[];
} {
  const w = new Map<string, Obj>();
  const s = new Map<string, Obj>();
  const p = new Map<string, Obj>();
  for (const d of dumps) {
    for (const o of d.workloads) w.set(str(o.uid) || `${str(o.namespace)}/${str(o.name)}`, o);
    for (const o of d.services) s.set(`${str(o.namespace)}/${str(o.hostname)}`, o);
    for (const o of d.policies) p.set(`${str(o.namespace)}/${str(o.name)}`, o);
  }
  return { workloads: [...w.values()], services: [...s.values()], policies: [...p.values()] };
}

/** The scenario file's objects from the merged dump objects. */
export function toParts(objs: ReturnType<typeof merge>, where: string): Parts {
  const diagnostics: Diagnostic[] = [];
  const trustDomains = new Map<string, number>();
  const byUid = new Map<string, string>();
  const waypointUsers = new Map<string, Set<'service' | 'workload'>>();
  const svcByHost = new Map<string, Obj>();
  const svcByVip = new Map<string, Obj>();
  for (const s of objs.services) {
    // Only Services that become the spec's (named, namespaced) can be a waypoint's.
    if (!str(s.name) || !str(s.namespace)) continue;
    svcByHost.set(`${str(s.namespace)}/${str(s.hostname)}`, s);
    for (const v of Array.isArray(s.vips) ? s.vips : []) svcByVip.set(stripNetwork(str(v)), s);
  }
  const unresolved: Record<string, string> = {};
  let portLost = false;
  /** A waypoint destination → the ref of its Service, or undefined. */
  const waypointOf = (g: unknown, user: 'service' | 'workload'): string | undefined => {
    if (!isObj(g)) return undefined;
    if (!('hboneMtlsPort' in g)) portLost = true;
    const dest = str(g.destination);
    const svc = svcByHost.get(dest) ?? svcByVip.get(stripNetwork(dest));
    if (!svc) return undefined;
    const ref = `${str(svc.namespace)}/${str(svc.name)}`;
    const users = waypointUsers.get(ref) ?? new Set();
    users.add(user);
    waypointUsers.set(ref, users);
    return ref;
  };

  const seen = new Set<string>();
  const workloads: SpecWorkload[] = [];
  let noNode = 0;
  let skipped = 0;
  for (const w of objs.workloads) {
    const name = str(w.name);
    const namespace = str(w.namespace);
    const ips = (Array.isArray(w.workloadIps) ? w.workloadIps : [w.workloadIp])
      .map((x) => stripNetwork(str(x)))
      .filter((x) => IP.test(x));
    if (!name || !namespace || seen.has(`${namespace}/${name}`)) {
      skipped++;
      continue;
    }
    seen.add(`${namespace}/${name}`);
    if (str(w.uid)) byUid.set(str(w.uid), `${namespace}/${name}`);
    const td = str(w.trustDomain, 'cluster.local');
    trustDomains.set(td, (trustDomains.get(td) ?? 0) + 1);
    const node = str(w.node) || NO_NODE;
    if (node === NO_NODE) noNode++;
    const canonical = str(w.canonicalName);
    const labels: Record<string, string> = {};
    if (canonical) labels.app = canonical;
    if (str(w.canonicalRevision) && str(w.canonicalRevision) !== 'latest')
      labels.version = str(w.canonicalRevision);
    const prov: Record<string, SpecProvenance> = {};
    if (Object.keys(labels).length)
      prov.labels = inferred('app/version from canonicalName/canonicalRevision');
    if (!str(w.serviceAccount))
      prov.serviceAccount = inferred('the dump gives none; Kubernetes uses “default”');
    if (node === NO_NODE)
      prov.node = inferred('the dump gives no node (a VM, a ServiceEntry or the API server)');
    const wp = waypointOf(w.waypoint, 'workload');
    if (isObj(w.waypoint) && !wp) unresolved[`${namespace}/${name}`] = str(w.waypoint.destination);
    const isZtunnel =
      canonical === 'ztunnel' || (namespace === 'istio-system' && /^ztunnel-/.test(name));
    workloads.push({
      name,
      namespace,
      serviceAccount: str(w.serviceAccount, 'default'),
      node,
      ips,
      labels,
      enrolled: w.protocol === 'HBONE',
      kind: isZtunnel ? 'ztunnel' : 'app',
      ...(str(w.uid) ? { uid: str(w.uid) } : {}),
      ...(wp ? { waypoint: wp } : {}),
      healthy: w.status !== 'Unhealthy',
      ...(Object.keys(prov).length ? { provenance: prov } : {}),
    });
  }
  if (skipped)
    diagnostics.push(
      diag(
        'E_WORKLOAD_SKIPPED',
        'warning',
        `${skipped} workload entr${skipped === 1 ? 'y was' : 'ies were'} left out: no name or namespace, or listed twice.`,
        undefined,
        where,
      ),
    );
  if (noNode)
    diagnostics.push(
      diag(
        'E_NO_NODE',
        'info',
        `${noNode} workload${noNode === 1 ? ' has' : 's have'} no node in the dump (VMs, ServiceEntries, the API server); they are shown under “${NO_NODE}”.`,
        undefined,
        where,
      ),
    );

  // Endpoints from workloads' `services` (istiod's view and istioctl's arrays leave them out).
  const membersOf = new Map<string, string[]>();
  for (const w of objs.workloads)
    for (const s of Array.isArray(w.services) ? w.services : [])
      membersOf.set(str(s), [
        ...(membersOf.get(str(s)) ?? []),
        `${str(w.namespace)}/${str(w.name)}`,
      ]);

  const services: SpecService[] = [];
  const serviceSeen = new Set<string>();
  let endpointsUnknown = 0;
  for (const s of objs.services) {
    const name = str(s.name);
    const namespace = str(s.namespace);
    const hostname = str(s.hostname) || `${name}.${namespace}.svc.cluster.local`;
    if (!name || !namespace || serviceSeen.has(`${namespace}/${name}`)) continue;
    serviceSeen.add(`${namespace}/${name}`);
    const ports = Object.entries(isObj(s.ports) ? s.ports : {})
      .map(([p, t]) => ({ port: Number(p), targetPort: Number(t) }))
      .filter(
        (p) =>
          Number.isInteger(p.port) &&
          p.port >= 0 &&
          p.port < 65536 &&
          Number.isInteger(p.targetPort) &&
          p.targetPort >= 0 &&
          p.targetPort < 65536,
      );
    const endpoints: SpecEndpoint[] = [];
    for (const e of listOrMap(s.endpoints)) {
      const ref = byUid.get(str(e.workloadUid));
      if (!ref) {
        endpointsUnknown++;
        continue;
      }
      const named = ports.some((p) => p.targetPort === 0);
      const targetPorts = isObj(e.port)
        ? Object.fromEntries(Object.entries(e.port).map(([k, v]) => [k, Number(v)]))
        : undefined;
      endpoints.push({
        workload: ref,
        ...(named && targetPorts ? { targetPorts } : {}),
        ...('status' in e ? { healthy: e.status === 'Healthy' } : {}),
      });
    }
    if (!isObj(s.endpoints))
      for (const ref of membersOf.get(`${namespace}/${hostname}`) ?? [])
        if (seen.has(ref)) endpoints.push({ workload: ref });
    const wp = waypointOf(s.waypoint, 'service');
    if (isObj(s.waypoint) && !wp) unresolved[`${namespace}/${name}`] = str(s.waypoint.destination);
    services.push({
      name,
      namespace,
      hostname,
      vips: (Array.isArray(s.vips) ? s.vips : [])
        .map((v) => stripNetwork(str(v)))
        .filter((v) => IP.test(v)),
      ports,
      endpoints,
      ...(wp ? { waypoint: wp } : {}),
    });
  }
  if (endpointsUnknown)
    diagnostics.push(
      diag(
        'E_ENDPOINT_UNKNOWN',
        'warning',
        `${endpointsUnknown} Service endpoint${endpointsUnknown === 1 ? ' names a workload' : 's name workloads'} the input does not list; they are left out.`,
        'Paste the workloads too (`istioctl ztunnel-config all -o json`).',
        where,
      ),
    );
  for (const [ref, dest] of Object.entries(unresolved))
    diagnostics.push(
      diag(
        'E_WAYPOINT_UNRESOLVED',
        'warning',
        `Waypoint ${dest} is referenced by ${ref} but not in this dump; ztunnel would fail with “unknown waypoint”.`,
        'Paste a dump that has the waypoint’s Service, or walk another destination.',
        where,
      ),
    );
  if (portLost)
    diagnostics.push(
      diag(
        'E_WAYPOINT_PORT_LOST',
        'warning',
        'Waypoint port not in the input; assuming 15008.',
        undefined,
        where,
      ),
    );

  const waypoints: SpecWaypoint[] = [...waypointUsers.entries()].flatMap(([ref, users]) => {
    const svc = services.find((s) => `${s.namespace}/${s.name}` === ref);
    if (!svc) return [];
    const pods = (svc.endpoints ?? []).map((e) => e.workload);
    for (const w of workloads)
      if (pods.includes(`${w.namespace}/${w.name}`)) Object.assign(w, { kind: 'waypoint' });
    const kind = users.size === 2 ? 'all' : users.has('service') ? 'service' : 'workload';
    return {
      name: svc.name,
      namespace: svc.namespace,
      for: kind,
      service: ref,
      pods,
      port: 15008,
      provenance: {
        for: inferred(`which objects name it as their waypoint: ${[...users].join(' and ')}s`),
        name: inferred('the Gateway is named as its Service'),
      },
    };
  });

  const policies = policiesOf(objs.policies, objs.workloads, diagnostics, where);
  const nodes = nodesOf(workloads, objs.workloads);
  const trustDomain =
    [...trustDomains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'cluster.local';
  return {
    nodes,
    workloads,
    services,
    waypoints,
    policies,
    unresolvedWaypoints: unresolved,
    diagnostics,
    trustDomain,
  };
}
