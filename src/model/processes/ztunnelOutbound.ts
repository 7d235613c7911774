/**
 * ztunnel's outbound listener (:15001): a captured connection from a local workload. ztunnel
 * looks up the source and the original destination (`build_request`) and forwards the
 * connection: over HBONE to the destination (or its waypoint), by the node-local fast path, or
 * as plain TCP.
 */
import { WalkStopped } from '../stopped';
import type { Ipv4 } from '../addresses';
import { EPHEMERAL } from '../cluster/kind';
import type { OutboundPlanFact } from '../facts';
import type { ListingRef } from '../hop';
import { principalText, streamLayers, type SpiffeId, type StreamLayer } from '../packet';
import { ztunnelRbac } from '../policy/evaluate';
import { verified } from '../provenance';
import { SRC } from '../upstream';
import { buildRequest, waypointText, type OutboundPlan } from '../ztunnel/outbound';
import { policiesFor } from '../ztunnel/store';
import type { Accepted, Walker } from '../walk/walker';
import { acceptHop, expectSocket, layerOf, ztunnelLog } from './common';
import { closeDownstream, relayToDownstream } from './relay';
import type { Outcome } from './types';
import { connectWorkload, l4PolicyHop } from './ztunnelShared';

function planFact(plan: OutboundPlan): OutboundPlanFact {
  switch (plan.kind) {
    case 'to-server-waypoint':
    case 'direct-hbone':
      return {
        kind: plan.kind,
        gateway: plan.gateway,
        authority: plan.authority,
        expected: plan.expectedIdentity,
      };
    case 'direct-local':
    case 'plain-tcp':
    case 'passthrough':
      return { kind: plan.kind, target: plan.target };
    case 'error':
      return { kind: 'error', reason: plan.reason };
  }
}

/** What ztunnel logs for the decision (istio/ztunnel@1.18.0 src/proxy/outbound.rs). */
function outboundLog(plan: OutboundPlan, style: 'proxy-to' | 'built-request'): string | undefined {
  if (style === 'built-request') {
    // istio/ztunnel@1.24.0 src/proxy/outbound.rs build_request (debug level).
    switch (plan.kind) {
      case 'to-server-waypoint':
        return 'built request to service waypoint proxy';
      case 'direct-hbone':
      case 'plain-tcp':
        return 'built request to workload';
      case 'passthrough':
        return 'built request as passthrough; no upstream found';
      default:
        return undefined;
    }
  }
  switch (plan.kind) {
    case 'direct-hbone':
      return `proxy to ${plan.authority} using HBONE via ${plan.gateway.ip}:${plan.gateway.port} type Direct`;
    case 'to-server-waypoint':
      return `proxy to ${plan.authority} using HBONE via ${plan.gateway.ip}:${plan.gateway.port} type ToServerWaypoint`;
    case 'direct-local':
      return `proxying to ${plan.target.ip}:${plan.target.port} using node local fast path`;
    default:
      return undefined;
  }
}

export function ztunnelOutbound(w: Walker, acc: Accepted): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const src = acc.server.remoteIp as Ipv4;
  // SO_ORIGINAL_DST: TPROXY (node redirection) keeps the destination; in-pod REDIRECT does not.
  const { ip: dst, port } = w.originalDst(acc);
  const rel = w.cluster.release;
  const d = buildRequest(store, node, src, dst, port, {
    fastPath: rel.ztunnel.fastPath,
    waypointOn: rel.ztunnel.waypointField === 'service-waypoint-hostname' ? 'service' : 'workload',
  });
  // In a pod's netns ztunnel's sockets carry its mark, and need no spoofing: the pod's own IP
  // is the source ("No need to spoof source IP on outbound").
  const mark = w.socketMark(ns.id, acc.server.process);
  const flowIn = `curl: ${src} → ${w.cluster.request.shortName}:${port}`;
  const refs: ListingRef[] = [d.source?.workloadIp, d.upstream?.workload.workloadIp]
    .filter((ip): ip is Ipv4 => ip !== undefined)
    .map((ip) => ({ netns: ns.id, section: 'ztunnel-config', lineId: `workload/${ip}` }));
  if (d.source?.waypoint)
    w.teach({ kind: 'client-waypoint-skipped', waypoints: [waypointText(d.source.waypoint)] });
  const plan = d.plan;
  const log = outboundLog(plan, rel.ztunnel.outboundLog);
  w.hop('ztunnel-outbound', flowIn, {
    fact: {
      kind: 'ztunnel',
      step: 'outbound',
      node,
      src,
      dst: { ip: dst, port },
      plan: planFact(plan),
      trace: d.steps,
      ...(log ? { log } : {}),
      refs,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.proxyLabel(acc.server.process) }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [w.cluster.release.zt.outbound],
    provenance: verified(w.cluster.release.zt.outbound, 'build_request'),
    command: ztunnelLog(w, node),
  });
  // ztunnel closes the connection it accepted: the client sees a reset.
  if (plan.kind === 'error') throw new WalkStopped(`ztunnel: ${plan.reason}`, 'reset');

  const request = layerOf(streamLayers(acc.arrival.packet), 'http-request');
  const inner: StreamLayer[] = request ? [request] : [];

  if (plan.kind === 'to-server-waypoint' || plan.kind === 'direct-hbone') {
    const client = d.sourceIdentity as SpiffeId;
    const flow = `HBONE: ${src} → ${plan.gateway.ip}:${plan.gateway.port}`;
    const sock = w.socket({
      netns: ns.id,
      localIp: src,
      localPort: EPHEMERAL.ztunnelOut,
      remoteIp: plan.gateway.ip,
      remotePort: plan.gateway.port,
      process: acc.server.process,
      transparent: mark === 0,
      mark,
    });
    const layers: StreamLayer[] = [
      { kind: 'tls', version: 'TLS 1.3', alpn: 'h2', client, server: plan.expectedIdentity },
      {
        kind: 'h2-connect',
        authority: plan.authority,
        headers: {
          forwarded: `for=${src}`,
          baggage: `k8s.cluster.name=Kubernetes,k8s.namespace.name=${d.source?.namespace},k8s.deployment.name=${d.source?.workloadName},service.name=${d.source?.canonicalName},service.version=${d.source?.canonicalRevision}`,
          traceparent: '00-5f4b2a0c9d1e3b7a8c6d2e4f1a3b5c7d-9e8d7c6b5a4f3e2d-00',
        },
      },
      ...inner,
    ];
    const syn = w.packetFrom(sock, layers);
    w.hop('ztunnel-outbound', flow, {
      fact: {
        kind: 'ztunnel',
        step: 'hbone-connect',
        from: { ip: src, port: EPHEMERAL.ztunnelOut },
        to: plan.gateway,
        client,
        server: plan.expectedIdentity,
        authority: plan.authority,
        refs,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.proxyLabel(acc.server.process) }),
      packetBefore: acc.arrival.packet,
      packetAfter: syn,
      changes: ['*'],
      sources: [w.cluster.release.zt.outbound, w.cluster.release.zt.tls, SRC.hboneDoc],
      provenance: verified(
        w.cluster.release.zt.outbound,
        'freebind_connect(local=remote_addr) when original source is enabled; CONNECT with the destination as :authority',
      ),
      command: ztunnelLog(w, node),
    });
    const arrival = expectSocket(w.sendLeg('hbone', flow, sock, syn), 'HBONE SYN');
    const next = w.accept(arrival, sock);
    acceptHop(w, next, flow);
    const r = w.deliver(next, flow);
    if (r.kind !== 'reply') return r;
    return relayToDownstream(w, acc, r.packet);
  }

  if (plan.kind === 'direct-local') {
    const upstream = d.upstream?.workload;
    const principal = principalText(d.sourceIdentity as SpiffeId);
    const rbac = ztunnelRbac(
      upstream ? policiesFor(store, upstream) : [],
      { principal, namespace: d.sourceIdentity?.namespace, dstPort: plan.target.port },
      w.cluster.release.ztunnel.rbac,
    );
    l4PolicyHop(w, ns.id, 'ztunnel-inbound', flowIn, {
      checker: `${w.proxyLabel(acc.server.process)} (inbound side, in memory)`,
      decision: rbac,
      principal,
      target: `${plan.target.ip}:${plan.target.port}`,
      packet: acc.arrival.packet,
      node,
      fastPath: true,
    });
    if (!rbac.allowed)
      return closeDownstream(w, acc, { kind: 'fast-path-rbac', reason: rbac.reason });
    w.teach({ kind: 'same-node-fast-path' });
    return connectWorkload(w, {
      netns: ns.id,
      process: acc.server.process,
      sourceIp: src,
      target: plan.target,
      layers: inner,
      stage: 'ztunnel-inbound',
    });
  }

  // plain TCP to a workload outside the mesh, or passthrough to an unknown address
  return connectWorkload(w, {
    netns: ns.id,
    process: acc.server.process,
    sourceIp: src,
    target: plan.target,
    layers: inner,
    stage: 'ztunnel-outbound',
  });
}
