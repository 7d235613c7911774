/** The workload store istiod pushes to every ztunnel, built from the placed pods. */
import type { Ipv4 } from '../addresses';
import { toZtunnelAuthorization, selects } from '../policy/translate';
import type { AuthorizationPolicy } from '../policy/types';
import { httpbinHasWaypoint, sleepHasWaypoint, type Scenario } from '../scenario';
import type { ZtunnelStore, ZtunnelWorkload } from '../ztunnel/store';
import { HTTPBIN_SERVICE, TRUST_DOMAIN } from './kind';
import type { PodRole } from './types';
import type { Placed } from './placement';

export function workloadEntry(
  p: Placed,
  waypoint: Ipv4 | undefined,
  policies: AuthorizationPolicy[],
): ZtunnelWorkload {
  const f = p.facts;
  const isWaypoint = f.role === 'httpbin-waypoint' || f.role === 'sleep-waypoint';
  const workloadName =
    f.role === 'sleep' ? 'sleep' : f.role === 'httpbin' ? 'httpbin' : f.serviceAccount;
  return {
    workloadIp: f.ip,
    waypointAddresses: waypoint ? [waypoint] : [],
    gatewayAddress: null,
    // istiod advertises HBONE for pods annotated ambient.istio.io/redirection: enabled.
    protocol: p.ambient ? 'HBONE' : 'TCP',
    name: f.name,
    namespace: f.namespace,
    serviceAccount: f.serviceAccount,
    workloadName,
    workloadType: 'deployment',
    canonicalName: isWaypoint ? f.serviceAccount : workloadName,
    canonicalRevision: f.labels.version ?? 'latest',
    node: p.node.name,
    nativeHbone: false,
    authorizationPolicies: policies
      .filter((ap) => selects(ap, f.labels))
      .map((ap) => `${ap.namespace}/${ap.name}`),
    status: 'Healthy',
  };
}

export function ztunnelStore(
  pods: Placed[],
  s: Scenario,
  policies: AuthorizationPolicy[],
): ZtunnelStore {
  const ipOf = (role: PodRole): Ipv4 | undefined =>
    pods.find((p) => p.facts.role === role)?.facts.ip;
  const workloads = pods
    .filter((p) => p.facts.role !== 'ztunnel')
    .map((p) => {
      const wp =
        p.facts.role === 'httpbin' && httpbinHasWaypoint(s)
          ? ipOf('httpbin-waypoint')
          : p.facts.role === 'sleep' && sleepHasWaypoint(s)
            ? ipOf('sleep-waypoint')
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
        hostname: HTTPBIN_SERVICE.hostname,
        endpoints: [httpbinIp],
      },
    ],
    policies: policies.map(toZtunnelAuthorization),
  };
}

/** The pod's own netns: lo, eth0 and kindnet's routes. */
