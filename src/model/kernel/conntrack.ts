/**
 * Conntrack, per network namespace: the connection a packet belongs to, its connmark (restored
 * onto every packet of the connection), and the NAT it recorded, undone on replies
 * (net/netfilter/nf_conntrack_core.c, nf_nat_core.c).
 */
import type { Netns } from '../cluster/types';
import type { NatAction } from '../netfilter/evaluate';
import { withSkb, type IpPacket } from '../packet';
import { inferred } from '../provenance';
import { SRC } from '../upstream';
import type { Sim } from './sim';

export interface ConntrackIn {
  readonly packet: IpPacket;
  /** The first packet of its connection (nat tables see only these). */
  readonly ctNew: boolean;
  readonly dir: 'orig' | 'reply';
  /** The NAT manipulations the connection already has. */
  readonly natDone: Set<'dst' | 'src'>;
}

/** Finds the packet's connection; a connmark on it becomes the packet's, and is a hop. */
export function conntrackIn(sim: Sim, ns: Netns, p: IpPacket): ConntrackIn {
  const look = sim.ctLookup(ns, p);
  const after = withSkb(p, { connmark: look.entry.mark });
  if (after.skb.connmark !== p.skb.connmark) {
    const e = look.entry.orig;
    sim.emit({
      fact: {
        kind: 'conntrack',
        netns: ns.id,
        op: 'connmark',
        dir: look.dir,
        connmark: look.entry.mark,
        entry: e,
      },
      where: sim.where(ns, { anchor: 'stack' }),
      packetBefore: p,
      packetAfter: after,
      changes: ['skb.connmark'],
      sources: [SRC.linuxConntrack],
      provenance: inferred(
        SRC.linuxConntrack,
        'conntrack keeps one entry per connection and namespace',
      ),
      command: sim.command(ns, `conntrack -L -d ${p.ip.dst}`),
    });
  }
  return {
    packet: after,
    ctNew: look.created || (look.dir === 'orig' && !look.entry.seenReply),
    dir: look.dir,
    natDone: look.entry.natDone,
  };
}

/** CONNMARK --save-mark wrote the packet's connmark: keep it on the connection. */
export function saveConnmark(sim: Sim, ns: Netns, p: IpPacket): void {
  sim.ctLookup(ns, p).entry.mark = p.skb.connmark;
}

/** A DNAT or REDIRECT rewrote the first packet: the connection remembers where it was going. */
export function recordNat(
  sim: Sim,
  ns: Netns,
  original: IpPacket,
  nat: NatAction | undefined,
): void {
  if (!nat || nat.kind === 'SNAT') return;
  const look = sim.ctLookup(ns, original);
  look.entry.natDst = { ip: original.ip.dst, port: original.l4.dport };
  look.entry.reply = {
    proto: original.ip.proto,
    src: nat.ip,
    sport: nat.port,
    dst: original.ip.src,
    dport: original.l4.sport,
  };
}

/** On a reply to a DNAT'ed connection, conntrack restores the original destination as the source. */
export function reverseNat(sim: Sim, ns: Netns, p: IpPacket): IpPacket {
  const look = sim.ctLookup(ns, p);
  if (look.dir !== 'reply' || !look.entry.natDst) return p;
  const orig = look.entry.natDst;
  const after: IpPacket = {
    ...p,
    ip: { ...p.ip, src: orig.ip },
    l4: { ...p.l4, sport: orig.port },
  };
  sim.emit({
    fact: {
      kind: 'conntrack',
      netns: ns.id,
      op: 'nat-reverse',
      proto: p.ip.proto,
      replyFrom: { ip: p.ip.src, port: p.l4.sport },
      restored: orig,
    },
    where: sim.where(ns, { anchor: 'stack' }),
    packetBefore: p,
    packetAfter: after,
    changes: ['ip.src', 'l4.sport'],
    sources: [SRC.linuxConntrack],
    provenance: inferred(SRC.linuxConntrack, 'NAT reversal on reply packets'),
    command: sim.command(ns, `conntrack -L -p ${p.ip.proto} --orig-dst ${orig.ip}`),
  });
  return after;
}
