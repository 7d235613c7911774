/**
 * Netfilter at one hook: every table registered there, in priority order, traversed against the
 * packet. A traversal in which a rule acted (or of a chain the namespace marks as notable) is a
 * hop, recorded as which rule decided and which matched on the way.
 */
import type { Ipv4 } from '../addresses';
import type { Netns, NotableChain } from '../cluster/types';
import { traverseTable, type NatAction, type TableVerdict } from '../netfilter/evaluate';
import { HOOK_TABLES, type Hook, type TableName, type Target } from '../netfilter/types';
import type { IpPacket } from '../packet';
import { inferred } from '../provenance';
import { SRC } from '../upstream';
import { runNftHook } from './nftHooks';
import type { Sim } from './sim';

export interface HookResult {
  readonly packet: IpPacket;
  readonly dropped: boolean;
  readonly nat?: NatAction;
}

export interface HookOptions {
  readonly iif?: string;
  readonly oif?: string;
  readonly ctNew: boolean;
  readonly socketExists: boolean;
  /** The connection's NAT manipulations so far; the nat table runs once per kind (see CtEntry). */
  readonly natDone?: Set<'dst' | 'src'>;
  /** Only these tables (raw runs before conntrack's lookup, the others after it). */
  readonly tables?: readonly TableName[];
}

/** Which manipulation the nat table makes at a hook: the destination on the way in or out. */
const NAT_MANIP: Readonly<Record<Hook, 'dst' | 'src' | undefined>> = {
  PREROUTING: 'dst',
  OUTPUT: 'dst',
  INPUT: 'src',
  POSTROUTING: 'src',
  FORWARD: undefined,
};

function ipsetHas(ns: Netns) {
  return (set: string, ip: Ipv4): boolean =>
    ns.ipsets.some((s) => s.name === set && s.members.some((m) => m.ip === ip));
}

/** Runs every table registered at `hook`, recording a hop for each traversal that acted. */
export function runHook(
  sim: Sim,
  ns: Netns,
  hook: Hook,
  packet: IpPacket,
  opts: HookOptions,
): HookResult {
  let p = packet;
  let nat: NatAction | undefined;
  const manip = NAT_MANIP[hook];
  // Read before iptables' nat marks the manipulation done: nftables' nat chains share it.
  const natFresh = opts.ctNew && !(manip && opts.natDone?.has(manip));
  for (const tableName of HOOK_TABLES[hook]) {
    if (opts.tables && !opts.tables.includes(tableName)) continue;
    if (tableName === 'nat') {
      // nat is consulted for the first packet of a connection only, and once per manipulation:
      // a connection that went through nat OUTPUT meets no nat PREROUTING rule when it comes
      // back in on lo (nf_nat_initialized).
      if (!opts.ctNew || (manip && opts.natDone?.has(manip))) continue;
      if (manip) opts.natDone?.add(manip);
    }
    const table = ns.tables[tableName];
    const builtin = table.chains.find((c) => c.name === hook);
    if (!builtin || builtin.rules.length === 0) continue;
    const before = p;
    const v: TableVerdict = traverseTable(table, hook, p, {
      ...(opts.iif ? { iif: opts.iif } : {}),
      ...(opts.oif ? { oif: opts.oif } : {}),
      ipsetHas: ipsetHas(ns),
      ctState: opts.ctNew ? 'NEW' : 'ESTABLISHED',
      socketExists: opts.socketExists,
      tproxyLookup: (ip, port) => sim.listenerFor(ns, p.ip.proto, ip, port)?.id,
      redirectAddress: (opts.iif
        ? (ns.ifaces.find((i) => i.name === opts.iif)?.addrs[0]?.ip ?? '127.0.0.1')
        : '127.0.0.1') as Ipv4,
    });
    p = v.packet;
    if (v.nat) nat = v.nat;
    const entered = v.matched
      .filter((m) => m.rule.target.kind === 'jump')
      .map((m) => `${tableName}/${(m.rule.target as { chain: string }).chain}`);
    const notableAt = (c: string): NotableChain | undefined =>
      ns.notableChains.find((n) => n.chain === c);
    const notable =
      entered.map(notableAt).find((n) => n !== undefined) ?? notableAt(`${tableName}/${hook}`);
    const acted = v.matched.some((m) => m.acted);
    if (acted || notable) recordTraversal(sim, ns, hook, tableName, before, v, opts, notable);
    if (v.verdict === 'DROP') return { packet: p, dropped: true, ...(nat ? { nat } : {}) };
  }
  if (ns.nftables) {
    // A netns istio-cni programmed with nftables: its base chains run after the iptables tables
    // (a pod netns has none; the node's kube-proxy rules and istio's probe SNAT do not overlap).
    const raw = opts.tables?.includes('raw');
    const phase = opts.tables ? (raw ? 'before-conntrack' : 'after-conntrack') : undefined;
    const n = runNftHook(sim, ns, hook, p, {
      ...(opts.iif ? { iif: opts.iif } : {}),
      ...(opts.oif ? { oif: opts.oif } : {}),
      natFresh: natFresh && !nat,
      // The only local sender on a node in the model is the kubelet, which runs as root (kind).
      ...(opts.socketExists ? { skuid: 0 } : {}),
      ...(phase ? { phase } : {}),
    });
    if (n.natRan && manip) opts.natDone?.add(manip);
    p = n.packet;
    if (n.nat) nat = n.nat;
    if (n.dropped) return { packet: p, dropped: true, ...(nat ? { nat } : {}) };
  }
  return { packet: p, dropped: false, ...(nat ? { nat } : {}) };
}

function recordTraversal(
  sim: Sim,
  ns: Netns,
  hook: Hook,
  table: TableName,
  before: IpPacket,
  v: TableVerdict,
  opts: HookOptions,
  notable: NotableChain | undefined,
): void {
  const decisive = v.decisive;
  // What the matched targets may write, declared by target type (not read off the packets).
  const changes = [...new Set(v.matched.flatMap((m) => TARGET_WRITES[m.rule.target.kind]))];
  const iface = opts.iif ?? opts.oif;
  const where = sim.where(ns, iface ? { iface, anchor: 'stack' } : { anchor: 'stack' });
  const matched = v.matched.map((m) => ({ rule: m.rule.id, effect: m.effect }));
  if (!decisive) {
    const chain = (notable?.chain ?? `${table}/${hook}`).split('/')[1] as string;
    const prov = notable?.prov ?? inferred(SRC.linuxHooks, 'no rule of this chain matched');
    sim.emit({
      fact: {
        kind: 'netfilter',
        netns: ns.id,
        hook,
        table,
        chain,
        ...(iface ? { iface } : {}),
        rule: null,
        matched,
      },
      where,
      packetBefore: before,
      packetAfter: v.packet,
      changes,
      sources: [prov.kind === 'verified' || prov.kind === 'inferred' ? prov.ref : SRC.linuxHooks],
      provenance: prov,
      command: sim.command(ns, `iptables-save -t ${table}`),
    });
    return;
  }
  const effect = v.matched.find((m) => m.rule === decisive)?.effect ?? '';
  const setMatch = decisive.matches.find((m) => m.kind === 'set');
  sim.emit({
    fact: {
      kind: 'netfilter',
      netns: ns.id,
      hook,
      table,
      chain: decisive.chain,
      ...(iface ? { iface } : {}),
      rule: decisive.id,
      target: decisive.target.kind,
      effect,
      matched,
      ...(decisive.meantFor && decisive.meantFor.proto !== before.ip.proto
        ? { sideEffect: true }
        : {}),
    },
    where,
    packetBefore: before,
    packetAfter: v.packet,
    changes,
    sources: [
      decisive.prov.kind === 'verified' || decisive.prov.kind === 'inferred'
        ? decisive.prov.ref
        : SRC.kubeProxy,
    ],
    provenance: decisive.prov,
    command: sim.command(
      ns,
      setMatch?.kind === 'set'
        ? `iptables-save -t ${table}; ipset list ${setMatch.set}`
        : `iptables-save -t ${table}`,
    ),
  });
}

/** The packet fields each target writes. */
const TARGET_WRITES: Readonly<Record<Target['kind'], readonly string[]>> = {
  jump: [],
  ACCEPT: [],
  DROP: [],
  RETURN: [],
  LOG: [],
  CT: ['skb.ctZone'],
  MARK: ['skb.mark'],
  'CONNMARK-save': ['skb.connmark'],
  'CONNMARK-set': ['skb.connmark'],
  'CONNMARK-restore': ['skb.mark'],
  DNAT: ['ip.dst', 'l4.dport'],
  REDIRECT: ['ip.dst', 'l4.dport'],
  SNAT: ['ip.src'],
  TPROXY: ['skb.mark', 'skb.assignedSocket'],
};
