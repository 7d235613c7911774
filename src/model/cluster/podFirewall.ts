/**
 * "The pod netns firewall": what istio-cni's in-pod installer asks for when it writes a pod's
 * rules (`CreateInpodRules`) and the node's probe rules (`CreateHostRulesForHealthChecks`).
 * istio-cni picks iptables or, from 1.28 with `values.global.nativeNftables`, nftables
 * (cni/pkg/trafficmanager); the installer does not care which.
 *
 * nftables: the netns carries the ruleset (`Netns.nftables`), and `kernel/hooks.ts` evaluates
 * its base chains at each hook (kernel/nftHooks.ts).
 */
import type { Ipv4 } from '../addresses';
import { nftReleaseFor, nodeNetnsFirewall, podNetnsFirewall } from '../nftables/firewall';
import type { NftRelease } from '../nftables/istioCni';
import { verified, type Provenance } from '../provenance';
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
  /**
   * The node's enrolled pods, where the probe rule looks them up: an ipset for iptables, an
   * nftables set in istio's table for nftables (step 4 of `AddPodToMesh`).
   */
  probeSet(ns: NetnsBuilder, rel: InpodRelease, members: readonly ProbeMember[]): void;
}

export interface ProbeMember {
  readonly ip: Ipv4;
  /** The pod's UID, which istio-cni writes as the member's comment. */
  readonly comment: string;
  readonly prov: Provenance;
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
  probeSet(ns, rel, members) {
    ns.ipset({
      name: rel.inpod.probeIpset,
      type: 'hash:ip',
      why: "it holds this node's enrolled pods, whose kubelet probes are SNATed so the pod can let them past ztunnel",
      members,
      prov: verified(rel.src.ipsetLinux, 'hash:ip with comments (the pod UID)'),
    });
  },
};

/** The app's release id → the tag whose `cni/pkg/nftables/` the engine was built from. */
function nftRelease(rel: InpodRelease): NftRelease {
  const r = nftReleaseFor(rel.id);
  if (!r) throw new Error(`istio-cni ${rel.id} has no nftables rules in the model`);
  return r;
}

/**
 * On kind the kubelet runs as root; istio-cni reads its UID from /proc
 * (`getKubeletUIDFromPath`) and the probe rule matches it (`skuid`), having no `--socket-exists`.
 */
const KUBELET_UID = 0;

/** nftables (1.28+, `values.global.nativeNftables`): the engine of src/model/nftables/. */
export const NFTABLES_FIREWALL: PodFirewall = {
  kind: 'nftables',
  podRules(ns, rel, captureDns) {
    // The chart's `cni.ambient.ipv6` is true, so the pod gets the ip6 rules as well.
    ns.nftables(podNetnsFirewall(nftRelease(rel), { dns: captureDns, netns: ns.id }).ruleset);
  },
  hostRules(ns, rel) {
    const opts = { kubeletUid: KUBELET_UID, members: [], netns: ns.id };
    ns.nftables(nodeNetnsFirewall(nftRelease(rel), opts).ruleset);
  },
  probeSet(ns, rel, members) {
    const m = members.map((x) => ({ ip: x.ip, podUid: x.comment }));
    const opts = { kubeletUid: KUBELET_UID, members: m, netns: ns.id };
    ns.nftables(nodeNetnsFirewall(nftRelease(rel), opts).ruleset);
  },
};

/** The pod netns firewall of that kind. */
export function podFirewall(kind: Firewall): PodFirewall {
  return kind === 'nftables' ? NFTABLES_FIREWALL : IPTABLES_FIREWALL;
}
