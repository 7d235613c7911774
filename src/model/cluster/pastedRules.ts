/**
 * A pod's pasted rules in place of the release's (issue 13: "Imported rules replace the
 * release's default rules for that pod, and unknown rules are evaluated or flagged, never
 * silently ignored"). The user pastes the pod's `iptables-save` (or `nft list ruleset`) and its
 * `ip rule` / `ip route show table all`; `pastedPodRules` reads them into commands the pod's
 * netns builder runs instead of istio-cni's, so the walk evaluates what their cluster has.
 *
 * Each part replaces only its own default: pasted iptables replace the release's pod firewall
 * (iptables or nftables); a pasted `ip rule` replaces `ip rule 32764 fwmark 0x111/0xfff lookup
 * 100`; pasted routes replace `local default dev lo table 100`. What is not pasted stays the
 * release's. Every pasted rule carries `imported` provenance.
 */
export type { FlaggedRule, PastedInput } from './pastedFlags';
export type { PastedPodRules } from './pastedInstall';
import type { InpodRelease } from '../releases';
import type { SpecPodRules } from '../spec/types';
import type { Placed } from './placement';
import type { FlaggedRule } from './pastedFlags';
import { readPastedIptables } from './pastedIptables';
import type { PastedPodRules } from './pastedInstall';
import { readPastedIpRules, readPastedRoutes } from './pastedRouting';

const NFT_NOT_WALKED =
  "nftables text is checked but the walk uses the release's rules for this pod: the model has no reader for `nft list ruleset` output yet";

/**
 * Reads one pod's pasted rules (a `SpecPodRules` of `ClusterSpec.rules`) for the walk at an
 * in-pod release. Never throws: what cannot be walked comes back in `flagged`, with the line
 * and the reason, for the spec's diagnostics.
 *
 * - `iptables`: every rule through the model's iptables parser; the rule, its chain and table
 *   must all be known to the kernel model, or the line is flagged and left out.
 * - `ip6tables`: flagged as a whole (the walk is IPv4).
 * - `nftables`: flagged as a whole; the pod keeps the release's rules unless iptables were
 *   pasted too.
 * - `ipRule`, `ipRoute`: `ip rule` and `ip route show table all` output (or `ip … add` commands).
 *
 * @example
 * const { rules, flagged } = pastedPodRules(spec.rules[0], RELEASES['1.21']);
 * installInpodNode({ ..., pasted: (pod) => (refOf(pod.facts) === rules.workload ? rules : undefined) });
 */
export function pastedPodRules(
  spec: SpecPodRules,
  rel: InpodRelease,
): { rules: PastedPodRules; flagged: FlaggedRule[] } {
  const flagged: FlaggedRule[] = [];
  let rules: PastedPodRules = { workload: spec.workload };
  if (spec.iptables?.trim()) {
    const r = readPastedIptables(spec.iptables, `${spec.workload}'s iptables-save`, rel);
    flagged.push(...r.flagged);
    rules = { ...rules, iptables: r.commands };
  }
  if (spec.ip6tables?.trim())
    flagged.push({
      input: 'ip6tables',
      line: 0,
      text: firstLine(spec.ip6tables),
      reason: 'IPv6 rules are checked but not walked: the walk is IPv4',
      kind: 'unevaluated',
    });
  if (spec.nftables?.trim())
    flagged.push({
      input: 'nftables',
      line: 0,
      text: firstLine(spec.nftables),
      reason: NFT_NOT_WALKED,
      kind: 'unevaluated',
    });
  if (spec.ipRule?.trim()) {
    const r = readPastedIpRules(spec.ipRule);
    flagged.push(...r.flagged);
    rules = { ...rules, ipRules: r.commands, replacesKernelRules: r.replacesKernel };
  }
  if (spec.ipRoute?.trim()) {
    const r = readPastedRoutes(spec.ipRoute);
    flagged.push(...r.flagged);
    rules = { ...rules, routes: r.commands };
  }
  return { rules, flagged };
}

/**
 * Every pod's pasted rules of a spec (`ClusterSpec.rules`), for `InpodNodeSide.pasted`: a pod
 * gets the rules whose `workload` is its `namespace/name`. `flagged` names the workload of each
 * line the walk does not evaluate, for the spec's diagnostics.
 */
export function pastedByPod(
  specRules: readonly SpecPodRules[],
  rel: InpodRelease,
): {
  pasted: (pod: Placed) => PastedPodRules | undefined;
  flagged: Array<FlaggedRule & { readonly workload: string }>;
} {
  const byWorkload = new Map<string, PastedPodRules>();
  const flagged: Array<FlaggedRule & { readonly workload: string }> = [];
  for (const spec of specRules) {
    const r = pastedPodRules(spec, rel);
    byWorkload.set(spec.workload, r.rules);
    flagged.push(...r.flagged.map((f) => ({ ...f, workload: spec.workload })));
  }
  return {
    pasted: (pod) => byWorkload.get(`${pod.facts.namespace}/${pod.facts.name}`),
    flagged,
  };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim()) ?? '';
}
