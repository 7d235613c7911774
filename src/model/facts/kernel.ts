/** Facts of the kernel's hops: netfilter, routing, conntrack, TC programs and devices. */
import type { Ipv4 } from '../addresses';
import type { EbpfProgramName } from '../ebpf/types';
import type { Hook, TableName, Target } from '../netfilter/types';
import type { FiveTuple, TransportProto } from '../packet';
import type { Endpoint } from './common';

export interface NetfilterFact {
  readonly kind: 'netfilter';
  readonly netns: string;
  readonly hook: Hook;
  readonly table: TableName;
  /** The deciding rule's chain; with no decision, the chain whose traversal is shown. */
  readonly chain: string;
  readonly iface?: string;
  /** The id of the rule that decided (its target acted), or null when none matched. */
  readonly rule: string | null;
  readonly target?: Target['kind'];
  /** What the deciding rule did: "mark 0x0 → 0x100", "TPROXY to 0.0.0.0:15001", … */
  readonly effect?: string;
  /** Every rule that matched on the way, in order, with what it did. */
  readonly matched: ReadonlyArray<{ readonly rule: string; readonly effect: string }>;
  /** The deciding rule acted on a packet it is not written for (its `meantFor`). */
  readonly sideEffect?: boolean;
}

export type RouteFact =
  | {
      readonly kind: 'route';
      readonly netns: string;
      /** A first lookup, or the lookup again after OUTPUT changed the mark or destination. */
      readonly reason: 'route' | 'reroute';
      readonly result: 'found';
      readonly dst: Ipv4;
      readonly mark: number;
      /** The rule whose table had the route, and its priority. */
      readonly rule: string;
      readonly priority: number;
      /** The rule that jumped there with `goto`, if one did, and its priority. */
      readonly viaGoto?: string;
      readonly gotoPriority?: number;
      readonly table: string;
      readonly route: string;
      readonly local: boolean;
      /** Every rule consulted, in priority order. */
      readonly trail: ReadonlyArray<{
        readonly rule: string;
        readonly matched: boolean;
        readonly found: boolean;
      }>;
    }
  | {
      readonly kind: 'route';
      readonly netns: string;
      readonly reason: 'route' | 'reroute';
      readonly result: 'unreachable';
      readonly dst: Ipv4;
      readonly mark: number;
    };

export type ConntrackFact =
  | {
      readonly kind: 'conntrack';
      readonly netns: string;
      readonly op: 'connmark';
      readonly dir: 'orig' | 'reply';
      readonly connmark: number;
      readonly entry: FiveTuple;
    }
  | {
      readonly kind: 'conntrack';
      readonly netns: string;
      readonly op: 'nat-reverse';
      readonly proto: TransportProto;
      readonly replyFrom: Endpoint;
      readonly restored: Endpoint;
    };

export interface TcFact {
  readonly kind: 'tc';
  readonly netns: string;
  readonly iface: string;
  readonly direction: 'ingress' | 'egress';
  readonly program: EbpfProgramName;
  readonly verdict: 'TC_ACT_OK' | 'TC_ACT_SHOT' | 'TC_ACT_REDIRECT';
  readonly redirectTo?: string;
  /** The skb mark the program set, when it set one. */
  readonly markSet?: number;
  /** cb[4] when the program changed it. */
  readonly cb4?: number;
  /** The program's branch, line by line. */
  readonly path: readonly string[];
  readonly helpers: readonly string[];
}

export type GeneveFact =
  | {
      readonly kind: 'geneve';
      readonly op: 'encap';
      readonly netns: string;
      readonly iface: string;
      readonly vni: number;
      readonly remote: Ipv4;
      readonly dport: number;
      readonly outerSrc: Ipv4;
      /** The outer route, looked up with the inner packet's mark. */
      readonly routeRule: string;
      readonly route: string;
      readonly innerMark: number;
    }
  | {
      readonly kind: 'geneve';
      readonly op: 'decap';
      readonly netns: string;
      readonly iface: string;
      readonly vni: number;
      readonly remote: Ipv4;
      readonly dport: number;
      readonly outer: FiveTuple;
    };

/** Local delivery found no socket: the kernel answers a TCP RST or an ICMP port unreachable. */
export interface NoSocketFact {
  readonly kind: 'no-socket';
  readonly netns: string;
  readonly proto: TransportProto;
  readonly dst: Endpoint;
  readonly answer: 'tcp-rst' | 'icmp-port-unreachable';
}

export interface VethFact {
  readonly kind: 'veth';
  readonly netns: string;
  readonly iface: string;
  readonly peer: { readonly netns: string; readonly iface: string };
  /** The skb mark the crossing cleared (0 when there was none). */
  readonly clearedMark: number;
}

export interface WireFact {
  readonly kind: 'wire';
  readonly fromNode: string;
  readonly iface: string;
  readonly nexthop: Ipv4;
  /** The node that owns the next hop, or the label of a place outside the model. */
  readonly toNode?: string;
  readonly external?: string;
}
