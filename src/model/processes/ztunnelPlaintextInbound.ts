/**
 * ztunnel's plaintext inbound listener (:15006): a connection to a mesh pod that did not come
 * over HBONE, so the client has no identity (`proxy_inbound_plaintext`). ztunnel checks L4
 * policy and connects to the workload, or (1.18) hairpins the connection to the destination's
 * waypoint itself.
 */
import { WalkStopped } from '../stopped';
import type { Ipv4 } from '../addresses';
import { EPHEMERAL } from '../cluster/kind';
import { spiffeText, streamLayers, type StreamLayer } from '../packet';
import { inferred, verified } from '../provenance';
import { servePlaintext } from '../ztunnel/inbound';
import { HBONE_PORT } from '../ztunnel/outbound';
import { nodeAuthorizes } from '../ztunnel/certificates';
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
  const rel = w.cluster.release;
  // SO_ORIGINAL_DST: TPROXY keeps the destination; in-pod REDIRECT (1.24+) rewrites it.
  const orig = w.originalDst(acc);
  const d = servePlaintext(
    store,
    rel.ztunnel.rbac,
    {
      clientIp: acc.server.remoteIp as Ipv4,
      origDst: orig.ip,
      port: orig.port,
    },
    w.cluster.release.ztunnel,
  );
  const inner = streamLayers(acc.arrival.packet);
  w.hop('ztunnel-inbound', flow, {
    fact: {
      kind: 'ztunnel',
      step: 'plaintext-inbound',
      port: acc.arrival.socket.listener?.port ?? acc.arrival.packet.l4.dport,
      from: acc.server.remoteIp as Ipv4,
      to: orig,
      trace: d.steps,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [w.cluster.release.zt.inboundPassthrough],
    provenance: verified(w.cluster.release.zt.inboundPassthrough, 'proxy_inbound_plaintext'),
    command: ztunnelLog(w, node),
  });
  const r = d.result;
  if (r.kind === 'hairpin-to-waypoint') {
    w.teach({ kind: 'plaintext-hairpin-to-waypoint' });
    const source = fetchWorkload(store, acc.server.remoteIp as Ipv4);
    const waypointWl = r.waypointWorkload;
    if (!source) throw new WalkStopped('ztunnel: a hairpin needs a known source workload', 'reset');
    // proxy_to fetches a certificate for the source workload's identity, from this node.
    const sourceId = workloadIdentity(store, source);
    const cert = nodeAuthorizes(store, sourceId, node);
    w.hop('ztunnel-inbound', flow, {
      fact: {
        kind: 'ztunnel',
        step: 'certificate',
        identity: sourceId,
        node,
        granted: cert.granted,
        ...(cert.granted ? {} : { error: cert.error }),
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      packetBefore: acc.arrival.packet,
      packetAfter: acc.arrival.packet,
      changes: [],
      sources: [rel.zt.outbound, rel.src.nodeAuthorizer, rel.src.ambientProfile],
      provenance: inferred(
        rel.src.nodeAuthorizer,
        "OutboundConnection::proxy_to fetches a certificate for the source identity (fetch_certificate(&req.source.identity())); the ambient profile sets CA_TRUSTED_NODE_ACCOUNTS, and authenticateImpersonation refuses an identity with no pod on the caller's node. Not run on a cluster.",
      ),
      command: ztunnelLog(w, node),
      ...(cert.granted
        ? {}
        : {
            uncertain:
              "Not run on a cluster (domain file §9.4): composed from ztunnel's proxy_to and the CA's node authorizer; the walk shows the likely outcome, a refused certificate and a reset.",
          }),
    });
    if (!cert.granted) {
      w.teach({ kind: 'hairpin-certificate-refused', node });
      return closeDownstream(w, acc, { kind: 'certificate', error: cert.error });
    }
    // Node redirection: from ztunnel's own pod. In-pod (1.21): from the destination pod's netns,
    // with the pod's address and ztunnel's mark, so the pod's rules let it out.
    const mark = w.socketMark(ns.id, acc.server.process);
    const ztIp = (
      mark
        ? w.sim.pod(ns)?.ip.value
        : w.cluster.pods.find((p) => p.kind === 'ztunnel' && p.node === node)?.ip.value
    ) as Ipv4;
    const hairFlow = `hairpin HBONE: ${ztIp} → ${r.waypoint}:${HBONE_PORT}`;
    const sock = w.socket({
      netns: ns.id,
      localIp: ztIp,
      localPort: EPHEMERAL.hairpin,
      remoteIp: r.waypoint,
      remotePort: HBONE_PORT,
      process: acc.server.process,
      mark,
    });
    const authority = `${orig.ip}:${orig.port}`;
    const client = sourceId;
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
      sources: [rel.zt.inboundPassthrough, rel.zt.outbound],
      provenance: verified(
        rel.zt.inboundPassthrough,
        `OutboundConnection::proxy_to with enable_original_source = Some(false); build_request looks the source up by IP and presents ${spiffeText(client)} (fetch_certificate(&req.source.identity()))`,
      ),
      command: ztunnelLog(w, node),
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
        target: `${orig.ip}:${orig.port}`,
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
