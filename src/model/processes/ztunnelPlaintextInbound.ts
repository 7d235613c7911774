/**
 * ztunnel's plaintext inbound listener (:15006): a connection to a mesh pod that did not come
 * over HBONE, so the client has no identity (`proxy_inbound_plaintext`). ztunnel checks L4
 * policy and connects to the workload, or (1.18) hairpins the connection to the destination's
 * waypoint itself.
 */
import type { Ipv4 } from '../addresses';
import { EPHEMERAL } from '../cluster/kind';
import { spiffeText, streamLayers, type StreamLayer } from '../packet';
import { verified } from '../provenance';
import { SRC } from '../upstream';
import { servePlaintext } from '../ztunnel/inbound';
import { HBONE_PORT } from '../ztunnel/outbound';
import { fetchWorkload, workloadIdentity } from '../ztunnel/store';
import type { Accepted, Walker } from '../walk/walker';
import { acceptHop, expectSocket, ztunnelLog } from './common';
import { closeDownstream, relayToDownstream } from './relay';
import type { Outcome } from './types';
import { connectWorkload, l4PolicyHop } from './ztunnelShared';

export function ztunnelPlaintextInbound(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const label = w.proxyLabel(acc.server.process);
  const d = servePlaintext(store, {
    clientIp: acc.server.remoteIp as Ipv4,
    origDst: acc.server.localIp,
    port: acc.server.localPort,
  });
  const inner = streamLayers(acc.arrival.packet);
  w.hop('ztunnel-inbound', flow, {
    fact: {
      kind: 'ztunnel',
      step: 'plaintext-inbound',
      port: acc.arrival.socket.listener?.port ?? acc.arrival.packet.l4.dport,
      from: acc.server.remoteIp as Ipv4,
      to: { ip: acc.server.localIp, port: acc.server.localPort },
      trace: d.steps,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.ztInboundPassthrough118],
    provenance: verified(SRC.ztInboundPassthrough118, 'proxy_inbound_plaintext'),
    command: ztunnelLog(w, node),
  });
  const r = d.result;
  if (r.kind === 'hairpin-to-waypoint') {
    w.teach({ kind: 'plaintext-hairpin-to-waypoint' });
    const source = fetchWorkload(store, acc.server.remoteIp as Ipv4);
    const waypointWl = fetchWorkload(store, r.waypoint);
    if (!source || !waypointWl) throw new Error('hairpin needs a known source and waypoint');
    const ztIp = w.cluster.pods.find((p) => p.kind === 'ztunnel' && p.node === node)?.ip
      .value as Ipv4;
    const hairFlow = `hairpin HBONE: ${ztIp} → ${r.waypoint}:${HBONE_PORT}`;
    const sock = w.socket({
      netns: ns.id,
      localIp: ztIp,
      localPort: EPHEMERAL.hairpin,
      remoteIp: r.waypoint,
      remotePort: HBONE_PORT,
      process: acc.server.process,
    });
    const authority = `${acc.server.localIp}:${acc.server.localPort}`;
    const client = workloadIdentity(store, source);
    const layers: StreamLayer[] = [
      {
        kind: 'tls',
        version: 'TLS 1.3',
        alpn: 'h2',
        client,
        server: workloadIdentity(store, waypointWl),
      },
      { kind: 'h2-connect', authority, headers: { forwarded: `for=${acc.server.remoteIp}` } },
      ...inner,
    ];
    const syn = w.packetFrom(sock, layers);
    w.hop('ztunnel-inbound', hairFlow, {
      fact: {
        kind: 'ztunnel',
        step: 'hairpin',
        from: { ip: ztIp, port: EPHEMERAL.hairpin },
        to: { ip: r.waypoint, port: HBONE_PORT },
        authority,
        client,
        trace: d.steps,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      packetBefore: acc.arrival.packet,
      packetAfter: syn,
      changes: ['*'],
      sources: [SRC.ztInboundPassthrough118, SRC.ztOutbound118],
      provenance: verified(
        SRC.ztInboundPassthrough118,
        'OutboundConnection::proxy_to with enable_original_source = Some(false)',
      ),
      command: ztunnelLog(w, node),
      uncertain: `Inferred: the hairpin goes through ztunnel's outbound path, which looks the source up by IP; the walk shows it presenting ${spiffeText(client)}. The domain file does not record which identity ztunnel presents here.`,
    });
    const arrival = expectSocket(w.sendLeg('hairpin', hairFlow, sock, syn), 'hairpin SYN');
    const next = w.accept(arrival, sock);
    acceptHop(w, next, hairFlow);
    const res = w.deliver(next, hairFlow);
    if (res.kind !== 'reply') return res;
    return relayToDownstream(w, acc, res.packet);
  }
  if (r.kind === 'reject') {
    if (r.rbac) {
      l4PolicyHop(w, ns.id, 'ztunnel-inbound', flow, {
        checker: label,
        decision: r.rbac,
        principal: undefined,
        target: `${acc.server.localIp}:${acc.server.localPort}`,
        packet: acc.arrival.packet,
        node,
      });
    }
    return closeDownstream(w, acc, { kind: 'plaintext-rbac', log: r.log });
  }
  if (r.rbac) {
    l4PolicyHop(w, ns.id, 'ztunnel-inbound', flow, {
      checker: label,
      decision: r.rbac,
      principal: undefined,
      target: `${r.target.ip}:${r.target.port}`,
      packet: acc.arrival.packet,
      node,
    });
    if (w.cluster.policies.some((p) => p.action === 'DENY') && r.rbac.allowed)
      w.teach({ kind: 'deny-cannot-match-plaintext' });
  }
  return connectWorkload(w, {
    netns: ns.id,
    process: acc.server.process,
    sourceIp: r.sourceIp,
    target: r.target,
    layers: inner,
    stage: 'ztunnel-inbound',
  });
}
