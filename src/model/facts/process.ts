/** Facts of the processes' hops: sockets, applications, DNS, ztunnel, policy, the waypoint. */
import type { Ipv4 } from '../addresses';
import type { SpiffeId, TransportProto } from '../packet';
import type { Endpoint, ListingRef } from './common';

/** A listener took a connection (accept()). */
export interface AcceptFact {
  readonly kind: 'accept';
  readonly netns: string;
  readonly process: string;
  readonly listener: {
    readonly proto: TransportProto;
    readonly ip: Ipv4;
    readonly port: number;
    readonly name: string;
    readonly role: string;
    readonly transparent: boolean;
  };
  /** The socket's local address: the address the client dialled. */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** TPROXY (or bpf_sk_assign) handed the packet to this socket without rewriting it. */
  readonly tproxied: boolean;
}

export interface HttpRequestFact {
  readonly method: string;
  readonly path: string;
  readonly host: string;
}

export type AppFact =
  | {
      readonly kind: 'app';
      readonly op: 'dns-query';
      readonly process: string;
      readonly name: string;
      readonly server: Endpoint;
    }
  | {
      readonly kind: 'app';
      readonly op: 'dns-answer';
      readonly process: string;
      readonly name: string;
      readonly answer: Ipv4;
      readonly from: Endpoint;
    }
  | {
      readonly kind: 'app';
      readonly op: 'dns-failed';
      readonly process: string;
      readonly name: string;
      readonly error: string;
    }
  | {
      readonly kind: 'app';
      readonly op: 'connect';
      readonly process: string;
      readonly from: Endpoint;
      readonly to: Endpoint;
      readonly hostname: string;
      readonly request: HttpRequestFact;
      /** How the name was resolved before the connection. */
      readonly resolvedBy: 'captured-dns' | 'cluster-dns';
    }
  | {
      readonly kind: 'app';
      readonly op: 'receive';
      readonly process: string;
      readonly from: Endpoint;
      readonly request: HttpRequestFact;
      /** The client address the app sees is the original client's. */
      readonly seesOriginalClient: boolean;
    }
  | {
      readonly kind: 'app';
      readonly op: 'answer';
      readonly process: string;
      /** The client as the app saw it: in-pod, ztunnel's transparent socket with that address. */
      readonly to: Endpoint;
    }
  | {
      readonly kind: 'app';
      readonly op: 'result';
      readonly process: string;
      readonly outcome: 'denied-l4' | 'denied-l7' | 'failed';
      readonly status?: number;
      readonly output: string;
    };

export type DnsFact =
  | {
      readonly kind: 'dns';
      readonly server: 'cluster-dns';
      readonly name: string;
      readonly answer: Ipv4;
      readonly at: string;
    }
  | {
      readonly kind: 'dns';
      readonly server: 'ztunnel';
      readonly netns: string;
      /** The DNS proxy's listener. */
      readonly listener: { readonly proto: TransportProto; readonly port: number };
      readonly name: string;
      readonly answer: Ipv4;
      readonly vip: Endpoint;
      readonly endpoints: readonly Ipv4[];
    };

export interface AssumptionFact {
  readonly kind: 'assumption';
  readonly netns: string;
  /** A capture assumption of the namespace (by id), or the DNS answer's unconfirmed way back. */
  readonly about: { readonly assumption: string; readonly port: number } | 'dns-answer-return';
}

export type ZtunnelFact =
  | {
      readonly kind: 'ztunnel';
      readonly step: 'outbound';
      readonly node: string;
      readonly src: Ipv4;
      readonly dst: Endpoint;
      readonly plan: OutboundPlanFact;
      readonly trace: readonly string[];
      readonly log?: string;
      /** The workload entries ztunnel looked up. */
      readonly refs: readonly ListingRef[];
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'hbone-connect';
      readonly from: Endpoint;
      readonly to: Endpoint;
      readonly client: SpiffeId;
      readonly server: SpiffeId;
      readonly authority: string;
      readonly refs: readonly ListingRef[];
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'hbone-terminate';
      readonly origDst: Ipv4;
      readonly server?: SpiffeId;
      readonly client?: SpiffeId;
      readonly authority: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly workload?: Ipv4;
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'connect-refused';
      readonly status: number;
      readonly log: string;
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'plaintext-inbound';
      /** The listener's port (15006). */
      readonly port: number;
      readonly from: Ipv4;
      readonly to: Endpoint;
      readonly trace: readonly string[];
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'hairpin';
      readonly from: Endpoint;
      readonly to: Endpoint;
      readonly authority: string;
      readonly client: SpiffeId;
      readonly trace: readonly string[];
    }
  | {
      readonly kind: 'ztunnel';
      /** ztunnel asks istiod's CA for a certificate it needs (the hairpin's source identity). */
      readonly step: 'certificate';
      readonly identity: SpiffeId;
      readonly node: string;
      readonly granted: boolean;
      readonly error?: string;
    }
  | {
      readonly kind: 'ztunnel';
      readonly step: 'connect-workload';
      readonly process: string;
      readonly from: Endpoint;
      readonly to: Endpoint;
    };

export type OutboundPlanFact =
  | {
      readonly kind: 'to-server-waypoint' | 'direct-hbone';
      readonly gateway: Endpoint;
      readonly authority: string;
      readonly expected: SpiffeId;
    }
  | {
      readonly kind: 'direct-local' | 'plain-tcp' | 'passthrough';
      readonly target: Endpoint;
    }
  | { readonly kind: 'error'; readonly reason: string };

export interface PolicyFact {
  readonly kind: 'policy';
  readonly netns: string;
  readonly engine: 'ztunnel' | 'envoy';
  readonly decision: 'allow' | 'deny' | 'skipped';
  /** The engine's own words for the decision. */
  readonly reason: string;
  /** Who asks: a principal, or undefined for a client without identity. */
  readonly principal?: string;
  /** What is asked for: `ip:port`, or `METHOD path`. */
  readonly target: string;
  readonly evaluated: ReadonlyArray<{
    readonly policy: string;
    readonly action: string;
    readonly matched: boolean;
  }>;
  /** Which component checked, as the hop shows it ("ztunnel on node (inbound side, in memory)"). */
  readonly checker: string;
  /** On ztunnel's node-local fast path (no HBONE), RBAC runs in memory. */
  readonly fastPath?: boolean;
  /** For envoy: the request checked. */
  readonly request?: { readonly method: string; readonly path: string };
  /** For envoy: how each policy the waypoint took is attached to it. */
  readonly attached?: ReadonlyArray<{ readonly policy: string; readonly via: string }>;
  /** Why policy was skipped: the trace. */
  readonly trace?: readonly string[];
  /** Policies that select the destination but were not evaluated (skipped), "ns/name". */
  readonly skipped?: readonly string[];
  /** What istiod left out of the policies on the way to ztunnel (HTTP attributes). */
  readonly dropped?: readonly string[];
  readonly sourceIp?: Ipv4;
}

export type WaypointFact =
  | {
      readonly kind: 'waypoint';
      readonly step: 'terminate';
      readonly pod: string;
      readonly authority: string;
      readonly server: SpiffeId;
      readonly client?: SpiffeId;
      readonly request?: HttpRequestFact;
    }
  | {
      readonly kind: 'waypoint';
      readonly step: 'deny';
      readonly pod: string;
      readonly status: number;
      readonly reason: string;
      readonly body: string;
    }
  | {
      readonly kind: 'waypoint';
      readonly step: 'originate';
      readonly pod: string;
      readonly from: Endpoint;
      readonly to: Endpoint;
      readonly authority: string;
      readonly endpoint: Endpoint;
      readonly viaVip?: Endpoint;
      /** The client the waypoint learned from the incoming CONNECT's Forwarded header. */
      readonly originalClient: Ipv4;
      /** Whether the new CONNECT passes that client on (no release up to 1.20 does). */
      readonly forwardsClient: boolean;
      readonly identity: SpiffeId;
      /**
       * The endpoint takes no HBONE (it is not in the mesh): the request goes to it as plain
       * TCP, without a CONNECT. Absent: HBONE, as to every pod in the mesh.
       */
      readonly plaintext?: true;
    };

/** A proxy passes an answer back to its client, or closes the client's connection. */
export type ProxyReplyFact =
  | {
      readonly kind: 'relay';
      readonly process: string;
      readonly by: 'ztunnel' | 'waypoint';
      readonly status: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'close';
      readonly process: string;
      readonly client: Endpoint;
      readonly cause: CloseCause;
    };

/** Why a proxy closes its client's connection. */
export type CloseCause =
  | { readonly kind: 'fast-path-rbac'; readonly reason: string }
  | { readonly kind: 'certificate'; readonly error: string }
  | { readonly kind: 'plaintext-rbac'; readonly log: string }
  | { readonly kind: 'connect-status'; readonly status: number }
  | { readonly kind: 'upstream-closed' };

/**
 * What a combination teaches, noticed by a process on the way (shown beside the walk). Facts,
 * like the hops': `narrate/lessons.ts` words them.
 */
export type Lesson =
  | { readonly kind: 'client-waypoint-skipped'; readonly waypoints: readonly string[] }
  | { readonly kind: 'same-node-fast-path' }
  | { readonly kind: 'deny-cannot-match-plaintext' }
  /** An L7-only DENY reaches ztunnel as an empty match, which never matches (istio/istio#61126). */
  | { readonly kind: 'l7-deny-no-effect'; readonly policies: readonly string[] }
  /** The waypoint's CONNECT carries no Forwarded header: the destination sees the waypoint. */
  | { readonly kind: 'waypoint-hides-client'; readonly waypoint: Ipv4 }
  | { readonly kind: 'hairpin-certificate-refused'; readonly node: string }
  | { readonly kind: 'no-dns-proxy'; readonly release: string }
  | { readonly kind: 'waypoint-skips-l4-policy'; readonly policies: readonly string[] }
  | { readonly kind: 'plaintext-hairpin-to-waypoint' };
