/**
 * The packet as the kernel and the proxies see it: an IP header, a transport header, the skb's
 * metadata (mark, `cb[4]`, the conntrack mark), and a payload that is either another packet
 * (GENEVE) or the bytes a TCP connection carries (TLS, HTTP/2 CONNECT, HTTP, DNS).
 *
 * HBONE carries a byte stream, not packets: the inner IP/TCP headers of sleep's connection are
 * not on the wire between the ztunnels; only what the connection carries is. The model says so
 * by putting HBONE's layers in `stream`, not in a nested packet.
 */
import type { Ipv4, Mac } from './addresses';

export type TransportProto = 'tcp' | 'udp';
export type TcpFlags = 'SYN' | 'SYN,ACK' | 'ACK' | 'PSH,ACK' | 'RST' | 'RST,ACK' | 'FIN,ACK';

export interface SpiffeId {
  readonly trustDomain: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export function spiffeText(id: SpiffeId): string {
  return `spiffe://${id.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;
}

/** The principal form AuthorizationPolicy matches: no scheme. */
export function principalText(id: SpiffeId): string {
  return `${id.trustDomain}/ns/${id.namespace}/sa/${id.serviceAccount}`;
}

export type StreamLayer =
  | {
      readonly kind: 'tls';
      readonly version: 'TLS 1.3';
      readonly alpn: 'h2';
      readonly client: SpiffeId;
      readonly server: SpiffeId;
    }
  | {
      readonly kind: 'h2-connect';
      readonly authority: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'http-request';
      readonly method: string;
      readonly path: string;
      readonly host: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'h2-response'; readonly status: number }
  | {
      readonly kind: 'http-response';
      readonly status: number;
      readonly reason: string;
      readonly body?: string;
    }
  | { readonly kind: 'dns-query'; readonly name: string; readonly qtype: 'A' }
  | {
      readonly kind: 'dns-answer';
      readonly name: string;
      readonly answer: Ipv4;
    };

export type Payload =
  /** A GENEVE-encapsulated inner packet (outer UDP to port 6081). */
  | { readonly kind: 'geneve'; readonly vni: number; readonly inner: IpPacket }
  /** What this segment's connection carries, outermost first. Empty for a bare SYN. */
  | { readonly kind: 'stream'; readonly layers: readonly StreamLayer[] };

export interface SkbMeta {
  /** skb->mark */
  readonly mark: number;
  /** The mark of the conntrack entry this packet belongs to, in the current netns. */
  readonly connmark: number;
  /** skb->cb[4], the scratch word the ambient eBPF programs pass between hooks. */
  readonly cb4?: number;
  /** A socket the packet was assigned to (TPROXY or bpf_sk_assign): "ip:port". */
  readonly assignedSocket?: string;
  /** The conntrack zone `-j CT --zone N` put the packet in (zone 0 when absent). */
  readonly ctZone?: number;
}

export interface IpPacket {
  /** Only tracked where it matters: eBPF rewrites the destination MAC. */
  readonly eth?: { readonly dst: Mac };
  readonly ip: { readonly src: Ipv4; readonly dst: Ipv4; readonly proto: TransportProto };
  readonly l4: { readonly sport: number; readonly dport: number; readonly flags?: TcpFlags };
  readonly skb: SkbMeta;
  /**
   * What this segment's connection is carrying; for a SYN, what it will carry once established
   * (so a reader sees the request the handshake is for).
   */
  readonly payload: Payload;
}

export interface FiveTuple {
  readonly proto: TransportProto;
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
}

export function tupleOf(p: IpPacket): FiveTuple {
  return { proto: p.ip.proto, src: p.ip.src, sport: p.l4.sport, dst: p.ip.dst, dport: p.l4.dport };
}

export function invertTuple(t: FiveTuple): FiveTuple {
  return { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };
}

export function tupleKey(t: FiveTuple): string {
  return `${t.proto} ${t.src}:${t.sport}>${t.dst}:${t.dport}`;
}

export function sameTuple(a: FiveTuple, b: FiveTuple): boolean {
  return tupleKey(a) === tupleKey(b);
}

/** `10.244.2.4:43210 → 10.96.184.142:8000` */
export function endpointsText(p: IpPacket): string {
  return `${p.ip.src}:${p.l4.sport} → ${p.ip.dst}:${p.l4.dport}`;
}

/** The packet's innermost IP packet (through any GENEVE layers). */
export function innermost(p: IpPacket): IpPacket {
  return p.payload.kind === 'geneve' ? innermost(p.payload.inner) : p;
}

export function streamLayers(p: IpPacket): readonly StreamLayer[] {
  const inner = innermost(p);
  return inner.payload.kind === 'stream' ? inner.payload.layers : [];
}

/** Returns a copy with the skb mark replaced. */
export function withMark(p: IpPacket, mark: number): IpPacket {
  return { ...p, skb: { ...p.skb, mark: mark >>> 0 } };
}

export function withSkb(p: IpPacket, skb: Partial<SkbMeta>): IpPacket {
  return { ...p, skb: { ...p.skb, ...skb } };
}

/**
 * The leaf fields that differ between two packets, as dotted paths (`ip.dst`, `skb.mark`,
 * `payload.inner.l4.dport`). Used to check that a hop changed exactly what it says it changed.
 */
export function diffPackets(before: IpPacket | null, after: IpPacket | null): string[] {
  const out: string[] = [];
  walkDiff(before, after, '', out);
  return out;
}

function walkDiff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (a === b) return;
  const aObj = typeof a === 'object' && a !== null;
  const bObj = typeof b === 'object' && b !== null;
  if (!aObj || !bObj) {
    out.push(path || '(packet)');
    return;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
    return;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const key of keys) {
    walkDiff(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
      out,
    );
  }
}

/** True when `changed` is covered by one of the claimed paths (a claim covers its subtree). */
export function isClaimed(changed: string, claims: readonly string[]): boolean {
  return claims.some((c) => c === '*' || changed === c || changed.startsWith(`${c}.`));
}
