/**
 * Something the domain file could not confirm but the walk must get past (how eBPF-captured DNS
 * reaches ztunnel's :15053). The namespace's data declares it; the kernel applies it only where
 * nothing else would deliver the packet, and the hop carries the data's own uncertainty note.
 */
import type { Ipv4 } from '../addresses';
import type { Netns } from '../cluster/types';
import { withSkb, type IpPacket } from '../packet';
import type { Sim } from './sim';

/** The packet, assigned to the assumed listener, when an assumption of `ns` applies to it. */
export function applyAssumption(sim: Sim, ns: Netns, p: IpPacket): IpPacket | undefined {
  const a = ns.assumptions.find(
    (x) => x.proto === p.ip.proto && x.dport === p.l4.dport && !sim.isLocalAddress(ns, p.ip.dst),
  );
  if (!a) return undefined;
  const sock = sim.listenerFor(ns, p.ip.proto, '0.0.0.0' as Ipv4, a.deliverToPort);
  if (!sock) return undefined;
  const after = withSkb(p, { assignedSocket: sock.id });
  sim.emit({
    fact: {
      kind: 'assumption',
      netns: ns.id,
      about: { assumption: a.id, port: a.deliverToPort },
    },
    where: sim.where(ns, { anchor: 'proc' }),
    packetBefore: p,
    packetAfter: after,
    changes: ['skb.assignedSocket'],
    sources: a.sources,
    provenance: a.prov,
    command: sim.command(ns, `ss -lunp 'sport = :${a.deliverToPort}'`),
    uncertain: a.uncertain,
  });
  return after;
}
