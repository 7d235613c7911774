/**
 * "The pod netns firewall": what istio-cni's in-pod installer asks for when it writes a pod's
 * rules (`CreateInpodRules`) and the node's probe rules (`CreateHostRulesForHealthChecks`).
 * istio-cni picks iptables or, from 1.28 with `values.global.nativeNftables`, nftables
 * (cni/pkg/trafficmanager); the installer does not care which.
 *
 * Integration point for the nftables engine (src/model/nftables/): implement `PodFirewall`
 * with its tables, return it from `podFirewall('nftables')`, and add 'nftables' to
 * `FIREWALL_ENGINES` (releases/ids.ts). The kernel then needs the netns to carry those tables
 * and `kernel/hooks.ts` to evaluate them at each hook.
 */
import { verified } from '../provenance';
import type { Firewall, InpodRelease } from '../releases';
import {
  hostProbeCommands,
  hostRulesFunction,
  inpodCommands,
  inpodRulesFunction,
} from '../releases/inpodRules';
import type { NetnsBuilder } from './netnsBuilder';

export interface PodFirewall {
  readonly kind: Firewall;
  /** The release's pod rules into an enrolled pod's netns, in the order istio-cni writes them. */
  podRules(ns: NetnsBuilder, rel: InpodRelease, captureDns: boolean): void;
  /** The node's only Istio rules: the kubelet-probe SNAT. */
  hostRules(ns: NetnsBuilder, rel: InpodRelease): void;
}

/** iptables: the commands of releases/inpodRules.ts, as istio-cni's builder runs them. */
export const IPTABLES_FIREWALL: PodFirewall = {
  kind: 'iptables',
  podRules(ns, rel, captureDns) {
    const prov = verified(rel.src.iptables, `CreateInpodRules → ${inpodRulesFunction(rel)}`);
    for (const c of inpodCommands(rel, captureDns))
      ns.ipt(c.table, c.text, 'istio-cni', prov, c.why);
  },
  hostRules(ns, rel) {
    const prov = verified(
      rel.src.iptables,
      `CreateHostRulesForHealthChecks → ${hostRulesFunction(rel)}`,
    );
    for (const c of hostProbeCommands(rel)) ns.ipt(c.table, c.text, 'istio-cni', prov, c.why);
  },
};

/** The pod netns firewall of that kind; only iptables has an engine so far. */
export function podFirewall(kind: Firewall): PodFirewall {
  if (kind === 'iptables') return IPTABLES_FIREWALL;
  throw new Error(`the ${kind} pod firewall is not modelled yet (see cluster/podFirewall.ts)`);
}
