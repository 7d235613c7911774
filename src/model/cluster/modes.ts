/** What each redirection mode is, at the release the walk is exact to (domain file §0). */
import type { Release } from '../releases';
import type { RedirectMode } from '../scenario';
import type { ModeInfo } from './types';

/** The mode as the page names it, with the release and the code its rules come from. */
export function modeInfo(mode: RedirectMode, rel: Release): ModeInfo {
  switch (mode) {
    case 'iptables':
      return {
        mode,
        label: 'iptables + GENEVE',
        istioVersions: rel.label,
        rulesAsOf: `istio-cni ${rel.tags.istio} (CreateRulesOnNode, CreateRulesWithinNodeProxyNS) and ztunnel ${rel.tags.ztunnel}`,
        notes: [
          'iptables + GENEVE node redirection was the default from 1.18 to 1.20; 1.21 replaced it with in-pod redirection.',
        ],
      };
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
    case 'inpod':
      return {
        mode,
        label: 'in-pod',
        istioVersions: 'Istio 1.21+',
        rulesAsOf: 'not modelled yet',
        notes: ['Not modelled yet.'],
      };
  }
}
