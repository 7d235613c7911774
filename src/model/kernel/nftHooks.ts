/**
 * nftables at one hook of a namespace that has a ruleset (in-pod mode with native nftables):
 * the ruleset's base chains at the hook, evaluated by the nftables engine, each traversal in
 * which a statement acted recorded as a hop with its NftFact.
 */
import type { Ipv4 } from '../addresses';
import type { Netns, NotableChain } from '../cluster/types';
import type { Hook } from '../netfilter/types';
import type { NatAction } from '../netfilter/evaluate';
import { evaluateNetnsNft } from '../nftables/firewall';
import { nftFact, nftRunChanges } from '../nftables/fact';
import type { NftChainRun } from '../nftables/evaluate';
import type { IpPacket } from '../packet';
import type { Sim } from './sim';

export interface NftHookOptions {
  readonly iif?: string;
  readonly oif?: string;
  /** The packet may still get a NAT binding at this hook (first packet, manipulation not done). */
  readonly natFresh: boolean;
  /** Which side of conntrack's lookup (priority -200) is being run; both when absent. */
  readonly phase?: 'before-conntrack' | 'after-conntrack';
  /** The uid of the local socket that sent the packet (the kubelet's probes). */
  readonly skuid?: number;
}

export interface NftHookRun {
  readonly packet: IpPacket;
  readonly dropped: boolean;
  readonly nat?: NatAction;
  /** A nat chain ran at this hook (so the connection's manipulation is now bound). */
  readonly natRan: boolean;
}

/** Runs the namespace's nftables base chains at `hook`, recording a hop per acting traversal. */
export function runNftHook(
  sim: Sim,
  ns: Netns,
  hook: Hook,
  packet: IpPacket,
  opts: NftHookOptions,
): NftHookRun {
  if (!ns.nftables) return { packet, dropped: false, natRan: false };
  const redirectAddress = (
    opts.iif
      ? (ns.ifaces.find((i) => i.name === opts.iif)?.addrs[0]?.ip ?? '127.0.0.1')
      : '127.0.0.1'
  ) as Ipv4;
  const { result, facts } = evaluateNetnsNft(ns.id, ns.nftables, packet, hook, {
    ...(opts.iif ? { iif: opts.iif } : {}),
    ...(opts.oif ? { oif: opts.oif } : {}),
    ...(opts.skuid !== undefined ? { skuid: opts.skuid } : {}),
    ...(opts.phase ? { phase: opts.phase } : {}),
    ctNew: opts.natFresh,
    ...(packet.skb.ctZone !== undefined ? { ctZone: packet.skb.ctZone } : {}),
    redirectAddress,
  });
  const iface = opts.iif ?? opts.oif;
  const where = sim.where(ns, iface ? { iface, anchor: 'stack' } : { anchor: 'stack' });
  // In the order the base chains ran: each that acted is a hop; so is one that entered a chain
  // the namespace marks as notable (istio-cni's nat chains, where capture is decided) with no
  // rule acting, as its iptables twin is (kernel/hooks.ts).
  for (const run of result.runs) {
    const fact = facts.find((f) => f.table === run.table && f.baseChain === run.chain);
    if (fact) {
      const rule = run.decisive!;
      const ref = 'ref' in rule.src.prov ? rule.src.prov.ref : fact.ref;
      sim.emit({
        fact,
        where,
        packetBefore: run.packetBefore,
        packetAfter: run.packet,
        changes: nftRunChanges(run),
        sources: ref ? [ref] : [],
        provenance: rule.src.prov,
        command: sim.command(ns, `nft list table ${fact.family} ${fact.table}`),
      });
      continue;
    }
    const notable = notableEntered(ns, run);
    if (!notable) continue;
    sim.emit({
      fact: { ...nftFact(ns.id, run, iface), chain: notable.chain.split('/')[1] as string },
      where,
      packetBefore: run.packetBefore,
      packetAfter: run.packet,
      changes: [],
      sources:
        notable.prov.kind === 'verified' || notable.prov.kind === 'inferred'
          ? [notable.prov.ref]
          : [],
      provenance: notable.prov,
      command: sim.command(ns, `nft list table ${run.family} ${run.table}`),
    });
  }
  return {
    packet: result.packet,
    dropped: result.dropped,
    ...(result.nat ? { nat: result.nat } : {}),
    natRan: result.runs.some((r) => r.base.type === 'nat'),
  };
}

/** The notable chain (`table/chain`) a traversal jumped into, if any. */
function notableEntered(ns: Netns, run: NftChainRun): NotableChain | undefined {
  const entered = run.matched.flatMap((m) =>
    m.rule.stmts.flatMap((x) => (x.kind === 'jump' || x.kind === 'goto' ? [x.chain] : [])),
  );
  return ns.notableChains.find((n) => entered.some((c) => n.chain === `${run.table}/${c}`));
}
