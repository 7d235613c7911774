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
import { imported } from '../provenance';
import type { InpodRelease } from '../releases';
import type { SpecPodRules } from '../spec/types';
import type { NetnsBuilder } from './netnsBuilder';
import type { Placed } from './placement';
import type { FlaggedRule } from './pastedFlags';
import { readPastedIptables, type PastedIptablesCommand } from './pastedIptables';
import { readPastedIpRules, readPastedRoutes, type PastedRoutingCommand } from './pastedRouting';

/** What the pod's netns gets instead of the release's defaults; absent parts stay the release's. */
export interface PastedPodRules {
  /** `namespace/name` of the pod. */
  readonly workload: string;
  /** The pasted `iptables-save`, as commands in the order they apply (chains declared first). */
  readonly iptables?: readonly PastedIptablesCommand[];
  /** The pasted `ip rule` lines that are not the kernel's own three. */
  readonly ipRules?: readonly PastedRoutingCommand[];
  /** Kernel rule priorities (0, 32766, 32767) the paste gives another rule at. */
  readonly replacesKernelRules?: readonly number[];
  /** The pasted routes of tables other than main and local (table 100's, …). */
  readonly routes?: readonly PastedRoutingCommand[];
}

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

/** The pasted iptables into the pod's netns, in place of `PodFirewall.podRules`. */
export function installPastedIptables(
  ns: NetnsBuilder,
  commands: readonly PastedIptablesCommand[],
): void {
  for (const c of commands) ns.ipt(c.table, c.text, c.owner, c.prov, c.why);
}

/** The pasted `ip rule` lines, in place of istio-cni's 32764 rule. */
export function installPastedIpRules(ns: NetnsBuilder, rules: PastedPodRules): void {
  ns.deleteIpRules(rules.replacesKernelRules ?? []);
  for (const r of rules.ipRules ?? [])
    ns.ipRule(
      r.text,
      imported(`${rules.workload}'s ip rule, line ${r.line}`),
      'pasted from your cluster',
    );
}

/** The pasted routes, in place of istio-cni's `local default dev lo table 100`. */
export function installPastedRoutes(ns: NetnsBuilder, rules: PastedPodRules): void {
  for (const r of rules.routes ?? [])
    ns.route(
      r.text,
      imported(`${rules.workload}'s ip route show table all, line ${r.line}`),
      'pasted from your cluster',
    );
}

/** The enrolment step's words for what was pasted: "iptables-save (11 rules), ip rule". */
export function pastedSummary(rules: PastedPodRules): string {
  const parts: string[] = [];
  const ipt = rules.iptables?.filter((c) => !c.text.startsWith('-N ')) ?? [];
  if (rules.iptables) parts.push(`iptables-save (${ipt.length} rules)`);
  if (rules.ipRules) parts.push(`ip rule (${rules.ipRules.length} besides the kernel's)`);
  if (rules.routes) parts.push(`ip route (${rules.routes.length} outside main and local)`);
  return parts.join(', ');
}
