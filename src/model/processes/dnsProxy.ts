/**
 * ztunnel's DNS proxy (1.19+, src/dns/server.rs): "A DNS server that serves known hostnames from
 * ztunnel data structures. Unknown hosts are forwarded to an upstream resolver." It answers a
 * Service's hostname with its VIP from the workload store, without asking the cluster DNS.
 */
import { ipv4 } from '../addresses';
import type { IpPacket, StreamLayer } from '../packet';
import { verified } from '../provenance';
import type { Walker } from '../walk/walker';
import { ztunnelConfigCommand } from './common';
import type { DatagramAnswer, SocketArrival } from './types';

export function ztunnelDnsProxy(w: Walker, arrived: SocketArrival, flow: string): DatagramAnswer {
  const ns = w.ns(arrived.netns);
  const q = arrived.packet.payload.kind === 'stream' ? arrived.packet.payload.layers[0] : undefined;
  const name = q?.kind === 'dns-query' ? q.name : '';
  const vip = w.cluster.ztunnelStore.vips.find((v) => v.hostname === name);
  const answer: StreamLayer = { kind: 'dns-answer', name, answer: vip?.vip ?? ipv4('0.0.0.0') };
  const reply: IpPacket = {
    ip: { src: arrived.packet.ip.dst, dst: arrived.packet.ip.src, proto: 'udp' },
    l4: { sport: arrived.packet.l4.dport, dport: arrived.packet.l4.sport },
    // The answer leaves ztunnel's socket with its mark (0x539 in a pod's netns; none on the node).
    skb: { mark: arrived.socket.mark, connmark: 0 },
    payload: { kind: 'stream', layers: [answer] },
  };
  const uncertain = arrived.socket.listener?.uncertain;
  const dnsSource = w.cluster.release.zt.dns ?? w.cluster.release.zt.config;
  w.hop('dns', flow, {
    fact: {
      kind: 'dns',
      server: 'ztunnel',
      netns: ns.id,
      listener: {
        proto: arrived.socket.proto,
        port: arrived.socket.listener?.port ?? arrived.packet.l4.dport,
      },
      name,
      answer: answer.answer,
      vip: { ip: answer.answer, port: vip?.port ?? 0 },
      endpoints: vip?.endpoints ?? [],
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: 'ztunnel DNS proxy' }),
    packetBefore: arrived.packet,
    packetAfter: reply,
    changes: ['*'],
    sources: [dnsSource],
    provenance: verified(dnsSource, 'Store::lookup: a Service hostname answers its VIPs (TTL 30)'),
    command: ztunnelConfigCommand(w, ns.node),
    ...(uncertain ? { uncertain } : {}),
  });
  // Captured by address rewriting (DNAT), the answer goes back through conntrack; delivered
  // without it (the eBPF capture), the way back is not shown by the source.
  const returnPath = w.sim.isLocalAddress(ns, arrived.packet.ip.dst) ? 'kernel' : 'unconfirmed';
  return { reply, returnPath };
}
