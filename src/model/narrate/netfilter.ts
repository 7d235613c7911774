/**
 * Words for a netfilter traversal: which rule decided (in iptables-save form and in words), what
 * it did, and every rule that matched on the way; or why nothing there applied to the packet.
 * The reason a rule exists is the rule's own `why`, written by the code that installs it.
 */
import { hex } from '../addresses';
import type { Netns } from '../cluster/types';
import type { NetfilterFact } from '../facts';
import { matchesInWords, ruleText } from '../netfilter/render';
import { findRule } from '../netfilter/tables';
import type { Rule } from '../netfilter/types';
import { endpointsText, type IpPacket } from '../packet';
import { netnsOf, type Narrator } from './context';
import { sentences } from './prose';

function ruleIn(ns: Netns, id: string): Rule {
  const r = findRule(ns.tables, id);
  if (!r) throw new Error(`narrate: no rule ${id} in ${ns.id}`);
  return r;
}

function titleOf(f: NetfilterFact, rule: Rule, after: IpPacket): string {
  const at = `${f.table} ${rule.chain}`;
  switch (rule.target.kind) {
    case 'MARK':
      return `${at} marks it ${hex(after.skb.mark)}`;
    case 'TPROXY':
      return `${at}: TPROXY to :${after.skb.assignedSocket?.split(':').pop() ?? ''}`;
    case 'ACCEPT':
      return `${at}: ACCEPT`;
    case 'DNAT':
      return `${at}: DNAT to ${after.ip.dst}:${after.l4.dport}`;
    case 'REDIRECT':
      return `${at}: REDIRECT to :${after.l4.dport}`;
    case 'CONNMARK-save':
    case 'CONNMARK-set':
      return `${at} saves connmark ${hex(after.skb.connmark)}`;
    case 'CONNMARK-restore':
      return `${at} restores mark ${hex(after.skb.mark)}`;
    default:
      return `${at}: ${f.effect ?? ''}`;
  }
}

/**
 * What an ACCEPT in a user chain means: the built-in chain's later jumps never see the packet.
 * Read off the table, so it names KUBE-SERVICES in nat PREROUTING and KUBE-POSTROUTING in nat
 * POSTROUTING, whichever is really skipped.
 */
function acceptSentence(ns: Netns, f: NetfilterFact): string {
  const builtin = ns.tables[f.table].chains.find((c) => c.name === f.hook);
  const jumpAt = builtin?.rules.findIndex(
    (r) => r.target.kind === 'jump' && r.target.chain === f.chain,
  );
  const skipped =
    builtin && jumpAt !== undefined && jumpAt >= 0
      ? builtin.rules
          .slice(jumpAt + 1)
          .flatMap((r) => (r.target.kind === 'jump' ? [r.target.chain] : []))
      : [];
  return skipped.length
    ? `accepts it, so no later rule in ${f.table} ${f.hook} (${skipped.join(', ')}) sees it.`
    : `accepts it, so no later rule in ${f.table} ${f.hook} sees it.`;
}

/** Why nothing matched: a capture rule keyed on an ipset the packet's source is not in. */
function noMatchWhy(ns: Netns, f: NetfilterFact, p: IpPacket): string {
  const chain = ns.tables[f.table].chains.find((c) => c.name === f.chain);
  for (const rule of chain?.rules ?? []) {
    const set = rule.matches.find((m) => m.kind === 'set' && m.dir === 'src' && !m.negate);
    const proto = rule.matches.find((m) => m.kind === 'proto');
    if (set?.kind !== 'set' || (proto?.kind === 'proto' && proto.proto !== p.ip.proto)) continue;
    const ipset = ns.ipsets.find((s) => s.name === set.set);
    if (!ipset || ipset.members.some((m) => m.ip === p.ip.src)) continue;
    return `${p.ip.src} is not in this node's ${ipset.name} ipset${ipset.why ? ` (${ipset.why})` : ''}, so the rule that needs it (-m set --match-set ${ipset.name} src) does not match.`;
  }
  return "None of the rules applies to this packet; the chain falls through and the built-in chain's policy (ACCEPT) applies.";
}

export const narrateNetfilter: Narrator<NetfilterFact> = (f, { cluster, record }) => {
  const ns = netnsOf(cluster, f.netns);
  const before = record.packetBefore as IpPacket;
  const after = record.packetAfter as IpPacket;
  const details = f.matched.map((m) => `${ruleText(ruleIn(ns, m.rule))}   → ${m.effect}`);
  if (f.rule === null) {
    return {
      title: `${f.table} ${f.chain}: no rule matches`,
      narration: `No rule in ${f.table} ${f.chain} matches ${endpointsText(before)}, so it leaves ${f.hook} unmarked (mark ${hex(after.skb.mark)}).`,
      why: noMatchWhy(ns, f, before),
      actor: {
        kind: 'netfilter',
        name: `${f.table} ${f.chain}`,
        text: `(no match in ${f.chain})`,
        details: details.length ? details : [`every rule in ${f.chain} was checked; none matched`],
        refs: [],
      },
    };
  }
  const rule = ruleIn(ns, f.rule);
  const effect = rule.target.kind === 'ACCEPT' ? acceptSentence(ns, f) : `${f.effect ?? ''}.`;
  const sideEffect =
    f.sideEffect && rule.meantFor
      ? ` This is a side effect: the rule is written for ${rule.meantFor.what}, and this ${before.ip.proto.toUpperCase()} packet${before.payload.kind === 'geneve' ? ' (the GENEVE outer packet)' : ''} matches it only because it too leaves from ${before.ip.src}.`
      : '';
  return {
    title: `${titleOf(f, rule, after)}${f.sideEffect ? ' (side effect)' : ''}`,
    narration: `On ${ns.label}, ${f.table} ${rule.chain} matches ${matchesInWords(rule)}: ${effect}${sideEffect}`,
    why: sentences(
      rule.why,
      f.sideEffect &&
        'Here it acts as a side effect of that rule: this packet is not what it is written for',
    ),
    actor: {
      kind: 'netfilter',
      name: `${f.table} ${rule.chain}`,
      text: ruleText(rule),
      details,
      refs: [{ netns: ns.id, section: 'iptables', lineId: rule.id }],
    },
  };
};
