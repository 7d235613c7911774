/**
 * An Istio release as data: what its istio-cni installs, how its ztunnel and waypoint behave,
 * how istiod translates policy for it, the words its components log, and the tags every fact
 * of its walk cites. The cluster builder and the processes read this record; they do not ask
 * "which version is this?".
 */
import type { IstioSources, ZtunnelSources } from './sources';

import type { IstioRelease } from './ids';

export type { IstioRelease };

export interface Release {
  readonly id: IstioRelease;
  /** "Istio 1.19" */
  readonly label: string;
  readonly tags: { readonly istio: string; readonly ztunnel: string };
  readonly src: IstioSources;
  readonly zt: ZtunnelSources;
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
    /** How a workload names its waypoint in the workload API (and in the config dump). */
    readonly waypointField: 'waypoint-addresses' | 'waypoint-service' | 'waypoint-gateway-address';
    /** The config dump's shape: 1.18 maps by IP; 1.19+ `by_addr`/`by_vip`. */
    readonly configDump: '1.18' | '1.19' | '1.20';
  };
  readonly waypoint: {
    /** How the release's docs attach an L7 policy to a waypoint. */
    readonly writtenWith: 'selector' | 'targetRef';
    /** Which attachments istiod honours for a waypoint. */
    readonly attaches: readonly ('selector' | 'targetRef')[];
  };
  readonly ebpf?: {
    /** What app_outbound does when no ztunnel is registered (1.20: TC_ACT_SHOT). */
    readonly withoutZtunnel: 'TC_ACT_SHOT' | 'TC_ACT_OK';
  };
}
