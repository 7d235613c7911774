/**
 * A proxy's answers to its client: relaying what came back on the upstream connection, or
 * closing the client's connection (with the request unread, the kernel answers with a reset).
 * Shared by ztunnel and the waypoint; not a process.
 */
import type { CloseCause } from '../facts';
import { streamLayers, type IpPacket } from '../packet';
import { inferred, verified } from '../provenance';
import { SRC } from '../upstream';
import type { Accepted, Walker } from '../walk/walker';
import { expectSocket, layerOf, ztunnelLog } from './common';
import type { Outcome } from './types';

/** The proxy got an answer on its upstream connection and passes it to its downstream client. */
export function relayToDownstream(w: Walker, acc: Accepted, upstreamReply: IpPacket): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const layers = streamLayers(upstreamReply);
  const connectStatus = layerOf(layers, 'h2-response')?.status;
  const http = layerOf(layers, 'http-response');
  if (http) {
    const reply = w.replyFrom(acc.server, [http], 'PSH,ACK');
    const by =
      w.cluster.processes[acc.server.process]?.kind === 'waypoint' ? 'waypoint' : 'ztunnel';
    w.hop('response', `${http.status} to the client`, {
      fact: {
        kind: 'relay',
        process: acc.server.process,
        by,
        status: http.status,
        reason: http.reason,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.proxyLabel(acc.server.process) }),
      packetBefore: upstreamReply,
      packetAfter: reply,
      changes: ['*'],
      sources: [w.cluster.release.zt.proxy],
      provenance: verified(
        w.cluster.release.zt.proxy,
        'relay / copy_hbone between the two connections',
      ),
      command: ztunnelLog(w, ns.node),
    });
    const back = expectSocket(
      w.sendLeg('response', `${http.status} to the client`, acc.server, reply),
      'relayed answer',
    );
    return { kind: 'reply', packet: back.packet };
  }
  return closeDownstream(
    w,
    acc,
    connectStatus !== undefined
      ? { kind: 'connect-status', status: connectStatus }
      : { kind: 'upstream-closed' },
    upstreamReply,
  );
}

/** The proxy tears down its client's connection; the kernel answers with a reset. */
export function closeDownstream(
  w: Walker,
  acc: Accepted,
  cause: CloseCause,
  trigger?: IpPacket,
): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const rst = w.replyFrom(acc.server, [], 'RST,ACK');
  w.hop('response', 'reset to the client', {
    fact: {
      kind: 'close',
      process: acc.server.process,
      client: { ip: acc.server.remoteIp ?? acc.server.localIp, port: acc.server.remotePort ?? 0 },
      cause,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.proxyLabel(acc.server.process) }),
    packetBefore: trigger ?? acc.arrival.packet,
    packetAfter: rst,
    changes: ['*'],
    sources: [SRC.gettingStartedSnips, w.cluster.release.zt.inbound],
    provenance: inferred(
      SRC.gettingStartedSnips,
      'curl exit 56 is verified; that the kernel sends an RST is inferred (domain file, uncertain #10)',
    ),
    command: ztunnelLog(w, ns.node),
  });
  const back = expectSocket(w.sendLeg('response', 'reset to the client', acc.server, rst), 'reset');
  return { kind: 'reply', packet: back.packet };
}
