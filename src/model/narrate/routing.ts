/** Words for a route query: the rule that chose the table, the route, and the rule-by-rule trail. */
import { hex } from '../addresses';
import type { Netns } from '../cluster/types';
import type { RouteFact } from '../facts';
import { ipRuleText, routeText } from '../routing/render';
import type { IpRule, Route } from '../routing/types';
import { netnsOf, type Narrator } from './context';
import { sentences } from './prose';

function ipRule(ns: Netns, id: string): IpRule {
  const r = ns.ipRules.find((x) => x.id === id);
  if (!r) throw new Error(`narrate: no ip rule ${id} in ${ns.id}`);
  return r;
}

function route(ns: Netns, id: string): Route {
  const r = ns.routes.find((x) => x.id === id);
  if (!r) throw new Error(`narrate: no route ${id} in ${ns.id}`);
  return r;
}

export const narrateRoute: Narrator<RouteFact> = (f, { cluster }) => {
  const ns = netnsOf(cluster, f.netns);
  if (f.result === 'unreachable') {
    return {
      title: `no route to ${f.dst}`,
      narration: `${ns.label} has no route to ${f.dst}.`,
      why: 'No ip rule found a table with a matching route.',
      actor: { kind: 'routing', name: 'routing', text: 'unreachable', details: [], refs: [] },
    };
  }
  const rule = ipRule(ns, f.rule);
  const rt = route(ns, f.route);
  const viaGoto = f.viaGoto ? ipRule(ns, f.viaGoto) : undefined;
  const trail = f.trail.map((s) => {
    const r = ipRule(ns, s.rule);
    const text = ipRuleText(r).replace('\t', ' ');
    if (!s.matched) return `${text}   → does not apply`;
    if (r.action.kind === 'goto') return `${text}   → applies: jump to ${r.action.priority}`;
    return `${text}   → applies: ${s.found ? 'route found' : 'no route in the table, carry on'}`;
  });
  const interesting = rule.priority !== 0 && rule.priority !== 32766;
  const ruleBit = viaGoto
    ? `ip rule ${viaGoto.priority} (${viaGoto.fwmark ? `fwmark ${hex(viaGoto.fwmark.value)}/${hex(viaGoto.fwmark.mask)}` : 'all'}) → goto ${rule.priority} → table ${f.table}`
    : interesting
      ? `ip rule ${rule.priority} → table ${f.table}`
      : `table ${f.table}`;
  const text = routeText(rt);
  const label = f.reason === 'route' ? 'routing' : 'rerouted after OUTPUT';
  return {
    title: `${label}: ${ruleBit}: ${text}`,
    narration: f.local
      ? `Routing on ${ns.label}: ${ruleBit} says ${f.dst} is local (${text}), so the packet is delivered to a socket here.`
      : `Routing on ${ns.label}: ${ruleBit} sends it ${rt.via ? `via ${rt.via} ` : ''}out of ${rt.dev}.`,
    why: sentences(viaGoto ? viaGoto.why : rule.why, rt.why),
    actor: {
      kind: 'routing',
      name: ruleBit,
      text,
      details: trail,
      refs: [
        { netns: ns.id, section: 'ip-rule', lineId: (viaGoto ?? rule).id },
        { netns: ns.id, section: 'ip-route', lineId: rt.id },
      ],
    },
  };
};
