/** Which Istio releases each redirection mode reflects (domain file §0, the timeline). */
import type { RedirectMode } from '../scenario';
import type { ModeInfo } from './types';

export function modeInfo(mode: RedirectMode): ModeInfo {
  switch (mode) {
    case 'iptables':
      return {
        mode,
        label: 'iptables + GENEVE',
        istioVersions: 'Istio 1.18–1.20',
        rulesAsOf:
          'istio-cni 1.18.0 (CreateRulesOnNode, CreateRulesWithinNodeProxyNS) and ztunnel 1.18.0',
        notes: [
          '1.19 and 1.20 narrow the ztunnel-OUTPUT rule (-p tcp -m owner --socket-exists -m set --match-set ztunnel-pods-ips dst), add a filter ztunnel-FORWARD chain that ACCEPTs 0x100, and pick the GENEVE port dynamically from 6081.',
          'ztunnel 1.18.0 has no DNS proxy: with DNS capture on, this walk shows 1.19–1.20, where ztunnel listens on :15053.',
        ],
      };
    case 'ebpf':
      return {
        mode,
        label: 'eBPF (TC hooks)',
        istioVersions:
          "Istio 1.20 (the article's Feb–May 2023 builds; stubbed out in 1.18 and 1.19)",
        rulesAsOf:
          'the four programs of istio/istio@bb6cbf57537; ztunnel-netns rules of the 1.20 fallback (createTProxyRulesForLegacyEBPF)',
        notes: [
          'On kernels with bpf_sk_assign (Linux 5.7+), 1.20 attaches ztunnel_tproxy instead of ztunnel_ingress and creates no iptables rules in the ztunnel netns.',
          'No ipset, no GENEVE and no Istio iptables rule on the node: the programs redirect at TC.',
        ],
      };
    case 'inpod':
      return {
        mode,
        label: 'in-pod',
        istioVersions: 'Istio 1.24+',
        rulesAsOf: 'istio/istio@master cni/pkg/iptables/testdata/default.golden',
        notes: ['Not modelled yet.'],
      };
  }
}
