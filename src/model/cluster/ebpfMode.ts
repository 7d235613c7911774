/**
 * eBPF redirection (`values.cni.ambient.redirectMode=ebpf`): the article's four TC programs,
 * their maps, and the TPROXY rules in the ztunnel netns that meet the programs' marks. On the
 * node there is no ipset, no GENEVE and no iptables rule of Istio's (`ReconcileZtunnel`, EbpfMode
 * branch).
 */
import type { Ipv4, Mac } from '../addresses';
import { CAPTURE_DNS_FLAG } from '../ebpf/types';
import { inferred, verified } from '../provenance';
import type { NodeRelease } from '../releases';
import type { NetnsBuilder } from './netnsBuilder';

const attach = (rel: NodeRelease) =>
  verified(
    rel.src.ebpfServer,
    'attachTCForWorkLoad / attachTCForZtunnel: clsact qdisc, bpf filter, direct-action',
  );

export interface EbpfNodeSide {
  readonly node: NetnsBuilder;
  readonly hostIp: Ipv4;
  readonly ztVeth: string;
  readonly ztVethIfindex: number;
  readonly ztMac: Mac;
  readonly captureDns: boolean;
  readonly ambientPods: ReadonlyArray<{
    readonly ip: Ipv4;
    readonly hostVeth: string;
    readonly ifindex: number;
    readonly mac: Mac;
    readonly name: string;
  }>;
  readonly rel: NodeRelease;
}

/** The node's side: the four programs' attachments and the maps they read. */
export function installEbpfNode(s: EbpfNodeSide): void {
  const { rel } = s;
  const ATTACH = attach(rel);
  const CODE = { program: rel.src.ebpfProgram, attachedPer: rel.src.ebpfServer };
  for (const p of s.ambientPods) {
    s.node.attach({
      iface: p.hostVeth,
      direction: 'ingress',
      program: 'app_outbound',
      prov: ATTACH,
      code: CODE,
    });
    s.node.attach({
      iface: p.hostVeth,
      direction: 'egress',
      program: 'app_inbound',
      prov: ATTACH,
      code: CODE,
    });
  }
  s.node.attach({
    iface: s.ztVeth,
    direction: 'ingress',
    program: 'ztunnel_host_ingress',
    prov: ATTACH,
    code: CODE,
  });
  s.node.maps({
    appInfo: s.ambientPods.map((p) => ({
      ip: p.ip,
      value: { ifindex: p.ifindex, mac: p.mac },
      prov: verified(
        rel.src.ebpfServer,
        `written by istio-cni on enrollment of ${p.name}: host-veth ifindex + pod MAC`,
      ),
    })),
    ztunnelInfo: {
      value: { ifindex: s.ztVethIfindex, mac: s.ztMac, flag: s.captureDns ? CAPTURE_DNS_FLAG : 0 },
      prov: verified(
        rel.src.ebpfServer,
        'updateNodeProxyEBPF: ztunnel host veth ifindex, MAC of ztunnel eth0, CaptureDNS from ISTIO_META_DNS_CAPTURE',
      ),
    },
    hostIpInfo: {
      ip: s.hostIp,
      prov: verified(
        rel.src.server,
        'UpdateHostIP(HostIP); on kind GetHostIPByRoute and GetHostIP coincide (domain file, uncertain #6)',
      ),
    },
  });
}

/** Inside the ztunnel pod: ztunnel_ingress on eth0 and the legacy TPROXY rules it feeds. */
export function installEbpfZtunnel(
  zt: NetnsBuilder,
  ztIp: Ipv4,
  captureDns: boolean,
  rel: NodeRelease,
): void {
  const ZT = verified(
    rel.src.netLinux,
    'createTProxyRulesForLegacyEBPF (the fallback when bpf_sk_assign is unavailable)',
  );
  zt.attach({
    iface: 'eth0',
    direction: 'ingress',
    program: 'ztunnel_ingress',
    prov: verified(
      rel.src.ebpfServer,
      'attachTC(namespace, peerIndex, "ingress", ztunnelIngressFd): eth0 inside the ztunnel netns',
    ),
    code: { program: rel.src.ebpfProgram, attachedPer: rel.src.ebpfServer },
  });
  zt.deleteIpRules([20000, 20001, 20002, 20003])
    .ipRule(
      'ip rule add priority 20000 fwmark 0x400/0xfff lookup 100',
      ZT,
      'TPROXY-marked packets are looked up in table 100: local delivery',
    )
    .ipRule(
      'ip rule add priority 20003 fwmark 0x4d3/0xfff lookup 100',
      ZT,
      "replies to ztunnel's spoofed-source sockets are delivered locally",
    )
    .route(
      'ip route add local 0.0.0.0/0 dev lo table 100',
      ZT,
      'every address is local in table 100',
    );
  const m = (text: string, why: string): void => {
    zt.ipt('mangle', text, 'istio-cni', ZT, why);
  };
  m(
    '-A PREROUTING -p tcp -m mark --mark 5678 -m tcp --dport 15008 -j TPROXY --on-port 15008 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    'ZTUNNEL_INBOUND_MARK and HBONE port → 15008',
  );
  m(
    '-A PREROUTING -p tcp -m mark --mark 5678 -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    'ZTUNNEL_INBOUND_MARK, other ports → plaintext 15006',
  );
  m(
    '-A PREROUTING -p tcp -m mark --mark 8765 -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    'ZTUNNEL_OUTBOUND_MARK → outbound 15001',
  );
  m(
    `-A PREROUTING ! -d ${ztIp}/32 -i eth0 -p tcp -j MARK --set-mark 0x4d3/0xfff`,
    'a reply to a spoofed-source socket (rule 20003)',
  );
  zt.notableChain(
    'mangle/PREROUTING',
    inferred(rel.src.netLinux, 'evaluating the verified rules against this packet'),
  );
  if (captureDns) {
    zt.assume({
      id: 'assume/dns',
      proto: 'udp',
      dport: 53,
      deliverToPort: 15053,
      text: "DNS redirected by app_outbound reaches ztunnel's DNS proxy on :15053",
      prov: inferred(
        rel.src.ebpfProgram,
        'unconfirmed: ztunnel_ingress handles TCP only ("TODO: support UDP tunneling") and no UDP→15053 rule exists in the ztunnel netns; how the query reaches :15053 could not be confirmed (domain file, uncertain #2)',
      ),
      uncertain:
        'Uncertain (domain file #2): ztunnel_ingress handles TCP only and no UDP→15053 rule was found in the ztunnel netns. The walk assumes the query reaches the DNS proxy and labels this hop.',
      sources: [rel.src.ebpfProgram],
    });
  }
}
