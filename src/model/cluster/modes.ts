/** What each redirection mode is, at the release the walk is exact to (domain files §0). */
import type { Release } from '../releases';
import type { FirewallChoice, RedirectMode } from '../scenario';
import type { ModeInfo } from './types';

/** The mode as the page names it, with the release and the code its rules come from. */
export function modeInfo(mode: RedirectMode, rel: Release, firewall: FirewallChoice): ModeInfo {
  if (rel.era === 'inpod') {
    const inbound = rel.inpod.rules === 'tproxy-1.21' ? 'TPROXY' : 'REDIRECT';
    return {
      mode: 'inpod',
      label: 'in-pod',
      istioVersions: rel.label,
      rulesAsOf: `istio-cni ${rel.tags.istio} (AddPodToMesh → CreateInpodRules, ${firewall} in each pod's netns) and ztunnel ${rel.tags.ztunnel} (a proxy per pod, its sockets in the pod's netns)`,
      notes: [
        `Inbound is captured with ${inbound} inside the pod; outbound with REDIRECT to :15001. Nothing is redirected on the node: no istioin/istioout, no GENEVE, no eBPF.`,
        "istio-cni's node agent hands ztunnel each pod's netns over /var/run/ztunnel/ztunnel.sock (ZDS); ztunnel opens its listeners inside the pod, and marks every socket 0x539.",
      ],
    };
  }
  switch (mode) {
    case 'ebpf':
      return {
        mode,
        label: 'eBPF (TC hooks)',
        istioVersions: `${rel.label} (eBPF was stubbed out in 1.18 and 1.19)`,
        rulesAsOf: `the programs of ${rel.src.ebpfProgram} as attached by istio-cni ${rel.tags.istio}; ztunnel-netns rules of its fallback (createTProxyRulesForLegacyEBPF)`,
        notes: [
          'On kernels with bpf_sk_assign (Linux 5.7+), 1.20 attaches ztunnel_tproxy instead of ztunnel_ingress and creates no iptables rules in the ztunnel netns.',
          'No ipset, no GENEVE and no Istio iptables rule on the node: the programs redirect at TC.',
        ],
      };
    default:
      return {
        mode: 'iptables',
        label: 'iptables + GENEVE',
        istioVersions: rel.label,
        rulesAsOf: `istio-cni ${rel.tags.istio} (CreateRulesOnNode, CreateRulesWithinNodeProxyNS) and ztunnel ${rel.tags.ztunnel}`,
        notes: [
          'iptables + GENEVE node redirection was the default from 1.18 to 1.20; 1.21 replaced it with in-pod redirection.',
        ],
      };
  }
}
