/**
 * iptables + GENEVE redirection as istio-cni installs it at the release (1.18.0, 1.19.0,
 * 1.20.0): on the node (`CreateRulesOnNode`, `initializeLists`) and inside the ztunnel netns
 * (`CreateRulesWithinNodeProxyNS`, `addTProxyMarks`). Commands are in code order.
 */
import type { Ipv4 } from '../addresses';
import { inferred, verified } from '../provenance';
import type { NodeRelease } from '../releases';
import { TUNNEL } from './kind';
import type { NetnsBuilder } from './netnsBuilder';

export interface NodeSide {
  readonly node: NetnsBuilder;
  readonly ztIp: Ipv4;
  readonly ztVeth: string;
  readonly hostIp: Ipv4;
  /** Local ambient pods: they get an ipset entry and a table-100 route. */
  readonly ambientPods: ReadonlyArray<{
    readonly ip: Ipv4;
    readonly uid: string;
    readonly name: string;
  }>;
  readonly captureDns: boolean;
  readonly ifindexIn: number;
  readonly ifindexOut: number;
  readonly rel: NodeRelease;
}

/** How the release chose the GENEVE destination port: the kernel default, or the first free from 6081. */
function genevePortNote(rel: NodeRelease): string {
  return rel.cni.genevePort === 'kernel-default'
    ? 'no Dport set: the kernel default 6081'
    : 'Dport from determineDstPortForGeneveLink: the first port from 6081 no other GENEVE link holds (6081 on a node without another GENEVE device)';
}

/** Node-side rules, routes, ipset and GENEVE links. */
export function installIptablesNode(s: NodeSide): void {
  const { node, ztIp, ztVeth, hostIp, rel } = s;
  const NODE = verified(rel.src.netLinux, 'CreateRulesOnNode');
  const LISTS = verified(rel.src.iptables, 'initializeLists');
  node
    .iface({
      name: TUNNEL.inboundTun,
      ifindex: s.ifindexIn,
      kind: 'geneve',
      addrs: [{ cidr: `${TUNNEL.inboundTunIp}/30`, prov: TUNNEL.prov }],
      geneve: { vni: TUNNEL.inboundVni, remote: ztIp, dport: TUNNEL.geneveUdpPort },
      role: 'GENEVE tunnel to ztunnel, inbound (VNI 1000)',
      prov: verified(
        rel.src.netLinux,
        `&netlink.Geneve{Name:"istioin", ID:1000, Remote: ztunnelIP}; ${genevePortNote(rel)}`,
      ),
    })
    .iface({
      name: TUNNEL.outboundTun,
      ifindex: s.ifindexOut,
      kind: 'geneve',
      addrs: [{ cidr: `${TUNNEL.outboundTunIp}/30`, prov: TUNNEL.prov }],
      geneve: { vni: TUNNEL.outboundVni, remote: ztIp, dport: TUNNEL.geneveUdpPort },
      role: 'GENEVE tunnel to ztunnel, outbound (VNI 1001)',
      prov: verified(
        rel.src.netLinux,
        `&netlink.Geneve{Name:"istioout", ID:1001, Remote: ztunnelIP}; ${genevePortNote(rel)}`,
      ),
    });

  node.ipset({
    name: 'ztunnel-pods-ips',
    type: 'hash:ip',
    // The CNI agent watches only the pods of its own node (informers.go FieldSelector).
    why: 'it holds only the ambient pods of this node',
    members: s.ambientPods.map((p) => ({
      ip: p.ip,
      comment: p.uid,
      prov: verified(
        rel.src.net,
        `Ipset.AddIP(podIP, pod.UID) for ${p.name}; the UID is illustrative`,
      ),
    })),
    prov: verified(
      rel.src.options,
      'Ipset = &ipsetlib.IPSet{Name: "ztunnel-pods-ips"}; hash:ip with comments (ipset_linux.go)',
    ),
  });

  const m = (text: string, why: string, prov = NODE): void => {
    node.ipt('mangle', text, 'istio-cni', prov, why);
  };
  const n = (text: string, why: string, prov = NODE): void => {
    node.ipt('nat', text, 'istio-cni', prov, why);
  };
  const f = (text: string, why: string, prov = NODE): void => {
    node.ipt('filter', text, 'istio-cni', prov, why);
  };

  // initializeLists: the chains and the jumps to them, inserted at the top.
  for (const c of ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']) {
    m(`-N ztunnel-${c}`, 'istio-cni chain', LISTS);
  }
  for (const c of ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']) {
    m(
      `-I ${c} -j ztunnel-${c}`,
      `send every packet at ${c} through istio-cni's chain first`,
      LISTS,
    );
  }
  n('-N ztunnel-PREROUTING', 'istio-cni chain', LISTS);
  n('-N ztunnel-POSTROUTING', 'istio-cni chain', LISTS);
  n('-I PREROUTING -j ztunnel-PREROUTING', "before kube-proxy's KUBE-SERVICES", LISTS);
  n('-I POSTROUTING -j ztunnel-POSTROUTING', 'before any masquerading', LISTS);
  if (rel.cni.filterForwardAccept) {
    f('-N ztunnel-FORWARD', 'istio-cni chain (1.19+)', LISTS);
    f('-I FORWARD -j ztunnel-FORWARD', "before kube-proxy's filter rules", LISTS);
  }

  m(
    '-A ztunnel-PREROUTING -i istioin -j MARK --set-mark 0x200/0x200',
    'skip mark: packets coming out of the inbound tunnel are not captured again',
  );
  m('-A ztunnel-PREROUTING -i istioin -j RETURN', 'done with packets from the inbound tunnel');
  m(
    '-A ztunnel-PREROUTING -i istioout -j MARK --set-mark 0x200/0x200',
    'skip mark: packets coming out of the outbound tunnel are not captured again',
  );
  m('-A ztunnel-PREROUTING -i istioout -j RETURN', 'done with packets from the outbound tunnel');
  m(
    '-A ztunnel-FORWARD -m mark --mark 0x220/0x220 -j CONNMARK --save-mark --nfmask 0x220 --ctmask 0x220',
    'remember "skip" on the connection, so its later packets are skipped too',
  );
  m(
    '-A ztunnel-INPUT -m mark --mark 0x220/0x220 -j CONNMARK --save-mark --nfmask 0x220 --ctmask 0x220',
    'remember "skip" on connections to the node',
  );
  m(
    '-A ztunnel-FORWARD -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210',
    'remember that ztunnel opened this connection (with a spoofed source), so replies go back to ztunnel',
  );
  m(
    '-A ztunnel-INPUT -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210',
    'the same for connections to the node',
  );
  if (rel.cni.hostIpSkip === 'from-host-ip') {
    node.ipt(
      'mangle',
      `-A ztunnel-OUTPUT -s ${hostIp}/32 -j MARK --set-mark 0x220`,
      'istio-cni',
      NODE,
      'traffic the node itself sends from HostIP (kubelet probes) is skipped',
      {
        what: 'TCP the node itself opens to a pod (kubelet probes)',
        proto: 'tcp',
      },
    );
  } else {
    // "this excludes `kubelet` node traffic from capture, but *not* `kube-proxy` node traffic"
    m(
      `-A ztunnel-OUTPUT -s ${hostIp}/32 -p tcp -m owner --socket-exists -m set --match-set ztunnel-pods-ips dst -j MARK --set-mark 0x220`,
      'kubelet probes (TCP from a local socket on HostIP to an ambient pod) are skipped, but not kube-proxy node traffic',
    );
  }
  m(
    `-A ztunnel-PREROUTING -p udp -m udp --dport ${TUNNEL.geneveUdpPort} -j RETURN`,
    'GENEVE outer packets are left alone',
  );
  m(
    '-A ztunnel-PREROUTING -m connmark --mark 0x220/0x220 -j MARK --set-mark 0x200/0x200',
    'a connection marked "skip" stays skipped',
  );
  m('-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN', 'skipped: stop here');
  m(
    `-A ztunnel-PREROUTING ! -i ${ztVeth} -m connmark --mark 0x210/0x210 -j MARK --set-mark 0x40/0x40`,
    'a reply to a connection ztunnel opened with a spoofed source: send it back to ztunnel (table 102)',
  );
  m('-A ztunnel-PREROUTING -m mark --mark 0x40/0x40 -j RETURN', 'proxy-return: stop here');
  m(
    `-A ztunnel-PREROUTING ! -s ${ztIp}/32 -i ${ztVeth} -j MARK --set-mark 0x210/0x210`,
    "ztunnel is sending with a source that is not its own (the original client): mark it as ztunnel's",
  );
  m(
    '-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN',
    "ztunnel's traffic (0x210 carries the 0x200 skip bit): stop here",
  );
  m(
    `-A ztunnel-PREROUTING -i ${ztVeth} -j MARK --set-mark 0x220/0x220`,
    "ztunnel's own traffic (xDS, CA, ...) is skipped",
  );
  m('-A ztunnel-PREROUTING -p udp -j MARK --set-mark 0x220/0x220', '"skip udp so DNS works"');
  m('-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN', 'skipped: stop here');
  m(
    '-A ztunnel-PREROUTING -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-mark 0x100/0x100',
    '"Mark outbound connections to route them to the proxy using ip rules/route tables"',
  );
  n(
    '-A ztunnel-PREROUTING -m mark --mark 0x100/0x100 -j ACCEPT',
    '"If we have an outbound mark, we don\'t need kube-proxy to do anything, so accept it before kube-proxy translates service vips to pod ips"',
  );
  n(
    '-A ztunnel-POSTROUTING -m mark --mark 0x100/0x100 -j ACCEPT',
    "no NAT on the way out for captured packets: kube-proxy's KUBE-POSTROUTING (masquerade) never sees them",
  );
  if (rel.cni.filterForwardAccept) {
    f(
      '-A ztunnel-FORWARD -m mark --mark 0x100/0x100 -j ACCEPT',
      '"accept it before the KUBE-SERVICES chain in the Filter table rejects destinations that do not have a k8s endpoint resource"',
    );
  }
  if (s.captureDns) {
    n(
      `-A ztunnel-PREROUTING -p udp -m set --match-set ztunnel-pods-ips src -m udp --dport 53 -j DNAT --to-destination ${ztIp}:15053`,
      "DNS capture (ztunnel pod has ISTIO_META_DNS_CAPTURE=true): DNS from ambient pods goes to ztunnel's DNS proxy",
      verified(
        rel.src.server,
        'captureDNS := getEnvFromPod(activePod, "ISTIO_META_DNS_CAPTURE") == "true"; target fmt.Sprintf("%s:%d", ztunnelIP, DNSCapturePort)',
      ),
    );
  }
  node.notableChain('mangle/ztunnel-PREROUTING', nothingMatched(rel));

  node
    .route(
      `ip route add table 101 ${ztIp} dev ${ztVeth} scope link`,
      NODE,
      "table 101 can reach the ztunnel pod directly: the GENEVE outer packet is routed with the inner packet's mark",
    )
    .route(
      `ip route add table 101 0.0.0.0/0 via ${TUNNEL.ztunnelOutboundTunIp} dev ${TUNNEL.outboundTun}`,
      NODE,
      'everything marked 0x100 goes into the outbound tunnel to ztunnel',
    )
    .route(
      `ip route add table 102 ${ztIp} dev ${ztVeth} scope link`,
      NODE,
      'table 102 can reach the ztunnel pod',
    )
    .route(
      `ip route add table 102 0.0.0.0/0 via ${ztIp} dev ${ztVeth} onlink`,
      NODE,
      "replies to ztunnel's spoofed-source connections go back to the ztunnel pod",
    )
    .route(
      `ip route add table 100 ${ztIp} dev ${ztVeth} scope link`,
      NODE,
      'table 100 can reach the ztunnel pod',
    );
  for (const p of s.ambientPods) {
    node.route(
      `ip route add table 100 ${p.ip}/32 via ${TUNNEL.ztunnelInboundTunIp} dev ${TUNNEL.inboundTun} src ${hostIp}`,
      verified(rel.src.netLinux, 'buildRouteFromPod'),
      `traffic to the local ambient pod ${p.name} goes into the inbound tunnel to ztunnel`,
    );
  }
  node
    .ipRule(
      'ip rule add priority 100 fwmark 0x200/0x200 goto 32766',
      NODE,
      'skip mark → straight to the main table',
    )
    .ipRule(
      'ip rule add priority 101 fwmark 0x100/0x100 lookup 101',
      NODE,
      'outbound mark → table 101 → istioout',
    )
    .ipRule(
      'ip rule add priority 102 fwmark 0x040/0x040 lookup 102',
      NODE,
      'proxy-return mark → table 102 → back to the ztunnel pod',
    )
    .ipRule(
      'ip rule add priority 103 table 100',
      NODE,
      '"This table has routes only to pods in the mesh. It does not have a catch-all route, so if a route is missing, the search will continue"',
    );

  const sys = verified(
    rel.src.netLinux,
    'rp_filter=0 / accept_local=1 on the tunnel and ztunnel links',
  );
  node.sysctl('net.ipv4.conf.default.rp_filter', '0', sys);
  node.sysctl('net.ipv4.conf.all.rp_filter', '0', sys);
  node.sysctl(`net.ipv4.conf.${ztVeth}.rp_filter`, '0', sys);
  node.sysctl('net.ipv4.conf.istioin.rp_filter', '0', sys);
  node.sysctl('net.ipv4.conf.istioout.rp_filter', '0', sys);
  node.sysctl(`net.ipv4.conf.${ztVeth}.accept_local`, '1', sys);
  node.sysctl('net.ipv4.conf.istioin.accept_local', '1', sys);
  node.sysctl('net.ipv4.conf.istioout.accept_local', '1', sys);
}

/** Where "no rule here matched" comes from: evaluating the release's installed rules. */
function nothingMatched(rel: NodeRelease) {
  return inferred(rel.src.netLinux, 'evaluating the verified rules against this packet');
}

/** Inside the ztunnel pod: the p-links, TPROXY rules and the local table. */
export function installIptablesZtunnel(
  zt: NetnsBuilder,
  ztIp: Ipv4,
  hostIp: Ipv4,
  rel: NodeRelease,
): void {
  const ZT = verified(rel.src.netLinux, 'CreateRulesWithinNodeProxyNS');
  zt.iface({
    name: 'pistioin',
    ifindex: 4,
    kind: 'geneve',
    addrs: [{ cidr: `${TUNNEL.ztunnelInboundTunIp}/30`, prov: TUNNEL.prov }],
    geneve: { vni: TUNNEL.inboundVni, remote: hostIp, dport: TUNNEL.geneveUdpPort },
    role: 'ztunnel end of the inbound tunnel (VNI 1000)',
    prov: verified(
      rel.src.netLinux,
      `&netlink.Geneve{Name:"pistioin", ID:1000, Remote: hostIP}; the "p" only distinguishes it visually; ${genevePortNote(rel)}`,
    ),
  }).iface({
    name: 'pistioout',
    ifindex: 5,
    kind: 'geneve',
    addrs: [{ cidr: `${TUNNEL.ztunnelOutboundTunIp}/30`, prov: TUNNEL.prov }],
    geneve: { vni: TUNNEL.outboundVni, remote: hostIp, dport: TUNNEL.geneveUdpPort },
    role: 'ztunnel end of the outbound tunnel (VNI 1001)',
    prov: verified(
      rel.src.netLinux,
      `&netlink.Geneve{Name:"pistioout", ID:1001, Remote: hostIP}; ${genevePortNote(rel)}`,
    ),
  });
  zt.deleteIpRules([20000, 20001, 20002, 20003])
    .ipRule(
      'ip rule add priority 20000 fwmark 0x400/0xfff lookup 100',
      verified(
        rel.src.netLinux,
        rel.id === '1.18'
          ? 'addTProxyMarks: TProxyMarkPriority'
          : 'addTProxyMarkRule: TProxyMarkPriority',
      ),
      'TPROXY-marked packets are looked up in table 100: local delivery',
    )
    .ipRule(
      'ip rule add priority 20003 fwmark 0x4d3/0xfff lookup 100',
      verified(
        rel.src.netLinux,
        rel.id === '1.18' ? 'addTProxyMarks: OrgSrcPriority' : 'addOrgSrcMarkRule: OrgSrcPriority',
      ),
      '"OrgSrcRet": replies to ztunnel\'s spoofed-source sockets are delivered locally',
    )
    .route(
      'ip route add local 0.0.0.0/0 dev lo table 100',
      ZT,
      'every address is local in table 100: TPROXY can deliver to ztunnel whatever the destination',
    )
    .route(
      `ip route add table 101 0.0.0.0/0 via ${TUNNEL.outboundTunIp} dev pistioout`,
      ZT,
      'created, but no ip rule looks up table 101 here (domain file §1.5)',
    )
    .route(
      `ip route add table 102 0.0.0.0/0 via ${TUNNEL.inboundTunIp} dev pistioin`,
      ZT,
      'created, but no ip rule looks up table 102 here',
    )
    .route(`ip route add table 101 ${hostIp} dev eth0 scope link`, ZT, 'created, unused')
    .route(`ip route add table 102 ${hostIp} dev eth0 scope link`, ZT, 'created, unused');
  const m = (text: string, why: string): void => {
    zt.ipt('mangle', text, 'istio-cni', ZT, why);
  };
  m('-F PREROUTING', 'iptables -t mangle -F PREROUTING');
  zt.ipt('nat', '-F OUTPUT', 'istio-cni', ZT, 'iptables -t nat -F OUTPUT');
  m(
    '-A PREROUTING -i pistioin -p tcp -m tcp --dport 15008 -j TPROXY --on-port 15008 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    "HBONE from the inbound tunnel → ztunnel's inbound listener 15008",
  );
  m(
    '-A PREROUTING -i pistioout -p tcp -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    "anything from the outbound tunnel → ztunnel's outbound listener 15001",
  );
  m(
    '-A PREROUTING -i pistioin -p tcp -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    'other TCP from the inbound tunnel (plaintext) → 15006',
  );
  m(
    `-A PREROUTING ! -d ${ztIp}/32 -i eth0 -p tcp -j MARK --set-mark 0x4d3/0xfff`,
    "a packet on eth0 for an address that is not ztunnel's: a reply to a spoofed-source socket (rule 20003)",
  );
  zt.notableChain('mangle/PREROUTING', nothingMatched(rel));
  const sys = verified(rel.src.netLinux, 'rp_filter=0 on pistioin, pistioout and eth0');
  zt.sysctl('net.ipv4.conf.pistioin.rp_filter', '0', sys);
  zt.sysctl('net.ipv4.conf.pistioout.rp_filter', '0', sys);
  zt.sysctl('net.ipv4.conf.eth0.rp_filter', '0', sys);
}
