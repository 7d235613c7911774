/**
 * The network between the nodes: a packet sent out of a node's uplink arrives on the node that
 * owns the next hop, or leaves the model. On the wire a packet is just bytes: the skb's mark and
 * conntrack stay on the sending node.
 */
import type { Ipv4 } from '../../addresses';
import type { Netns } from '../../cluster/types';
import { withSkb, type IpPacket } from '../../packet';
import type { Sim } from '../sim';
import { done, type Step } from '../step';

export function onTheWire(sim: Sim, ns: Netns, ifname: string, p: IpPacket, nexthop: Ipv4): Step {
  const target = Object.values(sim.cluster.netns).find(
    (n) =>
      n.kind === 'node' &&
      n.ifaces.some((i) => i.kind === 'uplink' && i.addrs.some((a) => a.ip === nexthop)),
  );
  const external = sim.cluster.externalHops.find((e) => e.ip === nexthop);
  const net = sim.cluster.network;
  const after = withSkb(p, { mark: 0, connmark: 0 });
  sim.emit({
    fact: {
      kind: 'wire',
      fromNode: ns.node,
      iface: ifname,
      nexthop,
      ...(target ? { toNode: target.node } : { external: external?.label ?? nexthop }),
    },
    where: {
      node: null,
      netns: 'wire',
      netnsLabel: net.label,
      component: 'wire',
      componentLabel: net.segment,
      anchor: 'wire',
    },
    packetBefore: p,
    packetAfter: after,
    changes: ['skb.mark', 'skb.connmark'],
    sources: net.prov.kind === 'verified' || net.prov.kind === 'inferred' ? [net.prov.ref] : [],
    provenance: net.prov,
    command: sim.command(ns, `tcpdump -ni ${ifname} host ${p.ip.dst}`),
  });
  if (!target) return done({ kind: 'left-cluster', to: external?.label ?? nexthop, packet: after });
  const uplink = target.ifaces.find((i) => i.kind === 'uplink') ?? { name: 'eth0' };
  return { kind: 'receive', netns: target.id, iface: uplink.name, packet: after };
}
