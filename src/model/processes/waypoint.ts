/**
 * The waypoint (Envoy) taking an HBONE connection on :15008: `connect_terminate` ends the
 * tunnel, `main_internal` applies L7 policy and routing, `connect_originate` opens a new HBONE
 * connection, with the waypoint's identity, to the chosen endpoint.
 */
import { EPHEMERAL } from '../cluster/kind';
import type { PodInfo } from '../cluster/types';
import { principalText, streamLayers, type SpiffeId, type StreamLayer } from '../packet';
import { inferred, verified } from '../provenance';
import { SRC } from '../upstream';
import {
  originalClient,
  routeToEndpoint,
  waypointPolicies,
  waypointRbac,
} from '../waypoint/decide';
import { HBONE_PORT } from '../ztunnel/outbound';
import { workloadIdentity } from '../ztunnel/store';
import type { Accepted, Walker } from '../walk/walker';
import { acceptHop, expectSocket, layerOf } from './common';
import { relayToDownstream } from './relay';
import type { Outcome } from './types';

export function waypoint(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const store = w.cluster.ztunnelStore;
  const rel = w.cluster.release;
  const wpPod = w.cluster.pods.find((p) => p.netns === ns.id) as PodInfo;
  const layers = streamLayers(acc.arrival.packet);
  const tls = layerOf(layers, 'tls');
  const connect = layerOf(layers, 'h2-connect');
  const req = layerOf(layers, 'http-request');
  const label = w.proxyLabel(acc.server.process);
  const authority = connect?.authority ?? ':';
  const wpId: SpiffeId = {
    trustDomain: store.trustDomain,
    namespace: wpPod.namespace,
    serviceAccount: wpPod.serviceAccount,
  };
  const request = req ? { method: req.method, path: req.path, host: req.host } : undefined;
  w.hop('waypoint', flow, {
    fact: {
      kind: 'waypoint',
      step: 'terminate',
      pod: wpPod.name.value,
      authority: connect?.authority ?? '',
      server: wpId,
      ...(tls ? { client: tls.client } : {}),
      ...(request ? { request } : {}),
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [rel.src.waypointListeners, SRC.waypointBlog2023],
    provenance: verified(
      rel.src.waypointListeners,
      'buildWaypointInbound: connect_terminate → main_internal → connect_originate',
    ),
    command: `istioctl proxy-config listeners deploy/${wpPod.serviceAccount}`,
  });
  const attached = waypointPolicies(w.cluster, wpPod).map((a) => ({
    policy: `${a.policy.namespace}/${a.policy.name}`,
    via: a.via,
  }));
  const decision = waypointRbac(w.cluster, wpPod, {
    ...(tls ? { client: tls.client } : {}),
    authority,
    method: req?.method ?? 'GET',
    path: req?.path ?? '/',
  });
  w.hop('waypoint', flow, {
    fact: {
      kind: 'policy',
      netns: ns.id,
      engine: 'envoy',
      decision: decision.allowed ? 'allow' : 'deny',
      reason: decision.reason,
      ...(tls ? { principal: principalText(tls.client) } : {}),
      target: authority,
      evaluated: decision.evaluated,
      checker: label,
      request: { method: req?.method ?? 'GET', path: req?.path ?? '/' },
      attached,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [rel.src.authzPolicies, rel.src.authzBuilder, SRC.gettingStartedSnips],
    provenance: decision.allowed
      ? verified(
          rel.src.authzPolicies,
          'ListAuthorizationPolicies: the policies main_internal applies',
        )
      : inferred(
          SRC.gettingStartedSnips,
          'body "RBAC: access denied" is verified; status 403 is Envoy RBAC\'s standard response',
        ),
    command: `kubectl logs deploy/${wpPod.serviceAccount} --tail=5`,
  });
  if (!decision.allowed) {
    const denial = { status: 403, reason: 'Forbidden', body: 'RBAC: access denied' } as const;
    const reply = w.replyFrom(
      acc.server,
      [
        ...layers.filter((l) => l.kind === 'tls' || l.kind === 'h2-connect'),
        { kind: 'http-response', ...denial },
      ],
      'PSH,ACK',
    );
    w.hop('response', flow, {
      fact: {
        kind: 'waypoint',
        step: 'deny',
        pod: wpPod.name.value,
        status: denial.status,
        reason: denial.reason,
        body: denial.body,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      packetBefore: acc.arrival.packet,
      packetAfter: reply,
      changes: ['*'],
      sources: [SRC.gettingStartedSnips],
      provenance: inferred(SRC.gettingStartedSnips, "body verified; 403 is Envoy RBAC's status"),
      command: `kubectl logs deploy/${wpPod.serviceAccount} --tail=5`,
    });
    const back = expectSocket(
      w.sendLeg('response', '403 inside the HBONE tunnel', acc.server, reply),
      '403 reply',
    );
    return { kind: 'reply', packet: back.packet };
  }
  const route = routeToEndpoint(w.cluster, authority);
  const client = originalClient(connect?.headers ?? {}, acc.server.remoteIp ?? acc.server.localIp);
  // An endpoint outside the mesh gets no tunnel metadata from istiod (supportTunnel): the
  // waypoint sends it the request as plain TCP to its own port.
  const plaintext = route.upstream.protocol !== 'HBONE';
  const dstPort = plaintext ? route.endpoint.port : HBONE_PORT;
  const outFlow = `${plaintext ? 'TCP' : 'HBONE'}: waypoint → ${route.endpoint.ip}:${dstPort}`;
  const sock = w.socket({
    netns: ns.id,
    localIp: wpPod.ip.value,
    localPort: EPHEMERAL.waypointOut,
    remoteIp: route.endpoint.ip,
    remotePort: dstPort,
    process: acc.server.process,
  });
  const outAuthority = `${route.endpoint.ip}:${route.endpoint.port}`;
  const out: StreamLayer[] = plaintext
    ? [...(req ? [req] : [])]
    : [
        {
          kind: 'tls',
          version: 'TLS 1.3',
          alpn: 'h2',
          client: wpId,
          server: workloadIdentity(store, route.upstream),
        },
        // buildConnectOriginateListener: TunnelingConfig{Hostname: "%DOWNSTREAM_LOCAL_ADDRESS%"}
        // with no headers to add, so the client's address is not passed on.
        { kind: 'h2-connect', authority: outAuthority, headers: {} },
        ...(req ? [req] : []),
      ];
  const syn = w.packetFrom(sock, out);
  w.hop('waypoint', outFlow, {
    fact: {
      kind: 'waypoint',
      step: 'originate',
      pod: wpPod.name.value,
      from: { ip: wpPod.ip.value, port: EPHEMERAL.waypointOut },
      to: { ip: route.endpoint.ip, port: dstPort },
      authority: outAuthority,
      endpoint: route.endpoint,
      ...(route.vip ? { viaVip: route.vip } : {}),
      originalClient: client,
      forwardsClient: false,
      identity: wpId,
      ...(plaintext ? { plaintext: true as const } : {}),
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: syn,
    changes: ['*'],
    sources: [rel.src.waypointListeners, rel.zt.inbound],
    provenance: plaintext
      ? plaintextProvenance(rel.tags.istio)
      : verified(
          rel.src.waypointListeners,
          'buildConnectOriginateListener: HBONE to <pod IP>:15008, TunnelingConfig with no headers (no Forwarded)',
        ),
    command: `istioctl proxy-config clusters deploy/${wpPod.serviceAccount}`,
  });
  const arrival = expectSocket(
    w.sendLeg('waypoint-out', outFlow, sock, syn),
    `waypoint ${plaintext ? 'TCP' : 'HBONE'} SYN`,
  );
  const next = w.accept(arrival, sock);
  acceptHop(w, next, outFlow);
  const r = w.deliver(next, outFlow);
  if (r.kind !== 'reply') return r;
  return relayToDownstream(w, acc, r.packet);
}

/**
 * Where "no HBONE to an endpoint outside the mesh" is read: istiod's EDS for the waypoint
 * (`supportTunnel` from 1.21, `supportsTunnel` in 1.20); 1.18 and 1.19 are taken as 1.20.
 */
function plaintextProvenance(tag: string) {
  const path = 'pilot/pkg/xds/endpoints/endpoint_builder.go';
  const note =
    'an endpoint without HBONE (not in the mesh) gets no tunnel metadata, so connect_originate sends it plain TCP';
  return /^1\.(18|19)\./.test(tag)
    ? inferred(`istio/istio@1.20.0:${path}`, `verified at 1.20.0 (supportsTunnel): ${note}`)
    : verified(`istio/istio@${tag}:${path}`, note);
}
