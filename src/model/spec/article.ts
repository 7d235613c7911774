/**
 * The article's kind cluster as a scenario file, read from the data the walks are built from
 * (`cluster/kind.ts`, `cluster/placement.ts`, `cluster/policies.ts`) with each value's
 * provenance; and the way back: which of the article's scenarios a scenario file describes,
 * when it describes one exactly. Until the builders take a ClusterSpec, this is how a file of
 * the article's cluster is walked.
 */
import {
  HTTPBIN_SERVICE,
  KUBE_DNS_SERVICE,
  NODES,
  TRUST_DOMAIN,
  INTERNAL_IP_PROV,
} from '../cluster/kind';
import { placePods, type Placed } from '../cluster/placement';
import { clusterServices } from '../cluster/services';
import { waypointNames, type WaypointRole } from '../cluster/waypoints';
import { policiesFor } from '../cluster/policies';
import type { AuthorizationPolicy } from '../policy/types';
import type { Provenance } from '../provenance';
import { RELEASES } from '../releases';
import { releaseFits } from '../releases/ids';
import { DEFAULT_SCENARIO, SCENARIO_KNOBS, type IstioChoice, type Scenario } from '../scenario';
import type {
  ClusterSpec,
  FieldProvenance,
  SpecPolicy,
  SpecProvenance,
  SpecService,
  SpecWaypoint,
  SpecWorkload,
} from './types';

const ARTICLE_SOURCE: SpecProvenance = {
  kind: 'article',
  note: 'the Solo.io article “Traffic in ambient mesh: Ztunnel, eBPF configuration, and waypoint proxies (part 3)”; values it does not give are labelled',
};

/** The model's provenance as a scenario file writes it; article values need no label. */
function prov(p: Provenance): SpecProvenance | undefined {
  if (p.kind === 'article') return undefined;
  return {
    kind: p.kind,
    ...('ref' in p ? { ref: p.ref } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
  };
}

function fields(entries: Record<string, Provenance>): FieldProvenance | undefined {
  const out: Record<string, SpecProvenance> = {};
  for (const [k, p] of Object.entries(entries)) {
    const s = prov(p);
    if (s) out[k] = s;
  }
  return Object.keys(out).length ? out : undefined;
}

const ILLUSTRATIVE_UID: Provenance = { kind: 'illustrative', note: 'pod UID' };

function workload(
  p: Placed,
  waypoints: readonly SpecWaypoint[],
  onService: boolean,
  pods: readonly Placed[],
): SpecWorkload {
  const f = p.facts;
  const kind = f.role === 'ztunnel' ? 'ztunnel' : f.role.endsWith('-waypoint') ? 'waypoint' : 'app';
  const wpPod = pods.find((x) => x.facts.role === `${f.role}-waypoint`);
  const own =
    kind === 'app' && !onService && wpPod
      ? waypoints.find((w) => w.pods.includes(`${wpPod.facts.namespace}/${wpPod.facts.name}`))
      : undefined;
  const provenance = fields({ name: f.nameProv, ips: f.ipProv, uid: ILLUSTRATIVE_UID });
  return {
    name: f.name,
    namespace: f.namespace,
    serviceAccount: f.serviceAccount,
    node: p.node.name,
    ips: [f.ip],
    labels: f.labels,
    enrolled: p.ambient,
    kind,
    uid: f.uid,
    ...(own ? { waypoint: `${own.namespace}/${own.name}` } : {}),
    ...(provenance ? { provenance } : {}),
  };
}

function policy(ap: AuthorizationPolicy): SpecPolicy {
  const provenance = fields({ rules: ap.prov });
  return {
    name: ap.name,
    namespace: ap.namespace,
    action: ap.action,
    ...(ap.selector ? { selector: ap.selector } : {}),
    ...(ap.targetRef ? { targetRefs: [ap.targetRef] } : {}),
    rules: ap.rules.map((r) => ({
      ...(r.from ? { from: r.from.map((s) => ({ ...s })) } : {}),
      ...(r.to ? { to: r.to.map((o) => ({ ...o })) } : {}),
    })),
    ...(provenance ? { provenance } : {}),
  };
}

/**
 * The article's cluster for a scenario as a scenario file: the two kind nodes, sleep, httpbin,
 * the ztunnels, the waypoints the scenario has, the policy, and curl's request.
 */
export function articleSpec(s: Scenario = DEFAULT_SCENARIO): ClusterSpec {
  const rel = RELEASES[s.istio];
  const pods = placePods(s, rel);
  // 1.22+: a waypoint serves the Services labelled to use it; before, the workloads.
  const onService = rel.ztunnel.waypointField === 'service-waypoint-hostname';
  const waypoints: SpecWaypoint[] = pods
    .filter((p) => p.facts.role === 'httpbin-waypoint' || p.facts.role === 'sleep-waypoint')
    .map((p) => {
      const names = waypointNames(p.facts.role as WaypointRole, rel);
      return {
        name: names.gateway,
        namespace: p.facts.namespace,
        for: onService ? 'service' : 'workload',
        service: `${p.facts.namespace}/${names.name}`,
        pods: [`${p.facts.namespace}/${p.facts.name}`],
        port: 15008,
      };
    });
  const refOfRole = (role: string): string | undefined => {
    const p = pods.find((x) => x.facts.role === role);
    return p ? `${p.facts.namespace}/${p.facts.name}` : undefined;
  };
  const waypointOf = (role: 'httpbin' | 'sleep'): SpecWaypoint | undefined => {
    const pod = refOfRole(`${role}-waypoint`);
    return waypoints.find((w) => pod !== undefined && w.pods.includes(pod));
  };
  const sleep = pods.find((p) => p.facts.role === 'sleep') as Placed;
  const services: SpecService[] = clusterServices(pods, rel)
    .filter((svc) => svc.name !== KUBE_DNS_SERVICE.name)
    .map((svc): SpecService => {
      const served = svc.endpoints[0]?.role;
      const wp =
        onService && (served === 'httpbin' || served === 'sleep')
          ? waypointOf(served as 'httpbin' | 'sleep')
          : undefined;
      const isHttpbin = svc.name === HTTPBIN_SERVICE.name;
      return {
        name: svc.name,
        namespace: svc.namespace,
        hostname: svc.hostname,
        vips: [svc.clusterIp.value],
        ports: svc.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort })),
        endpoints: svc.endpoints.flatMap((e) => {
          const ref = e.role ? refOfRole(e.role) : undefined;
          return ref ? [{ workload: ref }] : [];
        }),
        ...(isHttpbin ? { selector: { app: 'httpbin' } } : {}),
        ...(wp ? { waypoint: `${wp.namespace}/${wp.name}` } : {}),
        provenance: { vips: prov(svc.clusterIp.prov) as SpecProvenance },
      };
    });
  return {
    version: 1,
    name: 'The article’s kind cluster',
    description: 'sleep → httpbin:8000 on a two-node kind cluster, as in the Solo.io article.',
    source: ARTICLE_SOURCE,
    mode: s.redirect,
    istio: s.istio,
    firewall: s.firewall,
    trustDomain: TRUST_DOMAIN,
    clusterDomain: 'cluster.local',
    dnsCapture: s.dns === 'on',
    nodes: [NODES.A, NODES.B].map((n) => ({
      name: n.name,
      internalIp: n.internalIp,
      podCidr: n.podCidr,
      provenance: fields({ internalIp: INTERNAL_IP_PROV, podCidr: n.podCidrProv }) ?? {},
    })),
    workloads: pods.map((p) => workload(p, waypoints, onService, pods)),
    services,
    waypoints,
    policies: policiesFor(s, RELEASES[s.istio]).map(policy),
    request: {
      from: `${sleep.facts.namespace}/${sleep.facts.name}`,
      to: `${HTTPBIN_SERVICE.name}:${HTTPBIN_SERVICE.port}`,
      method: 'GET',
      path: '/get',
    },
  };
}

/** The spec's facts without names, words and labels, keys sorted: two equal clusters compare equal. */
function canonical(value: unknown): string {
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    if (x === null || typeof x !== 'object') return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) {
      if (k === 'provenance') continue;
      const v = (x as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = strip(v);
    }
    return out;
  };
  const { name, description, source, ...rest } = value as ClusterSpec;
  void name;
  void description;
  void source;
  return JSON.stringify(strip(rest));
}

/**
 * The article's scenario a spec describes, when the spec is exactly the article's cluster for
 * one of them (values may be relabelled and renamed, not changed); undefined otherwise.
 */
export function articleScenarioOf(spec: ClusterSpec): Scenario | undefined {
  const istio = spec.istio as IstioChoice;
  if (!(SCENARIO_KNOBS.istio as readonly string[]).includes(istio)) return undefined;
  if (!releaseFits(spec.mode, istio)) return undefined;
  const sleep = spec.workloads.find((w) => w.serviceAccount === 'sleep' && w.kind === 'app');
  const httpbin = spec.workloads.find((w) => w.serviceAccount === 'httpbin' && w.kind === 'app');
  if (!sleep || !httpbin) return undefined;
  // A waypoint serves httpbin (sleep) when the workload or its Service names it.
  const has = (app: string): boolean =>
    spec.workloads.some((w) => w.serviceAccount === app && w.kind === 'app' && w.waypoint) ||
    spec.services.some((x) => x.name === app && x.waypoint !== undefined);
  const policy = spec.policies.some((p) => p.name === 'httpbin-viewer')
    ? 'deny-l4'
    : spec.policies.some((p) => p.name === 'httpbin-deny-get')
      ? 'deny-l7'
      : 'allow';
  const s: Scenario = {
    redirect: spec.mode,
    istio,
    waypoint: has('httpbin')
      ? has('sleep')
        ? 'both'
        : 'httpbin'
      : has('sleep')
        ? 'sleep'
        : 'none',
    placement: sleep.node === httpbin.node ? 'same-node' : 'cross-node',
    dns: spec.dnsCapture ? 'on' : 'off',
    policy,
    source: sleep.enrolled ? 'mesh' : 'outside',
    firewall: spec.firewall,
  };
  return canonical(articleSpec(s)) === canonical(spec) ? s : undefined;
}
