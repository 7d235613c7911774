/**
 * Upstream source references, in the domain file's `repo@ref:path` form. Kept in one place so
 * that a reference is typed once and the UI can turn every one of them into a link.
 */

export const SRC = {
  // istio-cni, iptables + GENEVE mode (1.18.0 unless named otherwise)
  constants118: 'istio/istio@1.18.0:cni/pkg/ambient/constants/constants.go',
  constants120: 'istio/istio@1.20.0:cni/pkg/ambient/constants/constants.go',
  netLinux118: 'istio/istio@1.18.0:cni/pkg/ambient/net_linux.go',
  netLinux120: 'istio/istio@1.20.0:cni/pkg/ambient/net_linux.go',
  iptables118: 'istio/istio@1.18.0:cni/pkg/ambient/iptables.go',
  net118: 'istio/istio@1.18.0:cni/pkg/ambient/net.go',
  options118: 'istio/istio@1.18.0:cni/pkg/ambient/options.go',
  server118: 'istio/istio@1.18.0:cni/pkg/ambient/server.go',
  ipsetLinux118: 'istio/istio@1.18.0:cni/pkg/ipset/ipset_linux.go',
  informers118: 'istio/istio@1.18.0:cni/pkg/ambient/informers.go',
  // eBPF mode
  bpfOriginal: 'istio/istio@bb6cbf57537:cni/pkg/ebpf/app/ambient_redirect.bpf.c',
  bpf120: 'istio/istio@1.20.0:cni/pkg/ebpf/app/ambient_redirect.bpf.c',
  bpfHeader120: 'istio/istio@1.20.0:cni/pkg/ebpf/app/ambient_redirect.h',
  redirectionServer120: 'istio/istio@1.20.0:cni/pkg/ebpf/server/redirectionServer_linux.go',
  ebpfServer118: 'istio/istio@1.18.0:cni/pkg/ebpf/server/ambient_redirect_bpf.go',
  cniDaemonset120: 'istio/istio@1.20.0:manifests/charts/istio-cni/templates/daemonset.yaml',
  // ztunnel
  ztConfig118: 'istio/ztunnel@1.18.0:src/config.rs',
  ztConfig119: 'istio/ztunnel@1.19.0:src/config.rs',
  ztProxy118: 'istio/ztunnel@1.18.0:src/proxy.rs',
  ztOutbound118: 'istio/ztunnel@1.18.0:src/proxy/outbound.rs',
  ztInbound118: 'istio/ztunnel@1.18.0:src/proxy/inbound.rs',
  ztInboundPassthrough118: 'istio/ztunnel@1.18.0:src/proxy/inbound_passthrough.rs',
  ztTls118: 'istio/ztunnel@1.18.0:src/tls/boring.rs',
  ztIdentity: 'istio/ztunnel@master:src/identity/manager.rs',
  ztWorkloadArticle: 'istio/ztunnel@25f8a7c6:src/workload.rs',
  ztWorkload118: 'istio/ztunnel@1.18.0:src/workload.rs',
  ztRbac118: 'istio/ztunnel@1.18.0:src/rbac.rs',
  ztAdmin118: 'istio/ztunnel@1.18.0:src/admin.rs',
  ztDns119: 'istio/ztunnel@1.19.0:src/dns/server.rs',
  ztArchitecture: 'istio/ztunnel@master:ARCHITECTURE.md',
  ztDaemonset118: 'istio/istio@1.18.0:manifests/charts/ztunnel/templates/daemonset.yaml',
  // istiod and waypoints
  ambientIndex118: 'istio/istio@1.18.0:pilot/pkg/serviceregistry/kube/controller/ambientindex.go',
  pilotConstants118: 'istio/istio@1.18.0:pkg/config/constants/constants.go',
  waypointCmd118: 'istio/istio@1.18.0:istioctl/cmd/waypoint.go',
  waypointTemplate118:
    'istio/istio@1.18.0:manifests/charts/istio-control/istio-discovery/files/waypoint.yaml',
  authzAmbient: 'istio/istio@master:pilot/pkg/serviceregistry/ambient/authorization.go',
  // istio.io docs
  hboneDoc: 'istio/istio.io@master:content/en/docs/ambient/architecture/hbone/index.md',
  l4PolicyDoc: 'istio/istio.io@master:content/en/docs/ambient/usage/l4-policy/index.md',
  waypointBlog2023:
    'istio/istio.io@master:content/en/blog/2023/waypoint-proxy-made-simple/index.md',
  rustZtunnelBlog: 'istio/istio.io@master:content/en/blog/2023/rust-based-ztunnel/index.md',
  ebpfBlog2023: 'istio/istio.io@master:content/en/blog/2023/ambient-ebpf-redirection/index.md',
  gettingStartedSnips:
    'istio/istio.io@release-1.18:content/en/docs/ops/ambient/getting-started/snips.sh',
  troubleshootZtunnel:
    'istio/istio.io@master:content/en/docs/ambient/usage/troubleshoot-ztunnel/index.md',
  // Linux and Kubernetes behaviour the Istio code relies on
  linuxVeth: 'torvalds/linux@v6.1:drivers/net/veth.c',
  linuxGeneve: 'torvalds/linux@v6.1:drivers/net/geneve.c',
  linuxTproxy: 'torvalds/linux@v6.1:net/netfilter/xt_TPROXY.c',
  linuxHooks: 'torvalds/linux@v6.1:include/uapi/linux/netfilter_ipv4.h',
  linuxFibRules: 'torvalds/linux@v6.1:net/core/fib_rules.c',
  linuxFilter: 'torvalds/linux@v6.1:net/core/filter.c',
  linuxConntrack: 'torvalds/linux@v6.1:net/netfilter/nf_conntrack_core.c',
  linuxTcpIpv4: 'torvalds/linux@v6.1:net/ipv4/tcp_ipv4.c',
  linuxUdp: 'torvalds/linux@v6.1:net/ipv4/udp.c',
  kubeProxy: 'kubernetes/kubernetes@v1.27.3:pkg/proxy/iptables/proxier.go',
  kindnet: 'kubernetes-sigs/kind@v0.20.0:images/kindnetd/cmd/kindnetd/main.go',
  kubeletDns: 'kubernetes/kubernetes@v1.27.3:pkg/kubelet/network/dns/dns.go',
  // The sample workloads the article uses
  sleepSample: 'istio/istio@1.18.0:samples/sleep/sleep.yaml',
  httpbinSample: 'istio/istio@1.18.0:samples/httpbin/httpbin.yaml',
} as const;

export type { SourceRef } from './sourceUrl';
export { sourceUrl } from './sourceUrl';
