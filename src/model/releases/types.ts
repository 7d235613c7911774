/**
 * An Istio release as data: what its istio-cni installs, how its ztunnel and waypoint behave,
 * how istiod translates policy for it, the words its components log, and the tags every fact
 * of its walk cites. The cluster builder and the processes read this record; they do not ask
 * "which version is this?".
 *
 * Two eras: node redirection (1.18–1.20, `era: 'node'`: iptables + GENEVE or eBPF on the node)
 * and in-pod redirection (1.21+, `era: 'inpod'`: rules inside each pod's netns, ztunnel's
 * sockets there too). What only one era has lives on its own record.
 */
import type {
  InpodCniSources,
  IstioSources,
  NodeCniSources,
  ZtunnelInpodSources,
  ZtunnelSources,
} from './sources';

import type { IstioRelease } from './ids';

export type { IstioRelease };

/** How ztunnel's inbound side treats a destination that has a waypoint. */
export type WaypointEnforcement =
  /**
   * 1.18–1.21 `serve_connect`: a connection from the destination's waypoint skips policy
   * ("request from waypoint, skipping policy"); any other is refused 401 ("bypassed waypoint").
   * Plaintext for such a destination is hairpinned to the waypoint by ztunnel itself.
   */
  | 'waypoint-only'
  /**
   * 1.22+ (ztunnel commit c52dc8b5): no bypass check and no hairpin; L4 policy is evaluated
   * with whoever connects, the waypoint's identity included.
   */
  | 'policy-for-everyone';

/** How ztunnel logs an L4 policy denial. */
export type DenyLog =
  /** 1.18–1.21: `info!(%conn, "RBAC rejected")`. */
  | 'rbac-rejected'
  /** 1.22–1.23: the access log's `error="connection closed due to policy rejection"`. */
  | 'policy-rejection'
  /** 1.24+ (istio/ztunnel#1273): `…: explicitly denied by: ns/name` or `…: allow policies exist, but none allowed`. */
  | 'policy-rejection-named';

interface ReleaseBase {
  readonly id: IstioRelease;
  /** "Istio 1.19" */
  readonly label: string;
  readonly tags: { readonly istio: string; readonly ztunnel: string };
  readonly src: IstioSources;
  readonly zt: ZtunnelSources;
  readonly ztunnel: {
    /** ztunnel answers DNS on :15053 (1.19+). */
    readonly dnsProxy: boolean;
    /** How a policy's matches combine, and what an empty match means (src/rbac.rs). */
    readonly rbac: {
      /** 1.18: every match of a group must hold; 1.19+: any match of a clause. */
      readonly within: 'all-of' | 'any-of';
      /** 1.18: an empty match fails its group ("empty rule"); 1.19+: it is skipped ("empty clause"). */
      readonly emptyMatch: 'fails-group' | 'skipped';
      /** The policy levels as this release names them in its config dump. */
      readonly levels: 'groups' | 'rules';
    };
    /**
     * How the destination's waypoint is named in the workload API: by its pods (1.18
     * `waypoint_addresses`), by the VIP of its Service on the workload (1.19, 1.20, 1.21),
     * or on the destination *Service* by the waypoint's hostname (1.22+ `istio.io/use-waypoint`,
     * istiod preferring the Gateway status hostname).
     */
    readonly waypointField:
      | 'waypoint-addresses'
      | 'waypoint-service'
      | 'waypoint-gateway-address'
      | 'service-waypoint-hostname';
    /**
     * The config dump's shape: 1.18 maps by IP; 1.19/1.20 `by_addr`/`by_vip`; 1.21 the
     * flattened stores in snake_case; 1.23+ camelCase lists (`workloads`, `services`, …).
     */
    readonly configDump: '1.18' | '1.19' | '1.20' | '1.21' | '1.23';
    readonly waypointEnforcement: WaypointEnforcement;
    readonly denyLog: DenyLog;
    /**
     * The node-local fast path (`RequestType::DirectLocal`) for a destination on the same
     * node; "disabled in inpod mode, as each pod processes connections in its own netns".
     */
    readonly fastPath: boolean;
    /**
     * What `build_request` logs: `proxy to … using HBONE via … type Direct` (to 1.21), or
     * `built request to workload` / `built request to service waypoint proxy` (1.24+, at debug).
     */
    readonly outboundLog: 'proxy-to' | 'built-request';
  };
  readonly waypoint: {
    /** How the release's docs attach an L7 policy to a waypoint. */
    readonly writtenWith: 'selector' | 'targetRef' | 'targetRefs-service';
    /** Which attachments istiod honours for a waypoint. */
    readonly attaches: readonly ('selector' | 'targetRef' | 'targetRefs-service')[];
    /**
     * What a waypoint's Deployment, Service and service account are called: `<gateway>-<class>`
     * ("httpbin-istio-waypoint", for a Gateway named after the service account it serves, 1.18–
     * 1.21), or the Gateway's own name (`disableNameSuffix` for the waypoint class, 1.22+; the
     * Gateway called "waypoint", as `istioctl waypoint apply` names it).
     */
    readonly naming: 'gateway-class-suffix' | 'gateway-name';
  };
  /** How istiod hands a policy with a targetRef to ztunnel: as namespace-wide, or not at all. */
  readonly targetRefToZtunnel: 'namespace-wide' | 'not-sent';
  /** httpbin's Service targetPort in the release's sample (samples/httpbin/httpbin.yaml). */
  readonly httpbinTargetPort: number;
}

/** 1.18–1.20: redirection on the node. */
export interface NodeRelease extends ReleaseBase {
  readonly era: 'node';
  readonly src: IstioSources & NodeCniSources;
  readonly cni: {
    /** 1.19+: filter `ztunnel-FORWARD -m mark --mark 0x100/0x100 -j ACCEPT`. */
    readonly filterForwardAccept: boolean;
    /**
     * The `ztunnel-OUTPUT` HostIP skip: every packet from HostIP (1.18, 1.19), or only TCP from
     * a local socket to an ambient pod (1.20: `-p tcp -m owner --socket-exists -m set
     * --match-set ztunnel-pods-ips dst`).
     */
    readonly hostIpSkip: 'from-host-ip' | 'tcp-socket-to-ambient-pods';
    /** How the GENEVE destination port is chosen: the kernel's default, or the first free from 6081. */
    readonly genevePort: 'kernel-default' | 'first-free-from-6081';
  };
  readonly ebpf?: {
    /** What app_outbound does when no ztunnel is registered (1.20: TC_ACT_SHOT). */
    readonly withoutZtunnel: 'TC_ACT_SHOT' | 'TC_ACT_OK';
  };
}

/** 1.21+: redirection inside each enrolled pod's netns. */
export interface InpodRelease extends ReleaseBase {
  readonly era: 'inpod';
  readonly src: IstioSources & InpodCniSources;
  readonly ztInpod: ZtunnelInpodSources;
  readonly inpod: {
    /**
     * The pod rules `CreateInpodRules` writes: 1.21–1.23 TPROXY inbound in mangle and UDP-only
     * DNS; 1.24+ REDIRECT inbound in nat (15008 not redirected), DNS on UDP and TCP with the
     * mark exclusion and raw `CT --zone 1`.
     */
    readonly rules: 'tproxy-1.21' | 'redirect-1.24';
    /** The host probe rule's jump: appended (to 1.26) or inserted first (1.27+, commit b208a0729ad). */
    readonly hostJump: 'append' | 'insert-first';
    /** The probe ipset's name: `istio-inpod-probes`, `-v4` from 1.23. */
    readonly probeIpset: string;
    /** What ZDS `AddWorkload` carries besides the netns fd: only the uid (1.21), or the workload too. */
    readonly zdsAdd: 'uid' | 'uid-and-workload-info';
    /** What ztunnel logs when a pod's proxy starts (src/inpod/statemanager.rs). */
    readonly proxyStartLog: string;
    /** Where ztunnel's DNS proxy binds: `[::]:15053` (1.21) or localhost (1.23+ `Address::Localhost`). */
    readonly dnsBind: 'wildcard' | 'localhost';
    /** ztunnel runs its DNS proxy even when nothing captures DNS (1.23+: on unless DNS_CAPTURE=false). */
    readonly dnsProxyAlways: boolean;
  };
}

export type Release = NodeRelease | InpodRelease;
