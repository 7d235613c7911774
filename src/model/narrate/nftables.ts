/**
 * Words for an nftables traversal: which table's base chain the hook ran, at what priority,
 * which rule decided (as `nft list ruleset` prints it) and what it did; or that no rule there
 * applied and the chain's policy let the packet on. The reason a rule exists is the rule's
 * own `why`, from the upstream comment above it.
 */
import type { NftFact } from '../facts';
import { endpointsText, type IpPacket } from '../packet';
import { priorityText, ruleBodyText } from '../nftables/syntax';
import type { NftRule } from '../nftables/types';
import { netnsOf, type Narrator } from './context';
import { sentences } from './prose';

function ruleIn(rules: readonly NftRule[], id: string): NftRule {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`narrate: no nftables rule ${id}`);
  return r;
}

export const narrateNftables: Narrator<NftFact> = (f, { cluster, record }) => {
  const ns = netnsOf(cluster, f.netns);
  const rules = (ns.nftables?.tables ?? []).flatMap((t) => t.chains.flatMap((c) => c.rules));
  const before = record.packetBefore as IpPacket;
  const table = `${f.family} ${f.table}`;
  const base = `${table} ${f.baseChain} (type ${f.chainType} hook ${f.hook} priority ${priorityText(f.hook, f.priority)})`;
  const details = f.matched.map(
    (m) => `${ruleBodyText(ruleIn(rules, m.rule), 'listed')}   → ${m.effect}`,
  );
  if (f.rule === null) {
    return {
      title: `${table} ${f.chain}: no rule acts`,
      narration: `On ${ns.label}, nftables runs ${base} for ${endpointsText(before)}; no rule in it acts, so its policy (${f.verdict}) lets the packet on to the next base chain.`,
      why: 'None of the rules applies to this packet.',
      actor: {
        kind: 'netfilter',
        name: `${table} ${f.chain}`,
        text: `(no rule acts in ${f.chain})`,
        details: details.length ? details : [`every rule in ${f.chain} was checked; none matched`],
        refs: [],
      },
    };
  }
  const rule = ruleIn(rules, f.rule);
  const text = ruleBodyText(rule, 'listed');
  const via = f.chain === f.baseChain ? '' : `, which jumps to ${f.chain}`;
  const zone = f.ctZone !== undefined ? ` Conntrack will track it in zone ${f.ctZone}.` : '';
  return {
    title: `${table} ${f.chain}: ${f.effect ?? f.verdict}`,
    narration: `On ${ns.label}, nftables runs ${base}${via}; the rule "${text}" matches: ${f.effect ?? f.verdict}.${zone}`,
    why: sentences(rule.why),
    actor: {
      kind: 'netfilter',
      name: `${table} ${f.chain}`,
      text,
      details,
      refs: [{ netns: ns.id, section: 'nftables', lineId: rule.id }],
    },
  };
};
