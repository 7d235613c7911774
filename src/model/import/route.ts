/**
 * A scenario file's request walked at ztunnel's level: which proxy takes the connection at
 * each step and what it decides (capture, outbound resolution, waypoint, inbound policy,
 * delivery), with the dump's addresses, identities and ports as structured facts. It is what
 * an imported cluster can be walked by until the in-pod cluster builders take a ClusterSpec
 * (the kernel-level hops of `walk/`); the access-log cross-check compares against it.
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec, SpecService, SpecWorkload } from '../spec/types';
import { decideL4, type L4Decision } from './l4policy';
import { resolveRequest } from './request';

export interface RoutePeer {
  readonly ip: string;
  readonly port?: number;
  /** `namespace/name` of the workload at this address, when the dump has one. */
  readonly workload?: string;
  readonly identity?: string;
}

export type RouteHopKind =
  'send' | 'ztunnel-outbound' | 'waypoint' | 'ztunnel-inbound' | 'deliver' | 'passthrough';

export interface RouteHop {
  readonly kind: RouteHopKind;
  /** The node the hop happens on. */
  readonly node: string;
  /** Who acts: `ztunnel@<node>`, or a workload `namespace/name`. */
  readonly actor: string;
  readonly src: RoutePeer;
  readonly dst: RoutePeer;
  /** The HBONE CONNECT authority, when the hop opens a tunnel. */
  readonly hbone?: string;
  /** `hostname` of the Service the request was addressed to. */
  readonly service?: string;
  /** ztunnel writes an access-log line for this hop, in this direction. */
  readonly logs?: 'outbound' | 'inbound';
  readonly policy?: L4Decision;
  /** Where the walk chose among equals (endpoints), what it chose and why. */
  readonly choice?: string;
}

export type RouteOutcome = 'delivered' | 'denied' | 'refused' | 'unresolved';

export interface SpecRoute {
  readonly hops: readonly RouteHop[];
  readonly outcome: RouteOutcome;
  readonly diagnostics: readonly Diagnostic[];
}

const ref = (o: { namespace: string; name: string }): string => `${o.namespace}/${o.name}`;
const HBONE_PORT = 15008;

/** `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`. */
export function identityOf(spec: ClusterSpec, w: SpecWorkload): string {
  return `spiffe://${spec.trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

function peer(spec: ClusterSpec, w: SpecWorkload, port?: number): RoutePeer {
  return {
    ip: w.ips[0] ?? '0.0.0.0',
    ...(port !== undefined ? { port } : {}),
    workload: ref(w),
    ...(w.enrolled || w.kind === 'waypoint' ? { identity: identityOf(spec, w) } : {}),
  };
}

function withoutIdentity(p: RoutePeer): RoutePeer {
  return {
    ip: p.ip,
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.workload ? { workload: p.workload } : {}),
  };
}

/** The endpoint the walk follows: the first healthy one by name (ztunnel picks at random). */
function pickEndpoint(
  spec: ClusterSpec,
  s: SpecService,
  port: number,
): { w: SpecWorkload; port: number; among: number } | undefined {
  const byRef = new Map(spec.workloads.map((w) => [ref(w), w]));
  const eps = (s.endpoints ?? [])
    .filter((e) => e.healthy !== false && byRef.has(e.workload))
    .sort((a, b) => a.workload.localeCompare(b.workload));
  const e = eps[0];
  if (!e) return undefined;
  const sp = s.ports.find((p) => p.port === port);
  const target = sp?.targetPort || e.targetPorts?.[String(port)] || port;
  return { w: byRef.get(e.workload)!, port: target, among: eps.length };
}

/** The waypoint workload a Service's traffic goes through, when it has one and it resolves. */
function waypointPod(spec: ClusterSpec, s: SpecService): SpecWorkload | undefined {
  const wp = spec.waypoints.find((x) => ref(x) === s.waypoint || x.service === s.waypoint);
  const pod = wp?.pods[0];
  return pod ? spec.workloads.find((w) => ref(w) === pod) : undefined;
}

/**
 * Walks the spec's request: capture, ztunnel's outbound choice (a waypoint, the endpoint, or
 * passthrough), the waypoint's choice of endpoint, the destination ztunnel's policy, delivery.
 */
export function routeSpec(
  spec: ClusterSpec,
  unresolvedWaypoints: Readonly<Record<string, string>> = {},
): SpecRoute {
  const res = resolveRequest(spec, unresolvedWaypoints);
  const out: Diagnostic[] = [...res.diagnostics];
  const hops: RouteHop[] = [];
  const src = res.source;
  const dst = res.destination;
  if (!src || !dst || res.diagnostics.some((d) => d.severity === 'error'))
    return { hops, outcome: 'unresolved', diagnostics: out };
  const zt = (node: string): string => `ztunnel@${node}`;
  const addrIp =
    dst.kind === 'service'
      ? (dst.service.vips[0] ?? '')
      : dst.kind === 'workload'
        ? (dst.workload.ips[0] ?? '')
        : dst.address;
  hops.push({
    kind: 'send',
    node: src.node,
    actor: ref(src),
    src: peer(spec, src),
    dst: { ip: addrIp, port: dst.port },
    ...(dst.kind === 'service' ? { service: dst.service.hostname } : {}),
  });
  const service = dst.kind === 'service' ? dst.service : undefined;
  const svcHost = service ? { service: service.hostname } : {};

  if (dst.kind === 'passthrough') {
    hops.push({
      kind: 'passthrough',
      node: src.node,
      actor: src.enrolled ? zt(src.node) : ref(src),
      src: peer(spec, src),
      dst: { ip: dst.address, port: dst.port },
      ...(src.enrolled ? { logs: 'outbound' as const } : {}),
    });
    return { hops, outcome: 'delivered', diagnostics: out };
  }

  // The waypoint, when the Service (or the destination workload) has one and the source is
  // captured: ztunnel sends it there with the original destination as the CONNECT authority.
  const wpSvc = service?.waypoint ? service : undefined;
  const wpWorkload =
    dst.kind === 'workload' && dst.workload.waypoint
      ? spec.workloads.find(
          (w) =>
            w.kind === 'waypoint' &&
            spec.waypoints.some((x) => ref(x) === dst.workload.waypoint && x.pods.includes(ref(w))),
        )
      : undefined;
  const wp = src.enrolled ? (wpSvc ? waypointPod(spec, wpSvc) : wpWorkload) : undefined;
  if (src.enrolled && wpSvc && !wp) {
    out.push(
      diag(
        'E_WAYPOINT_UNRESOLVED',
        'error',
        `Waypoint ${wpSvc.waypoint} of ${ref(wpSvc)} has no pod in this cluster; ztunnel would fail with “unknown waypoint”.`,
        'Paste a dump that has the waypoint’s pod.',
      ),
    );
    return { hops, outcome: 'unresolved', diagnostics: out };
  }

  let senderPeer = peer(spec, src);
  if (wp) {
    hops.push({
      kind: 'ztunnel-outbound',
      node: src.node,
      actor: zt(src.node),
      src: senderPeer,
      dst: peer(spec, wp, HBONE_PORT),
      hbone: `${addrIp}:${dst.port}`,
      ...svcHost,
      logs: 'outbound',
    });
    senderPeer = peer(spec, wp);
  }
  const end = service
    ? pickEndpoint(spec, service, dst.port)
    : dst.kind === 'workload'
      ? { w: dst.workload, port: dst.port, among: 1 }
      : undefined;
  if (!end) return { hops, outcome: 'refused', diagnostics: out };
  const choice =
    end.among > 1
      ? `${ref(end.w)}: the first of ${end.among} healthy endpoints by name (the proxy picks one per connection)`
      : undefined;
  const target = peer(spec, end.w, end.port);
  const tunnel = end.w.enrolled;
  if (wp)
    hops.push({
      kind: 'waypoint',
      node: wp.node,
      actor: ref(wp),
      src: senderPeer,
      dst: tunnel ? { ...target, port: HBONE_PORT } : target,
      ...(tunnel ? { hbone: `${target.ip}:${end.port}` } : {}),
      ...svcHost,
      ...(choice ? { choice } : {}),
    });
  else if (src.enrolled)
    hops.push({
      kind: 'ztunnel-outbound',
      node: src.node,
      actor: zt(src.node),
      src: senderPeer,
      dst: tunnel ? { ...target, port: HBONE_PORT } : target,
      ...(tunnel ? { hbone: `${target.ip}:${end.port}` } : {}),
      ...svcHost,
      logs: 'outbound',
      ...(choice ? { choice } : {}),
    });

  if (end.w.enrolled) {
    const viaTunnel = Boolean(wp) || src.enrolled;
    const policy = decideL4(spec, end.w, {
      ...(viaTunnel && senderPeer.identity ? { srcIdentity: senderPeer.identity } : {}),
      srcIp: senderPeer.ip,
      dstIp: target.ip,
      dstPort: end.port,
    });
    hops.push({
      kind: 'ztunnel-inbound',
      node: end.w.node,
      actor: zt(end.w.node),
      src: viaTunnel ? senderPeer : withoutIdentity(senderPeer),
      dst: target,
      ...(viaTunnel ? { hbone: `${target.ip}:${end.port}` } : {}),
      ...svcHost,
      logs: 'inbound',
      policy,
    });
    if (!policy.allowed) return { hops, outcome: 'denied', diagnostics: out };
  }
  hops.push({
    kind: 'deliver',
    node: end.w.node,
    actor: ref(end.w),
    src: senderPeer,
    dst: target,
    ...svcHost,
  });
  return { hops, outcome: 'delivered', diagnostics: out };
}
