/**
 * Upstream files at one release's tags, in the `repo@tag:path` form. Every fact of a walk cites
 * the files of the walk's own release; where a file moved between releases, the entry says
 * where it lives at that tag.
 */

/** Files every release's walk cites: istiod, waypoints, samples, charts. */
export interface IstioSources {
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
  readonly ztunnelDaemonset: string;
  readonly sleepSample: string;
  readonly httpbinSample: string;
}

/** istio-cni's node redirection (1.18–1.20): cni/pkg/ambient and the eBPF programs. */
export interface NodeCniSources {
  readonly constants: string;
  readonly netLinux: string;
  readonly iptables: string;
  readonly net: string;
  readonly options: string;
  readonly server: string;
  readonly informers: string;
  readonly ipsetLinux: string;
  readonly ebpfProgram: string;
  readonly ebpfServer: string;
}

/** istio-cni's in-pod redirection (1.21+): the node agent, its rules and the ZDS channel. */
export interface InpodCniSources {
  /** `CreateInpodRules` / `appendInpodRules` (`AppendInpodRules` from 1.25), host probe rules. */
  readonly iptables: string;
  /** `forEachInpodMarkIPRule`, `forEachLoopbackRoute`: the ip rule and table 100. */
  readonly iptablesLinux: string;
  /** Where InpodMark, InpodTProxyMark, RouteTableInbound and the ports are declared. */
  readonly constants: string;
  /** `meshDataplane.AddPodToMesh`, the order of enrolment ("Ordering is important"). */
  readonly meshDataplane: string;
  /** `NetServer.AddPodToMesh`, `sendPodToZtunnelAndWaitForAck`. */
  readonly netServer: string;
  /** The ZDS server: `newZtunnelServer` (unixpacket), the fd as SCM_RIGHTS. */
  readonly ztunnelServer: string;
  readonly zdsProto: string;
  /** The node agent's flags: the ZDS socket path. */
  readonly cniRoot: string;
  /** `HostProbeSNATIP` (169.254.7.127). */
  readonly options: string;
  /** The probe ipset (hash:ip with the pod UID as comment). */
  readonly ipsetLinux: string;
  /** `values.cni.ambient.dnsCapture` and friends. */
  readonly cniValues: string;
  /** Where istiod resolves a Service's or a workload's waypoint. */
  readonly waypoints: string;
  /** `AnnotateEnrolledPod`. */
  readonly podUtil: string;
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

/** ztunnel's in-pod machinery (1.21+). */
export interface ZtunnelInpodSources {
  /** `InPodSocketFactory`: every socket gets SO_MARK (`set_mark`). */
  readonly inpodConfig: string;
  /** `add_workload_inner`: a proxy per pod, its listeners made in the pod's netns. */
  readonly statemanager: string;
  /** `InpodNetns::run`: setns into the pod and back. */
  readonly netns: string;
  /** `read_message`: the fd from SCM_RIGHTS ("No control message"). */
  readonly protocol: string;
  /** `connect`: SOCK_SEQPACKET to the node agent. */
  readonly packet: string;
  /** `orig_dst_addr_or_default`: SO_ORIGINAL_DST. */
  readonly socket: string;
}

const at = (repo: 'istio' | 'ztunnel', tag: string) => (path: string) =>
  `istio/${repo}@${tag}:${path}`;

/** The files every walk of the release cites. */
export function istioSources(tag: string): IstioSources {
  const f = at('istio', tag);
  const v118 = tag === '1.18.0';
  const minor = Number(tag.split('.')[1]);
  return {
    authzTranslation: f(
      v118
        ? 'pilot/pkg/serviceregistry/kube/controller/ambientindex.go'
        : minor <= 21
          ? 'pilot/pkg/serviceregistry/kube/controller/authorization.go'
          : minor <= 24
            ? 'pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go'
            : 'pilot/pkg/serviceregistry/ambient/authorization.go',
    ),
    waypointListeners: f(
      minor <= 21
        ? 'pilot/pkg/networking/core/v1alpha3/listener_waypoint.go'
        : 'pilot/pkg/networking/core/listener_waypoint.go',
    ),
    authzPolicies: f('pilot/pkg/model/authorization.go'),
    authzBuilder: f('pilot/pkg/networking/plugin/authz/authorization.go'),
    policyAttachment: f('pilot/pkg/model/policyattachment.go'),
    waypointCmd: f(v118 ? 'istioctl/cmd/waypoint.go' : 'istioctl/pkg/waypoint/waypoint.go'),
    waypointTemplate: f('manifests/charts/istio-control/istio-discovery/files/waypoint.yaml'),
    ambientProfile: f('manifests/profiles/ambient.yaml'),
    nodeAuthorizer: f('security/pkg/server/ca/node_auth.go'),
    ztunnelDaemonset: f('manifests/charts/ztunnel/templates/daemonset.yaml'),
    sleepSample: f('samples/sleep/sleep.yaml'),
    httpbinSample: f('samples/httpbin/httpbin.yaml'),
  };
}

/** istio-cni's node-redirection files (1.18–1.20). */
export function nodeCniSources(tag: string): NodeCniSources {
  const f = at('istio', tag);
  return {
    constants: f('cni/pkg/ambient/constants/constants.go'),
    netLinux: f('cni/pkg/ambient/net_linux.go'),
    iptables: f('cni/pkg/ambient/iptables.go'),
    net: f('cni/pkg/ambient/net.go'),
    options: f('cni/pkg/ambient/options.go'),
    server: f('cni/pkg/ambient/server.go'),
    informers: f('cni/pkg/ambient/informers.go'),
    ipsetLinux: f('cni/pkg/ipset/ipset_linux.go'),
    ebpfProgram: f('cni/pkg/ebpf/app/ambient_redirect.bpf.c'),
    ebpfServer: f('cni/pkg/ebpf/server/redirectionServer_linux.go'),
  };
}

/**
 * istio-cni's in-pod files at the tag: the node agent split into `_linux.go` files and the
 * constants moved to cni/pkg/config in 1.25; 1.21 kept the ports in nodeagent/constants.
 */
export function inpodCniSources(tag: string): InpodCniSources {
  const f = at('istio', tag);
  const minor = Number(tag.split('.')[1]);
  const split = minor >= 25;
  return {
    iptables: f('cni/pkg/iptables/iptables.go'),
    iptablesLinux: f('cni/pkg/iptables/iptables_linux.go'),
    constants: f(split ? 'cni/pkg/config/config.go' : 'cni/pkg/iptables/iptables.go'),
    meshDataplane: f(
      split ? 'cni/pkg/nodeagent/meshdataplane_linux.go' : 'cni/pkg/nodeagent/server.go',
    ),
    netServer: f(split ? 'cni/pkg/nodeagent/net_linux.go' : 'cni/pkg/nodeagent/net.go'),
    ztunnelServer: f(
      split ? 'cni/pkg/nodeagent/ztunnelserver_linux.go' : 'cni/pkg/nodeagent/ztunnelserver.go',
    ),
    zdsProto: f('pkg/zdsapi/zds.proto'),
    cniRoot: f('cni/pkg/cmd/root.go'),
    options: f('cni/pkg/nodeagent/options.go'),
    ipsetLinux: f('cni/pkg/ipset/nldeps_linux.go'),
    cniValues: f('manifests/charts/istio-cni/values.yaml'),
    waypoints: f(
      minor <= 21
        ? 'pilot/pkg/serviceregistry/kube/controller/ambientindex.go'
        : minor <= 24
          ? 'pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go'
          : 'pilot/pkg/serviceregistry/ambient/waypoints.go',
    ),
    podUtil: f('cni/pkg/util/podutil.go'),
  };
}

export function ztunnelSources(tag: string, hasDns: boolean): ZtunnelSources {
  const f = at('ztunnel', tag);
  const v118 = tag === '1.18.0';
  const minor = Number(tag.split('.')[1]);
  return {
    config: f('src/config.rs'),
    proxy: f('src/proxy.rs'),
    outbound: f('src/proxy/outbound.rs'),
    inbound: f('src/proxy/inbound.rs'),
    inboundPassthrough: f('src/proxy/inbound_passthrough.rs'),
    // BoringSSL until 1.21; rustls (src/tls/workload.rs) from 1.22.
    tls: f(minor <= 21 ? 'src/tls/boring.rs' : 'src/tls/workload.rs'),
    rbac: f('src/rbac.rs'),
    assertRbac: f(v118 ? 'src/workload.rs' : 'src/state.rs'),
    workloadStore: f(v118 ? 'src/workload.rs' : 'src/state/workload.rs'),
    admin: f('src/admin.rs'),
    ...(hasDns ? { dns: f('src/dns/server.rs') } : {}),
  };
}

export function ztunnelInpodSources(tag: string): ZtunnelInpodSources {
  const f = at('ztunnel', tag);
  return {
    inpodConfig: f('src/inpod/config.rs'),
    statemanager: f('src/inpod/statemanager.rs'),
    netns: f('src/inpod/netns.rs'),
    protocol: f('src/inpod/protocol.rs'),
    packet: f('src/inpod/packet.rs'),
    socket: f('src/socket.rs'),
  };
}
