/** Prints rules and routes as iproute2 does (`ip rule`, `ip route show table N`). */
import { cidrAddress, hex, ipToInt, prefixLength, routeDestinationText } from '../addresses';
import type { ListingLine } from '../netfilter/render';
import type { IpRule, Route, TableId } from './types';

export function ipRuleText(rule: IpRule): string {
  const parts = [`${rule.priority}:\tfrom ${rule.from ?? 'all'}`];
  if (rule.iif) parts.push(`iif ${rule.iif}`);
  if (rule.fwmark) parts.push(`fwmark ${hex(rule.fwmark.value)}/${hex(rule.fwmark.mask)}`);
  parts.push(
    rule.action.kind === 'goto'
      ? `goto ${rule.action.priority}`
      : `lookup ${String(rule.action.table)}`,
  );
  return parts.join(' ');
}

export function routeText(r: Route): string {
  const parts: string[] = [];
  if (r.type === 'local') parts.push('local');
  parts.push(routeDestinationText(r.dst));
  if (r.via) parts.push(`via ${r.via}`);
  parts.push(`dev ${r.dev}`);
  if (r.proto) parts.push(`proto ${r.proto}`);
  if (r.scope) parts.push(`scope ${r.scope}`);
  if (r.src) parts.push(`src ${r.src}`);
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}

export function ipRuleListing(rules: readonly IpRule[]): ListingLine[] {
  return [...rules]
    .sort((a, b) => a.priority - b.priority)
    .map((r) => ({ text: ipRuleText(r), id: r.id }));
}

/** Tables that have at least one route, in the order `ip route show table all` groups them. */
export function routeTables(routes: readonly Route[]): TableId[] {
  const ids = [...new Set(routes.map((r) => r.table))];
  const rank = (t: TableId): number =>
    t === 'main' ? -3 : t === 'local' ? 1e6 : t === 'default' ? 1e6 - 1 : t;
  return ids.sort((a, b) => rank(a) - rank(b));
}

/** `ip route show table N`: routes ordered as the FIB trie dumps them (by address, then length). */
export function routeListing(routes: readonly Route[], table: TableId): ListingLine[] {
  return routes
    .filter((r) => r.table === table)
    .sort(
      (a, b) =>
        ipToInt(cidrAddress(a.dst)) - ipToInt(cidrAddress(b.dst)) ||
        prefixLength(a.dst) - prefixLength(b.dst),
    )
    .map((r) => ({ text: routeText(r), id: r.id }));
}
