/**
 * A route query: the `ip rule` list in priority order, each rule's table, the first route that
 * fits (net/core/fib_rules.c, with goto and fall-through). Recorded as a hop with the whole trail.
 */
import { hex } from '../addresses';
import type { Netns } from '../cluster/types';
import type { IpPacket } from '../packet';
import { inferred } from '../provenance';
import { fibLookup, type RouteDecision } from '../routing/lookup';
import { SRC } from '../upstream';
import type { Sim } from './sim';

/** Why the route is looked up: the first time, or again after OUTPUT changed the packet. */
export type RouteReason = 'route' | 'reroute';

/** Looks the packet's route up in `ns` and records the decision (or that there is none). */
export function routeQuery(
  sim: Sim,
  ns: Netns,
  p: IpPacket,
  iif: string | undefined,
  reason: RouteReason,
): RouteDecision | undefined {
  const d = fibLookup(ns.ipRules, ns.routes, {
    dst: p.ip.dst,
    mark: p.skb.mark,
    ...(iif ? { iif } : {}),
    src: p.ip.src,
  });
  const base = { kind: 'route', netns: ns.id, reason, dst: p.ip.dst, mark: p.skb.mark } as const;
  if (!d) {
    sim.emit({
      fact: { ...base, result: 'unreachable' },
      where: sim.where(ns, { anchor: 'stack' }),
      packetBefore: p,
      packetAfter: p,
      changes: [],
      sources: [SRC.linuxFibRules],
      provenance: inferred(SRC.linuxFibRules, 'policy routing over the modelled rules'),
      command: sim.command(ns, `ip route get ${p.ip.dst} mark ${hex(p.skb.mark)}`),
    });
    return undefined;
  }
  const table = d.rule.action.kind === 'lookup' ? String(d.rule.action.table) : 'main';
  const interesting = d.rule.priority !== 0 && d.rule.priority !== 32766;
  const viaGoto = d.steps.find((s) => s.matched && s.rule.action.kind === 'goto');
  sim.emit({
    fact: {
      ...base,
      result: 'found',
      rule: d.rule.id,
      priority: d.rule.priority,
      ...(viaGoto ? { viaGoto: viaGoto.rule.id, gotoPriority: viaGoto.rule.priority } : {}),
      table,
      route: d.route.id,
      local: d.route.type === 'local',
      trail: d.steps.map((s) => ({ rule: s.rule.id, matched: s.matched, found: s.found === true })),
    },
    where: sim.where(ns, { anchor: 'stack' }),
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
    command: sim.command(ns, `ip rule; ip route show table ${table}`),
  });
  return d;
}
