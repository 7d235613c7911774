/**
 * The fact a hop records when an nftables base chain acted on the packet: the nftables twin of
 * `NetfilterFact` (facts/kernel.ts), by reference (table, chain, rule id) and by value (the
 * effect, the verdict), with nftables' own coordinates: family, hook, chain type and priority.
 * The kernel (`kernel/hooks.ts` or the in-pod twin of it) emits one per traversal that acted.
 */
import type { NftChainRun } from './evaluate';
import type { NftChainType, NftFamily, NftHook, NftStmt } from './types';

export interface NftFact {
  readonly kind: 'nftables';
  readonly netns: string;
  readonly hook: NftHook;
  readonly family: NftFamily;
  readonly table: string;
  /** The base chain the hook called, its type and priority. */
  readonly baseChain: string;
  readonly chainType: NftChainType;
  readonly priority: number;
  /** The deciding rule's chain; with no decision, the base chain. */
  readonly chain: string;
  readonly iface?: string;
  /** The id of the rule that decided (a statement of it acted), or null when none did. */
  readonly rule: string | null;
  /** The deciding rule's name in the domain file (M1, P2, O6, R1…), shared with its iptables twin. */
  readonly tag?: string;
  /** Where the deciding rule comes from: `istio/istio@1.30.3:cni/pkg/nftables/nftables.go`. */
  readonly ref?: string;
  /** The upstream function that appended the deciding rule (`AppendInpodRules`). */
  readonly func?: string;
  /** The deciding rule's acting statement: `redirect`, `mark-set`, `ct-zone-set`, `snat`, … */
  readonly statement?: NftStmt['kind'];
  /** What the deciding rule did: "redirected to 127.0.0.1:15001", "ct mark 0x0 → 0x111". */
  readonly effect?: string;
  /** The base chain's verdict, and whether a rule or the chain's policy gave it. */
  readonly verdict: 'accept' | 'drop';
  readonly by: 'rule' | 'policy';
  /** Every rule that matched on the way, in order, with what it did. */
  readonly matched: ReadonlyArray<{ readonly rule: string; readonly effect: string }>;
  /** The set element the deciding rule found (`ip daddr @istio-inpod-probes-v4`). */
  readonly setElement?: { readonly set: string; readonly key: string };
  /** The conntrack zone the chain put the packet in. */
  readonly ctZone?: number;
}

/** The fact of one base chain's traversal in network namespace `netns`. */
export function nftFact(netns: string, run: NftChainRun, iface?: string): NftFact {
  const decisive = run.decisive;
  const m = decisive ? [...run.matched].reverse().find((x) => x.rule === decisive) : undefined;
  return {
    kind: 'nftables',
    netns,
    hook: run.base.hook,
    family: run.family,
    table: run.table,
    baseChain: run.chain,
    chainType: run.base.type,
    priority: run.base.priority,
    chain: decisive?.chain ?? run.chain,
    ...(iface ? { iface } : {}),
    rule: decisive?.id ?? null,
    ...(decisive?.tag ? { tag: decisive.tag } : {}),
    ...(decisive && 'ref' in decisive.src.prov ? { ref: decisive.src.prov.ref } : {}),
    ...(decisive ? { func: decisive.src.func } : {}),
    ...(m?.acting ? { statement: m.acting } : {}),
    ...(m ? { effect: m.effect } : {}),
    verdict: run.verdict,
    by: run.by,
    matched: run.matched.map((x) => ({ rule: x.rule.id, effect: x.effect })),
    ...(m?.setElement ? { setElement: m.setElement } : {}),
    ...(run.ctZone !== undefined ? { ctZone: run.ctZone } : {}),
  };
}

/** The packet fields a statement may write, declared by statement (not read off the packets). */
export function stmtWrites(s: NftStmt): readonly string[] {
  switch (s.kind) {
    case 'mark-set':
      return [s.target === 'meta' ? 'skb.mark' : 'skb.connmark'];
    case 'redirect':
      return ['ip.dst', 'l4.dport'];
    case 'snat':
      return ['ip.src'];
    case 'ct-zone-set':
      return ['skb.ctZone'];
    default:
      return [];
  }
}

/** What the traversal's matched rules may have changed, for the hop's `changes`. */
export function nftRunChanges(run: NftChainRun): string[] {
  return [...new Set(run.matched.flatMap((m) => m.rule.stmts.flatMap(stmtWrites)))];
}

/** True when the traversal is worth a hop: a statement changed or decided something. */
export function nftRunActed(run: NftChainRun): boolean {
  return run.matched.some((m) => m.acted);
}
