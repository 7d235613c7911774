/**
 * The listings of `ambient-dataplane.md` (the domain file), copied verbatim with their
 * placeholders, so the rendering can be checked against them without the file at test time.
 * §1.2 node iptables (1.18.0), §1.3 node policy routing, §1.5 ztunnel netns, §2.3 eBPF mode.
 */

export const NODE_IPTABLES_118 = `*mangle
:ztunnel-FORWARD - [0:0]
:ztunnel-INPUT - [0:0]
:ztunnel-OUTPUT - [0:0]
:ztunnel-POSTROUTING - [0:0]
:ztunnel-PREROUTING - [0:0]
-A PREROUTING -j ztunnel-PREROUTING
-A INPUT -j ztunnel-INPUT
-A FORWARD -j ztunnel-FORWARD
-A OUTPUT -j ztunnel-OUTPUT
-A POSTROUTING -j ztunnel-POSTROUTING
# skip-mark anything coming out of the tunnels (no connmark)
-A ztunnel-PREROUTING -i istioin -j MARK --set-xmark 0x200/0x200
-A ztunnel-PREROUTING -i istioin -j RETURN
-A ztunnel-PREROUTING -i istioout -j MARK --set-xmark 0x200/0x200
-A ztunnel-PREROUTING -i istioout -j RETURN
# save conn-skip / proxy marks into conntrack
-A ztunnel-FORWARD -m mark --mark 0x220/0x220 -j CONNMARK --save-mark --nfmask 0x220 --ctmask 0x220
-A ztunnel-INPUT   -m mark --mark 0x220/0x220 -j CONNMARK --save-mark --nfmask 0x220 --ctmask 0x220
-A ztunnel-FORWARD -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210
-A ztunnel-INPUT   -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210
# host-originated traffic (kubelet probes) is skipped
-A ztunnel-OUTPUT -s <HOST_IP>/32 -j MARK --set-xmark 0x220/0xffffffff
# ---- appendRules2 ----
-A ztunnel-PREROUTING -p udp -m udp --dport 6081 -j RETURN                      # GENEVE outer packets
-A ztunnel-PREROUTING -m connmark --mark 0x220/0x220 -j MARK --set-xmark 0x200/0x200
-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN
-A ztunnel-PREROUTING ! -i <ZT_VETH> -m connmark --mark 0x210/0x210 -j MARK --set-xmark 0x40/0x40   # return pkts of ztunnel-originated (spoofed src) conns
-A ztunnel-PREROUTING -m mark --mark 0x40/0x40 -j RETURN
-A ztunnel-PREROUTING ! -s <ZT_IP>/32 -i <ZT_VETH> -j MARK --set-xmark 0x210/0x210                  # ztunnel sending with a spoofed (original) src IP
-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN
-A ztunnel-PREROUTING -i <ZT_VETH> -j MARK --set-xmark 0x220/0x220                                  # ztunnel's own traffic (xDS, ...)
-A ztunnel-PREROUTING -p udp -j MARK --set-xmark 0x220/0x220                                        # "skip udp so DNS works"
-A ztunnel-PREROUTING -m mark --mark 0x200/0x200 -j RETURN
-A ztunnel-PREROUTING -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-xmark 0x100/0x100   # OUTBOUND capture
COMMIT
*nat
:ztunnel-POSTROUTING - [0:0]
:ztunnel-PREROUTING - [0:0]
-A PREROUTING -j ztunnel-PREROUTING
-A POSTROUTING -j ztunnel-POSTROUTING
-A ztunnel-PREROUTING -m mark --mark 0x100/0x100 -j ACCEPT     # bypass kube-proxy DNAT: the Service VIP reaches ztunnel intact
-A ztunnel-POSTROUTING -m mark --mark 0x100/0x100 -j ACCEPT
# only if the ztunnel pod has env ISTIO_META_DNS_CAPTURE=true:
-A ztunnel-PREROUTING -p udp -m set --match-set ztunnel-pods-ips src -m udp --dport 53 -j DNAT --to-destination <ZT_IP>:15053
COMMIT`;

/**
 * 1.19.0 (istio/istio@1.19.0:cni/pkg/ambient/net_linux.go CreateRulesOnNode, iptables.go
 * initializeLists): 1.18's rules plus the filter table's ztunnel-FORWARD ACCEPT of 0x100, and
 * the GENEVE RETURN on the chosen port (6081 on a node with no other GENEVE device).
 */
export const NODE_IPTABLES_119 = NODE_IPTABLES_118.replace(
  /COMMIT$/,
  `COMMIT
*filter
:ztunnel-FORWARD - [0:0]
-A FORWARD -j ztunnel-FORWARD
-A ztunnel-FORWARD -m mark --mark 0x100/0x100 -j ACCEPT   # accept it before KUBE-SERVICES in filter rejects VIPs without endpoints
COMMIT`,
);

/**
 * 1.20.0 (commit c9b60262076, "Be more selective about hostIP skips"): 1.19's rules with the
 * ztunnel-OUTPUT HostIP skip narrowed to TCP from a local socket to an ambient pod.
 */
export const NODE_IPTABLES_120 = NODE_IPTABLES_119.replace(
  '-A ztunnel-OUTPUT -s <HOST_IP>/32 -j MARK --set-xmark 0x220/0xffffffff',
  '-A ztunnel-OUTPUT -s <HOST_IP>/32 -p tcp -m owner --socket-exists -m set --match-set ztunnel-pods-ips dst -j MARK --set-xmark 0x220/0xffffffff',
);

export const NODE_IP_RULE = `0:      from all lookup local
100:    from all fwmark 0x200/0x200 goto 32766
101:    from all fwmark 0x100/0x100 lookup 101
102:    from all fwmark 0x40/0x40 lookup 102
103:    from all lookup 100
32766:  from all lookup main
32767:  from all lookup default`;

export const NODE_ROUTE_TABLES: Readonly<Record<string, string>> = {
  '100': `<ZT_IP> dev <ZT_VETH> scope link
10.244.1.5 via 192.168.126.2 dev istioin src <HOST_IP>`,
  '101': `default via 192.168.127.2 dev istioout
<ZT_IP> dev <ZT_VETH> scope link`,
  '102': `default via <ZT_IP> dev <ZT_VETH> onlink
<ZT_IP> dev <ZT_VETH> scope link`,
};

export const ZTUNNEL_IPTABLES_118 = `*mangle
-A PREROUTING -i pistioin  -p tcp -m tcp --dport 15008 -j TPROXY --on-port 15008 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING -i pistioout -p tcp -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING -i pistioin  -p tcp -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING ! -d <ZT_IP>/32 -i eth0 -p tcp -j MARK --set-xmark 0x4d3/0xfff
COMMIT`;

/** §2.3, without the 1.18-only LOG rule (the 1.20 fallback this product shows). */
export const ZTUNNEL_IPTABLES_EBPF = `-A PREROUTING -p tcp -m mark --mark 0x162e -m tcp --dport 15008 -j TPROXY --on-port 15008 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING -p tcp -m mark --mark 0x162e -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING -p tcp -m mark --mark 0x223d -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff
-A PREROUTING ! -d <ZT_IP>/32 -i eth0 -p tcp -j MARK --set-xmark 0x4d3/0xfff`;

/** The article's workload entry for httpbin once the waypoint is deployed. */
export const ARTICLE_HTTPBIN_ENTRY = {
  workloadIp: '10.244.1.5',
  waypointAddresses: ['10.244.2.6'],
  gatewayAddress: null,
  protocol: 'HBONE',
  name: 'httpbin-5984865fdc-qh894',
  namespace: 'default',
  serviceAccount: 'httpbin',
  workloadName: 'httpbin',
  workloadType: 'deployment',
  canonicalName: 'httpbin',
  canonicalRevision: 'v1',
  node: 'ambient-worker2',
  nativeHbone: false,
  authorizationPolicies: [],
  status: 'Healthy',
};
