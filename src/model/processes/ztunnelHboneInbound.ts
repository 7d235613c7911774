/**
 * ztunnel's HBONE listener (:15008): it terminates mTLS with the certificate of the workload at
 * the connection's original destination, reads the CONNECT, checks the caller (`serve_connect`)
 * and connects to the workload — or answers the CONNECT with an error.
 */
import type { Ipv4 } from '../addresses';
import { principalText, streamLayers } from '../packet';
import { verified } from '../provenance';
import { serveConnect } from '../ztunnel/inbound';
import { fetchWorkload, policiesFor, workloadIdentity } from '../ztunnel/store';
import type { Accepted, Walker } from '../walk/walker';
import { expectSocket, layerOf, ztunnelLog } from './common';
import type { Outcome } from './types';
import { connectWorkload, l4PolicyHop } from './ztunnelShared';

export function ztunnelHboneInbound(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const label = w.proxyLabel(acc.server.process);
  const layers = streamLayers(acc.arrival.packet);
  const tls = layerOf(layers, 'tls');
  const connect = layerOf(layers, 'h2-connect');
  const inner = layers.filter((l) => l.kind !== 'tls' && l.kind !== 'h2-connect');
  const origDst = acc.server.localIp;
  const serverWl = fetchWorkload(store, origDst);
  const forwardedFor = /for=(\d+\.\d+\.\d+\.\d+)/.exec(connect?.headers.forwarded ?? '')?.[1] as
    Ipv4 | undefined;
  w.hop('ztunnel-inbound', flow, {
    fact: {
      kind: 'ztunnel',
      step: 'hbone-terminate',
      origDst,
      ...(serverWl
        ? { server: workloadIdentity(store, serverWl), workload: serverWl.workloadIp }
        : {}),
      ...(tls ? { client: tls.client } : {}),
      authority: connect?.authority ?? '',
      headers: connect?.headers ?? {},
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [w.cluster.release.zt.inbound, w.cluster.release.zt.tls],
    provenance: verified(
      w.cluster.release.zt.inbound,
      'serve_connect; InboundCertProvider::fetch_cert',
    ),
    command: ztunnelLog(w, node),
  });
  const d = serveConnect(
    store,
    w.cluster.release.ztunnel.rbac,
    {
      ...(tls ? { client: tls.client } : {}),
      clientIp: acc.server.remoteIp as Ipv4,
      origDst,
      authority: connect?.authority ?? '',
      ...(forwardedFor ? { forwardedFor } : {}),
    },
    w.cluster.release.ztunnel,
  );
  const result = d.result;
  if (result.kind === 'hairpin-to-waypoint') throw new Error('HBONE is never hairpinned');
  if (result.kind === 'proxy' && result.fromWaypoint) {
    const skipped = (d.destination ? policiesFor(store, d.destination) : []).map(
      (p) => `${p.namespace}/${p.name}`,
    );
    w.hop('ztunnel-inbound', flow, {
      fact: {
        kind: 'policy',
        netns: ns.id,
        engine: 'ztunnel',
        decision: 'skipped',
        reason: 'request from waypoint, skipping policy',
        ...(tls ? { principal: principalText(tls.client) } : {}),
        target: connect?.authority ?? '',
        evaluated: [],
        checker: label,
        trace: d.steps,
        skipped,
        sourceIp: result.sourceIp,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      packetBefore: acc.arrival.packet,
      packetAfter: acc.arrival.packet,
      changes: [],
      sources: [w.cluster.release.zt.inbound],
      provenance: verified(
        w.cluster.release.zt.inbound,
        'check_waypoint; get_original_src_from_fwded',
      ),
      command: ztunnelLog(w, node),
    });
    if (skipped.length > 0) w.teach({ kind: 'waypoint-skips-l4-policy', policies: skipped });
    if (!forwardedFor) w.teach({ kind: 'waypoint-hides-client', waypoint: result.sourceIp });
  } else if (result.kind === 'proxy' || result.rbac) {
    l4PolicyHop(w, ns.id, 'ztunnel-inbound', flow, {
      checker: label,
      decision: result.rbac ?? { allowed: true, reason: 'no policy', evaluated: [] },
      principal: tls ? principalText(tls.client) : undefined,
      target: connect?.authority ?? '',
      packet: acc.arrival.packet,
      node,
    });
  }
  if (result.kind === 'reject') {
    const status = result.status === 'closed' ? 401 : result.status;
    const reply = w.replyFrom(
      acc.server,
      [...layers.filter((l) => l.kind === 'tls'), { kind: 'h2-response', status }],
      'PSH,ACK',
    );
    w.hop('response', flow, {
      fact: { kind: 'ztunnel', step: 'connect-refused', status, log: result.log },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      packetBefore: acc.arrival.packet,
      packetAfter: reply,
      changes: ['*'],
      sources: [w.cluster.release.zt.inbound],
      provenance: verified(
        w.cluster.release.zt.inbound,
        'Response::builder().status(StatusCode::UNAUTHORIZED)',
      ),
      command: ztunnelLog(w, node),
    });
    const back = expectSocket(
      w.sendLeg('response', `${status} on the HBONE connection`, acc.server, reply),
      `${status} reply`,
    );
    return { kind: 'reply', packet: back.packet };
  }
  return connectWorkload(w, {
    netns: ns.id,
    process: acc.server.process,
    sourceIp: result.sourceIp,
    target: result.target,
    layers: inner,
    stage: 'ztunnel-inbound',
  });
}
