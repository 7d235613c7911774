/**
 * nftables at one hook, evaluated the way nf_tables does it (net/netfilter/nf_tables_core.c
 * `nft_do_chain`): every base chain registered at the hook runs, in priority order. In a chain,
 * a rule applies when all its expressions hold; its statements run in order. `accept` ends this
 * base chain only, and the next one runs; `drop` ends everything. `jump` returns to the next
 * rule, `goto` does not come back, `return` (or running out of rules) goes back to the caller,
 * and in a base chain applies its policy. NAT statements are terminal (they accept).
 */
import { inCidr, type Cidr, type Ipv4 } from '../addresses';
import type { NatAction } from '../netfilter/evaluate';
import { withSkb, type IpPacket } from '../packet';
import type {
  NftBaseSpec,
  NftChain,
  NftExpr,
  NftFamily,
  NftHook,
  NftRule,
  NftRuleset,
  NftStmt,
  NftTable,
} from './types';

/** What the rules can see besides the packet (its skb mark and ct mark travel in `packet.skb`). */
export interface NftContext {
  readonly iif?: string;
  readonly oif?: string;
  /** The packet's conntrack zone so far (0 unless a `ct zone set` ran before conntrack). */
  readonly ctZone?: number;
  /** The owner uid of the local socket that sent the packet; absent for received packets. */
  readonly skuid?: number;
  /** The first packet of its connection: only those traverse nat chains. */
  readonly ctNew: boolean;
  /** Where `redirect` sends a packet: the incoming interface's address, or 127.0.0.1 for local output. */
  readonly redirectAddress: Ipv4;
  /**
   * Conntrack looks the packet up at priority -200: chains below it (raw, where `ct zone set`
   * works) run before the lookup, the rest after. Default: all of them.
   */
  readonly phase?: 'before-conntrack' | 'after-conntrack';
}

export interface NftMatchedRule {
  readonly rule: NftRule;
  /** What its statements did: "ct mark 0x0 → 0x111", "redirected to 127.0.0.1:15001". */
  readonly effect: string;
  /** A statement changed the packet or its connection, or decided its fate (not jump/return/counter). */
  readonly acted: boolean;
  /** The statement that acted last (`redirect`, `mark-set`, `accept`, …). */
  readonly acting?: NftStmt['kind'];
  /** The set element an `@set` expression of the rule found. */
  readonly setElement?: { readonly set: string; readonly key: string };
}

/** One base chain's traversal. */
export interface NftChainRun {
  readonly family: NftFamily;
  readonly table: string;
  readonly chain: string;
  readonly base: NftBaseSpec;
  readonly packetBefore: IpPacket;
  readonly packet: IpPacket;
  readonly verdict: 'accept' | 'drop';
  /** A rule's statement decided, or the rules ran out and the chain's policy did. */
  readonly by: 'rule' | 'policy';
  readonly matched: readonly NftMatchedRule[];
  readonly nat?: NatAction;
  /** The zone a `ct zone set` put the packet in. */
  readonly ctZone?: number;
  /** The rule that decided: the last one that acted. */
  readonly decisive?: NftRule;
}

export interface NftHookResult {
  readonly hook: NftHook;
  readonly packet: IpPacket;
  readonly dropped: boolean;
  readonly nat?: NatAction;
  readonly ctZone: number;
  readonly runs: readonly NftChainRun[];
  /** The kernel must route the packet again: a `route` chain changed its mark or an address, or NAT at output its destination. */
  readonly reroute: boolean;
}

const CONNTRACK_PRIORITY = -200;
const h = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** The base chains at `hook` that see an IPv4 packet, in the order the kernel calls them. */
export function baseChainsAt(
  rs: NftRuleset,
  hook: NftHook,
): Array<{ table: NftTable; chain: NftChain & { base: NftBaseSpec } }> {
  const out = rs.tables
    // The model's packets are IPv4: inet and ip tables see them, ip6 tables do not.
    .filter((t) => t.family !== 'ip6')
    .flatMap((table) =>
      table.chains.flatMap((chain) =>
        chain.base?.hook === hook
          ? [{ table, chain: chain as NftChain & { base: NftBaseSpec } }]
          : [],
      ),
    );
  // Stable: at equal priority a hook registered later runs later (nf_hook_entries_grow).
  return out.sort((a, b) => a.chain.base.priority - b.chain.base.priority);
}

interface Env {
  readonly table: NftTable;
  readonly ctx: NftContext;
}

/** The expression's verdict; a key that cannot be loaded (an ip6 field of an IPv4 packet, no output device, no socket) fails it whatever the operator. */
function holds(e: NftExpr, p: IpPacket, env: Env): { ok: boolean; element?: string } {
  const cmp = (op: '==' | '!=', eq: boolean) => ({ ok: op === '==' ? eq : !eq });
  switch (e.kind) {
    case 'l4proto':
      return { ok: p.ip.proto === e.proto };
    case 'addr': {
      if (e.l3 !== 'ip') return { ok: false };
      const ip = e.field === 'saddr' ? p.ip.src : p.ip.dst;
      return cmp(e.op, inCidr(ip, `${e.addr}/${e.prefix ?? 32}` as Cidr));
    }
    case 'addr-set': {
      if (e.l3 !== 'ip') return { ok: false };
      const ip = e.field === 'saddr' ? p.ip.src : p.ip.dst;
      const set = env.table.sets.find((s) => s.name === e.set);
      const found = set?.elements.some((el) => el.key === ip) ?? false;
      const r = cmp(e.op, found);
      return r.ok && found ? { ok: true, element: ip } : r;
    }
    case 'port':
      // `tcp dport` carries an implicit `meta l4proto tcp`: a UDP packet never matches it.
      if (p.ip.proto !== e.proto) return { ok: false };
      return cmp(e.op, (e.field === 'dport' ? p.l4.dport : p.l4.sport) === e.port);
    case 'ifname': {
      const dev = e.dir === 'iif' ? env.ctx.iif : env.ctx.oif;
      return dev === undefined ? { ok: false } : cmp(e.op, dev === e.name);
    }
    case 'mark': {
      const v = e.key === 'meta' ? p.skb.mark : p.skb.connmark;
      return cmp(e.op, (v & e.mask) >>> 0 === e.value >>> 0);
    }
    case 'skuid':
      return env.ctx.skuid === undefined ? { ok: false } : cmp(e.op, env.ctx.skuid === e.uid);
  }
}

type Outcome = 'accept' | 'drop' | 'return';

interface RunState {
  p: IpPacket;
  nat?: NatAction;
  ctZone?: number;
  decisive?: NftRule;
  readonly matched: NftMatchedRule[];
}

function runBaseChain(
  table: NftTable,
  chain: NftChain & { base: NftBaseSpec },
  packet: IpPacket,
  ctx: NftContext,
): NftChainRun {
  const env: Env = { table, ctx };
  const st: RunState = { p: packet, matched: [] };
  const byName = new Map(table.chains.map((c) => [c.name, c]));

  const run = (c: NftChain, depth: number): Outcome => {
    if (depth > 16) throw new Error(`nft: chain loop at ${c.name}`);
    rules: for (const rule of c.rules) {
      let element: { set: string; key: string } | undefined;
      const ok = rule.exprs.every((e) => {
        const r = holds(e, st.p, env);
        if (r.element && e.kind === 'addr-set') element = { set: e.set, key: r.element };
        return r.ok;
      });
      if (!ok) continue;
      const effects: string[] = [];
      let acted = false;
      let acting: NftStmt['kind'] | undefined;
      const record = (): void => {
        st.matched.push({
          rule,
          effect: effects.join('; '),
          acted,
          ...(acting ? { acting } : {}),
          ...(element ? { setElement: element } : {}),
        });
        if (acted) st.decisive = rule;
      };
      const act = (kind: NftStmt['kind'], effect: string): void => {
        effects.push(effect);
        acted = true;
        acting = kind;
      };
      for (const s of rule.stmts) {
        switch (s.kind) {
          case 'counter':
            break;
          case 'mark-set': {
            const from =
              s.source === 'meta' ? st.p.skb.mark : s.source === 'ct' ? st.p.skb.connmark : 0;
            const value = ((from & s.mask) | s.value) >>> 0;
            const field = s.target === 'meta' ? 'mark' : 'connmark';
            const before = st.p.skb[field];
            st.p = withSkb(st.p, { [field]: value });
            act(
              s.kind,
              `${s.target} mark ${h(before)} → ${h(value)}${s.source && s.source !== s.target ? ` (from the ${s.source} mark)` : ''}`,
            );
            break;
          }
          case 'ct-zone-set':
            // nft_ct_set_zone_eval: a packet conntrack has already seen keeps its zone.
            if (chain.base.priority >= CONNTRACK_PRIORITY) {
              effects.push(`ct zone set ${s.zone}: already tracked, no effect`);
            } else {
              act(s.kind, `ct zone ${st.ctZone ?? ctx.ctZone ?? 0} → ${s.zone}`);
              st.ctZone = s.zone;
              // The conntrack lookup after this chain happens in that zone (as with -j CT --zone).
              st.p = withSkb(st.p, { ctZone: s.zone });
            }
            break;
          case 'accept':
          case 'drop':
            act(s.kind, s.kind);
            record();
            return s.kind;
          case 'return':
            effects.push('return to the calling chain');
            record();
            return 'return';
          case 'jump':
          case 'goto': {
            effects.push(`${s.kind} to ${s.chain}`);
            record();
            const target = byName.get(s.chain);
            const r = target ? run(target, depth + 1) : 'return';
            // A jump comes back to the next rule; a goto hands our caller the outcome.
            if (s.kind === 'goto' || r !== 'return') return r;
            continue rules;
          }
          case 'redirect': {
            const ip = ctx.redirectAddress;
            st.nat = { kind: 'REDIRECT', ip, port: s.port };
            st.p = { ...st.p, ip: { ...st.p.ip, dst: ip }, l4: { ...st.p.l4, dport: s.port } };
            act(s.kind, `redirected to ${ip}:${s.port}`);
            record();
            return 'accept';
          }
          case 'snat': {
            const ip = s.addr as Ipv4;
            st.nat = { kind: 'SNAT', ip };
            st.p = { ...st.p, ip: { ...st.p.ip, src: ip } };
            act(s.kind, `source rewritten to ${ip}`);
            record();
            return 'accept';
          }
        }
      }
      // Every statement ran without a verdict: the next rule.
      record();
    }
    return 'return';
  };

  const outcome = run(chain, 0);
  const verdict = outcome === 'return' ? chain.base.policy : outcome;
  return {
    family: table.family,
    table: table.name,
    chain: chain.name,
    base: chain.base,
    packetBefore: packet,
    packet: st.p,
    verdict,
    by: outcome === 'return' ? 'policy' : 'rule',
    matched: st.matched,
    ...(st.nat ? { nat: st.nat } : {}),
    ...(st.ctZone !== undefined ? { ctZone: st.ctZone } : {}),
    ...(st.decisive ? { decisive: st.decisive } : {}),
  };
}

/**
 * Runs every base chain of `rs` registered at `hook` against the packet, in priority order, and
 * returns the packet after them, the verdict, the NAT to apply, the conntrack zone, and each
 * chain's traversal (for the hop's facts).
 */
export function evaluateNftHook(
  rs: NftRuleset,
  hook: NftHook,
  packet: IpPacket,
  ctx: NftContext,
): NftHookResult {
  let p = packet;
  let nat: NatAction | undefined;
  let ctZone = ctx.ctZone ?? 0;
  let reroute = false;
  const runs: NftChainRun[] = [];
  for (const { table, chain } of baseChainsAt(rs, hook)) {
    const before = chain.base.priority < CONNTRACK_PRIORITY;
    if (ctx.phase === 'before-conntrack' && !before) continue;
    if (ctx.phase === 'after-conntrack' && before) continue;
    // nf_nat_inet_fn: nat chains see a connection's first packet, and once one of them has
    // bound the NAT at this hook the rest are skipped.
    if (chain.base.type === 'nat' && (!ctx.ctNew || nat)) continue;
    const run = runBaseChain(table, chain, p, { ...ctx, ctZone });
    runs.push(run);
    const changed =
      run.packet.skb.mark !== p.skb.mark ||
      run.packet.ip.dst !== p.ip.dst ||
      run.packet.ip.src !== p.ip.src;
    // nf_tables_route.c: a route chain at output that changed mark or address reroutes;
    // nf_nat_ipv4_local_fn: so does a destination NAT at output.
    if (
      hook === 'output' &&
      changed &&
      (chain.base.type === 'route' || run.nat?.kind === 'REDIRECT')
    )
      reroute = true;
    p = run.packet;
    if (run.nat) nat = run.nat;
    if (run.ctZone !== undefined) ctZone = run.ctZone;
    if (run.verdict === 'drop')
      return { hook, packet: p, dropped: true, ...(nat ? { nat } : {}), ctZone, runs, reroute };
  }
  return { hook, packet: p, dropped: false, ...(nat ? { nat } : {}), ctZone, runs, reroute };
}
