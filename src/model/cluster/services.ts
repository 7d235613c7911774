/**
 * The cluster's Services: httpbin (its target port as the release's sample has it), kube-dns,
 * the waypoints' Services where the release names waypoints by a Service, and (in-pod) sleep's.
 */
import type { Ipv4 } from '../addresses';
import { fromArticle, illustrative, sourced, verified, type Provenance } from '../provenance';
import type { Release } from '../releases';
import { HTTPBIN_SERVICE, KUBE_DNS_SERVICE, WAYPOINT_SERVICE_PROV } from './kind';
import type { Placed } from './placement';
import type { ServiceInfo } from './types';
import { SLEEP_SERVICE, waypointNames, type WaypointRole } from './waypoints';

/** httpbin's target port at the release and where it is read. */
export function httpbinTarget(rel: Release): { port: number; prov: Provenance } {
  return rel.era === 'node'
    ? { port: rel.httpbinTargetPort, prov: HTTPBIN_SERVICE.prov }
    : {
        port: rel.httpbinTargetPort,
        prov: verified(
          rel.src.httpbinSample,
          `Service httpbin: port 8000 → targetPort ${rel.httpbinTargetPort}; containerPort ${rel.httpbinTargetPort}`,
        ),
      };
}

/** What httpbin's own listener stands on. */
export function httpbinListenerProv(rel: Release): Provenance {
  return rel.era === 'node'
    ? fromArticle("httpbin serves on the Service's target port 80")
    : verified(rel.src.httpbinSample, `containerPort: ${rel.httpbinTargetPort}`);
}

export function clusterServices(pods: readonly Placed[], rel: Release): ServiceInfo[] {
  const httpbinIp = pods.find((p) => p.facts.role === 'httpbin')?.facts.ip as Ipv4;
  const target = httpbinTarget(rel);
  return [
    {
      name: HTTPBIN_SERVICE.name,
      namespace: HTTPBIN_SERVICE.namespace,
      hostname: HTTPBIN_SERVICE.hostname,
      clusterIp: sourced(HTTPBIN_SERVICE.clusterIp, HTTPBIN_SERVICE.clusterIpProv),
      ports: [{ name: 'http', port: HTTPBIN_SERVICE.port, targetPort: target.port }],
      endpoints: [{ ip: httpbinIp, role: 'httpbin' }],
      prov: target.prov,
    },
    {
      name: KUBE_DNS_SERVICE.name,
      namespace: KUBE_DNS_SERVICE.namespace,
      hostname: KUBE_DNS_SERVICE.hostname,
      clusterIp: sourced(KUBE_DNS_SERVICE.clusterIp, KUBE_DNS_SERVICE.clusterIpProv),
      ports: [{ name: 'dns', port: 53, targetPort: 53 }],
      endpoints: KUBE_DNS_SERVICE.endpoints.map((ip) => ({ ip })),
      prov: illustrative("kind's CoreDNS Service"),
    },
    // The waypoint's Service: from 1.19 a workload (or, from 1.22, a Service) names its waypoint by it.
    ...(rel.ztunnel.waypointField === 'waypoint-addresses'
      ? []
      : (['httpbin-waypoint', 'sleep-waypoint'] as const).flatMap((role: WaypointRole) => {
          const pod = pods.find((p) => p.facts.role === role);
          if (!pod) return [];
          const names = waypointNames(role, rel);
          return [
            {
              name: names.name,
              namespace: pod.facts.namespace,
              hostname: `${names.name}.${pod.facts.namespace}.svc.cluster.local`,
              clusterIp: sourced(names.serviceVip, WAYPOINT_SERVICE_PROV),
              ports: [{ name: 'mesh', port: 15008, targetPort: 15008 }],
              endpoints: [{ ip: pod.facts.ip, role }],
              prov: verified(
                rel.src.waypointTemplate,
                'the waypoint Deployment comes with a Service of the same name, port 15008',
              ),
            },
          ];
        })),
    ...(rel.era === 'inpod' ? [sleepService(pods, rel)] : []),
  ];
}

/** sleep's Service (samples/sleep/sleep.yaml, port 80): where 1.22+ hangs sleep's waypoint. */
function sleepService(pods: readonly Placed[], rel: Release): ServiceInfo {
  const sleep = pods.find((p) => p.facts.role === 'sleep') as Placed;
  const s = SLEEP_SERVICE;
  return {
    name: s.name,
    namespace: s.namespace,
    hostname: s.hostname,
    clusterIp: sourced(s.clusterIp, s.clusterIpProv),
    ports: [{ name: 'http', port: s.port, targetPort: s.targetPort }],
    endpoints: [{ ip: sleep.facts.ip, role: 'sleep' }],
    prov: verified(rel.src.sleepSample, 'Service sleep: port 80'),
  };
}
