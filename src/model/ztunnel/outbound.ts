/**
 * ztunnel's outbound decision for a captured connection (src/proxy/outbound.rs
 * `build_request`): who is the source, where is the original destination, and so how to reach
 * it: via the destination's waypoint, the node-local fast path, HBONE to the pod, or plain TCP.
 * 1.18–1.21 look for the waypoint on the chosen workload; 1.22+ first on the destination
 * Service (`fetch_service_waypoint`). In-pod ztunnel has no fast path.
 */
import type { Ipv4 } from '../addresses';
import type { SpiffeId } from '../packet';
import {
  fetchService,
  fetchUpstream,
  fetchWaypoint,
  fetchWorkload,
  resolveWaypoint,
  workloadIdentity,
  type Upstream,
  type WaypointRef,
  type ZtunnelStore,
  type ZtunnelWorkload,
} from './store';

/** A waypoint reference as ztunnel's data writes it: a pod IP, or a Service VIP:port. */
export function waypointText(ref: WaypointRef): string {
  return ref.kind === 'workload'
    ? ref.address
    : ref.kind === 'hostname'
      ? `${ref.namespace}/${ref.hostname}`
      : `${ref.vip}:${ref.port}`;
}

export const HBONE_PORT = 15008;

export type OutboundPlan =
  | {
      readonly kind: 'to-server-waypoint';
      /** Whose waypoint: the chosen workload's (to 1.21) or the destination Service's (1.22+). */
      readonly via: 'workload' | 'service';
      readonly gateway: { readonly ip: Ipv4; readonly port: number };
      /** "Use the original VIP, not translated". */
      readonly authority: string;
      readonly expectedIdentity: SpiffeId;
      readonly waypoint: ZtunnelWorkload;
    }
  | { readonly kind: 'direct-local'; readonly target: { readonly ip: Ipv4; readonly port: number } }
  | {
      readonly kind: 'direct-hbone';
      readonly gateway: { readonly ip: Ipv4; readonly port: number };
      readonly authority: string;
      readonly expectedIdentity: SpiffeId;
    }
  | { readonly kind: 'plain-tcp'; readonly target: { readonly ip: Ipv4; readonly port: number } }
  | { readonly kind: 'passthrough'; readonly target: { readonly ip: Ipv4; readonly port: number } }
  | { readonly kind: 'error'; readonly reason: string };

export interface OutboundDecision {
  readonly plan: OutboundPlan;
  readonly source?: ZtunnelWorkload;
  /** The source's own waypoint, which outbound never consults. */
  readonly sourceWaypoint?: WaypointRef;
  readonly sourceIdentity?: SpiffeId;
  readonly upstream?: Upstream;
  /** The lookups and checks, in order, as sentences. */
  readonly steps: readonly string[];
}

/** The release's switches `build_request` reads. */
export interface OutboundRules {
  /** The node-local fast path exists (node redirection) or not (in-pod). */
  readonly fastPath: boolean;
  /** Where the waypoint is looked for first: the destination Service (1.22+) or its workload. */
  readonly waypointOn: 'workload' | 'service';
}

const NODE_RULES: OutboundRules = { fastPath: true, waypointOn: 'workload' };

/**
 * Decides how ztunnel on `localNode` forwards a connection from `src` to the original
 * destination `dst:port`.
 */
export function buildRequest(
  store: ZtunnelStore,
  localNode: string,
  src: Ipv4,
  dst: Ipv4,
  port: number,
  rules: OutboundRules = NODE_RULES,
): OutboundDecision {
  const steps: string[] = [];
  const source = fetchWorkload(store, src);
  if (!source) {
    steps.push(`fetch_workload(${src}): unknown source`);
    return { plan: { kind: 'error', reason: `unknown source ${src}` }, steps };
  }
  const sourceIdentity = workloadIdentity(store, source);
  steps.push(`source ${src} is ${source.namespace}/${source.name} (sa ${source.serviceAccount})`);
  // The source's own waypoint: on its workload (to 1.21) or on its Service (1.22+).
  const sourceWaypoint =
    source.waypoint ??
    (rules.waypointOn === 'service'
      ? store.vips.find((v) => v.waypoint && v.endpoints.includes(src))?.waypoint
      : undefined);
  if (rules.waypointOn === 'service') {
    const svc = fetchService(store, dst, port);
    if (svc?.waypoint) {
      const wp = resolveWaypoint(store, svc.waypoint);
      if (!wp)
        return {
          plan: { kind: 'error', reason: `unknown waypoint ${waypointText(svc.waypoint)}` },
          source,
          sourceIdentity,
          steps,
        };
      const address = wp.workload.workloadIp;
      if (sourceWaypoint)
        steps.push(
          `the source's own waypoint (${waypointText(sourceWaypoint)}) is not consulted: waypoints are server-side only`,
        );
      steps.push(
        `${dst}:${port} is the Service ${svc.hostname}, whose waypoint is ${waypointText(svc.waypoint)}: fetch_service_waypoint picks the waypoint pod ${address}`,
        `HBONE to ${address}:${wp.port}, :authority the original ${dst}:${port} (hbone_target_destination); log "built request to service waypoint proxy"`,
      );
      const upstream = fetchUpstream(store, dst, port);
      return {
        plan: {
          kind: 'to-server-waypoint',
          via: 'service',
          gateway: { ip: address, port: wp.port },
          authority: `${dst}:${port}`,
          expectedIdentity: workloadIdentity(store, wp.workload),
          waypoint: wp.workload,
        },
        source,
        sourceIdentity,
        ...(sourceWaypoint ? { sourceWaypoint } : {}),
        ...(upstream ? { upstream } : {}),
        steps,
      };
    }
    if (svc) steps.push(`${dst}:${port} is the Service ${svc.hostname}; it has no waypoint`);
  }
  const upstream = fetchUpstream(store, dst, port);
  if (!upstream) {
    steps.push(`${dst}:${port} is not a known workload or VIP: passthrough`);
    return {
      plan: { kind: 'passthrough', target: { ip: dst, port } },
      source,
      sourceIdentity,
      steps,
    };
  }
  const us = upstream.workload;
  steps.push(
    upstream.viaVip
      ? `${dst}:${port} is the VIP of ${upstream.viaVip.hostname}; endpoint ${us.workloadIp}:${upstream.port} (${us.name})`
      : `${dst} is workload ${us.name}`,
  );
  if (sourceWaypoint) {
    steps.push(
      `the source's own waypoint (${waypointText(sourceWaypoint)}) is not consulted: waypoints are server-side only`,
    );
  }
  if (us.waypoint) {
    const wp = fetchWaypoint(store, us);
    if (!wp) {
      return {
        plan: { kind: 'error', reason: `unknown waypoint ${waypointText(us.waypoint)}` },
        source,
        sourceIdentity,
        upstream,
        steps,
      };
    }
    const address = wp.workload.workloadIp;
    steps.push(
      us.waypoint.kind === 'workload'
        ? `${us.name} has waypointAddresses ["${address}"]: RequestType::ToServerWaypoint, HBONE to ${address}:${HBONE_PORT}`
        : `${us.name}'s waypoint is the Service ${waypointText(us.waypoint)}${wp.via ? ` (${wp.via.name})` : ''}; fetch_waypoint resolves it to the pod ${address}: RequestType::ToServerWaypoint, HBONE to ${address}:${wp.port}`,
    );
    return {
      plan: {
        kind: 'to-server-waypoint',
        via: 'workload',
        gateway: { ip: address, port: us.waypoint.kind === 'workload' ? HBONE_PORT : wp.port },
        authority: `${dst}:${port}`,
        expectedIdentity: workloadIdentity(store, wp.workload),
        waypoint: wp.workload,
      },
      source,
      sourceIdentity,
      ...(sourceWaypoint ? { sourceWaypoint } : {}),
      upstream,
      steps,
    };
  }
  steps.push(`${us.name} has no waypoint`);
  if (us.node === localNode && us.protocol === 'HBONE' && !rules.fastPath) {
    steps.push(
      `${us.name} runs on this node (${localNode}), but in-pod ztunnel takes no fast path: "each pod processes connections in its own netns"`,
    );
  }
  if (us.node === localNode && us.protocol === 'HBONE' && rules.fastPath) {
    steps.push(
      `${us.name} runs on this node (${localNode}) and speaks HBONE: RequestType::DirectLocal, the node-local fast path`,
    );
    return {
      plan: { kind: 'direct-local', target: { ip: us.workloadIp, port: upstream.port } },
      source,
      sourceIdentity,
      ...(sourceWaypoint ? { sourceWaypoint } : {}),
      upstream,
      steps,
    };
  }
  if (us.protocol === 'HBONE') {
    steps.push(
      `${us.name} speaks HBONE (protocol "HBONE"): tunnel to its gateway ${us.workloadIp}:${HBONE_PORT}`,
    );
    return {
      plan: {
        kind: 'direct-hbone',
        gateway: { ip: us.workloadIp, port: HBONE_PORT },
        authority: `${us.workloadIp}:${upstream.port}`,
        expectedIdentity: workloadIdentity(store, us),
      },
      source,
      sourceIdentity,
      ...(sourceWaypoint ? { sourceWaypoint } : {}),
      upstream,
      steps,
    };
  }
  steps.push(
    `${us.name} has protocol "TCP" (not in the mesh): plain TCP to ${us.workloadIp}:${upstream.port}`,
  );
  return {
    plan: { kind: 'plain-tcp', target: { ip: us.workloadIp, port: upstream.port } },
    source,
    sourceIdentity,
    ...(sourceWaypoint ? { sourceWaypoint } : {}),
    upstream,
    steps,
  };
}
