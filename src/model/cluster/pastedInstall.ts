/**
 * Pasted rules into a pod's netns (installInpodNode), in place of the release's. Kept apart
 * from the readers (pastedRules.ts) so the page's first load, which builds the article's
 * cluster, carries only this much of them.
 */
import { imported } from '../provenance';
import type { NetnsBuilder } from './netnsBuilder';
import type { PastedIptablesCommand } from './pastedIptables';
import type { PastedRoutingCommand } from './pastedRouting';

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
