/**
 * A veth pair: a cable between two network namespaces. Transmitting on one end receives on the
 * other; crossing namespaces scrubs the skb (veth_forward_skb → __dev_forward_skb →
 * skb_scrub_packet(skb, xnet=true)): mark and conntrack are dropped, cb survives — which the
 * eBPF programs rely on to pass cb[4] to ztunnel_ingress.
 */
import type { Netns } from '../../cluster/types';
import { withSkb, type IpPacket } from '../../packet';
import { inferred } from '../../provenance';
import { SRC } from '../../upstream';
import type { Sim } from '../sim';
import { dropped, type Step } from '../step';

export function crossVeth(sim: Sim, ns: Netns, ifname: string, p: IpPacket): Step {
  const dev = sim.iface(ns, ifname);
  const peer = dev.peer;
  if (!peer) return dropped(ns.id, `${ifname} has no peer`, p);
  const after: IpPacket = withSkb(p, {
    mark: 0,
    connmark: 0,
    assignedSocket: undefined,
    ctZone: undefined,
  });
  const cleaned: IpPacket = {
    ...after,
    skb: Object.fromEntries(
      Object.entries(after.skb).filter(([, v]) => v !== undefined),
    ) as IpPacket['skb'],
  };
  sim.emit({
    fact: { kind: 'veth', netns: ns.id, iface: ifname, peer, clearedMark: p.skb.mark },
    where: sim.where(ns, { iface: ifname }),
    packetBefore: p,
    packetAfter: cleaned,
    changes: [
      'skb.mark',
      'skb.connmark',
      'skb.assignedSocket',
      ...(p.skb.ctZone !== undefined ? ['skb.ctZone'] : []),
    ],
    sources: [SRC.linuxVeth],
    provenance: inferred(
      SRC.linuxVeth,
      'skb_scrub_packet on a cross-namespace veth transmit clears the mark',
    ),
    command: sim.command(ns, `ip -d link show ${ifname}`),
  });
  return { kind: 'receive', netns: peer.netns, iface: peer.iface, packet: cleaned };
}
