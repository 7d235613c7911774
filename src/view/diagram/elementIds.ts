/**
 * The names the diagram gives its elements, and how a hop's listing references (the facts of
 * what acted) point at them. Hops name anchors as `<netns>#<iface>`, `<netns>#stack`,
 * `<netns>#proc` or `wire`; the badges for a namespace's rules, its TC programs and its
 * listening sockets are named here so that the layout and the hop reading agree.
 */
import type { Hop, ListingRef } from '../../model';

export type RuleKind = 'iptables' | 'routes' | 'conntrack';

export const RULE_KINDS: readonly RuleKind[] = ['iptables', 'routes', 'conntrack'];

/** The rule badge a hop's actor stands for, when it acted in a namespace's kernel stack. */
export function ruleKindOf(actor: Hop['actor']['kind']): RuleKind | null {
  switch (actor) {
    case 'netfilter':
      return 'iptables';
    case 'routing':
      return 'routes';
    case 'conntrack':
      return 'conntrack';
    default:
      return null;
  }
}

export const ruleAnchorId = (netns: string, kind: RuleKind): string => `${netns}#${kind}`;
export const ifaceAnchorId = (netns: string, iface: string): string => `${netns}#${iface}`;
export const stackAnchorId = (netns: string): string => `${netns}#stack`;
export const procAnchorId = (netns: string): string => `${netns}#proc`;
export const WIRE = 'wire';
export const nodeBoxId = (node: string): string => `node-${node}`;

export type TcDirection = 'ingress' | 'egress';

export const tcBadgeId = (netns: string, iface: string, direction: TcDirection): string =>
  `${netns}#${iface}#${direction}`;

export const listenerBadgeId = (netns: string, proto: string, port: number): string =>
  `${netns}#listen-${proto}-${port}`;

/** A TC reference names its attachment as `tc/<iface>/<direction>`. */
function tcOfRef(ref: ListingRef): { iface: string; direction: TcDirection } | null {
  if (ref.section !== 'tc') return null;
  const [, iface, direction] = ref.lineId.split('/');
  return iface && (direction === 'ingress' || direction === 'egress') ? { iface, direction } : null;
}

/** A listener reference names its socket as `listen/<proto>/<port>`. */
function listenerOfRef(ref: ListingRef): { proto: string; port: number } | null {
  if (ref.section !== 'listeners') return null;
  const [, proto, port] = ref.lineId.split('/');
  const n = Number(port);
  return proto && Number.isInteger(n) ? { proto, port: n } : null;
}

/** The badges of the TC programs and listening sockets a hop's actor refers to. */
export function referencedBadgeIds(hop: Hop): string[] {
  const out: string[] = [];
  for (const ref of hop.actor.refs) {
    const tc = tcOfRef(ref);
    if (tc) out.push(tcBadgeId(ref.netns, tc.iface, tc.direction));
    const l = listenerOfRef(ref);
    if (l) out.push(listenerBadgeId(ref.netns, l.proto, l.port));
  }
  return out;
}

/** The listener a hop accepted on or answered from, if its actor names one in its namespace. */
export function acceptingListenerId(hop: Hop): string | null {
  if (hop.actor.kind !== 'socket' && hop.actor.kind !== 'dns') return null;
  for (const ref of hop.actor.refs) {
    const l = listenerOfRef(ref);
    if (l && ref.netns === hop.where.netns) return listenerBadgeId(ref.netns, l.proto, l.port);
  }
  return null;
}
