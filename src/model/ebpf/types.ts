/**
 * The ambient eBPF redirection (istio-cni, `redirectMode=ebpf`): maps and the programs'
 * signature. Values of the constants are from `ambient_redirect.h` / the original
 * `ambient_redirect.bpf.c`.
 */
import type { Ipv4, Mac } from '../addresses';
import type { IpPacket } from '../packet';
import type { Provenance } from '../provenance';

export type EbpfProgramName =
  'app_outbound' | 'app_inbound' | 'ztunnel_host_ingress' | 'ztunnel_ingress';

/** skb->cb[4] values the programs use to tell each other where a packet came from. */
export const OUTBOUND_CB = 4321;
export const INBOUND_CB = 1234;
export const BYPASS_CB = 0xc001f00d;
/** skb->mark values ztunnel_ingress sets for the TPROXY rules in the ztunnel netns. */
export const ZTUNNEL_OUTBOUND_MARK = 8765;
export const ZTUNNEL_INBOUND_MARK = 5678;
export const CAPTURE_DNS_FLAG = 1;

export interface AppInfo {
  /** Host-side veth of the pod, in the node's netns. */
  readonly ifindex: number;
  /** The pod-side (eth0) MAC. */
  readonly mac: Mac;
}

export interface ZtunnelInfo {
  readonly ifindex: number;
  readonly mac: Mac;
  readonly flag: number;
}

/** The maps pinned under /sys/fs/bpf/ambient on one node. */
export interface EbpfMaps {
  readonly appInfo: ReadonlyArray<{
    readonly ip: Ipv4;
    readonly value: AppInfo;
    readonly prov: Provenance;
  }>;
  readonly ztunnelInfo?: { readonly value: ZtunnelInfo; readonly prov: Provenance };
  readonly hostIpInfo: { readonly ip: Ipv4; readonly prov: Provenance };
}

export interface TcAttachment {
  readonly iface: string;
  /** `ingress` on a host-side veth = packets leaving the pod. */
  readonly direction: 'ingress' | 'egress';
  readonly program: EbpfProgramName;
  readonly prov: Provenance;
  /** The program's source and the code that attaches it, at the release (cited by its hops). */
  readonly code: { readonly program: string; readonly attachedPer: string };
}

/** `bpf_skc_lookup_tcp` as the programs use it: a socket for the tuple, and its state. */
export type SocketLookup = (
  p: IpPacket,
) => { readonly state: 'LISTEN' | 'ESTABLISHED'; readonly localPort: number } | undefined;

export interface ProgramContext {
  readonly skb: IpPacket;
  readonly maps: EbpfMaps;
  /** Only meaningful inside the ztunnel netns, where ztunnel_ingress runs. */
  readonly skLookup: SocketLookup;
}

export interface ProgramResult {
  readonly verdict: 'TC_ACT_OK' | 'TC_ACT_SHOT' | 'TC_ACT_REDIRECT';
  readonly redirectIfindex?: number;
  readonly skb: IpPacket;
  /** The branch taken, as the source reads: one line per decision. */
  readonly path: readonly string[];
  /** Helper calls made (`bpf_redirect(7, 0)`, `bpf_skc_lookup_tcp`). */
  readonly helpers: readonly string[];
  /** The skb fields the branch taken writes (`eth`, `skb.cb4`, `skb.mark`). */
  readonly writes: readonly string[];
}
