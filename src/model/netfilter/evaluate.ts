/**
 * Traverses a table's chains for one hook against one packet, the way `ipt_do_table` does:
 * rules in order, all matches must hold, non-terminating targets (MARK, CONNMARK, LOG) carry
 * on, jumps push and RETURN pops, a built-in chain that runs out applies its policy (ACCEPT).
 */
import { inCidr, type Ipv4 } from '../addresses';
import { withSkb, type IpPacket } from '../packet';
import type { CtState, Hook, Match, Rule, Table } from './types';

/** What the rules can see besides the packet itself. */
export interface NetfilterEnv {
  readonly iif?: string;
  readonly oif?: string;
  readonly ipsetHas: (set: string, ip: Ipv4) => boolean;
  readonly ctState: CtState;
  /** `-m owner --socket-exists`: the packet was sent by a local socket. */
  readonly socketExists: boolean;
  /** TPROXY: the listening socket for on-ip:on-port, as "ip:port", if one exists. */
  readonly tproxyLookup: (ip: Ipv4, port: number) => string | undefined;
  /** REDIRECT: the address the packet is redirected to (incoming interface's, or 127.0.0.1). */
  readonly redirectAddress: Ipv4;
}

export interface MatchedRule {
  readonly rule: Rule;
  /** What applying the target did, in words: "mark 0x0 → 0x100". */
  readonly effect: string;
  /** True for targets that changed the packet or decided its fate (not jumps, RETURN, LOG). */
  readonly acted: boolean;
}

export type NatAction =
  | { readonly kind: 'DNAT'; readonly ip: Ipv4; readonly port: number }
  | { readonly kind: 'SNAT'; readonly ip: Ipv4 }
  | { readonly kind: 'REDIRECT'; readonly ip: Ipv4; readonly port: number };

export interface TableVerdict {
  readonly table: Table['name'];
  readonly hook: Hook;
  readonly packet: IpPacket;
  readonly verdict: 'ACCEPT' | 'DROP';
  readonly matched: readonly MatchedRule[];
  readonly nat?: NatAction;
  readonly tproxy?: { readonly socket: string };
  /** The rule that decided: the last one that acted. */
  readonly decisive?: Rule;
}

function matchHolds(m: Match, p: IpPacket, env: NetfilterEnv): boolean {
  const raw = ((): boolean => {
    switch (m.kind) {
      case 'src':
        return inCidr(p.ip.src, m.cidr);
      case 'dst':
        return inCidr(p.ip.dst, m.cidr);
      case 'iif':
        return env.iif === m.name;
      case 'oif':
        return env.oif === m.name;
      case 'proto':
        return p.ip.proto === m.proto;
      case 'port':
        return (m.which === 'dport' ? p.l4.dport : p.l4.sport) === m.port;
      case 'set':
        return env.ipsetHas(m.set, m.dir === 'src' ? p.ip.src : p.ip.dst);
      case 'mark':
        return (p.skb.mark & m.mask) >>> 0 === m.value;
      case 'connmark':
        return (p.skb.connmark & m.mask) >>> 0 === m.value;
      case 'l4-module':
        return p.ip.proto === m.proto;
      case 'socket-exists':
        return env.socketExists;
      case 'ctstate':
        return m.states.includes(env.ctState);
      case 'comment':
        return true;
    }
  })();
  return 'negate' in m && m.negate ? !raw : raw;
}

/** True when every match of the rule holds for the packet. */
export function ruleMatches(rule: Rule, p: IpPacket, env: NetfilterEnv): boolean {
  return rule.matches.every((m) => matchHolds(m, p, env));
}

const h = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/**
 * Runs the table's built-in chain for `hook`. Returns the packet after MARK/CONNMARK/NAT, the
 * verdict, every rule that matched (in order), and the decisive rule.
 */
export function traverseTable(
  table: Table,
  hook: Hook,
  packet: IpPacket,
  env: NetfilterEnv,
): TableVerdict {
  const matched: MatchedRule[] = [];
  let p = packet;
  let nat: NatAction | undefined;
  let tproxy: { socket: string } | undefined;
  let decisive: Rule | undefined;

  const chainByName = new Map(table.chains.map((c) => [c.name, c]));

  const run = (chainName: string, depth: number): 'ACCEPT' | 'DROP' | 'RETURN' => {
    if (depth > 32) throw new Error(`netfilter loop at ${chainName}`);
    const chain = chainByName.get(chainName);
    if (!chain) return 'RETURN';
    for (const rule of chain.rules) {
      if (!ruleMatches(rule, p, env)) continue;
      const t = rule.target;
      const record = (effect: string, acted: boolean): void => {
        matched.push({ rule, effect, acted });
        if (acted) decisive = rule;
      };
      switch (t.kind) {
        case 'jump': {
          record(`jump to ${t.chain}`, false);
          const r = run(t.chain, depth + 1);
          if (r !== 'RETURN') return r;
          break;
        }
        case 'RETURN':
          record('return to the calling chain', false);
          return 'RETURN';
        case 'ACCEPT':
          record(`ACCEPT: stop the ${table.name} table here`, true);
          return 'ACCEPT';
        case 'DROP':
          record('DROP', true);
          return 'DROP';
        case 'LOG':
          record(`log "${t.prefix}"`, false);
          break;
        case 'CT': {
          // In raw, before conntrack looks the packet up: the lookup happens in this zone.
          p = withSkb(p, { ctZone: t.zone });
          record(`conntrack zone ${t.zone}`, true);
          break;
        }
        case 'MARK': {
          const before = p.skb.mark;
          const mark = ((before & ~t.mask) ^ t.value) >>> 0;
          p = withSkb(p, { mark });
          record(`mark ${h(before)} → ${h(mark)}`, true);
          break;
        }
        case 'CONNMARK-save': {
          const before = p.skb.connmark;
          const connmark = ((before & ~t.ctmask) ^ (p.skb.mark & t.nfmask)) >>> 0;
          p = withSkb(p, { connmark });
          record(`connmark ${h(before)} → ${h(connmark)} (saved from the mark)`, true);
          break;
        }
        case 'CONNMARK-restore': {
          const before = p.skb.mark;
          const mark = ((before & ~t.nfmask) ^ (p.skb.connmark & t.ctmask)) >>> 0;
          p = withSkb(p, { mark });
          record(`mark ${h(before)} → ${h(mark)} (restored from the connmark)`, true);
          break;
        }
        case 'CONNMARK-set': {
          const before = p.skb.connmark;
          const connmark = ((before & ~t.mask) ^ t.value) >>> 0;
          p = withSkb(p, { connmark });
          record(`connmark ${h(before)} → ${h(connmark)}`, true);
          break;
        }
        case 'DNAT': {
          const port = t.port ?? p.l4.dport;
          nat = { kind: 'DNAT', ip: t.ip, port };
          p = { ...p, ip: { ...p.ip, dst: t.ip }, l4: { ...p.l4, dport: port } };
          record(`destination rewritten to ${t.ip}:${port}`, true);
          return 'ACCEPT';
        }
        case 'REDIRECT': {
          nat = { kind: 'REDIRECT', ip: env.redirectAddress, port: t.port };
          p = { ...p, ip: { ...p.ip, dst: env.redirectAddress }, l4: { ...p.l4, dport: t.port } };
          record(`redirected to ${env.redirectAddress}:${t.port}`, true);
          return 'ACCEPT';
        }
        case 'SNAT': {
          nat = { kind: 'SNAT', ip: t.ip };
          p = { ...p, ip: { ...p.ip, src: t.ip } };
          record(`source rewritten to ${t.ip}`, true);
          return 'ACCEPT';
        }
        case 'TPROXY': {
          const socket = env.tproxyLookup(t.onIp, t.onPort);
          if (!socket) {
            record(`TPROXY: no socket listening on ${t.onIp}:${t.onPort}: dropped`, true);
            return 'DROP';
          }
          const before = p.skb.mark;
          const mark = ((before & ~t.mask) ^ t.mark) >>> 0;
          p = withSkb(p, { mark, assignedSocket: socket });
          tproxy = { socket };
          record(`assigned to the socket on ${socket}; mark ${h(before)} → ${h(mark)}`, true);
          return 'ACCEPT';
        }
      }
    }
    return 'RETURN';
  };

  const result = run(hook, 0);
  const verdict = result === 'DROP' ? 'DROP' : 'ACCEPT';
  return {
    table: table.name,
    hook,
    packet: p,
    verdict,
    matched,
    ...(nat ? { nat } : {}),
    ...(tproxy ? { tproxy } : {}),
    ...(decisive ? { decisive } : {}),
  };
}
