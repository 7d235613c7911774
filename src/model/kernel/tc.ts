/**
 * TC (clsact) programs on a device: the program attached at the hook runs over the packet and
 * its maps and answers pass, drop, or redirect to another device (net/core/filter.c).
 */
import type { Netns } from '../cluster/types';
import { PROGRAMS } from '../ebpf/programs';
import type { EbpfMaps, TcAttachment } from '../ebpf/types';
import type { IpPacket } from '../packet';
import { verified } from '../provenance';
import type { Sim } from './sim';

export type TcOutcome =
  | { readonly kind: 'pass'; readonly packet: IpPacket }
  | { readonly kind: 'shot'; readonly packet: IpPacket }
  | { readonly kind: 'redirect'; readonly packet: IpPacket; readonly ifname: string };

function mapsFor(sim: Sim, ns: Netns): EbpfMaps | undefined {
  return ns.bpfMaps ?? sim.nodeNetns(ns).bpfMaps;
}

/** Runs the program attached to `ifname`'s `direction` hook, if any, and records what it did. */
export function runTc(
  sim: Sim,
  ns: Netns,
  ifname: string,
  direction: 'ingress' | 'egress',
  p: IpPacket,
): TcOutcome {
  const att: TcAttachment | undefined = ns.tc.find(
    (a) => a.iface === ifname && a.direction === direction,
  );
  const maps = mapsFor(sim, ns);
  if (!att || !maps) return { kind: 'pass', packet: p };
  const r = PROGRAMS[att.program]({
    skb: p,
    maps,
    skLookup: (pkt) => {
      const est = sim.establishedFor(ns, pkt);
      if (est) return { state: 'ESTABLISHED', localPort: est.localPort };
      const l = sim.listenerFor(ns, pkt.ip.proto, pkt.ip.dst, pkt.l4.dport);
      return l ? { state: 'LISTEN', localPort: l.localPort } : undefined;
    },
  });
  const target =
    r.redirectIfindex !== undefined ? sim.ifaceByIndex(ns, r.redirectIfindex) : undefined;
  sim.emit({
    fact: {
      kind: 'tc',
      netns: ns.id,
      iface: ifname,
      direction,
      program: att.program,
      verdict: r.verdict,
      ...(target ? { redirectTo: target.name } : {}),
      ...(r.skb.skb.mark !== p.skb.mark ? { markSet: r.skb.skb.mark } : {}),
      ...(r.skb.skb.cb4 !== p.skb.cb4 && r.skb.skb.cb4 !== undefined ? { cb4: r.skb.skb.cb4 } : {}),
      path: r.path,
      helpers: r.helpers,
    },
    where: sim.where(ns, { iface: ifname }),
    packetBefore: p,
    packetAfter: r.skb,
    changes: r.writes,
    sources: [att.code.program, att.code.attachedPer],
    provenance: verified(att.code.program, `${att.program}; attached per ${att.code.attachedPer}`),
    command: sim.command(ns, `tc filter show dev ${ifname} ${direction}`),
  });
  if (r.verdict === 'TC_ACT_SHOT') return { kind: 'shot', packet: r.skb };
  if (r.verdict === 'TC_ACT_REDIRECT' && target)
    return { kind: 'redirect', packet: r.skb, ifname: target.name };
  return { kind: 'pass', packet: r.skb };
}
