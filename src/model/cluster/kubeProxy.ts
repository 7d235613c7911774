/**
 * kube-proxy's nat rules for the Services the walk touches, abridged to the chains a ClusterIP
 * packet traverses. They matter because istio-cni's nat ACCEPT is what keeps them from running
 * on captured traffic, and they do run when the client is outside the mesh.
 */
import type { Ipv4 } from '../addresses';
import { fnv1a } from '../hash';
import { illustrative } from '../provenance';
import type { NetnsBuilder } from './netnsBuilder';
import { HTTPBIN_SERVICE, KUBE_DNS_SERVICE } from './kind';

const PROV = illustrative(
  'kube-proxy iptables mode, abridged (no KUBE-MARK-MASQ, no MASQUERADE, no probabilities); chain hashes made up',
);

/** One Service port as kube-proxy writes it: the VIP rule, the endpoint pick, the DNAT. */
export interface KubeProxyService {
  /** `default/httpbin:http`, as kube-proxy's comments name the port. */
  readonly portName: string;
  readonly proto: 'tcp' | 'udp';
  readonly clusterIp: Ipv4;
  readonly port: number;
  /** The endpoint the abridged rules DNAT to (kube-proxy picks one at random). */
  readonly endpoint: { readonly ip: Ipv4; readonly port: number };
  /** kube-proxy's chain names are hashes of the port's name; these are made up in that shape. */
  readonly svcChain: string;
  readonly sepChain: string;
  /** What each of the three rules does, in words. */
  readonly why: { readonly vip: string; readonly pick: string; readonly dnat: string };
}

/** The article's two: httpbin (its pod and target port at the release) and kube-dns. */
export function articleKubeProxy(httpbinIp: Ipv4, targetPort: number): KubeProxyService[] {
  const h = HTTPBIN_SERVICE;
  return [
    {
      portName: 'default/httpbin:http',
      proto: 'tcp',
      clusterIp: h.clusterIp,
      port: h.port,
      endpoint: { ip: httpbinIp, port: targetPort },
      svcChain: h.svcChain,
      sepChain: h.sepChain,
      why: {
        vip: 'the httpbin ClusterIP',
        pick: 'pick an httpbin endpoint (there is one)',
        dnat: 'rewrite the VIP to the httpbin pod',
      },
    },
    KIND_KUBE_DNS,
  ];
}

/** kind's kube-dns Service and CoreDNS endpoint, as kube-proxy writes them. */
export const KIND_KUBE_DNS: KubeProxyService = {
  portName: 'kube-system/kube-dns:dns',
  proto: 'udp',
  clusterIp: KUBE_DNS_SERVICE.clusterIp,
  port: 53,
  endpoint: { ip: KUBE_DNS_SERVICE.endpoints[0], port: 53 },
  svcChain: KUBE_DNS_SERVICE.svcChain,
  sepChain: KUBE_DNS_SERVICE.sepChain,
  why: {
    vip: 'the kube-dns ClusterIP',
    pick: 'pick a CoreDNS endpoint',
    dnat: 'rewrite the VIP to the CoreDNS pod',
  },
};

/** A made-up chain hash in kube-proxy's shape (16 characters of base32), stable per name. */
export function madeUpChainHash(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let h: number | undefined;
  let out = '';
  for (let round = 0; out.length < 16; round++) {
    h = fnv1a(`${name}#${round}`, h);
    for (let i = 0; i < 6 && out.length < 16; i++) out += alphabet[(h >>> (i * 5)) & 31];
  }
  return out;
}

/** kube-proxy's nat chains for the given Services on one node. */
export function installKubeProxy(ns: NetnsBuilder, services: readonly KubeProxyService[]): void {
  const ipt = (text: string, why: string): void => {
    ns.ipt('nat', text, 'kube-proxy', PROV, why);
  };
  for (const chain of [
    'KUBE-SERVICES',
    'KUBE-POSTROUTING',
    ...services.flatMap((s) => [s.svcChain, s.sepChain]),
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
  for (const s of services)
    ipt(
      `-A KUBE-SERVICES -d ${s.clusterIp}/32 -p ${s.proto} -m comment --comment "${s.portName} cluster IP" -m ${s.proto} --dport ${s.port} -j ${s.svcChain}`,
      s.why.vip,
    );
  for (const s of services) {
    ipt(
      `-A ${s.svcChain} -m comment --comment "${s.portName} -> ${s.endpoint.ip}:${s.endpoint.port}" -j ${s.sepChain}`,
      s.why.pick,
    );
    ipt(
      `-A ${s.sepChain} -p ${s.proto} -m comment --comment "${s.portName}" -j DNAT --to-destination ${s.endpoint.ip}:${s.endpoint.port}`,
      s.why.dnat,
    );
  }
}
