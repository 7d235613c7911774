/**
 * Upstream files at one release's tags, in the `repo@tag:path` form. Every fact of a walk cites
 * the files of the walk's own release; where a file moved between releases, the entry says
 * where it lives at that tag.
 */

export interface IstioSources {
  readonly constants: string;
  readonly netLinux: string;
  readonly iptables: string;
  readonly net: string;
  readonly options: string;
  readonly server: string;
  readonly informers: string;
  readonly ipsetLinux: string;
  /** istiod's AuthorizationPolicy → ztunnel translation (`handleRule`). */
  readonly authzTranslation: string;
  /** Where the waypoint's listeners are built (connect_terminate … connect_originate). */
  readonly waypointListeners: string;
  /** Which AuthorizationPolicies a proxy takes (`ListAuthorizationPolicies`). */
  readonly authzPolicies: string;
  readonly authzBuilder: string;
  readonly policyAttachment: string;
  readonly waypointCmd: string;
  readonly waypointTemplate: string;
  readonly ambientProfile: string;
  readonly nodeAuthorizer: string;
  readonly ebpfProgram: string;
  readonly ebpfServer: string;
  readonly ztunnelDaemonset: string;
  readonly sleepSample: string;
  readonly httpbinSample: string;
}

export interface ZtunnelSources {
  readonly config: string;
  readonly proxy: string;
  readonly outbound: string;
  readonly inbound: string;
  readonly inboundPassthrough: string;
  readonly tls: string;
  readonly rbac: string;
  /** Where `assert_rbac` lives: workload.rs in 1.18, state.rs from 1.19. */
  readonly assertRbac: string;
  /** The workload store and its config-dump serialisation. */
  readonly workloadStore: string;
  readonly admin: string;
  /** ztunnel's DNS proxy, when the release has one. */
  readonly dns?: string;
}

export function istioSources(tag: string): IstioSources {
  const at = (path: string): string => `istio/istio@${tag}:${path}`;
  const v118 = tag === '1.18.0';
  return {
    constants: at('cni/pkg/ambient/constants/constants.go'),
    netLinux: at('cni/pkg/ambient/net_linux.go'),
    iptables: at('cni/pkg/ambient/iptables.go'),
    net: at('cni/pkg/ambient/net.go'),
    options: at('cni/pkg/ambient/options.go'),
    server: at('cni/pkg/ambient/server.go'),
    informers: at('cni/pkg/ambient/informers.go'),
    ipsetLinux: at('cni/pkg/ipset/ipset_linux.go'),
    authzTranslation: at(
      v118
        ? 'pilot/pkg/serviceregistry/kube/controller/ambientindex.go'
        : 'pilot/pkg/serviceregistry/kube/controller/authorization.go',
    ),
    waypointListeners: at('pilot/pkg/networking/core/v1alpha3/listener_waypoint.go'),
    authzPolicies: at('pilot/pkg/model/authorization.go'),
    authzBuilder: at('pilot/pkg/networking/plugin/authz/authorization.go'),
    policyAttachment: at('pilot/pkg/model/policyattachment.go'),
    waypointCmd: at(v118 ? 'istioctl/cmd/waypoint.go' : 'istioctl/pkg/waypoint/waypoint.go'),
    waypointTemplate: at('manifests/charts/istio-control/istio-discovery/files/waypoint.yaml'),
    ambientProfile: at('manifests/profiles/ambient.yaml'),
    nodeAuthorizer: at('security/pkg/server/ca/node_auth.go'),
    ebpfProgram: at('cni/pkg/ebpf/app/ambient_redirect.bpf.c'),
    ebpfServer: at('cni/pkg/ebpf/server/redirectionServer_linux.go'),
    ztunnelDaemonset: at('manifests/charts/ztunnel/templates/daemonset.yaml'),
    sleepSample: at('samples/sleep/sleep.yaml'),
    httpbinSample: at('samples/httpbin/httpbin.yaml'),
  };
}

export function ztunnelSources(tag: string, hasDns: boolean): ZtunnelSources {
  const at = (path: string): string => `istio/ztunnel@${tag}:${path}`;
  const v118 = tag === '1.18.0';
  return {
    config: at('src/config.rs'),
    proxy: at('src/proxy.rs'),
    outbound: at('src/proxy/outbound.rs'),
    inbound: at('src/proxy/inbound.rs'),
    inboundPassthrough: at('src/proxy/inbound_passthrough.rs'),
    tls: at('src/tls/boring.rs'),
    rbac: at('src/rbac.rs'),
    assertRbac: at(v118 ? 'src/workload.rs' : 'src/state.rs'),
    workloadStore: at(v118 ? 'src/workload.rs' : 'src/state/workload.rs'),
    admin: at('src/admin.rs'),
    ...(hasDns ? { dns: at('src/dns/server.rs') } : {}),
  };
}
