/**
 * The waypoints' names as each release's controller makes them. Up to 1.21 a waypoint is a
 * Gateway named after the service account it serves ("httpbin"), deployed as
 * "<gateway>-istio-waypoint"; from 1.22 the waypoint class has no name suffix, so the
 * Deployment, Service and service account take the Gateway's name, and `istioctl waypoint
 * apply` calls the Gateway "waypoint". The pods, addresses and VIPs stay those of kind.ts.
 */
import { ipv4, type Ipv4 } from '../addresses';
import { illustrative, inferred, type Provenance } from '../provenance';
import type { Release } from '../releases';
import { WAYPOINT_SERVICES, type PodFacts } from './kind';

export type WaypointRole = keyof typeof WAYPOINT_SERVICES;

export interface WaypointNames {
  /** The Gateway (gateway.networking.k8s.io) the waypoint is. */
  readonly gateway: string;
  /** Its Deployment, service account and Service. */
  readonly name: string;
  readonly serviceVip: Ipv4;
}

/** 1.22+: the Gateway's own name; httpbin's is the one `istioctl waypoint apply` makes. */
const GATEWAY_NAMED: Readonly<Record<WaypointRole, { gateway: string; pod: string }>> = {
  'httpbin-waypoint': { gateway: 'waypoint', pod: 'waypoint-66b59898f5-8k2ns' },
  'sleep-waypoint': { gateway: 'sleep-waypoint', pod: 'sleep-waypoint-5c7f9d8b6-m5n8p' },
};

/** The waypoint's Gateway, Deployment/Service name and VIP at the release. */
export function waypointNames(role: WaypointRole, rel: Release): WaypointNames {
  const svc = WAYPOINT_SERVICES[role];
  if (rel.waypoint.naming === 'gateway-name') {
    const g = GATEWAY_NAMED[role].gateway;
    return { gateway: g, name: g, serviceVip: svc.clusterIp };
  }
  return {
    gateway: role.replace(/-waypoint$/, ''),
    name: svc.name,
    serviceVip: svc.clusterIp,
  };
}

/** The waypoint pod's facts at the release: kind.ts's pod, renamed the release's way. */
export function waypointPodFacts(facts: PodFacts, rel: Release): PodFacts {
  if (rel.waypoint.naming !== 'gateway-name') return facts;
  const role = facts.role as WaypointRole;
  const named = GATEWAY_NAMED[role];
  const nameProv: Provenance = inferred(
    rel.src.waypointTemplate,
    `Deployment and service account take the Gateway's name (the waypoint class has disableNameSuffix); the Gateway "${named.gateway}" and the pod suffix are illustrative`,
  );
  return {
    ...facts,
    name: named.pod,
    nameProv,
    serviceAccount: named.gateway,
    labels: {
      'gateway.networking.k8s.io/gateway-name': named.gateway,
      'istio.io/dataplane-mode': 'none',
      'gateway.istio.io/managed': 'istio.io-mesh-controller',
    },
  };
}

/** The Gateway a waypoint pod belongs to, from its labels (either release's label). */
export function gatewayOf(labels: Readonly<Record<string, string>>): string | undefined {
  return labels['istio.io/gateway-name'] ?? labels['gateway.networking.k8s.io/gateway-name'];
}

/** sleep's Service (samples/sleep/sleep.yaml: port 80); only in-pod clusters list it. */
export const SLEEP_SERVICE = {
  name: 'sleep',
  namespace: 'default',
  hostname: 'sleep.default.svc.cluster.local',
  clusterIp: ipv4('10.96.51.77'),
  clusterIpProv: illustrative("ClusterIP in kind's default 10.96.0.0/16 service range"),
  port: 80,
  targetPort: 80,
} as const;

/** The HBONE port a waypoint listens on ("mesh" listener of the Gateway). */
export const WAYPOINT_PORT = 15008;
