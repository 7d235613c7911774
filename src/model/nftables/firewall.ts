/**
 * The seam the in-pod mode uses: one network namespace's nftables firewall as istio-cni leaves
 * it (a pod's, or the node's), which a kernel hook can evaluate and the Rules panel can print.
 * The in-pod installer picks this or the iptables one (`values.global.nativeNftables`, 1.28+);
 * it needs nothing of nftables beyond this file.
 */
import type { Hook } from '../netfilter/types';
import type { ListingLine } from '../netfilter/render';
import type { IpPacket } from '../packet';
import type { Provenance } from '../provenance';
import { evaluateNftHook, type NftContext, type NftHookResult } from './evaluate';
import { nftFact, nftRunActed, type NftFact } from './fact';
import { hostProbeNftables, type HostNftOptions } from './host';
import { inpodNftables, type InpodNftOptions } from './inpod';
import type { NftRelease } from './istioCni';
import { nftListRuleset, nftSetLineId } from './list';
import type { NftTransaction } from './transaction';
import type { NftHook, NftRule, NftRuleset } from './types';

/** One hook's evaluation: the kernel's result, and a fact for every base chain that acted. */
export interface NftEvaluation {
  readonly result: NftHookResult;
  readonly facts: readonly NftFact[];
}

export interface NetnsNftFirewall {
  readonly kind: 'nftables';
  readonly release: NftRelease;
  /** The network namespace's name, as the facts carry it. */
  readonly netns: string;
  /** The transactions istio-cni ran in this netns, in order. */
  readonly transactions: readonly NftTransaction[];
  readonly ruleset: NftRuleset;
  /** The command that prints `render()` on a real pod or node. */
  readonly command: 'nft list ruleset';
  /**
   * Runs every base chain at `hook` (nftables' or netfilter's name for it) against the packet,
   * in priority order across tables.
   */
  evaluate(packet: IpPacket, hook: NftHook | Hook, ctx: NftContext): NftEvaluation;
  /** `nft list ruleset`, each rule line carrying the rule id a fact names. */
  render(): ListingLine[];
  rule(id: string): NftRule | undefined;
  /** Where a rule comes from: `istio/istio@1.30.3:cni/pkg/nftables/nftables.go`, and the function. */
  provenance(id: string): { readonly prov: Provenance; readonly func: string } | undefined;
  /** The listing line that shows `ip` in the probe set (node firewall), for highlighting. */
  setLine(set: string, ip: string): string | undefined;
}

/** netfilter's hook names (the kernel's `Hook`) in nftables' words. */
export function nftHook(hook: NftHook | Hook): NftHook {
  return hook.toLowerCase() as NftHook;
}

/**
 * The nftables rules a release of istio-cni has, by the app's release id: 1.28 as read at 1.28.0,
 * 1.30 at 1.30.3; null for releases before native nftables (1.27 and older) or not read (1.29).
 */
export function nftReleaseFor(istio: string): NftRelease | null {
  return istio === '1.28' || istio === '1.30' ? istio : null;
}

/**
 * Runs the base chains of `ruleset` at `hook` and makes a fact of every traversal that acted,
 * for the netns `netns` (the kernel's hook code calls this with the netns' own ruleset).
 */
export function evaluateNetnsNft(
  netns: string,
  ruleset: NftRuleset,
  packet: IpPacket,
  hook: NftHook | Hook,
  ctx: NftContext,
): NftEvaluation {
  const h = nftHook(hook);
  const result = evaluateNftHook(ruleset, h, packet, ctx);
  // The device a hop is drawn at: the incoming one on the way in, the outgoing one on the way out.
  const iface = h === 'prerouting' || h === 'input' ? (ctx.iif ?? ctx.oif) : (ctx.oif ?? ctx.iif);
  const facts = result.runs.filter(nftRunActed).map((run) => nftFact(netns, run, iface));
  return { result, facts };
}

function firewall(
  release: NftRelease,
  netns: string,
  transactions: readonly NftTransaction[],
  ruleset: NftRuleset,
): NetnsNftFirewall {
  const rules = new Map(
    ruleset.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((r) => [r.id, r] as const))),
  );
  return {
    kind: 'nftables',
    release,
    netns,
    transactions,
    ruleset,
    command: 'nft list ruleset',
    evaluate: (packet, hook, ctx) => evaluateNetnsNft(netns, ruleset, packet, hook, ctx),
    render: () => nftListRuleset(ruleset),
    rule: (id) => rules.get(id),
    provenance(id) {
      const r = rules.get(id);
      return r ? { prov: r.src.prov, func: r.src.func } : undefined;
    },
    setLine(set, ip) {
      const s = ruleset.tables.flatMap((t) => t.sets).find((x) => x.name === set);
      return s ? nftSetLineId(s, ip) : undefined;
    },
  };
}

/**
 * An enrolled pod's netns after istio-cni's `AddPodToMesh` wrote its nftables rules
 * (`AppendInpodRules` at the release's tag), for `options` (DNS capture, ingress mode, …).
 */
export function podNetnsFirewall(
  release: NftRelease,
  options: InpodNftOptions & { readonly netns: string },
): NetnsNftFirewall {
  const built = inpodNftables(release, options);
  return firewall(release, options.netns, [built.transaction], built.ruleset);
}

/**
 * The node's netns: the probe sets (`initializeSets`), the kubelet-probe SNAT rule
 * (`CreateHostRulesForHealthChecks`) and one element per enrolled pod (`AddIP`).
 */
export function nodeNetnsFirewall(
  release: NftRelease,
  options: HostNftOptions & { readonly netns: string },
): NetnsNftFirewall {
  const host = hostProbeNftables(release, options);
  const txs = [host.sets, host.rules, ...host.elements];
  return firewall(release, options.netns, txs, host.ruleset);
}
