/**
 * A hop: one thing that acted on the request — a netfilter rule, a routing decision, a GENEVE
 * encapsulation, an eBPF program, a veth or the wire, a proxy's decision — with where it
 * happened, the packet before and after, and where the fact comes from.
 */
import type { HopFact, ListingRef } from './facts';
import type { IpPacket } from './packet';
import type { Provenance } from './provenance';

/** The packet's data-plane stage; the XState machine's states are these. */
export type Stage =
  | 'dns'
  | 'source-pod'
  | 'source-node'
  | 'ztunnel-outbound'
  | 'hbone-wire'
  | 'waypoint'
  | 'destination-node'
  | 'ztunnel-inbound'
  | 'destination-pod'
  | 'response';

export const STAGES: readonly Stage[] = [
  'dns',
  'source-pod',
  'source-node',
  'ztunnel-outbound',
  'hbone-wire',
  'waypoint',
  'destination-node',
  'ztunnel-inbound',
  'destination-pod',
  'response',
];

export type ComponentKind = 'pod' | 'node' | 'ztunnel' | 'waypoint' | 'veth' | 'tunnel' | 'wire';

export interface HopWhere {
  /** Node name, or null on the wire between nodes. */
  readonly node: string | null;
  /** Network namespace id, or 'wire'. */
  readonly netns: string;
  readonly netnsLabel: string;
  readonly component: ComponentKind;
  /** "sleep", "ztunnel-k8mfd", "istioout", ... */
  readonly componentLabel: string;
  readonly iface?: string;
  /** Diagram anchor: `<netns>#<iface>`, `<netns>#stack`, `<netns>#proc`, or `wire`. */
  readonly anchor: string;
}

export type ActorKind =
  | 'app'
  | 'netfilter'
  | 'routing'
  | 'conntrack'
  | 'geneve'
  | 'ebpf'
  | 'veth'
  | 'wire'
  | 'socket'
  | 'ztunnel'
  | 'waypoint'
  | 'policy'
  | 'dns'
  | 'assumption';

export type { ListingRef } from './facts';

export interface Actor {
  readonly kind: ActorKind;
  /** "mangle ztunnel-PREROUTING", "ip rule 101 → table 101", "app_outbound", "ztunnel outbound". */
  readonly name: string;
  /** The acting rule's or route's text, the program's branch, the proxy's decision. */
  readonly text: string;
  /** Supporting lines: every matched rule with its effect, the rule-by-rule routing trail. */
  readonly details: readonly string[];
  readonly refs: readonly ListingRef[];
}

/**
 * What the simulation records at a hop: the facts of what acted, where, the packet before and
 * after, and where the fact comes from. No words: narrators write those from the facts.
 */
export interface HopRecord {
  readonly fact: HopFact;
  readonly where: HopWhere;
  readonly packetBefore: IpPacket | null;
  readonly packetAfter: IpPacket | null;
  /** Packet fields this hop changes (dotted paths; '*' = a new packet). */
  readonly changes: readonly string[];
  readonly sources: readonly string[];
  readonly provenance: Provenance;
  readonly command: string;
  /** Set when the domain file marks this step uncertain: what is uncertain, and the reading chosen. */
  readonly uncertain?: string;
}

/** What a narrator writes for a hop: its title, narration, why, and the actor as shown. */
export interface HopWords {
  readonly title: string;
  readonly narration: string;
  readonly why: string;
  readonly actor: Actor;
}

export type OverviewGroup =
  | 'dns'
  | 'request'
  | 'capture'
  | 'routed'
  | 'to-ztunnel'
  | 'ztunnel-listener'
  | 'hbone-out'
  | 'fast-path'
  | 'tcp-out'
  | 'waypoint'
  | 'inbound-route'
  | 'inbound-tunnel'
  | 'inbound-listener'
  | 'deliver'
  | 'response';

export interface Hop extends HopRecord, HopWords {
  readonly index: number;
  readonly id: string;
  readonly stage: Stage;
  readonly group: OverviewGroup;
  /** Which connection this packet belongs to: "sleep → httpbin:8000", "HBONE ztunnel → 10.244.1.5:15008". */
  readonly flow: string;
}
