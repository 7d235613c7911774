/**
 * A packet as rows of (layer, field, value), outermost layer first, so the inspector can put
 * "before" and "after" side by side and highlight what changed.
 */
import { hex, spiffeText, type IpPacket, type StreamLayer } from '../../model';

export type LayerKind = 'l2' | 'geneve' | 'ip' | 'l4' | 'skb' | 'tls' | 'connect' | 'http' | 'dns';

export interface PacketRow {
  readonly key: string;
  readonly layer: LayerKind;
  readonly layerLabel: string;
  readonly field: string;
  readonly value: string;
}

const CB4_NAMES: Record<number, string> = {
  4321: 'OUTBOUND_CB',
  1234: 'INBOUND_CB',
  [0xc001f00d]: 'BYPASS_CB',
};

function markText(mark: number): string {
  return mark === 0 ? '0x0' : `${hex(mark)} (${mark})`;
}

function streamRows(layers: readonly StreamLayer[], prefix: string): PacketRow[] {
  const rows: PacketRow[] = [];
  layers.forEach((l, i) => {
    const k = `${prefix}s${i}.${l.kind}`;
    switch (l.kind) {
      case 'tls':
        rows.push({
          key: `${k}.v`,
          layer: 'tls',
          layerLabel: 'mTLS',
          field: 'version / ALPN',
          value: `${l.version} / ${l.alpn}`,
        });
        rows.push({
          key: `${k}.c`,
          layer: 'tls',
          layerLabel: 'mTLS',
          field: 'client',
          value: spiffeText(l.client),
        });
        rows.push({
          key: `${k}.s`,
          layer: 'tls',
          layerLabel: 'mTLS',
          field: 'server',
          value: spiffeText(l.server),
        });
        break;
      case 'h2-connect':
        rows.push({
          key: `${k}.a`,
          layer: 'connect',
          layerLabel: 'HTTP/2 CONNECT',
          field: ':authority',
          value: l.authority,
        });
        for (const [h, v] of Object.entries(l.headers)) {
          rows.push({
            key: `${k}.h.${h}`,
            layer: 'connect',
            layerLabel: 'HTTP/2 CONNECT',
            field: h,
            value: v,
          });
        }
        break;
      case 'h2-response':
        rows.push({
          key: `${k}.st`,
          layer: 'connect',
          layerLabel: 'HTTP/2 CONNECT',
          field: ':status',
          value: String(l.status),
        });
        break;
      case 'http-request':
        rows.push({
          key: `${k}.rl`,
          layer: 'http',
          layerLabel: 'HTTP',
          field: 'request',
          value: `${l.method} ${l.path} HTTP/1.1`,
        });
        rows.push({
          key: `${k}.host`,
          layer: 'http',
          layerLabel: 'HTTP',
          field: 'Host',
          value: l.host,
        });
        break;
      case 'http-response':
        rows.push({
          key: `${k}.st`,
          layer: 'http',
          layerLabel: 'HTTP',
          field: 'status',
          value: `${l.status} ${l.reason}`,
        });
        if (l.body)
          rows.push({
            key: `${k}.body`,
            layer: 'http',
            layerLabel: 'HTTP',
            field: 'body',
            value: l.body,
          });
        break;
      case 'dns-query':
        rows.push({
          key: `${k}.q`,
          layer: 'dns',
          layerLabel: 'DNS',
          field: 'query',
          value: `${l.name} ${l.qtype}`,
        });
        break;
      case 'dns-answer':
        rows.push({
          key: `${k}.a`,
          layer: 'dns',
          layerLabel: 'DNS',
          field: 'answer',
          value: `${l.name} A ${l.answer}`,
        });
        break;
    }
  });
  return rows;
}

function ipRows(p: IpPacket, prefix: string, label: string): PacketRow[] {
  const l4 = p.ip.proto.toUpperCase();
  const rows: PacketRow[] = [
    { key: `${prefix}ip.src`, layer: 'ip', layerLabel: label, field: 'src', value: p.ip.src },
    { key: `${prefix}ip.dst`, layer: 'ip', layerLabel: label, field: 'dst', value: p.ip.dst },
    {
      key: `${prefix}l4.sport`,
      layer: 'l4',
      layerLabel: l4,
      field: 'sport',
      value: String(p.l4.sport),
    },
    {
      key: `${prefix}l4.dport`,
      layer: 'l4',
      layerLabel: l4,
      field: 'dport',
      value: String(p.l4.dport),
    },
  ];
  if (p.l4.flags)
    rows.push({
      key: `${prefix}l4.flags`,
      layer: 'l4',
      layerLabel: l4,
      field: 'flags',
      value: p.l4.flags,
    });
  return rows;
}

/** The packet's rows: skb metadata, L2 when tracked, outer GENEVE, IP/L4, then what the stream carries. */
export function packetRows(p: IpPacket): PacketRow[] {
  const rows: PacketRow[] = [
    {
      key: 'skb.mark',
      layer: 'skb',
      layerLabel: 'skb',
      field: 'mark',
      value: markText(p.skb.mark),
    },
    {
      key: 'skb.connmark',
      layer: 'skb',
      layerLabel: 'skb',
      field: 'connmark',
      value: markText(p.skb.connmark),
    },
  ];
  if (p.skb.cb4 !== undefined) {
    rows.push({
      key: 'skb.cb4',
      layer: 'skb',
      layerLabel: 'skb',
      field: 'cb[4]',
      value: CB4_NAMES[p.skb.cb4] ?? String(p.skb.cb4),
    });
  }
  if (p.skb.assignedSocket) {
    rows.push({
      key: 'skb.sk',
      layer: 'skb',
      layerLabel: 'skb',
      field: 'socket',
      value: p.skb.assignedSocket.split('|').pop() ?? '',
    });
  }
  if (p.eth)
    rows.push({
      key: 'eth.dst',
      layer: 'l2',
      layerLabel: 'Ethernet',
      field: 'dst MAC',
      value: p.eth.dst,
    });
  if (p.payload.kind === 'geneve') {
    rows.push(...ipRows(p, 'outer.', 'outer IP'));
    rows.push({
      key: 'geneve.vni',
      layer: 'geneve',
      layerLabel: 'GENEVE',
      field: 'VNI',
      value: String(p.payload.vni),
    });
    // The inner packet keeps the keys it had before encapsulation, so encap and decap show as
    // layers added or removed around an unchanged packet.
    const inner = p.payload.inner;
    rows.push(...ipRows(inner, '', 'inner IP'));
    if (inner.payload.kind === 'stream') rows.push(...streamRows(inner.payload.layers, ''));
    return rows;
  }
  rows.push(...ipRows(p, '', 'IP'));
  rows.push(...streamRows(p.payload.layers, ''));
  return rows;
}

export interface PacketDiffRow {
  /** 'added' and 'removed' rows are layers that appeared or went away (encap, decap). */
  readonly status: 'same' | 'changed' | 'added' | 'removed';
  readonly key: string;
  readonly layer: LayerKind;
  readonly layerLabel: string;
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
  readonly changed: boolean;
}

/** Before and after aligned by field, in the after-packet's order, then fields that went away. */
export function packetDiff(before: IpPacket | null, after: IpPacket | null): PacketDiffRow[] {
  const b = before ? packetRows(before) : [];
  const a = after ? packetRows(after) : [];
  const bMap = new Map(b.map((r) => [r.key, r]));
  const aKeys = new Set(a.map((r) => r.key));
  const rows: PacketDiffRow[] = a.map((r) => {
    const prev = bMap.get(r.key);
    const status: PacketDiffRow['status'] =
      before === null ? 'same' : !prev ? 'added' : prev.value !== r.value ? 'changed' : 'same';
    return {
      status,
      key: r.key,
      layer: r.layer,
      layerLabel: r.layerLabel,
      field: r.field,
      ...(prev ? { before: prev.value } : {}),
      after: r.value,
      changed: status !== 'same',
    };
  });
  for (const r of b) {
    if (aKeys.has(r.key)) continue;
    const status: PacketDiffRow['status'] = after === null ? 'same' : 'removed';
    rows.push({
      status,
      key: r.key,
      layer: r.layer,
      layerLabel: r.layerLabel,
      field: r.field,
      before: r.value,
      changed: status !== 'same',
    });
  }
  return rows;
}
