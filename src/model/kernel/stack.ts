/**
 * The Linux network stack, as far as the walk needs it: TC ingress/egress programs, conntrack,
 * the netfilter hooks in priority order, policy routing, GENEVE encapsulation, veth pairs, the
 * wire between nodes, and socket lookup. Every step that acts emits a hop.
 *
 * Packet path (net/ipv4/ip_input.c, ip_forward.c, ip_output.c):
 *   receive: tc ingress → conntrack → PREROUTING (raw, mangle, nat) → routing →
 *            local: INPUT → socket  |  forward: FORWARD → POSTROUTING → transmit
 *   send:    routing → conntrack → OUTPUT (raw, mangle, nat, filter) → [reroute] → POSTROUTING → transmit
 *   transmit: tc egress → veth peer | GENEVE encap → send | the wire → the next node
 */
import { hex, type Ipv4 } from '../addresses';
import type { Netns, NetnsId } from '../cluster/types';
import { PROGRAMS, PROGRAM_SUMMARY } from '../ebpf/programs';
import type { EbpfMaps, TcAttachment } from '../ebpf/types';
import type { HopDraft } from '../hop';
import { traverseTable, type NatAction, type TableVerdict } from '../netfilter/evaluate';
import { matchesInWords, ruleText } from '../netfilter/render';
import { HOOK_TABLES, type Hook, type Target } from '../netfilter/types';
import { endpointsText, withSkb, type IpPacket } from '../packet';
import { inferred, verified } from '../provenance';
import { fibLookup, type RouteDecision } from '../routing/lookup';
import { ipRuleText, routeText } from '../routing/render';
import { SRC } from '../upstream';
import { inNetns } from './commands';
import type { Sim, SocketEntry } from './sim';

export type Arrival =
  | {
      readonly kind: 'socket';
      readonly netns: NetnsId;
      readonly socket: SocketEntry;
      readonly packet: IpPacket;
    }
  | {
      readonly kind: 'dropped';
      readonly netns: NetnsId;
      readonly reason: string;
      readonly packet: IpPacket;
    }
  | { readonly kind: 'left-cluster'; readonly to: string; readonly packet: IpPacket };

const MAX_DEPTH = 64;

interface Ctx {
  readonly sim: Sim;
}

function cmd(sim: Sim, ns: Netns, command: string): string {
  return inNetns(ns, sim.podNamespace(ns), command);
}

function hopDraft(h: HopDraft): HopDraft {
  return h;
}

// ---------------------------------------------------------------------------------------------
// Netfilter hooks

interface HookResult {
  readonly packet: IpPacket;
  readonly dropped: boolean;
  readonly nat?: NatAction;
}

function ipsetHas(ns: Netns) {
  return (set: string, ip: Ipv4): boolean =>
    ns.ipsets.some((s) => s.name === set && s.members.some((m) => m.ip === ip));
}

/** Runs every table registered at `hook`, emitting a hop for each table traversal that acted. */
function runHook(
  { sim }: Ctx,
  ns: Netns,
  hook: Hook,
  packet: IpPacket,
  opts: { iif?: string; oif?: string; ctNew: boolean; socketExists: boolean },
): HookResult {
  let p = packet;
  let nat: NatAction | undefined;
  for (const tableName of HOOK_TABLES[hook]) {
    // nat is consulted for the first packet of a connection only.
    if (tableName === 'nat' && !opts.ctNew) continue;
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
    const notable =
      entered.find((c) => ns.notableChains.includes(c)) ??
      (ns.notableChains.includes(`${tableName}/${hook}`) ? `${tableName}/${hook}` : undefined);
    const acted = v.matched.some((m) => m.acted);
    if (acted || notable) emitNetfilterHop(sim, ns, hook, tableName, before, v, opts, notable);
    if (v.verdict === 'DROP') return { packet: p, dropped: true, ...(nat ? { nat } : {}) };
  }
  return { packet: p, dropped: false, ...(nat ? { nat } : {}) };
}

function emitNetfilterHop(
  sim: Sim,
  ns: Netns,
  hook: Hook,
  table: string,
  before: IpPacket,
  v: TableVerdict,
  opts: { iif?: string; oif?: string },
  notable: string | undefined,
): void {
  const decisive = v.decisive;
  // What the matched targets may write, declared by target type (not read off the packets).
  const changes = [...new Set(v.matched.flatMap((m) => TARGET_WRITES[m.rule.target.kind]))];
  const details = v.matched.map((m) => `${ruleText(m.rule)}   → ${m.effect}`);
  const iface = opts.iif ?? opts.oif;
  if (!decisive) {
    const chain = (notable ?? `${table}/${hook}`).split('/')[1] as string;
    sim.emit(
      hopDraft({
        title: `${table} ${chain}: no rule matches`,
        narration: `No rule in ${table} ${chain} matches ${endpointsText(before)}, so it leaves ${hook} unmarked (mark ${hex(v.packet.skb.mark)}).`,
        why: noMatchWhy(ns, before),
        where: sim.where(ns, iface ? { iface, anchor: 'stack' } : { anchor: 'stack' }),
        actor: {
          kind: 'netfilter',
          name: `${table} ${chain}`,
          text: `(no match in ${chain})`,
          details: details.length ? details : [`every rule in ${chain} was checked; none matched`],
          refs: [],
        },
        packetBefore: before,
        packetAfter: v.packet,
        changes,
        sources: [SRC.netLinux118],
        provenance: inferred(SRC.netLinux118, 'evaluating the verified rules against this packet'),
        command: cmd(sim, ns, `iptables-save -t ${table}`),
      }),
    );
    return;
  }
  const effect = v.matched.find((m) => m.rule === decisive)?.effect ?? '';
  const title = netfilterTitle(table, decisive.chain, decisive.target.kind, effect, v.packet);
  sim.emit(
    hopDraft({
      title,
      narration: `On ${ns.label}, ${table} ${decisive.chain} matches ${matchesInWords(decisive)}: ${effectSentence(decisive.target.kind, effect)}`,
      why: decisive.why,
      where: sim.where(ns, iface ? { iface, anchor: 'stack' } : { anchor: 'stack' }),
      actor: {
        kind: 'netfilter',
        name: `${table} ${decisive.chain}`,
        text: ruleText(decisive),
        details,
        refs: [{ netns: ns.id, section: 'iptables', lineId: decisive.id }],
      },
      packetBefore: before,
      packetAfter: v.packet,
      changes,
      sources: [
        decisive.prov.kind === 'verified' || decisive.prov.kind === 'inferred'
          ? decisive.prov.ref
          : SRC.kubeProxy,
      ],
      provenance: decisive.prov,
      command: cmd(
        sim,
        ns,
        decisive.matches.some((m) => m.kind === 'set')
          ? `iptables-save -t ${table}; ipset list ztunnel-pods-ips`
          : `iptables-save -t ${table}`,
      ),
    }),
  );
}

/** The packet fields each target writes. */
const TARGET_WRITES: Readonly<Record<Target['kind'], readonly string[]>> = {
  jump: [],
  ACCEPT: [],
  DROP: [],
  RETURN: [],
  LOG: [],
  CT: [],
  MARK: ['skb.mark'],
  'CONNMARK-save': ['skb.connmark'],
  'CONNMARK-set': ['skb.connmark'],
  'CONNMARK-restore': ['skb.mark'],
  DNAT: ['ip.dst', 'l4.dport'],
  REDIRECT: ['ip.dst', 'l4.dport'],
  SNAT: ['ip.src'],
  TPROXY: ['skb.mark', 'skb.assignedSocket'],
};

function noMatchWhy(ns: Netns, p: IpPacket): string {
  const inSet = ns.ipsets.find((s) => s.name === 'ztunnel-pods-ips');
  if (inSet && p.ip.proto === 'tcp') {
    const member = inSet.members.some((m) => m.ip === p.ip.src);
    if (!member) {
      return `${p.ip.src} is not in this node's ztunnel-pods-ips ipset (it holds only the ambient pods of this node), so the capture rule (-m set --match-set ztunnel-pods-ips src) does not mark it.`;
    }
  }
  return "None of the rules applies to this packet; the chain falls through and the built-in chain's policy (ACCEPT) applies.";
}

function netfilterTitle(
  table: string,
  chain: string,
  target: string,
  effect: string,
  after: IpPacket,
): string {
  switch (target) {
    case 'MARK':
      return `${table} ${chain} marks it ${hex(after.skb.mark)}`;
    case 'TPROXY':
      return `${table} ${chain}: TPROXY to :${after.skb.assignedSocket?.split(':').pop() ?? ''}`;
    case 'ACCEPT':
      return `${table} ${chain}: ACCEPT`;
    case 'DNAT':
      return `${table} ${chain}: DNAT to ${after.ip.dst}:${after.l4.dport}`;
    case 'REDIRECT':
      return `${table} ${chain}: REDIRECT to :${after.l4.dport}`;
    case 'CONNMARK-save':
    case 'CONNMARK-set':
      return `${table} ${chain} saves connmark ${hex(after.skb.connmark)}`;
    case 'CONNMARK-restore':
      return `${table} ${chain} restores mark ${hex(after.skb.mark)}`;
    default:
      return `${table} ${chain}: ${effect}`;
  }
}

function effectSentence(target: string, effect: string): string {
  switch (target) {
    case 'ACCEPT':
      return "accepts it, so no later rule in this table (kube-proxy's KUBE-SERVICES included) sees it.";
    default:
      return `${effect}.`;
  }
}

// ---------------------------------------------------------------------------------------------
// Routing

function routeQueryHop(
  sim: Sim,
  ns: Netns,
  p: IpPacket,
  iif: string | undefined,
  label: string,
): RouteDecision | undefined {
  const d = fibLookup(ns.ipRules, ns.routes, {
    dst: p.ip.dst,
    mark: p.skb.mark,
    ...(iif ? { iif } : {}),
    src: p.ip.src,
  });
  if (!d) {
    sim.emit({
      title: `no route to ${p.ip.dst}`,
      narration: `${ns.label} has no route to ${p.ip.dst}.`,
      why: 'No ip rule found a table with a matching route.',
      where: sim.where(ns, { anchor: 'stack' }),
      actor: { kind: 'routing', name: 'routing', text: 'unreachable', details: [], refs: [] },
      packetBefore: p,
      packetAfter: p,
      changes: [],
      sources: [SRC.linuxFibRules],
      provenance: inferred(SRC.linuxFibRules, 'policy routing over the modelled rules'),
      command: cmd(sim, ns, `ip route get ${p.ip.dst} mark ${hex(p.skb.mark)}`),
    });
    return undefined;
  }
  const table = d.rule.action.kind === 'lookup' ? String(d.rule.action.table) : 'main';
  const trail = d.steps.map((s) => {
    const r = ipRuleText(s.rule).replace('\t', ' ');
    if (!s.matched) return `${r}   → does not apply`;
    if (s.rule.action.kind === 'goto') return `${r}   → applies: jump to ${s.rule.action.priority}`;
    return `${r}   → applies: ${s.found ? 'route found' : 'no route in the table, carry on'}`;
  });
  const interesting = d.rule.priority !== 0 && d.rule.priority !== 32766;
  const viaGoto = d.steps.find((s) => s.matched && s.rule.action.kind === 'goto');
  const ruleBit = viaGoto
    ? `ip rule ${viaGoto.rule.priority} (${viaGoto.rule.fwmark ? `fwmark ${hex(viaGoto.rule.fwmark.value)}/${hex(viaGoto.rule.fwmark.mask)}` : 'all'}) → goto ${d.rule.priority} → table ${table}`
    : interesting
      ? `ip rule ${d.rule.priority} → table ${table}`
      : `table ${table}`;
  const rt = routeText(d.route);
  const local = d.route.type === 'local';
  sim.emit({
    title: `${label}: ${ruleBit}: ${rt}`,
    narration: local
      ? `Routing on ${ns.label}: ${ruleBit} says ${p.ip.dst} is local (${rt}), so the packet is delivered to a socket here.`
      : `Routing on ${ns.label}: ${ruleBit} sends it ${d.route.via ? `via ${d.route.via} ` : ''}out of ${d.route.dev}.`,
    why: [viaGoto ? viaGoto.rule.why : d.rule.why, d.route.why].filter(Boolean).join(' — '),
    where: sim.where(ns, { anchor: 'stack' }),
    actor: {
      kind: 'routing',
      name: `${ruleBit}`,
      text: rt,
      details: trail,
      refs: [
        { netns: ns.id, section: 'ip-rule', lineId: (viaGoto?.rule ?? d.rule).id },
        { netns: ns.id, section: 'ip-route', lineId: d.route.id },
      ],
    },
    packetBefore: p,
    packetAfter: p,
    changes: [],
    sources: [
      ...(d.route.prov.kind === 'verified' || d.route.prov.kind === 'inferred'
        ? [d.route.prov.ref]
        : []),
      SRC.linuxFibRules,
    ],
    provenance: viaGoto ? viaGoto.rule.prov : interesting ? d.rule.prov : d.route.prov,
    command: cmd(sim, ns, `ip rule; ip route show table ${table}`),
  });
  return d;
}

// ---------------------------------------------------------------------------------------------
// Conntrack

function conntrackIn(
  sim: Sim,
  ns: Netns,
  p: IpPacket,
): { packet: IpPacket; ctNew: boolean; dir: 'orig' | 'reply' } {
  const look = sim.ctLookup(ns, p);
  const after = withSkb(p, { connmark: look.entry.mark });
  if (after.skb.connmark !== p.skb.connmark) {
    sim.emit({
      title: `conntrack: connmark ${hex(look.entry.mark)}`,
      narration: `Conntrack on ${ns.label} finds this packet's connection (${look.dir === 'reply' ? 'a reply' : 'the original direction'}), whose connmark is ${hex(look.entry.mark)}.`,
      why: 'A connmark is stored on the connection, not on the packet: every packet of the connection sees it in this namespace, and -m connmark rules match on it.',
      where: sim.where(ns, { anchor: 'stack' }),
      actor: {
        kind: 'conntrack',
        name: 'conntrack',
        text: `${look.entry.orig.proto} src=${look.entry.orig.src} dst=${look.entry.orig.dst} sport=${look.entry.orig.sport} dport=${look.entry.orig.dport} mark=${look.entry.mark}`,
        details: [`direction: ${look.dir}`],
        refs: [],
      },
      packetBefore: p,
      packetAfter: after,
      changes: ['skb.connmark'],
      sources: [SRC.linuxConntrack],
      provenance: inferred(
        SRC.linuxConntrack,
        'conntrack keeps one entry per connection and namespace',
      ),
      command: cmd(sim, ns, `conntrack -L -d ${p.ip.dst}`),
    });
  }
  return {
    packet: after,
    ctNew: look.created || (look.dir === 'orig' && !look.entry.seenReply),
    dir: look.dir,
  };
}

function saveConnmark(sim: Sim, ns: Netns, p: IpPacket): void {
  const look = sim.ctLookup(ns, p);
  look.entry.mark = p.skb.connmark;
}

function recordNat(sim: Sim, ns: Netns, original: IpPacket, nat: NatAction | undefined): void {
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
function reverseNat(sim: Sim, ns: Netns, p: IpPacket): IpPacket {
  const look = sim.ctLookup(ns, p);
  if (look.dir !== 'reply' || !look.entry.natDst) return p;
  const orig = look.entry.natDst;
  const after: IpPacket = {
    ...p,
    ip: { ...p.ip, src: orig.ip },
    l4: { ...p.l4, sport: orig.port },
  };
  sim.emit({
    title: `conntrack reverses the DNAT: source ${orig.ip}:${orig.port}`,
    narration: `On ${ns.label} conntrack rewrites the reply's source back to ${orig.ip}:${orig.port}, the address the client asked for.`,
    why: "The request was DNAT'ed on this node; conntrack undoes the translation on every reply, so the client sees an answer from the address it sent to.",
    where: sim.where(ns, { anchor: 'stack' }),
    actor: {
      kind: 'conntrack',
      name: 'conntrack NAT',
      text: `reply ${p.ip.src}:${p.l4.sport} → source ${orig.ip}:${orig.port}`,
      details: [],
      refs: [],
    },
    packetBefore: p,
    packetAfter: after,
    changes: ['ip.src', 'l4.sport'],
    sources: [SRC.linuxConntrack],
    provenance: inferred(SRC.linuxConntrack, 'NAT reversal on reply packets'),
    command: cmd(sim, ns, `conntrack -L -p ${p.ip.proto} --orig-dst ${orig.ip}`),
  });
  return after;
}

// ---------------------------------------------------------------------------------------------
// TC / eBPF

function mapsFor(sim: Sim, ns: Netns): EbpfMaps | undefined {
  return ns.bpfMaps ?? sim.nodeNetns(ns).bpfMaps;
}

type TcOutcome =
  | { readonly kind: 'pass'; readonly packet: IpPacket }
  | { readonly kind: 'shot'; readonly packet: IpPacket }
  | { readonly kind: 'redirect'; readonly packet: IpPacket; readonly ifname: string };

function runTc(
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
  const program = PROGRAMS[att.program];
  const r = program({
    skb: p,
    maps,
    skLookup: (pkt) => {
      const est = sim.establishedFor(ns, pkt);
      if (est) return { state: 'ESTABLISHED', localPort: est.localPort };
      const l = sim.listenerFor(ns, pkt.ip.proto, pkt.ip.dst, pkt.l4.dport);
      return l ? { state: 'LISTEN', localPort: l.localPort } : undefined;
    },
  });
  const changes = r.writes;
  const target =
    r.redirectIfindex !== undefined ? sim.ifaceByIndex(ns, r.redirectIfindex) : undefined;
  const verdictText =
    r.verdict === 'TC_ACT_REDIRECT'
      ? `bpf_redirect to ${target?.name}`
      : r.verdict === 'TC_ACT_SHOT'
        ? 'TC_ACT_SHOT'
        : 'TC_ACT_OK';
  const hookWord = direction === 'ingress' ? 'ingress' : 'egress';
  const markSet = r.skb.skb.mark !== p.skb.mark;
  sim.emit({
    title: markSet
      ? `${att.program} (tc ${hookWord} on ${ifname}) marks it ${r.skb.skb.mark} (${hex(r.skb.skb.mark)})`
      : `${att.program} (tc ${hookWord} on ${ifname}): ${verdictText}`,
    narration:
      r.verdict === 'TC_ACT_REDIRECT'
        ? `The eBPF program ${att.program} at the TC ${hookWord} of ${ifname} redirects the packet to ${target?.name}${r.skb.skb.cb4 !== p.skb.cb4 ? ` with cb[4]=${r.skb.skb.cb4}` : ''}, skipping the rest of the stack.`
        : `The eBPF program ${att.program} at the TC ${hookWord} of ${ifname} lets it pass${r.skb.skb.mark !== p.skb.mark ? ` with mark ${r.skb.skb.mark} (${hex(r.skb.skb.mark)})` : ''}.`,
    why: PROGRAM_SUMMARY[att.program],
    where: sim.where(ns, { iface: ifname }),
    actor: {
      kind: 'ebpf',
      name: att.program,
      text: r.path.join('\n'),
      details: [
        `attached: tc ${hookWord} on ${ifname} (clsact, bpf da)`,
        ...r.helpers.map((h) => `helper: ${h}`),
      ],
      refs: [{ netns: ns.id, section: 'tc', lineId: `tc/${ifname}/${direction}` }],
    },
    packetBefore: p,
    packetAfter: r.skb,
    changes,
    sources: [SRC.bpfOriginal, SRC.redirectionServer120],
    provenance: verified(
      SRC.bpfOriginal,
      `${att.program}; attached per ${SRC.redirectionServer120}`,
    ),
    command: cmd(sim, ns, `tc filter show dev ${ifname} ${hookWord}`),
  });
  if (r.verdict === 'TC_ACT_SHOT') return { kind: 'shot', packet: r.skb };
  if (r.verdict === 'TC_ACT_REDIRECT' && target)
    return { kind: 'redirect', packet: r.skb, ifname: target.name };
  return { kind: 'pass', packet: r.skb };
}

// ---------------------------------------------------------------------------------------------
// Receive path

function guard(sim: Sim): void {
  sim.depth++;
  if (sim.depth > MAX_DEPTH) throw new Error('packet loop: more than 64 stack traversals');
}

/** A packet arrives on `ifname` of namespace `nsId`. */
export function receive(sim: Sim, nsId: NetnsId, ifname: string, packet: IpPacket): Arrival {
  guard(sim);
  const ns = sim.netns(nsId);
  const tc = runTc(sim, ns, ifname, 'ingress', packet);
  if (tc.kind === 'shot')
    return { kind: 'dropped', netns: ns.id, reason: 'TC_ACT_SHOT', packet: tc.packet };
  if (tc.kind === 'redirect') return transmit(sim, ns.id, tc.ifname, tc.packet, undefined);
  return ipReceive(sim, ns, ifname, tc.packet);
}

function ipReceive(sim: Sim, ns: Netns, iif: string, packet: IpPacket): Arrival {
  const ct = conntrackIn(sim, ns, packet);
  let p = ct.packet;
  const pre = runHook({ sim }, ns, 'PREROUTING', p, { iif, ctNew: ct.ctNew, socketExists: false });
  if (pre.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in PREROUTING', packet: pre.packet };
  recordNat(sim, ns, p, pre.nat);
  p = pre.packet;
  saveConnmark(sim, ns, p);

  // Something the domain file could not confirm, applied only where nothing else would deliver.
  const assumption = ns.assumptions.find(
    (a) => a.proto === p.ip.proto && a.dport === p.l4.dport && !sim.isLocalAddress(ns, p.ip.dst),
  );
  if (assumption) {
    const sock = sim.listenerFor(ns, p.ip.proto, '0.0.0.0' as Ipv4, assumption.deliverToPort);
    if (sock) {
      const after = withSkb(p, { assignedSocket: sock.id });
      sim.emit({
        title: `unconfirmed: delivered to :${assumption.deliverToPort}`,
        narration: `${assumption.text} — the source does not show how.`,
        why: assumption.prov.kind === 'inferred' ? assumption.prov.note : assumption.text,
        where: sim.where(ns, { anchor: 'proc' }),
        actor: {
          kind: 'assumption',
          name: 'unconfirmed step',
          text: assumption.text,
          details: [],
          refs: [],
        },
        packetBefore: p,
        packetAfter: after,
        changes: ['skb.assignedSocket'],
        sources: [SRC.bpf120],
        provenance: assumption.prov,
        command: cmd(sim, ns, `ss -lunp 'sport = :${assumption.deliverToPort}'`),
        uncertain:
          'Uncertain (domain file #2): ztunnel_ingress handles TCP only and no UDP→15053 rule was found in the ztunnel netns. The walk assumes the query reaches the DNS proxy and labels this hop.',
      });
      return deliverLocal(sim, ns, after);
    }
  }

  const d = routeQueryHop(sim, ns, p, iif, 'routing');
  if (!d) return { kind: 'dropped', netns: ns.id, reason: 'no route', packet: p };
  if (d.route.type === 'local') return localIn(sim, ns, iif, p, ct.ctNew);
  return forward(sim, ns, iif, p, d, ct.ctNew);
}

function localIn(sim: Sim, ns: Netns, iif: string, packet: IpPacket, ctNew: boolean): Arrival {
  const input = runHook({ sim }, ns, 'INPUT', packet, { iif, ctNew, socketExists: false });
  if (input.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in INPUT', packet: input.packet };
  const p = input.packet;
  saveConnmark(sim, ns, p);
  // GENEVE: UDP to the tunnel port of a local geneve device is decapsulated (drivers/net/geneve.c).
  if (p.payload.kind === 'geneve' && p.ip.proto === 'udp') {
    const payload = p.payload;
    const dev = ns.ifaces.find(
      (i) =>
        i.kind === 'geneve' &&
        i.geneve?.vni === payload.vni &&
        i.geneve.dport === p.l4.dport &&
        i.geneve.remote === p.ip.src,
    );
    if (!dev)
      return {
        kind: 'dropped',
        netns: ns.id,
        reason: `no GENEVE device for VNI ${payload.vni}`,
        packet: p,
      };
    const inner = withSkb(payload.inner, { mark: p.skb.mark, connmark: 0 });
    sim.emit({
      title: `GENEVE decap on ${dev.name} (VNI ${payload.vni})`,
      narration: `The GENEVE driver strips the outer ${p.ip.src} → ${p.ip.dst}:${p.l4.dport} header; the inner packet appears on ${dev.name} as if it had arrived there.`,
      why: `${dev.name} is the ztunnel end of the tunnel with VNI ${payload.vni} and remote ${dev.geneve?.remote}: ${dev.role}.`,
      where: sim.where(ns, { iface: dev.name }),
      actor: {
        kind: 'geneve',
        name: `${dev.name} decap`,
        text: `geneve id ${payload.vni} remote ${dev.geneve?.remote} dstport ${dev.geneve?.dport}`,
        details: [
          `outer: ${p.ip.src}:${p.l4.sport} → ${p.ip.dst}:${p.l4.dport} udp`,
          `inner: ${endpointsText(inner)}`,
        ],
        refs: [],
      },
      packetBefore: p,
      packetAfter: inner,
      changes: ['ip', 'l4', 'payload', 'skb.connmark', 'skb.assignedSocket'],
      sources: [dev.prov.kind === 'verified' ? dev.prov.ref : SRC.netLinux118, SRC.linuxGeneve],
      provenance: dev.prov,
      command: cmd(sim, ns, `ip -d link show ${dev.name}`),
    });
    return receive(sim, ns.id, dev.name, inner);
  }
  return deliverLocal(sim, ns, p);
}

function deliverLocal(sim: Sim, ns: Netns, p: IpPacket): Arrival {
  const socket = sim.socketFor(ns, p);
  if (!socket) {
    return {
      kind: 'dropped',
      netns: ns.id,
      reason: `nothing listens on ${p.ip.dst}:${p.l4.dport}`,
      packet: p,
    };
  }
  return { kind: 'socket', netns: ns.id, socket, packet: p };
}

function forward(
  sim: Sim,
  ns: Netns,
  iif: string,
  packet: IpPacket,
  d: RouteDecision,
  ctNew: boolean,
): Arrival {
  const fwd = runHook({ sim }, ns, 'FORWARD', packet, {
    iif,
    oif: d.route.dev,
    ctNew,
    socketExists: false,
  });
  if (fwd.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in FORWARD', packet: fwd.packet };
  saveConnmark(sim, ns, fwd.packet);
  const post = runHook({ sim }, ns, 'POSTROUTING', fwd.packet, {
    oif: d.route.dev,
    ctNew,
    socketExists: false,
  });
  if (post.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in POSTROUTING', packet: post.packet };
  saveConnmark(sim, ns, post.packet);
  const p = reverseNat(sim, ns, post.packet);
  return transmit(sim, ns.id, d.route.dev, p, d.route.via ?? p.ip.dst);
}

// ---------------------------------------------------------------------------------------------
// Send path

export interface SendOptions {
  /** The packet comes from a local socket (`-m owner --socket-exists`). */
  readonly socketExists: boolean;
  /** A route already chosen (GENEVE picks the outer route itself). */
  readonly route?: RouteDecision;
  readonly routeLabel?: string;
}

/** A packet generated in `nsId` (by a socket or by the GENEVE driver) leaves through the stack. */
export function send(sim: Sim, nsId: NetnsId, packet: IpPacket, opts: SendOptions): Arrival {
  guard(sim);
  const ns = sim.netns(nsId);
  let d = opts.route ?? routeQueryHop(sim, ns, packet, undefined, opts.routeLabel ?? 'routing');
  if (!d) return { kind: 'dropped', netns: ns.id, reason: 'no route', packet };
  const ct = conntrackIn(sim, ns, packet);
  let p = ct.packet;
  const out = runHook({ sim }, ns, 'OUTPUT', p, {
    oif: d.route.dev,
    ctNew: ct.ctNew,
    socketExists: opts.socketExists,
  });
  if (out.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in OUTPUT', packet: out.packet };
  recordNat(sim, ns, p, out.nat);
  // A mark or destination changed in OUTPUT means the route is looked up again (ip_route_me_harder).
  if (out.packet.skb.mark !== p.skb.mark || out.packet.ip.dst !== p.ip.dst) {
    p = out.packet;
    d = routeQueryHop(sim, ns, p, undefined, 'rerouted after OUTPUT');
    if (!d) return { kind: 'dropped', netns: ns.id, reason: 'no route', packet: p };
  } else {
    p = out.packet;
  }
  saveConnmark(sim, ns, p);
  const post = runHook({ sim }, ns, 'POSTROUTING', p, {
    oif: d.route.dev,
    ctNew: ct.ctNew,
    socketExists: opts.socketExists,
  });
  if (post.dropped)
    return { kind: 'dropped', netns: ns.id, reason: 'dropped in POSTROUTING', packet: post.packet };
  saveConnmark(sim, ns, post.packet);
  const final = reverseNat(sim, ns, post.packet);
  if (d.route.type === 'local') return transmit(sim, ns.id, 'lo', final, undefined);
  return transmit(sim, ns.id, d.route.dev, final, d.route.via ?? final.ip.dst);
}

// ---------------------------------------------------------------------------------------------
// Transmit: TC egress, then the device

export function transmit(
  sim: Sim,
  nsId: NetnsId,
  ifname: string,
  packet: IpPacket,
  nexthop: Ipv4 | undefined,
): Arrival {
  guard(sim);
  const ns = sim.netns(nsId);
  const tc = runTc(sim, ns, ifname, 'egress', packet);
  if (tc.kind === 'shot')
    return { kind: 'dropped', netns: ns.id, reason: 'TC_ACT_SHOT', packet: tc.packet };
  if (tc.kind === 'redirect') return transmit(sim, ns.id, tc.ifname, tc.packet, undefined);
  const p = tc.packet;
  const dev = sim.iface(ns, ifname);
  switch (dev.kind) {
    case 'loopback':
      return receive(sim, ns.id, 'lo', p);
    case 'veth':
      return crossVeth(sim, ns, dev.name, p);
    case 'geneve':
      return geneveEncap(sim, ns, dev.name, p);
    case 'uplink':
      return onTheWire(sim, ns, p, nexthop ?? p.ip.dst);
  }
}

function crossVeth(sim: Sim, ns: Netns, ifname: string, p: IpPacket): Arrival {
  const dev = sim.iface(ns, ifname);
  const peer = dev.peer;
  if (!peer) return { kind: 'dropped', netns: ns.id, reason: `${ifname} has no peer`, packet: p };
  const peerNs = sim.netns(peer.netns);
  // Crossing into another namespace scrubs the skb: mark and conntrack are dropped
  // (veth_forward_skb → __dev_forward_skb → skb_scrub_packet(skb, xnet=true)); cb survives,
  // which the eBPF programs rely on to pass cb[4] to ztunnel_ingress.
  const after: IpPacket = withSkb(p, { mark: 0, connmark: 0, assignedSocket: undefined });
  const cleaned: IpPacket = {
    ...after,
    skb: Object.fromEntries(
      Object.entries(after.skb).filter(([, v]) => v !== undefined),
    ) as IpPacket['skb'],
  };
  const changes = ['skb.mark', 'skb.connmark', 'skb.assignedSocket'];
  const intoPod = peerNs.kind === 'pod';
  sim.emit({
    title: intoPod
      ? `veth ${ifname} → ${peerNs.label} ${peer.iface}`
      : `veth ${ifname} → ${peer.iface} on ${peerNs.label}`,
    narration: `The packet crosses the veth pair from ${ns.label} (${ifname}) into ${peerNs.label} (${peer.iface})${p.skb.mark ? `; crossing namespaces clears the mark ${hex(p.skb.mark)}` : ''}.`,
    why: `${dev.role}. A veth pair is a cable between two network namespaces; the skb is scrubbed on the way (mark and conntrack reset).`,
    where: sim.where(ns, { iface: ifname }),
    actor: {
      kind: 'veth',
      name: `${ifname} ⇄ ${peer.iface}`,
      text: `${ns.label}:${ifname} → ${peerNs.label}:${peer.iface}`,
      details: [],
      refs: [],
    },
    packetBefore: p,
    packetAfter: cleaned,
    changes,
    sources: [SRC.linuxVeth],
    provenance: inferred(
      SRC.linuxVeth,
      'skb_scrub_packet on a cross-namespace veth transmit clears the mark',
    ),
    command: cmd(sim, ns, `ip -d link show ${ifname}`),
  });
  return receive(sim, peerNs.id, peer.iface, cleaned);
}

function geneveEncap(sim: Sim, ns: Netns, ifname: string, inner: IpPacket): Arrival {
  const dev = sim.iface(ns, ifname);
  const g = dev.geneve;
  if (!g)
    return { kind: 'dropped', netns: ns.id, reason: `${ifname} is not GENEVE`, packet: inner };
  // The outer route is looked up with the inner packet's mark (geneve_get_v4_rt sets
  // flowi4_mark = skb->mark): that is why tables 100 and 101 hold a route to the ztunnel pod.
  const ruleHop = fibLookup(ns.ipRules, ns.routes, { dst: g.remote, mark: inner.skb.mark });
  const srcIp =
    ruleHop?.route.src ?? (ruleHop ? sim.iface(ns, ruleHop.route.dev).addrs[0]?.ip : undefined);
  if (!ruleHop || !srcIp)
    return {
      kind: 'dropped',
      netns: ns.id,
      reason: `no route to GENEVE remote ${g.remote}`,
      packet: inner,
    };
  const outer: IpPacket = {
    ip: { src: srcIp, dst: g.remote, proto: 'udp' },
    l4: { sport: flowSourcePort(inner), dport: g.dport },
    skb: { mark: inner.skb.mark, connmark: 0 },
    payload: { kind: 'geneve', vni: g.vni, inner: withSkb(inner, { mark: 0, connmark: 0 }) },
  };
  sim.emit({
    title: `GENEVE encap on ${ifname}: VNI ${g.vni}, UDP ${srcIp} → ${g.remote}:${g.dport}`,
    narration: `${ifname} wraps the packet in GENEVE (VNI ${g.vni}) inside UDP from ${srcIp} to ${g.remote}:${g.dport}, the ztunnel pod${ns.kind === 'node' ? '' : "'s node"}.`,
    why: `${dev.role}. GENEVE carries the whole original packet, addresses untouched, to the other end of the tunnel; the outer route is chosen with the inner packet's mark (${hex(inner.skb.mark)}).`,
    where: sim.where(ns, { iface: ifname }),
    actor: {
      kind: 'geneve',
      name: `${ifname} encap`,
      text: `geneve id ${g.vni} remote ${g.remote} dstport ${g.dport}`,
      details: [
        `outer route: ${ipRuleText(ruleHop.rule).replace('\t', ' ')} → ${routeText(ruleHop.route)}`,
        'UDP source port: a hash of the inner flow (illustrative)',
      ],
      refs: [{ netns: ns.id, section: 'ip-route', lineId: ruleHop.route.id }],
    },
    packetBefore: inner,
    packetAfter: outer,
    changes: ['ip', 'l4', 'payload', 'skb.connmark', 'skb.assignedSocket'],
    sources: [dev.prov.kind === 'verified' ? dev.prov.ref : SRC.netLinux118, SRC.linuxGeneve],
    provenance: dev.prov,
    command: cmd(sim, ns, `ip -d link show ${ifname}`),
  });
  return send(sim, ns.id, outer, { socketExists: true, route: ruleHop });
}

/**
 * The UDP source port of a tunnel packet: a hash of the inner flow in the ephemeral range, as
 * udp_flow_src_port does, so different inner flows spread over different outer ports.
 */
function flowSourcePort(inner: IpPacket): number {
  const key = `${inner.ip.src}:${inner.l4.sport}>${inner.ip.dst}:${inner.l4.dport}`;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return 32768 + (h % 28232);
}

function onTheWire(sim: Sim, ns: Netns, p: IpPacket, nexthop: Ipv4): Arrival {
  const target = Object.values(sim.cluster.netns).find(
    (n) =>
      n.kind === 'node' &&
      n.ifaces.some((i) => i.kind === 'uplink' && i.addrs.some((a) => a.ip === nexthop)),
  );
  const external = sim.cluster.externalHops.find((e) => e.ip === nexthop);
  const label = target ? target.label : (external?.label ?? nexthop);
  // On the wire a packet is just bytes: the skb's mark and conntrack stay on the sending node.
  const after = withSkb(p, { mark: 0, connmark: 0 });
  const changes = ['skb.mark', 'skb.connmark'];
  sim.emit({
    title: `on the wire: ${ns.node} eth0 → ${target ? target.node : label}`,
    narration: `The packet leaves ${ns.node} on eth0 for next hop ${nexthop}${target ? ` (${target.node})` : ` (${label})`}, unchanged: ${endpointsText(p)}.`,
    why: target
      ? "kindnet routes each node's PodCIDR via that node's address on the shared docker network; pod IPs travel on the wire as they are."
      : 'This next hop is outside the two modelled nodes.',
    where: {
      node: null,
      netns: 'wire',
      netnsLabel: 'the kind network',
      component: 'wire',
      componentLabel: 'kind network (172.18.0.0/16)',
      anchor: 'wire',
    },
    actor: {
      kind: 'wire',
      name: 'docker bridge "kind"',
      text: `${ns.node}:eth0 → ${nexthop}`,
      details: [],
      refs: [],
    },
    packetBefore: p,
    packetAfter: after,
    changes,
    sources: [SRC.kindnet],
    provenance: inferred(
      SRC.kindnet,
      'kind nodes share one docker bridge; kindnet adds a route per peer PodCIDR',
    ),
    command: cmd(sim, ns, `tcpdump -ni eth0 host ${p.ip.dst}`),
  });
  if (!target) return { kind: 'left-cluster', to: label, packet: after };
  return receive(sim, target.id, 'eth0', after);
}
