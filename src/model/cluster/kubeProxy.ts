/**
 * kube-proxy's nat rules for the two Services the walk touches, abridged to the chains a
 * ClusterIP packet traverses. They matter because istio-cni's nat ACCEPT is what keeps them
 * from running on captured traffic, and they do run when sleep is outside the mesh.
 */
import type { Ipv4 } from '../addresses';
import { illustrative } from '../provenance';
import type { NetnsBuilder } from './netnsBuilder';
import { HTTPBIN_SERVICE, KUBE_DNS_SERVICE } from './kind';

const PROV = illustrative(
  'kube-proxy iptables mode, abridged (no KUBE-MARK-MASQ, no MASQUERADE, no probabilities); chain hashes made up',
);

/** kube-proxy's nat chains for the httpbin and kube-dns Services on one node. */

export function installKubeProxy(ns: NetnsBuilder, httpbinIp: Ipv4, targetPort: number): void {
  const h = HTTPBIN_SERVICE;
  const d = KUBE_DNS_SERVICE;
  const ipt = (text: string, why: string): void => {
    ns.ipt('nat', text, 'kube-proxy', PROV, why);
  };
  for (const chain of [
    'KUBE-SERVICES',
    'KUBE-POSTROUTING',
    h.svcChain,
    h.sepChain,
    d.svcChain,
    d.sepChain,
  ]) {
    ipt(`-N ${chain}`, 'kube-proxy chain');
  }
  ipt(
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    'Service VIPs for packets arriving on the node',
  );
  ipt(
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    'Service VIPs for packets the node sends',
  );
  ipt(
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    'masquerade what kube-proxy marked for it',
  );
  ipt(
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    'only packets marked 0x4000 (KUBE-MARK-MASQ) are masqueraded; abridged: the MASQUERADE rule is left out',
  );
  ipt(
    `-A KUBE-SERVICES -d ${h.clusterIp}/32 -p tcp -m comment --comment "default/httpbin:http cluster IP" -m tcp --dport ${h.port} -j ${h.svcChain}`,
    'the httpbin ClusterIP',
  );
  ipt(
    `-A KUBE-SERVICES -d ${d.clusterIp}/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j ${d.svcChain}`,
    'the kube-dns ClusterIP',
  );
  ipt(
    `-A ${h.svcChain} -m comment --comment "default/httpbin:http -> ${httpbinIp}:${targetPort}" -j ${h.sepChain}`,
    'pick an httpbin endpoint (there is one)',
  );
  ipt(
    `-A ${h.sepChain} -p tcp -m comment --comment "default/httpbin:http" -j DNAT --to-destination ${httpbinIp}:${targetPort}`,
    'rewrite the VIP to the httpbin pod',
  );
  ipt(
    `-A ${d.svcChain} -m comment --comment "kube-system/kube-dns:dns -> ${d.endpoints[0]}:53" -j ${d.sepChain}`,
    'pick a CoreDNS endpoint',
  );
  ipt(
    `-A ${d.sepChain} -p udp -m comment --comment "kube-system/kube-dns:dns" -j DNAT --to-destination ${d.endpoints[0]}:53`,
    'rewrite the VIP to the CoreDNS pod',
  );
}
