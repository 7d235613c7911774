/**
 * What acted at a hop, in a few words built from the hop's fact alone: the rule's table, chain
 * and effect, the ip rule and table, the TC program and its verdict, the GENEVE device and VNI,
 * the listener's port, the proxy's plan. Compare's "what differs" line and predict's choices
 * are made of these, so both read facts, never a hop's title or narration.
 */
import type { HopFact } from '../facts';
import type { Hop } from '../hop';

/**
 * A mark as iptables prints it (addresses.ts's `hex`, written again here: importing that module
 * into compare's lazily loaded chunk splits it off the first view's, which costs the first visit
 * a request and a few hundred bytes).
 */
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** A short phrase for what acted, or null when the hop is plumbing every walk shares. */
export function actingPhrase(fact: HopFact): string | null {
  switch (fact.kind) {
    case 'netfilter':
      // ACCEPT and RETURN only end a table's traversal; the rule that changed something acted.
      if (
        fact.rule === null ||
        !fact.target ||
        fact.target === 'ACCEPT' ||
        fact.target === 'RETURN'
      )
        return null;
      return `${fact.table} ${fact.chain} ${fact.target === 'TPROXY' ? 'TPROXY' : (fact.effect ?? fact.target)}`;
    case 'route':
      // The main and local tables are every packet's; a policy-routing table is a decision.
      if (fact.result !== 'found') return `no route to ${fact.dst}`;
      if (fact.table === 'main' || fact.table === 'local') return null;
      return `mark ${hex(fact.mark)} → ip rule ${fact.priority} → table ${fact.table}`;
    case 'geneve':
      return fact.op === 'encap'
        ? `${fact.iface} GENEVE VNI ${fact.vni}`
        : `GENEVE VNI ${fact.vni} decap on ${fact.iface}`;
    case 'tc': {
      const where = `${fact.program} (${fact.iface} ${fact.direction})`;
      if (fact.verdict === 'TC_ACT_REDIRECT' && fact.redirectTo)
        return `${where} bpf_redirect to ${fact.redirectTo}`;
      if (fact.markSet !== undefined) return `${where} mark ${hex(fact.markSet)}`;
      return `${where} ${fact.verdict}`;
    }
    case 'accept':
      return fact.listener.role === 'app'
        ? null
        : `${fact.process.split('@')[0]} port ${fact.listener.port} (${fact.listener.name})`;
    case 'ztunnel':
      if (fact.step === 'outbound') {
        const p = fact.plan;
        if (p.kind === 'error') return `ztunnel outbound: ${p.kind}`;
        const to = 'gateway' in p ? p.gateway : p.target;
        return `ztunnel plan ${p.kind} to ${to.ip}:${to.port}`;
      }
      if (fact.step === 'connect-refused') return `ztunnel CONNECT refused ${fact.status}`;
      if (fact.step === 'hairpin') return `ztunnel hairpin to ${fact.to.ip}:${fact.to.port}`;
      return null;
    case 'policy':
      return fact.decision === 'skipped' ? null : `${fact.engine} policy ${fact.decision}`;
    case 'waypoint':
      return fact.step === 'deny'
        ? `waypoint ${fact.pod} denies ${fact.status}`
        : `waypoint ${fact.pod} ${fact.step}s`;
    case 'dns':
      return fact.server === 'ztunnel' ? `ztunnel DNS proxy port ${fact.listener.port}` : null;
    case 'close':
      return `${fact.process.split('@')[0]} closes the connection`;
    case 'no-socket':
      return `no socket: ${fact.answer}`;
    default:
      return null;
  }
}

/** The phrases of a run of hops, in order, each once. */
export function actingPhrases(hops: readonly Pick<Hop, 'fact'>[]): string[] {
  const out: string[] = [];
  for (const h of hops) {
    const p = actingPhrase(h.fact);
    if (p !== null && !out.includes(p)) out.push(p);
  }
  return out;
}
